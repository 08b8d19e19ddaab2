// Loads EntityExtractor's knowledge files (formats in each file's header comment).
#include <fstream>
#include <string>
#include <vector>

#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/knowledge_file.hpp"
#include "dualdex/ingest/normalize.hpp"
#include "entity_internal.hpp"

namespace dualdex::ingest::entity {
namespace fs = std::filesystem;

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

/// A knowledge file whose fields may not be empty, with a check of the field count.
class Reader : public KnowledgeFile {
 public:
  explicit Reader(const fs::path& path) : KnowledgeFile(path, {true, false}) {}

  void expect(const std::vector<std::string>& f, std::size_t n, const char* layout) const {
    if (f.size() != n) {
      fail("'" + f[0] + "' takes " + std::to_string(n) + " fields (" + layout + "), got " +
           std::to_string(f.size()));
    }
  }
};

std::vector<std::string> split_bar(std::string_view s) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (;;) {
    const std::size_t bar = s.find('|', from);
    const std::string_view part = trim(s.substr(from, bar == s.npos ? s.npos : bar - from));
    if (!part.empty()) out.emplace_back(part);
    if (bar == s.npos) break;
    from = bar + 1;
  }
  return out;
}

CaseRule parse_case(const Reader& r, const std::string& s) {
  if (s == "any") return CaseRule::any;
  if (s == "capitalized" || s == "cap") return CaseRule::capitalized;
  if (s == "exact") return CaseRule::exact;
  r.fail("unknown case rule '" + s + "' (any, capitalized or exact)");
}

bool is_slug(std::string_view s) {
  if (s.empty() || s.front() == '-' || s.back() == '-') return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return s.find("--") == s.npos;
}

bool is_agency_id(std::string_view s) {
  if (s.size() < 4 || s[2] != '.') return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (i == 2) continue;
    if (!((c >= 'A' && c <= 'Z') || (i > 2 && c >= '0' && c <= '9'))) return false;
  }
  return true;
}

/// "1C902", "1E902.a": category digit, group A-E, three digits, dotted sub-items.
bool is_control_code(std::string_view s) {
  if (s.size() < 5) return false;
  if (!(s[0] >= '0' && s[0] <= '9') || !(s[1] >= 'A' && s[1] <= 'E')) return false;
  for (int i = 2; i < 5; ++i) {
    if (!(s[i] >= '0' && s[i] <= '9')) return false;
  }
  s.remove_prefix(5);
  while (!s.empty()) {
    if (s[0] != '.' || s.size() < 2) return false;
    s.remove_prefix(1);
    std::size_t n = 0;
    while (n < s.size() && ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9'))) ++n;
    if (n == 0) return false;
    s.remove_prefix(n);
  }
  return true;
}

void add_phrases(const Reader& r, PhraseMatcher& m, const std::string& phrases, std::uint32_t value,
                 CaseRule rule) {
  const auto list = split_bar(phrases);
  if (list.empty()) r.fail("no phrase");
  for (const auto& p : list) {
    if (!m.add(p, value, rule)) r.fail("phrase '" + p + "' has no words");
  }
}

void add_words(const Reader& r, std::unordered_set<std::string>& set, const std::string& words) {
  const auto list = split_bar(words);
  if (list.empty()) r.fail("no word");
  for (const auto& w : list) {
    // Abbreviations are listed with their dot ("Mr.", "Co."); the token has none.
    std::string_view v = w;
    while (!v.empty() && v.back() == '.') v.remove_suffix(1);
    if (v.empty()) r.fail("empty word");
    set.insert(fold_case(v));
  }
}

Target target_of(TargetKind kind, std::uint32_t ref) {
  Target target;
  target.kind = kind;
  target.ref = ref;
  return target;
}

std::uint32_t add_target(Tables& t, Target target) {
  t.targets.push_back(std::move(target));
  return static_cast<std::uint32_t>(t.targets.size() - 1);
}

std::uint32_t class_of(const Reader& r, const Tables& t, const std::string& name) {
  const auto it = t.class_index.find(name);
  if (it == t.class_index.end()) r.fail("class '" + name + "' is not a class of any agency");
  return it->second;
}

std::int32_t agency_of(const Reader& r, const Tables& t, const std::string& id) {
  const auto it = t.agency_ids.find(id);
  if (it == t.agency_ids.end())
    r.fail("unknown agency '" + id + "' (define it with an 'agency' line first)");
  return it->second;
}

void load_agencies(const fs::path& path, Tables& t) {
  Reader r(path);
  std::vector<std::string> f;
  while (r.next(f)) {
    if (f[0] == "agency") {
      r.expect(f, 5, "agency ID COUNTRY CLASSES NAME");
      if (!is_agency_id(f[1])) r.fail("agency id '" + f[1] + "' is not <COUNTRY>.<ACRONYM>");
      if (f[2].size() != 2 || f[1].compare(0, 2, f[2]) != 0)
        r.fail("country '" + f[2] + "' does not match id " + f[1]);
      if (t.agency_ids.count(f[1])) r.fail("agency '" + f[1] + "' defined twice");
      Agency a;
      a.id = f[1];
      a.country = f[2];
      a.acronym = f[1].substr(3);
      a.name = f[4];
      if (f[3] != "-") {
        for (const auto& c : split_bar([&] {
               std::string s = f[3];
               for (char& ch : s) ch = ch == ',' ? '|' : ch;
               return s;
             }())) {
          if (!is_slug(c)) r.fail("class '" + c + "' must be lower-case words joined by '-'");
          auto [it, fresh] = t.class_index.emplace(c, static_cast<std::uint32_t>(t.classes.size()));
          if (fresh) t.classes.push_back(c);
          a.classes.push_back(it->second);
        }
      }
      t.agency_ids.emplace(a.id, static_cast<std::int32_t>(t.agencies.size()));
      t.agencies.push_back(std::move(a));
    } else if (f[0] == "name") {
      r.expect(f, 4, "name ID CASE PHRASES");
      const std::int32_t a = agency_of(r, t, f[1]);
      const std::uint32_t target =
          add_target(t, target_of(TargetKind::agency, static_cast<std::uint32_t>(a)));
      add_phrases(r, t.gazetteer, f[3], target, parse_case(r, f[2]));
    } else if (f[0] == "generic") {
      r.expect(f, 6, "generic CLASS CASE NEED DEFAULT PHRASES");
      Target g = target_of(TargetKind::generic, class_of(r, t, f[1]));
      if (f[3] == "any") {
        g.need = Need::any;
      } else if (f[3] == "det") {
        g.need = Need::det;
      } else if (f[3] == "qualifier") {
        g.need = Need::qualifier;
      } else {
        r.fail("unknown need '" + f[3] + "' (any, det or qualifier)");
      }
      if (f[4] != "-") g.fallback = agency_of(r, t, f[4]);
      const std::uint32_t target = add_target(t, std::move(g));
      add_phrases(r, t.gazetteer, f[5], target, parse_case(r, f[2]));
    } else {
      r.fail("unknown record '" + f[0] + "' (agency, name or generic)");
    }
  }
  for (std::size_t i = 0; i < t.agencies.size(); ++i) {
    for (const std::uint32_t c : t.agencies[i].classes) {
      const std::string key = t.agencies[i].country + "/" + t.classes[c];
      auto [it, fresh] = t.by_country_class.emplace(key, static_cast<std::int32_t>(i));
      if (!fresh) it->second = kAmbiguous;
    }
  }
}

void load_items(const fs::path& path, Tables& t) {
  Reader r(path);
  std::vector<std::string> f;
  std::unordered_map<std::string, std::uint32_t> ids;
  auto item_of = [&](const std::string& id) {
    const auto it = ids.find(id);
    if (it == ids.end()) r.fail("unknown item '" + id + "' (define it with an 'item' line first)");
    return it->second;
  };
  while (r.next(f)) {
    if (f[0] == "item") {
      r.expect(f, 5, "item ID PARENT CODES NAME");
      if (!is_slug(f[1])) r.fail("item id '" + f[1] + "' must be a lower-case slug");
      if (ids.count(f[1])) r.fail("item '" + f[1] + "' defined twice");
      Item it;
      it.id = f[1];
      if (f[2] != "-") it.parent = t.items[item_of(f[2])].id;
      if (f[3] != "-") {
        std::string codes = f[3];
        for (char& ch : codes) ch = ch == ',' ? '|' : ch;
        for (const auto& c : split_bar(codes)) {
          const auto colon = c.find(':');
          if (colon == std::string::npos || !is_slug(c.substr(0, colon)) ||
              !is_control_code(c.substr(colon + 1))) {
            r.fail("code '" + c + "' is not LIST:CODE (cn-dual-use:1C902)");
          }
          it.codes.push_back(c);
        }
      }
      it.name = f[4];
      ids.emplace(it.id, static_cast<std::uint32_t>(t.items.size()));
      t.items.push_back(std::move(it));
    } else if (f[0] == "alias") {
      r.expect(f, 5, "alias ID CASE VALUE PHRASES");
      Target target = target_of(TargetKind::item, item_of(f[1]));
      if (f[3] != "-") target.value = f[3];
      add_phrases(r, t.gazetteer, f[4], add_target(t, std::move(target)), parse_case(r, f[2]));
    } else if (f[0] == "symbol") {
      r.expect(f, 3, "symbol ID SYMBOL");
      const std::uint32_t item = item_of(f[1]);
      if (f[2].size() > 3 || f[2].find(' ') != std::string::npos)
        r.fail("symbol '" + f[2] + "' is not a chemical symbol");
      t.items[item].element = true;
      add_phrases(r, t.gazetteer, f[2], add_target(t, target_of(TargetKind::symbol, item)),
                  CaseRule::exact);
    } else if (f[0] == "stop") {
      r.expect(f, 5, "stop - CASE - PHRASES");
      add_phrases(r, t.gazetteer, f[4], add_target(t, target_of(TargetKind::stop, 0)),
                  parse_case(r, f[2]));
    } else {
      r.fail("unknown record '" + f[0] + "' (item, alias, symbol or stop)");
    }
  }
}

void load_organisations(const fs::path& path, Tables& t) {
  Reader r(path);
  std::vector<std::string> f;
  std::unordered_map<std::string, std::uint32_t> ids;
  while (r.next(f)) {
    if (f[0] == "org") {
      r.expect(f, 4, "org ID CASE PHRASES");
      if (!is_slug(f[1])) r.fail("organisation id '" + f[1] + "' must be a lower-case slug");
      auto [it, fresh] = ids.emplace(f[1], static_cast<std::uint32_t>(t.organisations.size()));
      if (fresh) {
        const auto names = split_bar(f[3]);
        t.organisations.push_back({f[1], names.empty() ? f[1] : names.front()});
      }
      add_phrases(r, t.gazetteer, f[3],
                  add_target(t, target_of(TargetKind::organisation, it->second)),
                  parse_case(r, f[2]));
    } else if (f[0] == "legal" || f[0] == "suffix" || f[0] == "head") {
      r.expect(f, 2, "KIND WORDS");
      add_words(r, f[0] == "legal" ? t.legal : f[0] == "suffix" ? t.suffix : t.head, f[1]);
    } else {
      r.fail("unknown record '" + f[0] + "' (org, legal, suffix or head)");
    }
  }
}

void load_roles(const fs::path& path, Tables& t) {
  Reader r(path);
  std::vector<std::string> f;
  while (r.next(f)) {
    if (f[0] == "role") {
      r.expect(f, 6, "role ROLE AGENCY MEMORY CASE PHRASES");
      Role role;
      role.id = f[1];
      for (char c : role.id) {
        if (c >= 'A' && c <= 'Z') r.fail("role '" + f[1] + "' must be lower case");
      }
      if (f[2].find('.') != std::string::npos) {
        role.agency = agency_of(r, t, f[2]);
      } else if (f[2] != "-") {
        role.cls = static_cast<std::int32_t>(class_of(r, t, f[2]));
      }
      if (f[3] == "named") {
        role.named = true;
      } else if (f[3] == "implied") {
        role.named = false;
      } else {
        r.fail("memory must be 'named' or 'implied', not '" + f[3] + "'");
      }
      t.roles.push_back(std::move(role));
      add_phrases(r, t.role_matcher, f[5], static_cast<std::uint32_t>(t.roles.size() - 1),
                  parse_case(r, f[4]));
    } else if (f[0] == "title" || f[0] == "verb" || f[0] == "nonname" || f[0] == "nonperson" ||
               f[0] == "particle") {
      r.expect(f, 2, "KIND WORDS");
      add_words(r,
                f[0] == "title"       ? t.titles
                : f[0] == "verb"      ? t.verbs
                : f[0] == "nonname"   ? t.nonname
                : f[0] == "nonperson" ? t.nonperson
                                      : t.particles,
                f[1]);
    } else {
      r.fail("unknown record '" + f[0] + "' (role, title, verb, nonname, nonperson or particle)");
    }
  }
}

}  // namespace

std::int32_t Tables::agency_for(std::string_view country, std::uint32_t cls) const {
  if (country.empty() || cls >= classes.size()) return kNone;
  std::string key(country);
  key += '/';
  key += classes[cls];
  const auto it = by_country_class.find(key);
  return it == by_country_class.end() || it->second < 0 ? kNone : it->second;
}

Tables load_entity_tables(const fs::path& dir) {
  Tables t;
  load_agencies(dir / "agencies.tsv", t);
  load_items(dir / "items.tsv", t);
  load_organisations(dir / "organisations.tsv", t);
  load_roles(dir / "roles.tsv", t);
  return t;
}

}  // namespace dualdex::ingest::entity
