// The linker (link.hpp): scores control-list entries for a measure.
//
// A measure's content words, and the regulation words its analysts' words stand for
// (vocabulary synonyms), are looked up in the entries. An entry scores the inverse
// document frequency of each word found in its own text in full, of a word found only
// in its ancestors' headings at a fraction (so a sub-item wins only when its own words
// match more than its parent's do: the most specific entry that fits), of a word found
// only in its notes at a small fraction; a pair of adjacent words found adjacent in
// the entry adds a bonus; the own-text part is normalized for length as in BM25. An
// item the knowledge ties to an entry (items.tsv) and a code the text names lift that
// entry. Entries of the list whose authority took the measure come first.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "dualdex/index/database.hpp"
#include "dualdex/index/shards.hpp"
#include "dualdex/index/schema.hpp"
#include "dualdex/index/stored.hpp"
#include "dualdex/ingest/cjk.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/hash.hpp"
#include "dualdex/ingest/knowledge.hpp"
#include "dualdex/ingest/pipeline.hpp"
#include "dualdex/ingest/segment.hpp"
#include "dualdex/query/link.hpp"
#include "link_catalog.hpp"
#include "link_hints.hpp"
#include "link_vocabulary.hpp"
#include "link_words.hpp"

namespace dualdex::query {
namespace schema = index::schema;
using link::Catalog;
using link::Entry;
using link::kNoEntry;
using link::Word;

namespace {

// Weights of the scoring (see the file comment). They are properties of list texts in
// general (a heading describes its sub-items; notes qualify, they do not describe).
/// Bump when the linker's logic changes (its weights are in the fingerprint already).
constexpr const char* kLinkerVersion = "linker-7";
constexpr std::size_t kMaxCodeLength = 64;  ///< longer runs of letters, digits, dots are no code
constexpr std::size_t kMaxText = 20000;     ///< bytes of a text linked (a story's opening)
constexpr double kLevelStep = 1.0;          ///< a sub-item must add this much to beat its parent
constexpr double kCoverage = 15.0;          ///< the share of the entry's heading the measure names
constexpr double kNoteWeight = 0.25;        ///< a word only in the entry's notes
constexpr double kPairWeight = 0.5;         ///< adjacent pair, times the pair's mean idf
constexpr double kItemBonus = 12.0;         ///< a known item → entry link
constexpr double kCodeBonus = 12.0;         ///< the text names the code
constexpr double kOtherList = 0.7;          ///< a list of another authority than the measure's
constexpr double kUnnamedGroup =
    0.6;  ///< a software/technology entry for a measure that names neither
/// An entry fits only when the measure's words found at least this many times the idf of
/// a word that one entry has (log N: 8.3 for the EU and US lists together), at least two
/// of its words (or a known item or code) met it, and with the heading share it scores
/// kMinScoreShare times that.
constexpr double kMinFoundShare = 0.95;
constexpr double kMinScoreShare = 1.4;
constexpr double kKeepRatio = 0.4;      ///< links kept down to this share of the best
constexpr double kScoreScale = 20.0;    ///< raw score → [0,1]: 1 - exp(-raw / scale)
constexpr double kBackingWeight = 0.1;  ///< a synonym whose words the lists use themselves
constexpr double kSynonymWeight = 0.9;  ///< a regulation word reached through a synonym

struct Term {
  std::string stem;
  double weight = 1;
  std::string why;  ///< "words" | "synonym"
  std::size_t begin = 0, end = 0;
  std::string via;  ///< the synonym's regulation words
};

struct Match {
  std::size_t term;
  std::string why;  ///< words | synonym | context | note
  double value;
};

struct Candidate {
  std::int32_t entry;
  double raw = 0;
  double found = 0;  ///< raw before the heading-coverage share: what the measure's words found
  std::vector<Match> matches;
  std::vector<std::string> pairs;
  bool item = false, code = false;
  std::string item_id, code_text;
};

std::string country_of(const std::string& authority) {
  const auto dot = authority.find('.');
  return dot == std::string::npos ? authority : authority.substr(0, dot);
}

std::string slice(const std::string& text, std::size_t b, std::size_t e) {
  if (b >= text.size() || e <= b) return {};
  return text.substr(b, std::min(e, text.size()) - b);
}

}  // namespace

std::filesystem::path default_vocabulary_path() {
  if (const char* env = std::getenv("DUALDEX_LINK_VOCABULARY"); env != nullptr && *env) return env;
  return std::filesystem::path(DUALDEX_DEFAULT_LINK_VOCABULARY);
}

struct Linker::Impl {
  LinkOptions options;
  Xapian::Database db;
  link::Vocabulary vocabulary;
  std::unique_ptr<link::WordMaker> maker;
  std::unique_ptr<Catalog> catalog;
  std::unique_ptr<ingest::Pipeline> pipeline;
  std::string fingerprint;
  // Vocabulary phrases as stems.
  std::vector<std::vector<std::string>> synonym_stems;
  std::vector<std::vector<std::vector<std::string>>> expansion_stems;
  std::vector<std::vector<std::string>> export_stems, other_stems, whole_list_stems;
  std::map<char, std::vector<std::vector<std::string>>> group_stems;
  std::string export_stem;  ///< "export", stemmed

  std::vector<std::string> missing_shards;  ///< shards left out (allow_partial)
  std::shared_ptr<void> keep_alive;          ///< index::OpenedIndex::keep_alive

  Impl(const std::string& path, LinkOptions o) : options(std::move(o)) {
    index::OpenedIndex opened = index::open_index(path, options.allow_partial);
    db = std::move(opened.db);
    for (const auto& m : opened.missing) missing_shards.push_back(m.name);
    keep_alive = std::move(opened.keep_alive);
    vocabulary = link::Vocabulary::load(options.vocabulary.empty() ? default_vocabulary_path()
                                                                   : options.vocabulary);
    maker = std::make_unique<link::WordMaker>(vocabulary);
    try {
      catalog = std::make_unique<Catalog>(db, *maker);
    } catch (const Xapian::Error& e) {
      index::throw_index_error("reading the control-list entries of " + path, e);
    }
    if (options.knowledge)
      pipeline = std::make_unique<ingest::Pipeline>(ingest::PipelineOptions{options.knowledge});
    // The weights and the linker's version are part of the fingerprint: a dualdex that
    // ranks differently relinks.
    std::string weights = std::string(kLinkerVersion) + ' ';
    for (const double w : {kLevelStep, kCoverage, kBackingWeight, kNoteWeight, kPairWeight,
                           kItemBonus, kCodeBonus, kOtherList, kUnnamedGroup, kMinFoundShare,
                           kMinScoreShare, kKeepRatio, kScoreScale, kSynonymWeight}) {
      weights += std::to_string(w) + ' ';
    }
    // The knowledge too: its items name entries (items.tsv) and its extractors read the text.
    fingerprint =
        stable_hash(catalog->fingerprint() + '\n' + vocabulary.fingerprint + '\n' + weights + '\n' +
                    (options.knowledge ? options.knowledge->version() : std::string("none")));
    for (const auto& s : vocabulary.synonyms) {
      synonym_stems.push_back(maker->stems(s.phrase));
      std::vector<std::vector<std::string>> ex;
      for (const auto& e : s.expansions) ex.push_back(maker->stems(e));
      expansion_stems.push_back(std::move(ex));
    }
    for (const auto& p : vocabulary.export_cues) export_stems.push_back(maker->stems(p));
    export_stem = maker->stem("export");
    for (const auto& p : vocabulary.other_cues) other_stems.push_back(maker->stems(p));
    for (const auto& p : vocabulary.whole_list) whole_list_stems.push_back(maker->stems(p));
    for (const auto& [group, phrases] : vocabulary.groups) {
      for (const auto& p : phrases) group_stems[group].push_back(maker->stems(p));
    }
  }

  /// Index of the first phrase of `phrases` found in words, or -1.
  static int find_phrase(const std::vector<Word>& words,
                         const std::vector<std::vector<std::string>>& phrases,
                         std::size_t* at = nullptr) {
    for (std::size_t i = 0; i < words.size(); ++i) {
      for (std::size_t p = 0; p < phrases.size(); ++p) {
        if (link::phrase_at(words, i, phrases[p])) {
          if (at != nullptr) *at = i;
          return static_cast<int>(p);
        }
      }
    }
    return -1;
  }

  /// The list ids whose authority is (or has as member) the measure's authority country.
  std::set<std::string> lists_of(const std::string& authority) const {
    std::set<std::string> out;
    const std::string country = country_of(authority);
    if (country.empty()) return out;
    for (const auto& [id, meta] : catalog->lists()) {
      const std::string list_country = country_of(meta.first);
      if (list_country == country) out.insert(id);
      if (auto it = vocabulary.members.find(list_country);
          it != vocabulary.members.end() && it->second.count(country))
        out.insert(id);
    }
    return out;
  }

  std::string sentence_of(const std::string& text, const std::vector<ingest::Span>& sentences,
                          std::size_t pos) const {
    for (const auto& s : sentences) {
      if (pos >= s.begin && pos < s.end) return slice(text, s.begin, s.end);
    }
    return text;
  }

  LinkResult run(const std::string& label, const std::string& raw_text, MeasureHints hints) const {
    LinkResult result = run_on_shards(label, raw_text, std::move(hints));
    result.missing_shards = missing_shards;
    return result;
  }

  LinkResult run_on_shards(const std::string& label, const std::string& raw_text, MeasureHints hints) const {
    LinkResult result;
    result.measure = label;
    if (catalog->entries().empty()) {
      result.abstained =
          "no control list in the index (load one with: dualdex ingest --input-format control-list "
          "…)";
      return result;
    }
    if (options.baseline) return baseline(label, raw_text);

    // The text as the extractors see it, with the spans of names and dates; a long text
    // is linked by its opening.
    std::map<std::string, std::pair<std::size_t, std::size_t>> item_spans;  // item → its words
    std::string text = raw_text;
    if (text.size() > kMaxText) {
      std::size_t cut = kMaxText;
      while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
      text.resize(cut);
    }
    std::vector<std::pair<std::size_t, std::size_t>> excluded;
    // Items named in Chinese or Japanese: the lists are in English, so such an item
    // speaks through its id, an English slug ("rare-earths" → rare, earths).
    std::vector<std::pair<std::string, std::pair<std::size_t, std::size_t>>> cjk_items;
    if (pipeline) {
      ingest::Document doc;
      doc.id = "link:text";
      doc.blocks.push_back(ingest::Block{ingest::BlockKind::paragraph, text});
      const ingest::AnnotatedDocument a = pipeline->process(std::move(doc));
      text = a.text;
      for (const auto& m : a.mentions) {
        using ingest::MentionType;
        switch (m.type) {
          case MentionType::country:
          case MentionType::agency:
          case MentionType::organisation:
          case MentionType::person:
          case MentionType::date:
          case MentionType::amount:
          case MentionType::instrument:
            excluded.emplace_back(m.begin, m.end);
            break;
          case MentionType::item:
            if (std::find(hints.items.begin(), hints.items.end(), m.id) == hints.items.end())
              hints.items.push_back(m.id);
            item_spans.emplace(m.id, std::make_pair(m.begin, m.end));
            if (ingest::has_cjk(m.text)) cjk_items.emplace_back(m.id, std::make_pair(m.begin, m.end));
            break;
          default:
            break;
        }
      }
      if (hints.authority.empty() && !a.measures.empty())
        hints.authority = a.measures.front().authority;
      if (hints.authority.empty()) {
        for (const auto& m : a.mentions) {
          if (m.type == ingest::MentionType::agency) {
            hints.authority = m.id;
            break;
          }
        }
      }
      if (hints.authority.empty() && !a.about_countries.empty())
        hints.authority = a.about_countries.front();
    }
    const auto sentences = ingest::split_sentences(text, "en");
    std::vector<Word> words = maker->words(text);
    for (const auto& [id, span] : cjk_items) {
      std::string slug = id;
      std::replace(slug.begin(), slug.end(), '-', ' ');
      // After the item's own characters (so that phrases over them still match), with
      // their span (the evidence shows the characters).
      const std::size_t item_end = span.second;
      auto at = std::find_if(words.begin(), words.end(),
                             [item_end](const Word& w) { return w.begin >= item_end; });
      std::vector<Word> added = maker->words(slug);
      for (Word& w : added) {
        w.begin = span.first;
        w.end = span.second;
      }
      words.insert(at, added.begin(), added.end());
    }
    // Words inside a name or date are not words of the item (one sweep: both are sorted).
    std::sort(excluded.begin(), excluded.end());
    {
      std::size_t x = 0;
      std::size_t reach = 0;  // furthest end of the spans starting at or before the word
      for (Word& w : words) {
        while (x < excluded.size() && excluded[x].first <= w.begin)
          reach = std::max(reach, excluded[x++].second);
        if (w.end <= reach) w.stop = true;
      }
    }

    // Not an export control: a tariff, a subsidy, an import ban — unless the text
    // also speaks of export licences or the like.
    std::size_t cue_at = 0;
    if (const int other = find_phrase(words, other_stems, &cue_at);
        other >= 0 && find_phrase(words, export_stems) < 0) {
      result.abstained =
          "not an export control: " + vocabulary.other_cue_texts[static_cast<std::size_t>(other)];
      return result;
    }

    // Codes the text names ("3B001.f.1" may be split into words: take the longest code
    // written from each word that the lists have).
    std::vector<std::string> named_codes;
    for (Word& w : words) {
      std::size_t end = w.begin;
      while (end < text.size() && end - w.begin < kMaxCodeLength &&
             (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '.' ||
              text[end] == '-'))
        ++end;
      // The longest code written from here: "3B001.f.1", "MOFCOM-2023-23.1", the "9A012"
      // of "9A012-controlled".
      for (std::string code = slice(text, w.begin, end); !code.empty();) {
        while (!code.empty() && (code.back() == '.' || code.back() == '-')) code.pop_back();
        if (code.empty()) break;
        if (catalog->by_code(code) != nullptr) {
          named_codes.push_back(code);
          for (std::size_t k = static_cast<std::size_t>(&w - words.data()); k < words.size(); ++k) {
            if (words[k].end > w.begin + code.size()) break;
            words[k].stop = true;  // a code is not a word
          }
          break;
        }
        const auto cut = code.find_last_of(".-");
        if (cut == std::string::npos) break;
        code.resize(cut);
      }
    }

    if (hints.action == "protest" || hints.action == "retaliation") {
      result.abstained = "not an export control: a " + hints.action;
      return result;
    }
    if (hints.require_export_context && hints.items.empty() && named_codes.empty() &&
        hints.codes.empty() && find_phrase(words, export_stems) < 0 &&
        std::none_of(words.begin(), words.end(),
                     [&](const Word& w) { return w.stem == export_stem; })) {
      result.abstained =
          "not an export control: the measure names no export, controlled item or code";
      return result;
    }

    // Terms: the text's content words, and the regulation words of its synonyms.
    std::vector<Term> terms;
    std::unordered_map<std::string, std::size_t> term_of;
    std::vector<std::pair<std::string, std::string>> pairs;  // "a b" → why
    auto add_term = [&](Term t) {
      if (auto it = term_of.find(t.stem); it != term_of.end()) {
        if (terms[it->second].weight < t.weight) terms[it->second] = std::move(t);
        return;
      }
      term_of.emplace(t.stem, terms.size());
      terms.push_back(std::move(t));
    };
    const Word* previous = nullptr;
    for (const Word& w : words) {
      if (w.stop) continue;
      add_term(Term{w.stem, 1.0, "words", w.begin, w.end, {}});
      if (previous != nullptr) pairs.emplace_back(previous->stem + ' ' + w.stem, "words");
      previous = &w;
    }
    for (std::size_t i = 0; i < words.size(); ++i) {
      for (std::size_t s = 0; s < synonym_stems.size(); ++s) {
        if (!link::phrase_at(words, i, synonym_stems[s])) continue;
        const auto& syn = vocabulary.synonyms[s];
        const std::size_t b = words[i].begin, e = words[i + synonym_stems[s].size() - 1].end;
        // The analyst's words are the lists' own words too ("rebreathers"): they speak for
        // themselves and the expansion only backs them up.
        // (A phrase of stop words only, such as Chinese or Japanese characters, never is.)
        bool own_words = false;
        for (std::size_t k = 0; k < synonym_stems[s].size(); ++k) {
          if (words[i + k].stop) continue;
          own_words = catalog->postings(synonym_stems[s][k]) != nullptr;
          if (!own_words) break;
        }
        const double backing = own_words ? kBackingWeight : 1.0;
        for (std::size_t x = 0; x < expansion_stems[s].size(); ++x) {
          // An expansion stands for the analyst's phrase: its words share the phrase's
          // weight (a four-word expansion does not weigh four times one word).
          std::size_t content = 0;
          for (std::size_t k = 0; k < expansion_stems[s][x].size(); ++k) {
            if (!maker->is_stop(maker->normalize(syn.expansions[x][k]))) ++content;
          }
          // … and a phrase with many readings is less sure of each.
          const double weight = backing * kSynonymWeight /
                                std::sqrt(static_cast<double>(std::max<std::size_t>(1, content))) /
                                std::sqrt(static_cast<double>(expansion_stems[s].size()));
          std::string prev;
          for (std::size_t k = 0; k < expansion_stems[s][x].size(); ++k) {
            const std::string& stem = expansion_stems[s][x][k];
            if (maker->is_stop(maker->normalize(syn.expansions[x][k]))) continue;
            add_term(Term{stem, weight, "synonym", b, e, syn.expansion_texts[x]});
            if (!prev.empty()) pairs.emplace_back(prev + ' ' + stem, "synonym");
            prev = stem;
          }
        }
      }
    }

    const auto& entries = catalog->entries();
    std::unordered_set<std::string> measure_pairs;
    for (const auto& [pair, why] : pairs) measure_pairs.insert(pair);
    // What each entry's own text matches: terms, terms only in its notes, a known
    // item → entry link, a code the text names.
    struct Own {
      std::vector<std::size_t> terms, notes;
      std::string item, code;
    };
    std::unordered_map<std::int32_t, Own> own;
    for (std::size_t t = 0; t < terms.size(); ++t) {
      const auto* post = catalog->postings(terms[t].stem);
      if (post == nullptr || catalog->idf(terms[t].stem) <= 0) continue;
      // A word found under two branches of one entry does not tell the branches apart:
      // it counts for the entry above them ("a. … axis …; b.2.c … axis …" → their parent).
      std::unordered_map<std::int32_t, std::unordered_set<std::int32_t>> branches;
      std::unordered_set<std::int32_t> having;
      for (const auto& p : *post) {
        (p.own ? own[p.entry].terms : own[p.entry].notes).push_back(t);
        if (!p.own) continue;
        having.insert(p.entry);
        for (std::int32_t child = p.entry, up = entries[static_cast<std::size_t>(p.entry)].parent;
             up != kNoEntry; child = up, up = entries[static_cast<std::size_t>(up)].parent) {
          branches[up].insert(child);
        }
      }
      for (const auto& [above, from] : branches) {
        if (from.size() >= 2 && having.count(above) == 0) own[above].terms.push_back(t);
      }
    }
    if (options.knowledge) {
      for (const auto& item : hints.items) {
        for (const auto& lc : options.knowledge->item_codes(item)) {
          const auto colon = lc.find(':');
          const std::int32_t e = catalog->find(lc.substr(0, colon), lc.substr(colon + 1));
          if (e != kNoEntry) own[e].item = item;
        }
      }
    }
    auto named_code = [&](const std::string& code) {
      if (const auto* same = catalog->by_code(code)) {
        for (auto e : *same) own[e].code = code;
      }
    };
    for (const auto& code : named_codes) named_code(code);
    for (const auto& code : hints.codes) named_code(code);

    // An entry stands for itself and its ancestors (a sub-item is a kind of its parent):
    // it scores what its whole path matches, each term once, less a step per level, so
    // a sub-item wins only when its own words add to what its parent matched.
    std::unordered_map<std::int32_t, Candidate> cand;
    for (const auto& [e, o] : own) {
      Candidate c;
      c.entry = e;
      std::vector<bool> seen(terms.size(), false);
      std::set<std::string> pairs_seen;
      // The path from the top of the tree down to the entry; a term counts at the
      // highest node that has it.
      std::vector<std::int32_t> path;
      for (std::int32_t node = e; node != kNoEntry;
           node = entries[static_cast<std::size_t>(node)].parent)
        path.push_back(node);
      std::reverse(path.begin(), path.end());
      const std::size_t depth = path.size();
      for (const std::int32_t node : path) {
        const auto it = own.find(node);
        const Entry& n = entries[static_cast<std::size_t>(node)];
        for (const auto& pair : n.pairs) {
          if (measure_pairs.count(pair) == 0 || !pairs_seen.insert(pair).second) continue;
          const auto sp = pair.find(' ');
          c.raw += kPairWeight *
                   (catalog->idf(pair.substr(0, sp)) + catalog->idf(pair.substr(sp + 1))) / 2.0;
          c.pairs.push_back(pair);
        }
        if (it == own.end()) continue;
        for (const std::size_t t : it->second.terms) {
          if (seen[t]) continue;
          seen[t] = true;
          const double value = terms[t].weight * catalog->idf(terms[t].stem);
          c.raw += value;
          c.matches.push_back(Match{t, node == e ? terms[t].why : "context", value});
        }
        if (!it->second.item.empty() && !c.item) {
          c.raw += kItemBonus;
          c.item = true;
          c.item_id = it->second.item;
        }
        if (!it->second.code.empty() && !c.code && node == e) {  // the code named, not its sub-items
          c.raw += kCodeBonus;
          c.code = true;
          c.code_text = it->second.code;
        }
      }
      for (const std::size_t t : o.notes) {
        if (seen[t]) continue;
        const double value = terms[t].weight * catalog->idf(terms[t].stem) * kNoteWeight;
        c.raw += value;
        c.matches.push_back(Match{t, "note", value});
      }
      // How much of what the entry is (its heading) the measure names: "military
      // electronics" is 3A611 itself, not the test equipment "for military electronics".
      const Entry& self = entries[static_cast<std::size_t>(e)];
      double heading_total = 0, heading_met = 0;
      for (const auto& stem : self.heading) {
        const double i = std::max(0.0, catalog->idf(stem));
        heading_total += i;
        if (const auto it = term_of.find(stem); it != term_of.end() && seen[it->second])
          heading_met += i;
      }
      c.found = c.raw;
      if (heading_total > 0) c.raw += kCoverage * heading_met / heading_total;
      c.raw -= kLevelStep * static_cast<double>(depth - 1);
      cand.emplace(e, std::move(c));
    }
    // Software (D) and technology (E) entries fit only a measure that speaks of them.
    std::set<char> named_groups;
    for (const auto& [group, phrases] : group_stems) {
      if (find_phrase(words, phrases) >= 0) named_groups.insert(group);
    }
    for (auto& [e, c] : cand) {
      const std::string& code = entries[static_cast<std::size_t>(e)].code;
      const bool wassenaar = code.size() >= 5 &&
                             std::isdigit(static_cast<unsigned char>(code[0])) &&
                             std::isupper(static_cast<unsigned char>(code[1]));
      if (wassenaar && group_stems.count(code[1]) > 0 && named_groups.count(code[1]) == 0)
        c.raw *= kUnnamedGroup;
    }
    const std::set<std::string> own_lists = lists_of(hints.authority);
    for (auto& [e, c] : cand) {
      if (!own_lists.empty() && own_lists.count(entries[static_cast<std::size_t>(e)].list) == 0)
        c.raw *= kOtherList;
    }

    std::vector<Candidate*> ranked;
    for (auto& [e, c] : cand) ranked.push_back(&c);
    std::sort(ranked.begin(), ranked.end(), [&](const Candidate* a, const Candidate* b) {
      if (a->raw != b->raw) return a->raw > b->raw;
      const Entry& x = entries[static_cast<std::size_t>(a->entry)];
      const Entry& y = entries[static_cast<std::size_t>(b->entry)];
      const bool ox = own_lists.count(x.list) > 0, oy = own_lists.count(y.list) > 0;
      if (ox != oy) return ox;
      if (x.children.empty() != y.children.empty())
        return !x.children.empty();  // the detailed list first
      return std::tie(x.list, x.code) < std::tie(y.list, y.code);
    });

    // A whole-list measure ("all dual-use items") of an authority with a list.
    std::size_t whole_at = 0;
    const int whole_phrase = find_phrase(words, whole_list_stems, &whole_at);
    const bool whole = whole_phrase >= 0;
    if (whole) {
      for (const auto& id : own_lists) {
        Link l;
        l.list = id;
        l.title = catalog->lists().at(id).second;
        l.scope = "list";
        l.score = 1.0;
        const std::size_t last =
            whole_at + whole_list_stems[static_cast<std::size_t>(whole_phrase)].size() - 1;
        l.evidence.push_back(
            LinkEvidence{"scope", slice(text, words[whole_at].begin, words[last].end), l.title,
                         sentence_of(text, sentences, words[whole_at].begin)});
        result.links.push_back(std::move(l));
      }
    }

    const double best = ranked.empty() ? 0.0 : ranked.front()->raw;
    if (std::getenv("DUALDEX_LINK_DEBUG") != nullptr && !ranked.empty()) {
      std::fprintf(stderr, "linkdebug\t%.3f\t%.3f\t%zu\t%s\t%s\n", ranked.front()->found,
                   ranked.front()->raw, ranked.front()->matches.size(),
                   entries[static_cast<std::size_t>(ranked.front()->entry)].code.c_str(),
                   text.substr(0, 60).c_str());
    }
    const double log_n = std::log(static_cast<double>(entries.size()) + 1.0);
    auto fits = [&](const Candidate& c) {
      if (c.item || c.code) return true;
      std::set<std::size_t> distinct;
      for (const auto& m : c.matches) distinct.insert(m.term);
      return distinct.size() >= 2 && c.found >= kMinFoundShare * log_n &&
             c.raw >= kMinScoreShare * log_n;
    };
    std::set<std::string> shown_codes;  // "code" already shown (also_in folds the others)
    // Entries the rest of the document points at through its items (known item → entry
    // links): first under a whole-list measure, after the measure's own entries otherwise.
    std::vector<Link> pointed;
    if (options.knowledge) {
      for (const auto& item : hints.context_items) {
        for (const auto& lc : options.knowledge->item_codes(item)) {
          const auto colon = lc.find(':');
          const std::int32_t e = catalog->find(lc.substr(0, colon), lc.substr(colon + 1));
          if (e == kNoEntry ||
              !shown_codes.insert(link::lower(entries[static_cast<std::size_t>(e)].code)).second)
            continue;
          Candidate c;
          c.entry = e;
          c.raw = kItemBonus * 0.5;
          c.item = true;
          c.item_id = item;
          Link l = make_link(c, text, sentences, terms, item_spans, "pointed");
          if (!hints.context_sentence.empty()) l.evidence.front().sentence = hints.context_sentence;
          pointed.push_back(std::move(l));
        }
      }
    }
    if (whole) {
      for (auto& l : pointed) result.links.push_back(std::move(l));
      pointed.clear();
    }
    for (const Candidate* c : ranked) {
      if (result.links.size() >= options.limit) break;
      if (c->raw < kKeepRatio * best) break;
      if (!fits(*c)) continue;
      const Entry& e = entries[static_cast<std::size_t>(c->entry)];
      if (!shown_codes.insert(link::lower(e.code)).second) continue;
      result.links.push_back(
          make_link(*c, text, sentences, terms, item_spans, whole ? "pointed" : "entry"));
    }
    for (auto& l : pointed) result.links.push_back(std::move(l));
    if (result.links.size() > options.limit) result.links.resize(options.limit);
    if (result.links.empty())
      result.abstained = ranked.empty() ? "no entry fits: no word of the measure is in a list"
                                        : "no entry fits well enough";
    return result;
  }

  Link make_link(const Candidate& c, const std::string& text,
                 const std::vector<ingest::Span>& sentences, const std::vector<Term>& terms,
                 const std::map<std::string, std::pair<std::size_t, std::size_t>>& item_spans,
                 const char* scope) const {
    const auto& entries = catalog->entries();
    const Entry& e = entries[static_cast<std::size_t>(c.entry)];
    Link l;
    l.list = e.list;
    l.code = e.code;
    l.title = e.title;
    l.confirmed = e.confirmed;
    l.scope = scope;
    l.score = std::round((1.0 - std::exp(-c.raw / kScoreScale)) * 1000.0) / 1000.0;
    for (auto p = e.parent; p != kNoEntry; p = entries[static_cast<std::size_t>(p)].parent) {
      l.parents.push_back(entries[static_cast<std::size_t>(p)].code);
    }
    l.also_in = also_in(c.entry);
    if (c.code)
      l.evidence.push_back(LinkEvidence{"code", c.code_text, e.code,
                                        sentence_of(text, sentences, text.find(c.code_text))});
    if (c.item) {
      // The item's words and their sentence when the text names it; else its id (an item
      // of the measure's story).
      const auto span = item_spans.find(c.item_id);
      if (span != item_spans.end() && span->second.second <= text.size()) {
        l.evidence.push_back(LinkEvidence{
            "item", slice(text, span->second.first, span->second.second),
            e.code + " (" + c.item_id + ")", sentence_of(text, sentences, span->second.first)});
      } else {
        l.evidence.push_back(
            LinkEvidence{"item", c.item_id, e.code, first_sentence(text, sentences)});
      }
    }
    // Matched words, strongest first, one evidence per span of the measure.
    std::vector<Match> matches = c.matches;
    std::sort(matches.begin(), matches.end(),
              [](const Match& a, const Match& b) { return a.value > b.value; });
    std::map<std::pair<std::size_t, std::string>, std::size_t> by_span;
    for (const Match& m : matches) {
      const Term& t = terms[m.term];
      // Where the entry has the word: its own text (the measure's words or a synonym),
      // else an ancestor or the sub-items it stands for ("context"), or a note.
      const std::string why = e.own.count(t.stem) > 0 ? t.why
                              : m.why == "note"       ? "note"
                                                      : "context";
      auto key = std::make_pair(t.begin, why);
      std::string entry_word = word_of(e, t.stem);
      if (auto it = by_span.find(key); it != by_span.end()) {
        auto& ev = l.evidence[it->second];
        if (why != "synonym" && !entry_word.empty() &&
            ev.entry.find(entry_word) == std::string::npos)
          ev.entry += ", " + entry_word;
        continue;
      }
      by_span.emplace(key, l.evidence.size());
      l.evidence.push_back(LinkEvidence{why, slice(text, t.begin, t.end),
                                        why == "synonym" ? t.via : entry_word,
                                        sentence_of(text, sentences, t.begin)});
      if (l.evidence.size() >= 8) break;
    }
    return l;
  }

  static std::string first_sentence(const std::string& text,
                                    const std::vector<ingest::Span>& sentences) {
    return sentences.empty() ? text : slice(text, sentences.front().begin, sentences.front().end);
  }

  /// The entry's word for a stem (in the entry, or the ancestor it came from).
  std::string word_of(const Entry& e, const std::string& stem) const {
    const auto& entries = catalog->entries();
    if (auto it = e.surface.find(stem); it != e.surface.end()) return it->second;
    for (auto p = e.parent; p != kNoEntry; p = entries[static_cast<std::size_t>(p)].parent) {
      const Entry& a = entries[static_cast<std::size_t>(p)];
      if (auto it = a.surface.find(stem); it != a.surface.end())
        return it->second + " (" + a.code + ")";
    }
    // A word the entry's sub-items share (it counts for the entry): name one of them.
    std::vector<std::int32_t> below(e.children.begin(), e.children.end());
    for (std::size_t i = 0; i < below.size() && i < 200; ++i) {
      const Entry& d = entries[static_cast<std::size_t>(below[i])];
      if (auto it = d.surface.find(stem); it != d.surface.end())
        return it->second + " (" + d.code + ")";
      below.insert(below.end(), d.children.begin(), d.children.end());
    }
    return stem;
  }

  /// The entry's code in the other lists, where it names the same item.
  std::vector<ListCode> also_in(std::int32_t entry) const {
    std::vector<ListCode> out;
    const auto& entries = catalog->entries();
    const Entry& e = entries[static_cast<std::size_t>(entry)];
    if (const auto* same = catalog->by_code(e.code)) {
      for (auto o : *same) {
        const Entry& other = entries[static_cast<std::size_t>(o)];
        if (o != entry && other.list != e.list && similar(e, other)) out.push_back(ListCode{other.list, other.code});
      }
    }
    return out;
  }

  /// The same code in two lists names the same item when the headings share most words.
  static bool similar(const Entry& a, const Entry& b) {
    if (a.own.empty() || b.own.empty()) return false;
    std::size_t common = 0;
    for (const auto& s : a.own) common += b.own.count(s);
    return static_cast<double>(common) >=
           0.5 * static_cast<double>(std::min(a.own.size(), b.own.size()));
  }

  /// Xapian's default ranking (BM25) over the entries with the measure as the query.
  LinkResult baseline(const std::string& label, const std::string& text) const {
    LinkResult result;
    result.measure = label;
    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_stemmer(Xapian::Stem("english"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_default_op(Xapian::Query::OP_OR);
    Xapian::Query q;
    try {
      q = qp.parse_query(text, 0);
    } catch (const Xapian::Error&) {
      return result;
    }
    try {
      Xapian::Enquire enquire(db);
      enquire.set_query(
          Xapian::Query(Xapian::Query::OP_FILTER, q,
                        Xapian::Query(schema::filter_term(schema::kKind, "lower", "entry"))));
      const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(options.limit));
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        const index::StoredDocument d = index::parse_stored(it.get_document().get_data());
        Link l;
        for (const auto& f : d.meta) {
          if (f.key == "list") l.list = f.value;
          if (f.key == "code") l.code = f.value;
        }
        l.title = d.title;
        l.score = it.get_percent() / 100.0;
        result.links.push_back(std::move(l));
      }
    } catch (const Xapian::Error& e) {
      index::throw_index_error("ranking entries with BM25", e);
    }
    return result;
  }
};

Linker::Linker(const std::string& index_path, LinkOptions options)
    : m_impl(std::make_unique<Impl>(index_path, std::move(options))) {}
Linker::~Linker() = default;

LinkResult Linker::link_text(const std::string& text) const {
  return m_impl->run(text, text, MeasureHints{});
}

LinkResult Linker::link(const std::string& text, const MeasureHints& hints) const {
  return m_impl->run(text, text, hints);
}

std::vector<ListCode> Linker::also_in(const std::string& list, const std::string& code) const {
  const std::int32_t e = m_impl->catalog->find(list, code);
  return e == kNoEntry ? std::vector<ListCode>{} : m_impl->also_in(e);
}

std::size_t Linker::entry_count() const {
  return m_impl->catalog->entries().size();
}
const std::string& Linker::fingerprint() const {
  return m_impl->fingerprint;
}

std::optional<index::StoredDocument> stored_by_id(const Xapian::Database& db,
                                                  const std::string& id) {
  if (id.empty()) return std::nullopt;
  const std::string term = schema::uid_term(id);
  auto it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return std::nullopt;
  return index::parse_stored(db.get_document(*it).get_data());
}

MeasureHints hints_of_measure(const index::StoredDocument& m,
                              const std::optional<index::StoredDocument>& parent) {
  MeasureHints h;
  h.require_export_context = true;
  for (const auto& f : m.meta) {
    if (f.key == "authority") h.authority = f.value;
    if (f.key == "action") h.action = f.value;
  }
  for (const auto& id : m.ids_of(ingest::MentionType::item)) h.items.push_back(id);
  for (const auto& id : m.ids_of(ingest::MentionType::code)) h.codes.push_back(id);
  if (parent) {
    for (const auto& mention : parent->mentions) {
      if (mention.type != ingest::MentionType::item) continue;
      if (std::find(h.items.begin(), h.items.end(), mention.id) != h.items.end()) continue;
      if (std::find(h.context_items.begin(), h.context_items.end(), mention.id) !=
          h.context_items.end())
        continue;
      h.context_items.push_back(mention.id);
      if (h.context_sentence.empty() && mention.end > mention.begin &&
          mention.end <= parent->text.size()) {
        for (const auto& s : ingest::split_sentences(parent->text, "en")) {
          if (mention.begin >= s.begin && mention.begin < s.end)
            h.context_sentence = slice(parent->text, s.begin, s.end);
        }
      }
    }
  }
  return h;
}

LinkResult Linker::link_document(const std::string& id) const {
  try {
    const std::optional<index::StoredDocument> d = stored_by_id(m_impl->db, id);
    if (!d) throw UsageError("no document '" + id + "' in the index (see: dualdex query)");
    if (d->kind == "measure") {
      LinkResult r =
          m_impl->run(id, d->text, hints_of_measure(*d, stored_by_id(m_impl->db, d->parent)));
      r.measure = id;
      return r;
    }
    // Another document: its measures' sentences, else its title and the start of its text.
    std::string text;
    for (const auto& m : d->measures) {
      if (!text.empty()) text += ' ';
      text += m.value("text", std::string());
    }
    if (text.empty()) text = d->title + ". " + d->text;
    MeasureHints hints;
    for (const auto& mention : d->mentions) {
      if (mention.type == ingest::MentionType::item &&
          std::find(hints.context_items.begin(), hints.context_items.end(), mention.id) ==
              hints.context_items.end())
        hints.context_items.push_back(mention.id);
    }
    LinkResult r = m_impl->run(id, text, hints);
    r.measure = id;
    return r;
  } catch (const Xapian::Error& e) {
    index::throw_index_error("linking " + id, e);
  }
}

}  // namespace dualdex::query
