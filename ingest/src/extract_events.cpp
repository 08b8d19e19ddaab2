// Statements and measures from the mentions the other extractors found.
//
// Statements: a quotation ("…," Mr He said) or reported speech (the ministry said
// that …) with its speaker: the person or agency named next to a speech verb in the
// same sentence, or the last speaker for "he added". Measures: a sentence with an
// action word (events.tsv) that is not hedged ("weighing whether to tighten"), with
// its authority (agency, else the document's declared authority, else the subject
// country), targets, items, end uses, instrument and dates; sentences with the same
// action and authority in one document are one measure.
#include "dualdex/ingest/extract_events.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <fstream>
#include <map>
#include <set>
#include <span>
#include <sstream>

#include "dualdex/ingest/cjk.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/knowledge_file.hpp"
#include "dualdex/ingest/phrase_matcher.hpp"

namespace dualdex::ingest {
namespace {

constexpr std::size_t kHedgeWindow = 8;  // tokens before an action word that can hedge it

enum class WordKind : std::uint8_t { speech, action, hedge, end_use, exempt };

struct Word {
  WordKind kind;
  std::string value;  // action id, end use, exempt group
  std::size_t order;  // line order: earlier actions are more specific
};


std::optional<WordKind> word_kind(const std::string& s) {
  if (s == "speech") return WordKind::speech;
  if (s == "action") return WordKind::action;
  if (s == "hedge") return WordKind::hedge;
  if (s == "end-use") return WordKind::end_use;
  if (s == "exempt") return WordKind::exempt;
  return std::nullopt;
}

// Mentions of one sentence, by type, in text order.
struct SentenceMentions {
  std::vector<const Mention*> all;
  std::vector<const Mention*> of(MentionType t) const {
    std::vector<const Mention*> out;
    for (const auto* m : all) {
      if (m->type == t) out.push_back(m);
    }
    return out;
  }
};

std::string meta_value(const Document& doc, const char* key) {
  for (const auto& f : doc.meta) {
    if (f.key == key) return f.value;
  }
  return {};
}

void add_unique(std::vector<std::string>& v, const std::string& s) {
  if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

std::string country_of_agency(const std::string& agency) {
  const auto dot = agency.find('.');
  return dot == std::string::npos ? agency : agency.substr(0, dot);
}

// Person mentions carry "role|agency" in their value (see extract_entities.cpp).
void person_role(const Mention& m, std::string& role, std::string& agency) {
  const auto bar = m.value.find('|');
  role = m.value.substr(0, bar);
  agency = bar == std::string::npos ? std::string() : m.value.substr(bar + 1);
}

class Impl : public EventExtractor {
 public:
  explicit Impl(const std::filesystem::path& dir) {
    KnowledgeFile file(dir / "events.tsv");
    std::vector<std::string> cols;
    while (file.next(cols)) {
      if (cols.size() != 3) file.fail("expected 3 tab-separated columns, found " + std::to_string(cols.size()));
      const auto kind = word_kind(cols[0]);
      if (!kind) file.fail("unknown kind '" + cols[0] + "'");
      m_words.push_back({*kind, cols[1], m_words.size()});
      if (!m_matcher.add(cols[2], static_cast<std::uint32_t>(m_words.size() - 1))) file.fail("empty phrase");
    }
  }

  void extract(const ExtractInput& in, Extraction& out) const override {
    const auto matches = m_matcher.find(in.tokens, in.text);
    const std::vector<SentenceMentions> by_sentence = group_mentions(in, out.mentions);
    std::vector<std::string> exempt;
    for (const auto& m : matches) {
      if (m_words[m.value].kind == WordKind::exempt) add_unique(exempt, m_words[m.value].value);
    }
    find_statements(in, matches, by_sentence, out);
    find_measures(in, matches, by_sentence, exempt, out);
    for (Measure& m : out.measures) set_status(m, in.dct);
  }

 private:
  // The matches whose first token starts in [begin, end): one contiguous run, since
  // PhraseMatcher::find returns them in token order. Looking them up per sentence (not
  // scanning all of them) keeps extraction linear in the length of the document.
  static std::span<const PhraseMatch> matches_in(const ExtractInput& in, const std::vector<PhraseMatch>& matches,
                                                 std::size_t begin, std::size_t end) {
    auto starts_before = [&in](std::size_t offset) {
      return [&in, offset](const PhraseMatch& m) { return in.tokens[m.first].begin < offset; };
    };
    const auto lo = std::partition_point(matches.begin(), matches.end(), starts_before(begin));
    const auto hi = std::partition_point(lo, matches.end(), starts_before(end));
    return {lo, hi};
  }

  std::size_t sentence_of(const ExtractInput& in, std::size_t offset) const {
    const auto it = std::upper_bound(in.sentences.begin(), in.sentences.end(), offset,
                                     [](std::size_t o, const Span& s) { return o < s.begin; });
    return it == in.sentences.begin() ? 0 : static_cast<std::size_t>(it - in.sentences.begin() - 1);
  }

  std::vector<SentenceMentions> group_mentions(const ExtractInput& in, const std::vector<Mention>& mentions) const {
    std::vector<SentenceMentions> out(in.sentences.size());
    if (out.empty()) return out;
    for (const auto& m : mentions) {
      if (m.begin == Mention::npos || m.begin >= in.text.size()) continue;
      out[sentence_of(in, m.begin)].all.push_back(&m);
    }
    for (auto& s : out) {
      std::sort(s.all.begin(), s.all.end(), [](const Mention* a, const Mention* b) { return a->begin < b->begin; });
    }
    return out;
  }

  // ---- statements ------------------------------------------------------------------

  struct Speaker {
    std::string person, role, agency, country;
    bool empty() const { return person.empty() && agency.empty(); }
  };

  Speaker speaker_from(const Mention& m) const {
    Speaker s;
    if (m.type == MentionType::person) {
      s.person = m.id;
      person_role(m, s.role, s.agency);
    } else if (m.type == MentionType::agency) {
      s.agency = m.id;
    }
    if (!s.agency.empty()) s.country = country_of_agency(s.agency);
    return s;
  }

  // The person (else agency) mention in [begin, end) nearest to `anchor`.
  const Mention* nearest_speaker(const SentenceMentions& sm, std::size_t begin, std::size_t end,
                                 std::size_t anchor) const {
    const Mention* best = nullptr;
    std::size_t best_distance = 0;
    for (int pass = 0; pass < 2 && best == nullptr; ++pass) {
      const MentionType want = pass == 0 ? MentionType::person : MentionType::agency;
      for (const auto* m : sm.all) {
        if (m->type != want || m->begin < begin || m->end > end) continue;
        const std::size_t d = m->begin > anchor ? m->begin - anchor : anchor - m->end;
        if (best == nullptr || d < best_distance) {
          best = m;
          best_distance = d;
        }
      }
    }
    return best;
  }

  // The person or agency that ends nearest before the speech verb: the subject of
  // "the ministry said", "Mr He told reporters".
  const Mention* subject_of(const SentenceMentions& sm, std::size_t begin, std::size_t verb) const {
    const Mention* best = nullptr;
    for (const auto* m : sm.all) {
      if ((m->type != MentionType::person && m->type != MentionType::agency) || m->begin < begin || m->end > verb) continue;
      if (best == nullptr || m->end > best->end) best = m;
    }
    return best;
  }

  std::string sentence_date(const SentenceMentions& sm, const ExtractInput& in) const {
    for (const auto* m : sm.all) {
      if (m->type == MentionType::date && m->value.size() >= 10 && m->value[4] == '-') return m->value;
    }
    return in.dct;
  }

  bool has_speech_word(const std::vector<PhraseMatch>& matches, const ExtractInput& in, std::size_t begin,
                       std::size_t end) const {
    for (const auto& m : matches_in(in, matches, begin, end)) {
      if (m_words[m.value].kind == WordKind::speech) return true;
    }
    return false;
  }

  void find_statements(const ExtractInput& in, const std::vector<PhraseMatch>& matches,
                       const std::vector<SentenceMentions>& by_sentence, Extraction& out) const {
    Speaker last;
    std::set<std::size_t> quoted_sentences;
    // Quotations.
    for (std::size_t open = in.text.find('"'); open != std::string::npos;) {
      const std::size_t close = in.text.find('"', open + 1);
      if (close == std::string::npos) break;
      std::string words = in.text.substr(open + 1, close - open - 1);
      while (!words.empty() && (words.back() == ',' || words.back() == ' ')) words.pop_back();
      const std::size_t sentence = sentence_of(in, open);
      const Span span = in.sentences.empty() ? Span{0, in.text.size()} : in.sentences[sentence];
      const bool long_enough = std::count(words.begin(), words.end(), ' ') >= 2;
      if (long_enough && !in.sentences.empty()) {
        const auto& sm = by_sentence[sentence];
        // After the quotation ("…," Mr He said), else before it (Mr He said: "…").
        const std::size_t end_of_sentence = std::max(span.end, close + 1);
        const Mention* who = nearest_speaker(sm, close, end_of_sentence, close);
        if (who == nullptr) who = nearest_speaker(sm, span.begin, open, open);
        Speaker s = who ? speaker_from(*who) : Speaker{};
        // "…," he added: the last speaker, when a speech word follows the quotation.
        if (s.empty() && has_speech_word(matches, in, close, end_of_sentence)) s = last;
        if (!s.empty()) {
          out.statements.push_back({words, s.person, s.role, s.agency, s.country, sentence_date(sm, in), open + 1, close});
          last = s;
          quoted_sentences.insert(sentence);
        }
      }
      open = in.text.find('"', close + 1);
    }
    // Reported speech: a speaker and a speech word in a sentence without a quotation.
    for (std::size_t i = 0; i < in.sentences.size(); ++i) {
      if (quoted_sentences.count(i) || by_sentence[i].all.empty()) continue;
      const Span& span = in.sentences[i];
      if (in.text.substr(span.begin, span.end - span.begin).find('"') != std::string::npos) continue;
      for (const auto& m : matches_in(in, matches, span.begin, span.end)) {
        if (m_words[m.value].kind != WordKind::speech) continue;
        const std::size_t verb = in.tokens[m.first].begin;
        if (verb < span.begin || verb >= span.end) continue;
        const Mention* who = subject_of(by_sentence[i], span.begin, verb);
        if (who == nullptr) who = nearest_speaker(by_sentence[i], verb, span.end, verb);  // "said Mr He"
        if (who == nullptr || (who->begin > verb && who->begin - in.tokens[m.last].end > 2)) break;
        const Speaker s = speaker_from(*who);
        out.statements.push_back({in.text.substr(span.begin, span.end - span.begin), s.person, s.role, s.agency,
                                  s.country, sentence_date(by_sentence[i], in), span.begin, span.end});
        last = s;
        break;
      }
    }
    std::sort(out.statements.begin(), out.statements.end(),
              [](const Statement& a, const Statement& b) { return a.begin < b.begin; });
  }

  // ---- measures --------------------------------------------------------------------

  bool hedged(std::span<const PhraseMatch> matches, const PhraseMatch& action, std::size_t sentence_first_token) const {
    for (const auto& m : matches) {
      if (m_words[m.value].kind != WordKind::hedge) continue;
      if (m.last < action.first && m.first >= sentence_first_token && action.first - m.last <= kHedgeWindow) return true;
    }
    return false;
  }

  void find_measures(const ExtractInput& in, const std::vector<PhraseMatch>& matches,
                     const std::vector<SentenceMentions>& by_sentence, const std::vector<std::string>& exempt,
                     Extraction& out) const {
    std::vector<std::string> declared_agencies, declared_instruments;
    for (const auto& m : in.doc.declared) {
      if (m.type == MentionType::agency) add_unique(declared_agencies, canonical_id(m.type, m.id));
      if (m.type == MentionType::instrument) add_unique(declared_instruments, canonical_id(m.type, m.id));
    }
    std::map<std::pair<std::string, std::string>, std::size_t> seen;  // (action, authority) → index
    std::string earlier_agency;  // the last agency named before this sentence
    for (std::size_t i = 0; i < in.sentences.size(); ++i) {
      if (i > 0) {
        const auto before = by_sentence[i - 1].of(MentionType::agency);
        if (!before.empty()) earlier_agency = before.back()->id;
      }
      const Span& span = in.sentences[i];
      const PhraseMatch* action = nullptr;
      const std::span<const PhraseMatch> in_sentence = matches_in(in, matches, span.begin, span.end);
      for (const auto& m : in_sentence) {
        const std::size_t at = in.tokens[m.first].begin;
        if (at < span.begin || at >= span.end || m_words[m.value].kind != WordKind::action) continue;
        if (action == nullptr || m_words[m.value].order < m_words[action->value].order) action = &m;
      }
      if (action == nullptr) continue;
      // A hedge counts only inside the same sentence.
      const auto first_token = static_cast<std::size_t>(
          std::lower_bound(in.tokens.begin(), in.tokens.end(), span.begin,
                           [](const Token& t, std::size_t o) { return t.begin < o; }) -
          in.tokens.begin());
      if (hedged(in_sentence, *action, first_token)) continue;
      Measure m = build_measure(in, in_sentence, by_sentence[i], span, *action, declared_agencies, declared_instruments);
      // Chinese and Japanese leave the subject out when it is known ("…对美国出口原则上不予许可"
      // after "商务部宣布…"): the agency of the sentences before is the authority.
      if (m.authority.empty() && !earlier_agency.empty() && has_cjk(m.text)) {
        m.authority = earlier_agency;
        const std::string country = country_of_agency(m.authority);
        m.targets.erase(std::remove(m.targets.begin(), m.targets.end(), country), m.targets.end());
      }
      if (m.authority.empty()) continue;
      // The document is the instrument itself (an announcement): its own dates apply.
      if (!m.instrument.empty() && declared_instruments.size() == 1 && m.instrument == declared_instruments.front()) {
        if (m.effective.empty()) m.effective = meta_value(in.doc, "effective");
      }
      // "Civilian users will not be affected" qualifies restrictions, not protests.
      if (m.action == "ban" || m.action == "restriction" || m.action == "licence-requirement") m.exempt = exempt;
      const auto key = std::make_pair(m.action, m.authority);
      if (auto it = seen.find(key); it != seen.end()) {
        merge(out.measures[it->second], m);
      } else {
        seen[key] = out.measures.size();
        out.measures.push_back(std::move(m));
      }
    }
  }

  Measure build_measure(const ExtractInput& in, std::span<const PhraseMatch> matches, const SentenceMentions& sm,
                        const Span& span, const PhraseMatch& action, const std::vector<std::string>& declared_agencies,
                        const std::vector<std::string>& declared_instruments) const {
    Measure m;
    m.action = m_words[action.value].value;
    m.text = in.text.substr(span.begin, span.end - span.begin);
    m.begin = span.begin;
    m.end = span.end;
    const std::size_t trigger = in.tokens[action.first].begin;
    // Authority: an agency in the sentence; else the agency of a person quoted in it;
    // else the document's own authority (announcements); else a country named before
    // the action word (its subject).
    const auto agencies = sm.of(MentionType::agency);
    const auto countries = sm.of(MentionType::country);
    std::string speaker_agency;  // "…are prohibited," Mr He (CN.MOFCOM) said
    for (const auto* p : sm.of(MentionType::person)) {
      std::string role;
      person_role(*p, role, speaker_agency);
      if (!speaker_agency.empty()) break;
    }
    if (!agencies.empty()) {
      m.authority = agencies.front()->id;
    } else if (!speaker_agency.empty()) {
      m.authority = speaker_agency;
    } else if (!declared_agencies.empty()) {
      m.authority = declared_agencies.front();
    } else {
      for (const auto* c : countries) {
        if (c->begin < trigger && !marked_as_target(in.text, c->begin)) {
          m.authority = c->id;
          break;
        }
      }
    }
    const std::string authority_country = country_of_agency(m.authority);
    for (const auto* c : countries) {
      if (c->id != authority_country) add_unique(m.targets, c->id);
    }
    for (const auto* it : sm.of(MentionType::item)) add_unique(m.items, it->id);
    if (const auto instruments = sm.of(MentionType::instrument); !instruments.empty()) m.instrument = instruments.front()->id;
    if (m.instrument.empty() && declared_instruments.size() == 1) m.instrument = declared_instruments.front();
    for (const auto& w : matches) {
      const std::size_t at = in.tokens[w.first].begin;
      if (at < span.begin || at >= span.end || m_words[w.value].kind != WordKind::end_use) continue;
      add_unique(m.end_uses, m_words[w.value].value);
      add_unique(m.end_users, m_words[w.value].value);
    }
    assign_dates(in, sm, m);
    return m;
  }

  // A country right after a Chinese or Japanese word for "towards" (对美国出口, 対中輸出)
  // is whom a measure targets, never its subject.
  static bool marked_as_target(const std::string& text, std::size_t at) {
    for (std::string_view w : {"对", "向", "対", "赴", "针对"}) {
      if (at >= w.size() && std::string_view(text).substr(at - w.size(), w.size()) == w) return true;
    }
    return false;
  }

  // A date after "until" is the end of a suspension; after "from", "effective",
  // "starting" or "as of" the effective date; any other the announcement date. In
  // Chinese and Japanese the word may follow the date: 至2026年11月10日, 11月10日まで,
  // 8月1日起, 8月1日から.
  void assign_dates(const ExtractInput& in, const SentenceMentions& sm, Measure& m) const {
    for (const auto* d : sm.of(MentionType::date)) {
      if (d->value.size() < 7 || !std::isdigit(static_cast<unsigned char>(d->value[0]))) continue;
      const std::size_t from = d->begin >= 16 ? d->begin - 16 : 0;
      const std::string before = in.text.substr(from, d->begin - from);
      auto has = [&before](const char* w) { return before.find(w) != std::string::npos; };
      const std::string_view after = std::string_view(in.text).substr(d->end, 9);
      auto next = [&after](std::string_view w) { return after.substr(0, w.size()) == w; };
      const bool cjk_until = (before.size() >= 3 && before.substr(before.size() - 3) == "至" &&
                              !(before.size() >= 6 && before.substr(before.size() - 6) == "截至")) ||
                             next("まで") || next("为止");
      const bool cjk_from = next("起") || next("から") || next("より") || next("开始");
      if (has("until") || has("till") || has("through") || cjk_until) {
        if (m.suspended_until.empty()) m.suspended_until = d->value;
      } else if (has("from") || has("effective") || has("starting") || has("as of") || has("takes effect") ||
                 cjk_from) {
        if (m.effective.empty()) m.effective = d->value;
      } else if (m.announced.empty()) {
        m.announced = d->value;
      }
    }
    if (m.announced.empty()) m.announced = in.dct;
    const std::string lower = [&] {
      std::string s = m.text;
      for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return s;
    }();
    if (m.effective.empty() && (lower.find("immediate effect") != std::string::npos ||
                                lower.find("with immediate") != std::string::npos ||
                                lower.find("immediately") != std::string::npos)) {
      m.effective = m.announced;
    }
  }

  // Calendar values compare as strings once cut to the same precision.
  static bool before(const std::string& a, const std::string& b) {
    const std::size_t n = std::min(a.size(), b.size());
    return a.substr(0, n) < b.substr(0, n);
  }

  static void set_status(Measure& m, const std::string& dct) {
    if (dct.empty()) return;
    m.status_as_of = dct;
    const bool before_until = !m.suspended_until.empty() && before(dct, m.suspended_until);
    if (m.action == "suspension") {
      // A suspension is itself in force until the date it runs to.
      m.status = m.suspended_until.empty() || before_until ? "in-force" : "expired";
    } else if (before_until) {
      m.status = "suspended";
    } else if (!m.effective.empty() && before(dct, m.effective)) {
      m.status = "announced";
    } else {
      m.status = "in-force";
    }
  }

  static void merge(Measure& into, const Measure& from) {
    for (const auto& t : from.targets) add_unique(into.targets, t);
    for (const auto& t : from.items) add_unique(into.items, t);
    for (const auto& t : from.end_uses) add_unique(into.end_uses, t);
    for (const auto& t : from.end_users) add_unique(into.end_users, t);
    if (into.instrument.empty()) into.instrument = from.instrument;
    if (into.effective.empty()) into.effective = from.effective;
    if (into.suspended_until.empty()) into.suspended_until = from.suspended_until;
  }

  PhraseMatcher m_matcher;
  std::vector<Word> m_words;
};

}  // namespace

std::unique_ptr<EventExtractor> EventExtractor::load(const std::filesystem::path& dir) {
  return std::make_unique<Impl>(dir);
}

}  // namespace dualdex::ingest
