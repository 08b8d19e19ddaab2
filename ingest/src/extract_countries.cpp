// Country and place mentions, the dateline's country, and the decision which countries a
// document is about. The tables come from country_knowledge.cpp; this file holds the
// per-document work: one pass of the phrase matcher over the text (and over the title
// and the dateline), then a few table-driven checks per match, then a score per country.
#include "dualdex/ingest/extract_countries.hpp"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>

#include "country_knowledge.hpp"
#include "dualdex/ingest/tokenize.hpp"

namespace dualdex::ingest {
namespace {

using country::Entry;
using country::Kind;
using country::Rule;
using country::Source;
using country::Tables;

/// A piece of text with its tokens and sentences: the body, the title or the dateline.
struct Segment {
  std::string_view text;
  const std::vector<Token>* tokens;
  const std::vector<Span>* sentences;  ///< nullptr: one sentence
};

/// A country named somewhere in the document, after the checks.
struct Found {
  std::string id;
  Kind kind;
  std::size_t sentence;  ///< index in the body's sentences (title: 0)
  bool title;
  bool in_text = true;  ///< in the body text (a heading there is also `title`)
};

/// Per-country evidence for the about decision.
struct Stat {
  std::string id;
  bool dateline = false;
  int title = 0;
  int name = 0;  ///< names, official forms, abbreviations
  int capital = 0;
  int demonym = 0;
  int place = 0;  ///< cities and regions
  int currency = 0;
  int org = 0;  ///< organisations named after the country
  std::size_t first_sentence = static_cast<std::size_t>(-1);
  int lead = 0;  ///< mentions in the first two sentences
  double score = 0;
};

bool is_place_source(Source s) {
  return s == Source::news_places || s == Source::time_zones || s == Source::subdivisions;
}

bool only_spaces(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c == ' '; });
}

std::string upper(std::string_view s) {
  if (std::all_of(s.begin(), s.end(), [](char c) {
        return !(c >= 'a' && c <= 'z') && static_cast<unsigned char>(c) < 0x80;
      })) {
    return std::string(s);
  }
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toUpper(icu::Locale::getEnglish());
  std::string out;
  u.toUTF8String(out);
  return out;
}

/// The about decision: a linear score per country named in the document (not the
/// dateline's, which is always in). Weights fitted by logistic regression on the
/// Reuters-21578 training split and rounded (docs/QUALITY.md); ln = natural log.
struct AboutWeights {
  double bias = -2.75;
  double title = 2.0;               ///< named in the title (by name or demonym)
  double names = 2.1;               ///< × ln(1 + mentions by name, official form, abbreviation)
  double demonyms = 1.2;            ///< × ln(1 + demonym mentions)
  double capitals = 0.0;            ///< × ln(1 + capital mentions): "in Paris" is mostly a market
  double places = 0.0;              ///< × ln(1 + city and region mentions)
  double weak = 0.0;                ///< × ln(1 + currency and organisation mentions)
  double lead = 0.8;                ///< named in the first two sentences
  double early = 0.7;               ///< first named within the first three sentences
  double countries = 0.9;           ///< × ln(1 + countries named): lists are tagged whole
  double dateline_elsewhere = 2.2;  ///< the story has a dateline in another country
  double threshold = -0.5;          ///< in when the score is above
};
constexpr AboutWeights kAbout{};

class Impl final : public CountryExtractor {
 public:
  explicit Impl(Tables t) : m_t(std::move(t)) {}

  void extract(const ExtractInput& in, Extraction& out) const override {
    const Document& doc = in.doc;
    // The dateline and the title are short: tokenizing them again costs little.
    // Datelines are matched in capitals: "New york, March 2" is NEW YORK.
    const std::string dateline_upper = upper(doc.dateline);
    const std::vector<Token> dl_tokens = tokenize(dateline_upper);
    const std::vector<Token> title_tokens = tokenize(doc.title);
    const Segment body{in.text, &in.tokens, &in.sentences};
    const Segment title{doc.title, &title_tokens, nullptr};
    const Segment dateline{dateline_upper, &dl_tokens, nullptr};
    Context ctx{in, body, title, dateline, {}, heading_spans(doc), {}, {}};

    ctx.dateline_country = dateline_country(ctx);

    // One sense per document: a generated place name seen as part of a longer name
    // ("Warrington Inc") is no place anywhere in the document.
    const std::vector<Hit> body_hits = hits(body);
    const std::vector<Hit> title_hits = hits(title);
    std::vector<std::uint32_t> not_places;
    for (const auto* hs : {&body_hits, &title_hits}) {
      for (const Hit& h : *hs) {
        if (h.longer_name) not_places.push_back(h.match.value);
      }
    }
    std::sort(not_places.begin(), not_places.end());
    not_places.erase(std::unique(not_places.begin(), not_places.end()), not_places.end());
    std::vector<Found> found;
    scan(ctx, body, body_hits, not_places, false, &out.mentions, found);
    scan(ctx, title, title_hits, not_places, true, nullptr, found);
    out.about_countries = decide(ctx, found);
  }

 private:
  struct Context {
    const ExtractInput& in;
    Segment body, title, dateline;
    std::string dateline_country;
    std::vector<Span>
        headings;  ///< heading blocks of the body text: named there counts as in the title
    mutable std::vector<std::int8_t> doc_rule_cache;  ///< per rule: -1 unknown, 0 no, 1 yes
    /// Per rule: the sentence last looked at (segment, first token) and the answer, so that
    /// a name repeated in one long sentence is checked once.
    struct SentenceAnswer {
      const Segment* segment = nullptr;
      std::size_t first = 0;
      bool hit = false;
    };
    mutable std::vector<SentenceAnswer> sentence_rule_cache;
  };

  // ---- the dateline ------------------------------------------------------------------

  /// "WORCESTER, Mass., April 8" -> US: the region part decides when it is known, else
  /// the city. Parts after the first that hold a number or a month are the date.
  std::string dateline_country(Context& ctx) const {
    const Segment& d = ctx.dateline;
    const auto& tokens = *d.tokens;
    if (tokens.empty()) return {};
    // Part of each token (commas before it); the date starts at the first month or number
    // after the first comma ("ANGLETON, Tex. March 3": the region is "Tex.").
    std::vector<std::size_t> part(tokens.size());
    std::size_t date_token = tokens.size();
    for (std::size_t i = 0, commas = 0, pos = 0; i < tokens.size(); ++i) {
      for (; pos < tokens[i].begin; ++pos) commas += d.text[pos] == ',';
      part[i] = commas;
      if (commas > 0 && date_token == tokens.size() &&
          (tokens[i].numeric || m_t.months.count(tokens[i].folded))) {
        date_token = i;
      }
    }
    std::string city, region;
    std::vector<PhraseMatch> matches = m_t.matcher.find(tokens, d.text);
    for (const PhraseMatch& m : m_t.dateline_matcher.find(tokens, d.text)) matches.push_back(m);
    std::stable_sort(matches.begin(), matches.end(),
                     [](const PhraseMatch& a, const PhraseMatch& b) { return a.first < b.first; });
    for (const PhraseMatch& m : matches) {
      const Entry& e = m_t.entries[m.value];
      if (e.id.empty() || e.kind == Kind::organisation || e.kind == Kind::other ||
          e.kind == Kind::currency)
        continue;
      if (m.first >= date_token) break;
      const std::size_t p = part[m.first];
      // A dateline names where the story was filed: the place, not the government
      // ("BRUSSELS" is in Belgium though "Brussels" in a story is the EU).
      std::string id = e.in.empty() ? apply_rules(ctx, e, d, m.first, /*in_dateline=*/true) : e.in;
      if (id.empty()) continue;
      if (p == 0 && city.empty()) city = id;
      if (p > 0 && region.empty()) region = id;
    }
    std::string id = region.empty() ? city : region;
    return historical(ctx, id);
  }

  // ---- mentions ----------------------------------------------------------------------

  /// Matches of one segment with their sentence, before the checks.
  struct Hit {
    PhraseMatch match;
    std::size_t sentence;
    bool longer_name;  ///< a generated place that starts or ends a longer capitalised name
    bool company;      ///< the start of a company's name ("France Fund Inc")
  };

  std::vector<Hit> hits(const Segment& seg) const {
    std::vector<Hit> out;
    const auto& tokens = *seg.tokens;
    if (tokens.empty()) return out;
    const std::vector<PhraseMatch> matches = m_t.matcher.find(tokens, seg.text);
    if (matches.empty()) return out;
    std::vector<std::uint8_t> covered(tokens.size(), 0);
    for (const PhraseMatch& m : matches) {
      for (std::size_t k = m.first; k <= m.last; ++k) covered[k] = 1;
    }
    std::size_t sentence = 0;
    const std::vector<Span>* sentences = seg.sentences;
    const PhraseMatch* previous = nullptr;
    for (const PhraseMatch& m : matches) {
      // Several values for one span: the table holds one entry per phrase, so only case
      // variants of one phrase meet here; the first is as good as any.
      if (previous != nullptr && previous->first == m.first) continue;
      previous = &m;
      const Entry& e = m_t.entries[m.value];
      if (e.kind == Kind::ambiguous || e.kind == Kind::other) continue;
      if (sentences != nullptr) {
        while (sentence + 1 < sentences->size() &&
               (*sentences)[sentence + 1].begin <= tokens[m.first].begin)
          ++sentence;
      }
      Hit h{m, sentence, false, false};
      if (e.kind != Kind::organisation) {
        const bool generated = e.source == Source::time_zones || e.source == Source::subdivisions;
        const bool flagged = (e.flags & country::kPerson) != 0;
        if ((is_place_source(e.source) || flagged) && after_title(seg, m)) continue;
        if (flagged && is_person(seg, m, covered, sentence)) continue;
        h.longer_name = generated && in_longer_name(seg, m, covered, sentence);
        h.company = company_name(seg, m);
      }
      out.push_back(h);
    }
    return out;
  }

  void scan(const Context& ctx, const Segment& seg, const std::vector<Hit>& hs,
            const std::vector<std::uint32_t>& not_places, bool is_title,
            std::vector<Mention>* mentions, std::vector<Found>& found) const {
    const auto& tokens = *seg.tokens;
    for (const Hit& h : hs) {
      const PhraseMatch& m = h.match;
      const Entry& e = m_t.entries[m.value];
      if (e.kind == Kind::organisation || h.company) {
        // An organisation of the country: evidence of a kind, but no mention.
        found.push_back({e.kind == Kind::organisation ? e.id : historical(ctx, e.id),
                         Kind::organisation, h.sentence, is_title, !is_title});
        continue;
      }
      if (std::binary_search(not_places.begin(), not_places.end(), m.value)) continue;
      std::string id = apply_rules(ctx, e, seg, m.first, false);
      if (id.empty()) continue;
      id = historical(ctx, id);
      const bool place = is_place_source(e.source);
      found.push_back({id, e.kind, h.sentence,
                       is_title || in_heading(ctx, tokens[m.first].begin, mentions), !is_title});
      if (mentions != nullptr) {
        Mention mention;
        mention.type = MentionType::country;
        mention.id = id;
        mention.begin = tokens[m.first].begin;
        mention.end = tokens[m.last].end;
        mention.text = std::string(seg.text.substr(mention.begin, mention.end - mention.begin));
        mention.value = place ? "place:" + e.name : country::to_string(e.kind);
        mentions->push_back(std::move(mention));
      }
    }
  }

  /// Offsets of the heading blocks in doc.plain_text() (blocks joined by "\n\n").
  static std::vector<Span> heading_spans(const Document& doc) {
    std::vector<Span> out;
    std::size_t pos = 0;
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
      if (i > 0) pos += 2;
      const std::size_t len = doc.blocks[i].text.size();
      if (doc.blocks[i].kind == BlockKind::heading) out.push_back({pos, pos + len});
      pos += len;
    }
    return out;
  }

  static bool in_heading(const Context& ctx, std::size_t offset, const std::vector<Mention>* body) {
    if (body == nullptr || ctx.headings.empty()) return false;  // not the body text
    const auto it = std::upper_bound(ctx.headings.begin(), ctx.headings.end(), offset,
                                     [](std::size_t o, const Span& h) { return o < h.begin; });
    return it != ctx.headings.begin() && offset < (it - 1)->end;
  }

  /// "Mr Jordan", "Sen. Georgia ...": a title word right before the name.
  bool after_title(const Segment& seg, const PhraseMatch& m) const {
    if (m.first == 0) return false;
    const auto& tokens = *seg.tokens;
    const Token& p = tokens[m.first - 1];
    std::string_view gap = seg.text.substr(p.end, tokens[m.first].begin - p.end);
    if (gap.starts_with(".")) gap.remove_prefix(1);
    return only_spaces(gap) && m_t.person_titles.count(p.folded) != 0;
  }

  /// A capitalised word joined by one space after the match, or before it (not at the
  /// start of a sentence), that is no country or place itself.
  bool capitalised_neighbour(const Segment& seg, const PhraseMatch& m,
                             const std::vector<std::uint8_t>& covered, std::size_t sentence,
                             bool (Impl::*ok)(const Token&) const) const {
    const auto& tokens = *seg.tokens;
    const std::string_view text = seg.text;
    if (tokens[m.first].all_caps) return false;  // all-capital text: no case to go by
    if (m.last + 1 < tokens.size()) {
      const Token& n = tokens[m.last + 1];
      if (text.substr(tokens[m.last].end, n.begin - tokens[m.last].end) == " " && (this->*ok)(n) &&
          !covered[m.last + 1]) {
        return true;
      }
    }
    if (m.first > 0) {
      const Token& p = tokens[m.first - 1];
      const bool sentence_start = seg.sentences == nullptr || seg.sentences->empty()
                                      ? m.first - 1 == 0
                                      : p.begin <= (*seg.sentences)[sentence].begin;
      if (text.substr(p.end, tokens[m.first].begin - p.end) == " " && (this->*ok)(p) &&
          !covered[m.first - 1] && !sentence_start) {
        return true;
      }
    }
    return false;
  }

  /// "France Fund Inc", "Cyprus Minerals Corp", "ROYAL DUTCH <RD>": up to three words
  /// (capitalised, unless the text is in capitals) and a company word, or a ticker.
  bool company_name(const Segment& seg, const PhraseMatch& m) const {
    const auto& tokens = *seg.tokens;
    const std::string_view text = seg.text;
    const bool caps = tokens[m.first].all_caps;
    std::size_t end = tokens[m.last].end;
    for (std::size_t k = m.last + 1, words = 0; k <= tokens.size() && words <= 3; ++k, ++words) {
      // A ticker right after the name so far: "<RD>", "<CYPM>".
      std::size_t p = end;
      while (p < text.size() && text[p] == ' ') ++p;
      if (p < text.size() && text[p] == '<' && p + 1 < text.size() && text[p + 1] >= 'A' &&
          text[p + 1] <= 'Z') {
        return true;
      }
      if (k == tokens.size()) break;
      const Token& t = tokens[k];
      if (text.substr(end, t.begin - end) != " ") break;
      if (m_t.company_words.count(t.folded) != 0 && (caps || t.capitalized)) return true;
      if (!(caps || t.capitalized) || t.numeric) break;
      end = t.end;
    }
    return false;
  }

  /// The person rule (countries-rules.tsv): "Chad Smith", "Michael Jordan".
  bool is_person(const Segment& seg, const PhraseMatch& m, const std::vector<std::uint8_t>& covered,
                 std::size_t sentence) const {
    return capitalised_neighbour(seg, m, covered, sentence, &Impl::name_like);
  }

  /// "Newport News", "National Westminster Bank", "Warrington Inc".
  bool in_longer_name(const Segment& seg, const PhraseMatch& m,
                      const std::vector<std::uint8_t>& covered, std::size_t sentence) const {
    return capitalised_neighbour(seg, m, covered, sentence, &Impl::name_part);
  }

  bool name_part(const Token& t) const {
    return t.capitalized && !t.all_caps && !t.numeric && m_t.geo_words.count(t.folded) == 0 &&
           m_t.months.count(t.folded) == 0;
  }

  bool name_like(const Token& t) const {
    return t.capitalized && !t.all_caps && !t.numeric && m_t.stop_words.count(t.folded) == 0 &&
           m_t.geo_words.count(t.folded) == 0 && m_t.person_titles.count(t.folded) == 0 &&
           m_t.months.count(t.folded) == 0;
  }

  /// The entry's country after its ambiguity rules ("" = no country).
  std::string apply_rules(const Context& ctx, const Entry& e, const Segment& seg, std::size_t at,
                          bool in_dateline) const {
    for (std::uint32_t r = e.rules_begin; r < e.rules_end; ++r) {
      const Rule& rule = m_t.rules[r];
      bool hit = false;
      if (rule.scope == Rule::Scope::sentence) {
        const auto [b, end] = sentence_tokens(seg, at);
        auto& cache = ctx.sentence_rule_cache;
        if (cache.empty()) cache.resize(m_t.rules.size());
        auto& answer = cache[r];
        if (answer.segment != &seg || answer.first != b) {
          answer = {&seg, b, context_in(rule, seg, b, end)};
        }
        hit = answer.hit;
      } else {
        auto& cache = ctx.doc_rule_cache;
        if (cache.empty()) cache.assign(m_t.rules.size(), -1);
        if (in_dateline || cache[r] < 0) {
          hit = (!in_dateline && std::find(rule.datelines.begin(), rule.datelines.end(),
                                           ctx.dateline_country) != rule.datelines.end()) ||
                context_in(rule, ctx.body, 0, ctx.body.tokens->size()) ||
                context_in(rule, ctx.title, 0, ctx.title.tokens->size()) ||
                context_in(rule, ctx.dateline, 0, ctx.dateline.tokens->size());
          if (!in_dateline) cache[r] = hit ? 1 : 0;
        } else {
          hit = cache[r] == 1;
        }
      }
      if (!hit) continue;
      switch (rule.action) {
        case Rule::Action::keep:
          return e.id;
        case Rule::Action::drop:
          return {};
        case Rule::Action::reassign:
          return rule.id;
      }
    }
    return e.id;
  }

  /// Tokens [begin, end) of the sentence holding token `at` (binary searches: a long
  /// sentence must not make each match cost its length).
  std::pair<std::size_t, std::size_t> sentence_tokens(const Segment& seg, std::size_t at) const {
    const auto& tokens = *seg.tokens;
    if (seg.sentences == nullptr || seg.sentences->empty()) return {0, tokens.size()};
    const auto& s = *seg.sentences;
    const std::size_t offset = tokens[at].begin;
    auto it = std::upper_bound(s.begin(), s.end(), offset,
                               [](std::size_t o, const Span& sp) { return o < sp.begin; });
    const Span span = it == s.begin() ? s.front() : *(it - 1);
    auto by_begin = [](const Token& t, std::size_t o) { return t.begin < o; };
    const auto b = std::lower_bound(tokens.begin(), tokens.end(), span.begin, by_begin);
    const auto e = std::lower_bound(tokens.begin(), tokens.end(), span.end, by_begin);
    std::size_t first = static_cast<std::size_t>(b - tokens.begin());
    std::size_t last = static_cast<std::size_t>(e - tokens.begin());
    if (first > at) first = at;
    if (last <= at) last = at + 1;
    return {first, last};
  }

  bool context_in(const Rule& rule, const Segment& seg, std::size_t begin, std::size_t end) const {
    const auto& tokens = *seg.tokens;
    for (std::size_t w = 0; w < rule.words.size(); ++w) {
      const auto& words = rule.words[w];
      if (words.empty() || end - begin < words.size()) continue;
      for (std::size_t i = begin; i + words.size() <= end; ++i) {
        bool ok = true;
        for (std::size_t k = 0; k < words.size() && ok; ++k) {
          const Token& t = tokens[i + k];
          ok = t.folded == words[k] &&
               (!rule.words_exact[w] ||
                seg.text.substr(t.begin, t.end - t.begin) == rule.surface[w][k]);
        }
        if (ok) return true;
      }
    }
    return false;
  }

  /// A successor state's id in a document dated before the former state ended.
  std::string historical(const Context& ctx, const std::string& id) const {
    if (id.empty() || ctx.in.dct.empty()) return id;
    const auto it = m_t.former_of.find(id);
    if (it == m_t.former_of.end()) return id;
    return ctx.in.dct < it->second.until ? it->second.id : id;
  }

  // ---- about ---------------------------------------------------------------------------

  std::vector<std::string> decide(const Context& ctx, const std::vector<Found>& found) const {
    std::vector<Stat> stats;
    auto stat = [&stats](const std::string& id) -> Stat& {
      for (Stat& s : stats) {
        if (s.id == id) return s;
      }
      stats.push_back(Stat{});
      stats.back().id = id;
      return stats.back();
    };
    if (!ctx.dateline_country.empty()) stat(ctx.dateline_country).dateline = true;
    for (const Found& f : found) {
      if (f.id.empty()) continue;
      Stat& s = stat(f.id);
      if (f.title) {
        // A currency or a company in the headline says little about the story's country.
        if (f.kind != Kind::currency && f.kind != Kind::organisation) ++s.title;
        if (!f.in_text) continue;  // the title line; a heading in the text counts below too
      }
      switch (f.kind) {
        case Kind::name:
        case Kind::official:
        case Kind::abbreviation:
          ++s.name;
          break;
        case Kind::capital:
          ++s.capital;
          break;
        case Kind::demonym:
          ++s.demonym;
          break;
        case Kind::city:
        case Kind::region:
          ++s.place;
          break;
        case Kind::currency:
          ++s.currency;
          break;
        default:
          ++s.org;
          break;
      }
      s.first_sentence = std::min(s.first_sentence, f.sentence);
      if (f.sentence < 2) ++s.lead;
    }
    // The dateline's country is the story's own; another country is in when the evidence
    // for it outweighs the bar (a linear score, see kAbout).
    const bool has_dateline = !ctx.dateline_country.empty();
    double countries = 0;
    for (const Stat& s : stats) countries += s.id == "EU" ? 0 : 1;
    const double log_countries = std::log1p(countries);
    for (Stat& s : stats) {
      s.score = kAbout.bias + (s.title > 0 ? kAbout.title : 0.0) +
                kAbout.names * std::log1p(s.name) + kAbout.demonyms * std::log1p(s.demonym) +
                kAbout.capitals * std::log1p(s.capital) + kAbout.places * std::log1p(s.place) +
                kAbout.weak * std::log1p(s.currency + s.org) + (s.lead > 0 ? kAbout.lead : 0.0) +
                (s.first_sentence <= 2 ? kAbout.early : 0.0) + kAbout.countries * log_countries -
                (has_dateline ? kAbout.dateline_elsewhere : 0.0);
    }
    // Most central first: the dateline's country, then by score.
    std::stable_sort(stats.begin(), stats.end(), [](const Stat& a, const Stat& b) {
      if (a.dateline != b.dateline) return a.dateline;
      return a.score > b.score;
    });
    std::vector<std::string> about;
    for (const Stat& s : stats) {
      if (s.dateline || s.score > kAbout.threshold) about.push_back(s.id);
    }
    // A story without a dateline that names countries is about the most named one at least.
    if (about.empty() && !stats.empty() &&
        stats.front().name + stats.front().demonym + stats.front().title > 0) {
      about.push_back(stats.front().id);
    }
    return about;
  }

  Tables m_t;
};

}  // namespace

std::unique_ptr<CountryExtractor> CountryExtractor::load(const std::filesystem::path& dir) {
  return std::make_unique<Impl>(country::load_country_tables(dir));
}

}  // namespace dualdex::ingest
