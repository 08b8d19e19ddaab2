// Builds the country extractor's tables: ICU's region names (every ISO 3166 region),
// ICU's currency names, the knowledge files, and the places of the machine's maintained
// sources (ICU time zones, tz zone.tab, iso-codes ISO 3166-2).
#include "country_knowledge.hpp"

#include <unicode/locdspnm.h>
#include <unicode/locid.h>
#include <unicode/strenum.h>
#include <unicode/timezone.h>
#include <unicode/translit.h>
#include <unicode/tznames.h>
#include <unicode/ucurr.h>
#include <unicode/uenum.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_set>

#include "dualdex/ingest/cjk.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/knowledge_file.hpp"
#include "dualdex/ingest/normalize.hpp"
#include "dualdex/ingest/tokenize.hpp"

namespace dualdex::ingest::country {
namespace fs = std::filesystem;

const char* to_string(Kind kind) {
  switch (kind) {
    case Kind::name:
      return "name";
    case Kind::official:
      return "official";
    case Kind::abbreviation:
      return "abbreviation";
    case Kind::demonym:
      return "demonym";
    case Kind::capital:
      return "capital";
    case Kind::currency:
      return "currency";
    case Kind::city:
      return "city";
    case Kind::region:
      return "region";
    case Kind::organisation:
      return "organisation";
    case Kind::other:
      return "other";
    case Kind::ambiguous:
      return "ambiguous";
  }
  return "name";
}

namespace {

// System sources (Debian packages tzdata and iso-codes); skipped when absent.
constexpr const char* kZoneTab = "/usr/share/zoneinfo/zone.tab";
constexpr const char* kIso3166_1 = "/usr/share/iso-codes/json/iso_3166-1.json";
constexpr const char* kIso3166_2 = "/usr/share/iso-codes/json/iso_3166-2.json";

// Codes that are no ISO 3166-1 region today but are ids (DESIGN.md §4).
constexpr const char* kExtraIds[] = {"EU", "SU", "DD", "YU", "CS", "YD", "AN", "XK"};

std::string utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = s.find(sep, start);
    out.emplace_back(
        s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return out;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

/// Calls fn(columns, "file:line: ") for every record of a tab-separated file.
template <typename Fn>
void read_tsv(const fs::path& path, bool required, Fn fn) {
  KnowledgeFile file(path, {required, true});
  std::vector<std::string> cols;
  while (file.next(cols)) fn(cols, file.where());
}

std::string folded_key(std::string_view phrase) {
  std::string key;
  for (const std::string& t : phrase_tokens(phrase)) {
    if (!key.empty()) key += ' ';
    key += t;
  }
  return key;
}

/// True when every token of the phrase is in capitals ("US", "U.S.", "DPRK"): such names
/// are matched as written, or "Us" at the start of a sentence would be the US.
bool all_caps_phrase(std::string_view phrase) {
  const std::vector<Token> tokens = tokenize(phrase);
  if (tokens.empty()) return false;
  for (const Token& t : tokens) {
    if (!t.all_caps) return false;
  }
  return true;
}

struct Candidate {
  std::string phrase;
  CaseRule rule;
  Entry entry;
};

class Builder {
 public:
  Builder() {
    for (const char* const* c = icu::Locale::getISOCountries(); *c != nullptr; ++c)
      m_ids.insert(*c);
    for (const char* c : kExtraIds) m_ids.insert(c);
    UErrorCode status = U_ZERO_ERROR;
    m_ascii.reset(icu::Transliterator::createInstance("Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) m_ascii.reset();
  }

  bool valid_id(const std::string& id) const { return m_ids.count(id) != 0; }

  /// Latin-ASCII form ("Zürich" -> "Zurich", "Côte d’Ivoire" -> "Cote d'Ivoire").
  std::string ascii(const std::string& s) const {
    if (!m_ascii) return s;
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
    m_ascii->transliterate(u);
    return utf8(u);
  }

  /// Adds a phrase, and its ASCII form when that differs.
  void add(std::string phrase, CaseRule rule, Entry entry) {
    for (std::size_t p; (p = phrase.find("\xE2\x80\x99")) != std::string::npos;)
      phrase.replace(p, 3, "'");
    phrase = trim(phrase);
    if (phrase.empty()) return;
    if (rule == CaseRule::capitalized && all_caps_phrase(phrase)) rule = CaseRule::exact;
    const std::string plain = ascii(phrase);
    push(phrase, rule, entry);
    if (plain != phrase) push(plain, rule, entry);
  }

  /// Every form of a generated name: "Myanmar (Burma)" gives both, "Bosnia & Herzegovina"
  /// also "Bosnia and Herzegovina", "St. Lucia" also "Saint Lucia".
  void add_variants(const std::string& name, CaseRule rule, const Entry& entry) {
    std::vector<std::string> forms{name};
    if (const auto open = name.find(" ("); open != std::string::npos) {
      const auto close = name.find(')', open);
      forms = {name.substr(0, open)};
      if (close != std::string::npos) {
        const std::string inner = name.substr(open + 2, close - open - 2);
        if (!inner.empty() && inner[0] >= 'A' && inner[0] <= 'Z') forms.push_back(inner);
      }
    }
    const std::size_t n = forms.size();
    for (std::size_t i = 0; i < n; ++i) {
      std::string f = forms[i];
      if (auto p = f.find(" & "); p != std::string::npos) forms.push_back(f.replace(p, 3, " and "));
    }
    const std::size_t m = forms.size();
    for (std::size_t i = 0; i < m; ++i) {
      if (forms[i].rfind("St. ", 0) == 0) forms.push_back("Saint " + forms[i].substr(4));
    }
    for (const auto& f : forms) add(f, rule, entry);
  }

  std::vector<Candidate>& candidates() { return m_candidates; }

 private:
  void push(const std::string& phrase, CaseRule rule, const Entry& entry) {
    m_candidates.push_back({phrase, rule, entry});
  }

  std::unordered_set<std::string> m_ids;
  std::unique_ptr<icu::Transliterator> m_ascii;
  std::vector<Candidate> m_candidates;
};

Entry make_entry(std::string id, std::string name, Kind kind, Source source,
                 std::uint8_t flags = 0) {
  Entry e;
  e.id = std::move(id);
  e.name = std::move(name);
  e.kind = kind;
  e.source = source;
  e.flags = flags;
  return e;
}

std::optional<CaseRule> parse_case(const std::string& s) {
  if (s.empty() || s == "cap") return CaseRule::capitalized;
  if (s == "exact") return CaseRule::exact;
  if (s == "any") return CaseRule::any;
  return std::nullopt;
}

std::uint8_t parse_flags(const std::string& s, const std::string& where,
                         std::string* in = nullptr) {
  std::uint8_t flags = 0;
  if (s.empty()) return flags;
  for (const std::string& f : split(s, ',')) {
    const std::string t = trim(f);
    if (in != nullptr && t.rfind("in:", 0) == 0) {
      *in = t.substr(3);
    } else if (t == "person") {
      flags |= kPerson;
    } else if (t == "dateline") {
      flags |= kDatelineOnly;
    } else if (!t.empty()) {
      throw KnowledgeError(where + "unknown flag '" + t + "' (person, dateline" +
                           (in ? ", in:XX" : "") + ")");
    }
  }
  return flags;
}

void check_id(const Builder& b, const std::string& id, const std::string& where) {
  if (!b.valid_id(id)) throw KnowledgeError(where + "unknown country code '" + id + "'");
}

std::vector<std::string> phrases_of(const std::string& col, const std::string& where) {
  std::vector<std::string> out;
  for (const std::string& p : split(col, '|')) {
    std::string t = trim(p);
    if (t.empty()) throw KnowledgeError(where + "empty phrase");
    if (phrase_tokens(t).empty()) throw KnowledgeError(where + "phrase '" + t + "' has no words");
    out.push_back(std::move(t));
  }
  return out;
}

// ---- the knowledge files ------------------------------------------------------------------

/// What the currency names need from the other files.
struct CurrencyForms {
  std::vector<std::pair<std::string, std::vector<std::string>>> units;  // "dollars" -> {"dlrs"}
  std::unordered_map<std::string, std::vector<std::string>>
      abbreviations;  // "US" -> {"US", "U.S.", ...}
};

void load_countries_tsv(const fs::path& path, Builder& b, CurrencyForms& forms) {
  read_tsv(path, true, [&](const std::vector<std::string>& c, const std::string& where) {
    if (c.size() < 3 || c.size() > 5) {
      throw KnowledgeError(
          where +
          "expected 3 to 5 tab-separated columns (id, kind, phrases[, case[, flags]]), found " +
          std::to_string(c.size()));
    }
    check_id(b, c[0], where);
    Kind kind;
    if (c[1] == "name")
      kind = Kind::name;
    else if (c[1] == "official")
      kind = Kind::official;
    else if (c[1] == "abbreviation")
      kind = Kind::abbreviation;
    else if (c[1] == "demonym")
      kind = Kind::demonym;
    else if (c[1] == "capital")
      kind = Kind::capital;
    else
      throw KnowledgeError(where + "unknown kind '" + c[1] +
                           "' (name, official, abbreviation, demonym, capital)");
    const auto rule = parse_case(c.size() > 3 ? c[3] : "");
    if (!rule) throw KnowledgeError(where + "unknown case '" + c[3] + "' (cap, exact, any)");
    std::string in;
    const std::uint8_t flags = parse_flags(c.size() > 4 ? c[4] : "", where, &in);
    if (!in.empty()) check_id(b, in, where);
    for (const std::string& p : phrases_of(c[2], where)) {
      if (kind == Kind::abbreviation) forms.abbreviations[c[0]].push_back(p);
      Entry e = make_entry(c[0], p, kind, Source::gazetteer, flags);
      e.in = in;
      b.add(p, *rule, std::move(e));
    }
  });
}

void load_orgs_tsv(const fs::path& path, Builder& b) {
  read_tsv(path, true, [&](const std::vector<std::string>& c, const std::string& where) {
    if (c.size() < 2 || c.size() > 3) {
      throw KnowledgeError(where +
                           "expected 2 or 3 tab-separated columns (phrase, about[, case]), found " +
                           std::to_string(c.size()));
    }
    std::string about = c[1] == "-" ? std::string() : c[1];
    if (!about.empty()) check_id(b, about, where);
    const auto rule = parse_case(c.size() > 2 ? c[2] : "");
    if (!rule) throw KnowledgeError(where + "unknown case '" + c[2] + "' (cap, exact, any)");
    for (const std::string& p : phrases_of(c[0], where)) {
      b.add(p, *rule,
            make_entry(about, p, about.empty() ? Kind::other : Kind::organisation,
                       Source::organisations));
    }
  });
}

void load_places_news(const fs::path& path, Builder& b) {
  read_tsv(path, true, [&](const std::vector<std::string>& c, const std::string& where) {
    if (c.size() < 3 || c.size() > 4) {
      throw KnowledgeError(
          where + "expected 3 or 4 tab-separated columns (names, id, kind[, flags]), found " +
          std::to_string(c.size()));
    }
    check_id(b, c[1], where);
    Kind kind;
    if (c[2] == "city")
      kind = Kind::city;
    else if (c[2] == "region")
      kind = Kind::region;
    else
      throw KnowledgeError(where + "unknown kind '" + c[2] + "' (city, region)");
    const std::uint8_t flags = parse_flags(c.size() > 3 ? c[3] : "", where);
    // Dateline abbreviations are matched in any case ("MASS.", "Calif").
    const CaseRule rule = (flags & kDatelineOnly) ? CaseRule::any : CaseRule::capitalized;
    for (const std::string& p : phrases_of(c[0], where)) {
      b.add(p, rule, make_entry(c[1], p, kind, Source::news_places, flags));
    }
  });
}

void load_word_lists(const fs::path& stop_path, Tables& t, std::vector<std::string>& designators) {
  read_tsv(stop_path, true, [&](const std::vector<std::string>& c, const std::string& where) {
    if (c.size() != 2)
      throw KnowledgeError(where + "expected 2 tab-separated columns (stop|designator, words)");
    std::vector<std::string> words = phrases_of(c[1], where);
    if (c[0] == "stop") {
      for (const auto& w : words) t.stop_words.insert(folded_key(w));
    } else if (c[0] == "designator") {
      for (const auto& w : words) designators.push_back(folded_key(w));
    } else {
      throw KnowledgeError(where + "unknown row type '" + c[0] + "' (stop, designator)");
    }
  });
}

struct RuleRow {
  std::string key;  // folded phrase
  Rule rule;
};

std::vector<RuleRow> load_rules(const fs::path& path, const Builder& b, Tables& t,
                                CurrencyForms& forms) {
  std::vector<RuleRow> rows;
  read_tsv(path, true, [&](const std::vector<std::string>& c, const std::string& where) {
    if (c.empty()) return;
    if (c[0] == "unit") {
      if (c.size() != 3)
        throw KnowledgeError(where + "expected 3 tab-separated columns (unit, word, variants)");
      if (c[1].empty() || c[1].find(' ') != std::string::npos)
        throw KnowledgeError(where + "unit must be one word");
      forms.units.emplace_back(c[1], phrases_of(c[2], where));
      return;
    }
    if (c[0] == "title" || c[0] == "geo" || c[0] == "company") {
      if (c.size() != 2) {
        throw KnowledgeError(where + "expected 2 tab-separated columns (" + c[0] + ", words)");
      }
      auto& set = c[0] == "title" ? t.person_titles : c[0] == "geo" ? t.geo_words : t.company_words;
      for (const auto& w : phrases_of(c[1], where)) set.insert(folded_key(w));
      return;
    }
    if (c[0] != "rule")
      throw KnowledgeError(where + "unknown row type '" + c[0] +
                           "' (rule, title, geo, company, unit)");
    if (c.size() != 5) {
      throw KnowledgeError(
          where +
          "expected 5 tab-separated columns (rule, phrase, action, scope, context), found " +
          std::to_string(c.size()));
    }
    RuleRow row;
    row.key = folded_key(c[1]);
    if (row.key.empty()) throw KnowledgeError(where + "phrase has no words");
    if (c[2] == "keep") {
      row.rule.action = Rule::Action::keep;
    } else if (c[2] == "drop") {
      row.rule.action = Rule::Action::drop;
    } else if (b.valid_id(c[2])) {
      row.rule.action = Rule::Action::reassign;
      row.rule.id = c[2];
    } else {
      throw KnowledgeError(where + "unknown action '" + c[2] + "' (keep, drop or a country code)");
    }
    if (c[3] == "sentence") {
      row.rule.scope = Rule::Scope::sentence;
    } else if (c[3] == "document") {
      row.rule.scope = Rule::Scope::document;
    } else {
      throw KnowledgeError(where + "unknown scope '" + c[3] + "' (sentence, document)");
    }
    for (const std::string& item : phrases_of(c[4], where)) {
      if (item.rfind("@dateline:", 0) == 0) {
        const std::string id = item.substr(10);
        check_id(b, id, where);
        row.rule.datelines.push_back(id);
        continue;
      }
      if (item[0] == '@')
        throw KnowledgeError(where + "unknown context item '" + item + "' (@dateline:XX)");
      std::vector<std::string> surface;
      bool has_upper = false;
      for (const Token& tok : tokenize(item)) {
        surface.emplace_back(item.substr(tok.begin, tok.end - tok.begin));
        has_upper = has_upper || tok.capitalized;
      }
      row.rule.words.push_back(phrase_tokens(item));
      row.rule.words_exact.push_back(has_upper);
      row.rule.surface.push_back(std::move(surface));
    }
    rows.push_back(std::move(row));
  });
  return rows;
}

void load_history(const fs::path& path, const Builder& b, Tables& t) {
  read_tsv(path, true, [&](const std::vector<std::string>& c, const std::string& where) {
    if (c.size() != 3)
      throw KnowledgeError(where + "expected 3 tab-separated columns (former, until, successors)");
    check_id(b, c[0], where);
    const std::string& until = c[1];
    const bool date_ok = until.size() == 10 && until[4] == '-' && until[7] == '-' &&
                         std::all_of(until.begin(), until.end(),
                                     [](char ch) { return ch == '-' || (ch >= '0' && ch <= '9'); });
    if (!date_ok) throw KnowledgeError(where + "bad date '" + until + "' (YYYY-MM-DD)");
    std::istringstream ss(c[2]);
    std::string id;
    while (ss >> id) {
      check_id(b, id, where);
      t.former_of[id] = Former{c[0], until};
    }
  });
}

// ---- generated names -------------------------------------------------------------------

// Region names in Chinese (simplified and traditional) and Japanese, full and short
// ("美国", "美國", "アメリカ合衆国", "アメリカ"): ICU's display names. They are matched
// character by character (no case, no spaces).
void add_icu_cjk_countries(Builder& b, const std::vector<std::string>& codes) {
  for (const char* locale : {"zh", "zh_Hant", "ja"}) {
    const icu::Locale in(locale);
    UDisplayContext ctx[] = {UDISPCTX_LENGTH_SHORT};
    std::unique_ptr<icu::LocaleDisplayNames> short_names(
        icu::LocaleDisplayNames::createInstance(in, ctx, 1));
    for (const std::string& cc : codes) {
      std::set<std::string> names;
      icu::UnicodeString full;
      icu::Locale("", cc.c_str()).getDisplayCountry(in, full);
      names.insert(utf8(full));
      if (short_names) {
        icu::UnicodeString s;
        short_names->regionDisplayName(cc.c_str(), s);
        names.insert(utf8(s));
      }
      for (const std::string& name : names) {
        // Only names in CJK script, of two characters or more: a one-character name
        // ("美") is an abbreviation that needs context.
        if (name.empty() || name == cc || !has_cjk(name) || name.size() < 6) continue;
        b.add(name, CaseRule::any, make_entry(cc, name, Kind::name, Source::icu));
      }
    }
  }
}

void add_icu_countries(Builder& b, Tables& t) {
  UDisplayContext ctx[] = {UDISPCTX_LENGTH_SHORT};
  std::unique_ptr<icu::LocaleDisplayNames> short_names(
      icu::LocaleDisplayNames::createInstance(icu::Locale::getEnglish(), ctx, 1));
  std::vector<std::string> codes;
  for (const char* const* c = icu::Locale::getISOCountries(); *c != nullptr; ++c)
    codes.emplace_back(*c);
  codes.emplace_back("EU");
  for (const std::string& cc : codes) {
    icu::UnicodeString full;
    icu::Locale("", cc.c_str()).getDisplayCountry(icu::Locale::getEnglish(), full);
    const std::string name = utf8(full);
    if (name.empty() || name == cc) continue;
    t.country_name[cc] = name;
    b.add_variants(name, CaseRule::capitalized, make_entry(cc, name, Kind::name, Source::icu));
    if (short_names) {
      icu::UnicodeString s;
      short_names->regionDisplayName(cc.c_str(), s);
      const std::string short_name = utf8(s);
      if (!short_name.empty() && short_name != name && short_name != cc) {
        b.add_variants(short_name, CaseRule::capitalized,
                       make_entry(cc, short_name, Kind::name, Source::icu));
      }
    }
  }
  add_icu_cjk_countries(b, codes);
}

void add_iso_names(Builder& b) {
  std::ifstream in(kIso3166_1, std::ios::binary);
  if (!in) return;
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.contains("3166-1")) return;
  for (const auto& c : j["3166-1"]) {
    const std::string cc = c.value("alpha_2", "");
    if (!b.valid_id(cc)) continue;
    for (const char* field : {"name", "official_name", "common_name"}) {
      const std::string n = c.value(field, "");
      if (n.empty() || n.find(',') != std::string::npos || n.find('(') != std::string::npos)
        continue;
      b.add(n, CaseRule::capitalized,
            make_entry(cc, n, std::string(field) == "official_name" ? Kind::official : Kind::name,
                       Source::icu));
    }
  }
}

/// "Australian dollars" -> also "Australian dlrs"; "US dollar" -> also "U.S. dollar".
std::vector<std::string> currency_forms(const std::string& name, const std::string& cc,
                                        const CurrencyForms& forms) {
  std::vector<std::string> out{name};
  const auto space = name.rfind(' ');
  if (space != std::string::npos) {
    const std::string head = name.substr(0, space), last = name.substr(space + 1);
    for (const auto& [word, variants] : forms.units) {
      if (word != last) continue;
      for (const auto& v : variants) out.push_back(head + " " + v);
    }
  }
  const auto abbr = forms.abbreviations.find(cc);
  if (abbr != forms.abbreviations.end()) {
    const std::size_t n = out.size();
    for (std::size_t i = 0; i < n; ++i) {
      const auto sp = out[i].find(' ');
      if (sp == std::string::npos) continue;
      const std::string first = out[i].substr(0, sp);
      if (std::find(abbr->second.begin(), abbr->second.end(), first) == abbr->second.end())
        continue;
      for (const auto& a : abbr->second) {
        if (a != first) out.push_back(a + out[i].substr(sp));
      }
    }
  }
  return out;
}

void add_currencies(Builder& b, const CurrencyForms& forms) {
  UErrorCode status = U_ZERO_ERROR;
  UEnumeration* all = ucurr_openISOCurrencies(UCURR_ALL, &status);
  if (U_FAILURE(status)) return;
  while (const char* code = uenum_next(all, nullptr, &status)) {
    if (U_FAILURE(status)) break;
    const std::string cur(code);
    if (cur.size() != 3 || cur[0] == 'X') continue;
    const std::string cc = cur == "EUR" ? "EU" : cur.substr(0, 2);
    if (!b.valid_id(cc)) continue;
    UChar ucode[4];
    for (int i = 0; i < 3; ++i) ucode[i] = static_cast<UChar>(cur[static_cast<std::size_t>(i)]);
    ucode[3] = 0;
    for (const char* count : {"one", "other"}) {
      UErrorCode st = U_ZERO_ERROR;
      UBool choice = false;
      int32_t len = 0;
      const UChar* n = ucurr_getPluralName(ucode, "en", &choice, count, &len, &st);
      if (U_FAILURE(st) || n == nullptr || len == 0) continue;
      std::string name = utf8(icu::UnicodeString(n, len));
      if (const auto p = name.find(" ("); p != std::string::npos) name.resize(p);
      if (name == cur) continue;
      for (const std::string& f : currency_forms(name, cc, forms)) {
        b.add(f, CaseRule::capitalized, make_entry(cc, name, Kind::currency, Source::currency));
      }
    }
  }
  uenum_close(all);
}

/// True for a place name as text writes it: no digits, no capitals inside a word
/// ("ComodRivadavia", "ACT", "NSW" are not).
bool plain_name(std::string_view name) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c >= '0' && c <= '9') return false;
    if (c >= 'A' && c <= 'Z' && i > 0 && name[i - 1] != ' ' && name[i - 1] != '-') return false;
  }
  return true;
}

/// A zone's last path component as a place name ("America/Port_of_Spain" -> "Port of
/// Spain"); "" for zones that name no place or none worth it.
std::string zone_city(std::string_view zone) {
  // Three levels are sub-state towns ("America/Indiana/Knox"), too obscure and too often
  // someone's name; their ICU exemplar names are left out for the same reason.
  if (std::count(zone.begin(), zone.end(), '/') != 1) return {};
  static constexpr std::string_view kAreas[] = {"Africa/",   "America/",   "Asia/",
                                                "Atlantic/", "Australia/", "Europe/",
                                                "Indian/",   "Pacific/",   "Arctic/"};
  bool area = false;
  for (std::string_view a : kAreas) area = area || zone.rfind(a, 0) == 0;
  if (!area) return {};
  std::string city(zone.substr(zone.find('/') + 1));
  for (char& c : city) {
    if (c == '_') c = ' ';
  }
  return plain_name(city) ? city : std::string();
}

void add_time_zone_cities(Builder& b) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::TimeZoneNames> names(
      icu::TimeZoneNames::createInstance(icu::Locale::getEnglish(), status));
  std::unique_ptr<icu::StringEnumeration> zones(
      icu::TimeZone::createTimeZoneIDEnumeration(UCAL_ZONE_TYPE_ANY, nullptr, nullptr, status));
  if (U_FAILURE(status) || !zones) return;
  while (const icu::UnicodeString* id = zones->snext(status)) {
    if (U_FAILURE(status)) break;
    const std::string zone = utf8(*id);
    const std::string from_id = zone_city(zone);
    if (from_id.empty() || all_caps_phrase(from_id)) continue;
    char region[8] = {0};
    UErrorCode st = U_ZERO_ERROR;
    icu::TimeZone::getRegion(*id, region, sizeof region, st);
    const std::string cc(region);
    if (U_FAILURE(st) || cc.size() != 2 || cc == "AQ" || !b.valid_id(cc)) continue;
    b.add(from_id, CaseRule::capitalized, make_entry(cc, from_id, Kind::city, Source::time_zones));
    if (names) {
      icu::UnicodeString exemplar, canonical;
      UErrorCode s2 = U_ZERO_ERROR;
      icu::TimeZone::getCanonicalID(*id, canonical, s2);
      names->getExemplarLocationName(U_SUCCESS(s2) ? canonical : *id, exemplar);
      const std::string ex = utf8(exemplar);
      if (ex != from_id && plain_name(ex)) {
        b.add(ex, CaseRule::capitalized, make_entry(cc, ex, Kind::city, Source::time_zones));
      }
    }
  }
  // The tz database's own table (zone -> country), for zones ICU may not know yet.
  read_tsv(kZoneTab, false, [&](const std::vector<std::string>& c, const std::string&) {
    if (c.size() < 3 || !b.valid_id(c[0]) || c[0] == "AQ") return;
    const std::string city = zone_city(c[2]);
    if (!city.empty())
      b.add(city, CaseRule::capitalized, make_entry(c[0], city, Kind::city, Source::time_zones));
  });
}

/// "Bristol, City of" -> "Bristol"; "Wales [Cymru GB-CYM]" -> "Wales"; "Distrito Nacional
/// (Santo Domingo)" -> both; "wallonne, Région" -> nothing.
std::vector<std::string> subdivision_names(std::string name) {
  std::vector<std::string> out;
  if (const auto p = name.find(" ["); p != std::string::npos) name.resize(p);
  if (const auto p = name.find(" ("); p != std::string::npos) {
    const auto close = name.find(')', p);
    if (close != std::string::npos) {
      const std::string inner = name.substr(p + 2, close - p - 2);
      if (!inner.empty() && inner[0] >= 'A' && inner[0] <= 'Z') out.push_back(inner);
    }
    name.resize(p);
  }
  if (const auto p = name.find(','); p != std::string::npos) name.resize(p);
  name = trim(name);
  if (!name.empty() && static_cast<unsigned char>(name[0]) < 0x80 &&
      !(name[0] >= 'A' && name[0] <= 'Z')) {
    return out;
  }
  if (!name.empty()) out.insert(out.begin(), name);
  return out;
}

void add_subdivisions(Builder& b, const std::vector<std::string>& designators) {
  std::ifstream in(kIso3166_2, std::ios::binary);
  if (!in) return;
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.contains("3166-2")) return;
  for (const auto& s : j["3166-2"]) {
    const std::string code = s.value("code", "");
    if (code.size() < 3) continue;
    const std::string cc = code.substr(0, 2);
    if (!b.valid_id(cc)) continue;
    for (const std::string& n : subdivision_names(s.value("name", ""))) {
      if (all_caps_phrase(n)) continue;  // "ARMM", "CAR": codes, not names as text writes them
      b.add(n, CaseRule::capitalized, make_entry(cc, n, Kind::region, Source::subdivisions));
      // "Anhui Sheng" -> "Anhui" as well.
      const auto space = n.rfind(' ');
      if (space != std::string::npos &&
          std::find(designators.begin(), designators.end(), folded_key(n.substr(space + 1))) !=
              designators.end()) {
        const std::string base = n.substr(0, space);
        b.add(base, CaseRule::capitalized,
              make_entry(cc, base, Kind::region, Source::subdivisions));
      }
    }
  }
}

bool is_place(Source s) {
  return s == Source::news_places || s == Source::time_zones || s == Source::subdivisions;
}

}  // namespace

Tables load_country_tables(const fs::path& dir) {
  Tables t;
  Builder b;
  std::vector<std::string> designators;
  load_word_lists(dir / "places-stop.tsv", t, designators);
  CurrencyForms forms;
  load_orgs_tsv(dir / "countries-orgs.tsv", b);
  load_countries_tsv(dir / "countries.tsv", b, forms);
  load_places_news(dir / "places-news.tsv", b);
  load_history(dir / "countries-history.tsv", b, t);
  std::vector<RuleRow> rule_rows = load_rules(dir / "countries-rules.tsv", b, t, forms);
  add_icu_countries(b, t);
  add_iso_names(b);
  add_currencies(b, forms);
  add_time_zone_cities(b);
  add_subdivisions(b, designators);

  for (const char* m :
       {"jan",  "january",   "feb",  "february", "mar",  "march",    "apr",    "april",
        "may",  "jun",       "june", "jul",      "july", "aug",      "august", "sep",
        "sept", "september", "oct",  "october",  "nov",  "november", "dec",    "december"}) {
    t.months.insert(m);
  }

  // One entry per phrase: the best source wins; equal sources that disagree on the country
  // make the phrase ambiguous (it still blocks its shorter parts, but names no country).
  std::map<std::string, std::vector<const Candidate*>> by_key;
  for (const Candidate& c : b.candidates()) {
    std::string key = folded_key(c.phrase);
    if (key.empty()) continue;
    if (c.rule == CaseRule::exact) key = "=" + c.phrase;
    by_key[key].push_back(&c);
  }
  std::vector<std::pair<std::string, const Candidate*>> chosen;  // folded key, candidate
  std::vector<Entry> ambiguous;
  for (auto& [key, list] : by_key) {
    std::stable_sort(list.begin(), list.end(), [](const Candidate* x, const Candidate* y) {
      return x->entry.source < y->entry.source;
    });
    const Candidate* best = list.front();
    const bool generated =
        best->entry.source == Source::time_zones || best->entry.source == Source::subdivisions;
    if (generated) {
      // A common word is no place on its own ("Reading", "Easter", "Center").
      if (t.stop_words.count(folded_key(best->phrase)) != 0) continue;
      if (best->phrase.size() < 3) continue;
    }
    bool disagree = false;
    for (const Candidate* c : list) {
      if (c->entry.source != best->entry.source) break;
      disagree = disagree || c->entry.id != best->entry.id;
    }
    Entry e = best->entry;
    if (disagree) {
      e.id.clear();
      e.kind = Kind::ambiguous;
    }
    const std::string folded = folded_key(best->phrase);
    t.entries.push_back(std::move(e));
    (t.entries.back().flags & kDatelineOnly ? t.dateline_matcher : t.matcher)
        .add(best->phrase, static_cast<std::uint32_t>(t.entries.size() - 1), best->rule);
    if (is_place(t.entries.back().source) && t.entries.back().kind != Kind::ambiguous)
      ++t.place_count;
    chosen.emplace_back(folded, best);
  }

  // Ambiguity rules, grouped by phrase in file order, attached to every entry of the phrase.
  std::stable_sort(rule_rows.begin(), rule_rows.end(),
                   [](const RuleRow& x, const RuleRow& y) { return x.key < y.key; });
  std::unordered_map<std::string, std::pair<std::uint32_t, std::uint32_t>> rule_range;
  for (const RuleRow& r : rule_rows) {
    auto [it, fresh] = rule_range.try_emplace(r.key, static_cast<std::uint32_t>(t.rules.size()), 0);
    t.rules.push_back(r.rule);
    it->second.second = static_cast<std::uint32_t>(t.rules.size());
    (void)fresh;
  }
  for (std::size_t i = 0; i < t.entries.size(); ++i) {
    const auto it = rule_range.find(chosen[i].first);
    if (it == rule_range.end()) continue;
    t.entries[i].rules_begin = it->second.first;
    t.entries[i].rules_end = it->second.second;
  }
  for (const std::string& cc : {std::string("SU"), std::string("DD"), std::string("YU"),
                                std::string("CS"), std::string("YD"), std::string("AN")}) {
    if (t.country_name.count(cc) == 0) {
      for (const Entry& e : t.entries) {
        if (e.id == cc && e.kind == Kind::name) {
          t.country_name[cc] = e.name;
          break;
        }
      }
    }
  }
  return t;
}

}  // namespace dualdex::ingest::country
