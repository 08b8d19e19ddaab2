// Instrument records (corpus/instruments/instruments.jsonl, its README.md): one legal
// instrument per line with its dates and what it does to earlier instruments. Each
// record becomes an `instrument` Document "instrument:<ID>"; the dates and actions stay
// in meta so that the query side can rebuild the chain of instruments from the index
// alone. A bad line is a Problem naming file:line; the other lines are still read.
#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dualdex/ingest/dates.hpp"
#include "dualdex/ingest/reader.hpp"

namespace dualdex::ingest {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kActionTypes[] = {"suspends", "lifts", "amends", "replaces", "consolidates"};

/// A record that cannot become a document; the message says why.
struct BadRecord {
  std::string message;
};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

/// A string field ("" when absent or null); anything else is a bad record.
std::string optional_string(const Json& obj, const char* key) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return {};
  if (!it->is_string()) throw BadRecord{std::string("'") + key + "' is not a string"};
  return std::string(trim(it->get_ref<const std::string&>()));
}

/// A date field: null/absent → "", else a TIMEX3 calendar value (YYYY-MM-DD, YYYY-MM, YYYY).
std::string optional_date(const Json& obj, const char* key) {
  std::string value = optional_string(obj, key);
  if (!value.empty() && !is_calendar_value(value)) {
    throw BadRecord{std::string("'") + key + "' is not a date (YYYY-MM-DD): '" + value + "'"};
  }
  return value;
}

/// An array of strings (absent or null → empty).
std::vector<std::string> string_array(const Json& obj, const char* key) {
  std::vector<std::string> out;
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return out;
  if (!it->is_array()) throw BadRecord{std::string("'") + key + "' is not an array"};
  for (const Json& v : *it) {
    if (!v.is_string()) throw BadRecord{std::string("'") + key + "' holds a value that is not a string"};
    const std::string_view s = trim(v.get_ref<const std::string&>());
    if (!s.empty()) out.emplace_back(s);
  }
  return out;
}

/// "A", "A and B", "A, B and C".
std::string join_and(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

struct Action {
  std::string type;
  std::vector<std::string> targets;
  std::vector<std::string> clauses;  ///< empty: the whole instrument
  bool has_clauses = false;
  std::string until;
};

Action read_action(const Json& a, std::size_t index) {
  const std::string where = "actions[" + std::to_string(index) + "]";
  if (!a.is_object()) throw BadRecord{where + " is not an object"};
  Action out;
  try {
    out.type = optional_string(a, "type");
    if (std::find(std::begin(kActionTypes), std::end(kActionTypes), out.type) == std::end(kActionTypes)) {
      throw BadRecord{"unknown type '" + out.type + "' (use suspends, lifts, amends, replaces or consolidates)"};
    }
    for (const auto& t : string_array(a, "targets")) out.targets.push_back(canonical_id(MentionType::instrument, t));
    if (out.targets.empty()) throw BadRecord{"no targets"};
    if (const auto c = a.find("clauses"); c != a.end() && !c->is_null()) {
      // Clause numbers may be written as strings ("2") or numbers (2).
      if (!c->is_array()) throw BadRecord{"'clauses' is not an array"};
      for (const Json& v : *c) {
        if (v.is_string() && !trim(v.get_ref<const std::string&>()).empty()) {
          out.clauses.emplace_back(trim(v.get_ref<const std::string&>()));
        } else if (v.is_number_integer()) {
          out.clauses.push_back(v.dump());
        } else {
          throw BadRecord{"'clauses' holds a value that is not a clause number"};
        }
      }
      out.has_clauses = !out.clauses.empty();
    }
    out.until = optional_date(a, "until");
    if (!out.until.empty() && out.type != "suspends") throw BadRecord{"'until' is only for suspends"};
  } catch (const BadRecord& e) {
    throw BadRecord{where + ": " + e.message};
  }
  return out;
}

Json action_json(const Action& a) {
  return {{"type", a.type},
          {"targets", a.targets},
          {"clauses", a.has_clauses ? Json(a.clauses) : Json()},
          {"until", a.until.empty() ? Json() : Json(a.until)}};
}

/// "Suspends clause 2 of MOFCOM-2024-46 until 2026-11-27."
std::string action_sentence(const Action& a) {
  std::string verb = a.type;
  verb[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(verb[0])));
  std::string s = verb + " ";
  if (a.has_clauses) s += (a.clauses.size() == 1 ? "clause " : "clauses ") + join_and(a.clauses) + " of ";
  s += join_and(a.targets);
  if (!a.until.empty()) s += " until " + a.until;
  return s + ".";
}

void declare(Document& doc, MentionType type, const std::string& id, const std::string& text) {
  Mention m;
  m.type = type;
  m.id = canonical_id(type, id);
  m.text = text;
  if (m.id.empty()) return;
  for (const Mention& seen : doc.declared) {
    if (seen.type == m.type && seen.id == m.id) return;
  }
  doc.declared.push_back(std::move(m));
}

Document read_record(const Json& obj) {
  Document doc;
  doc.format = "instruments";
  doc.kind = "instrument";
  doc.lang = "en";
  const std::string id = canonical_id(MentionType::instrument, optional_string(obj, "id"));
  if (id.empty()) throw BadRecord{"no 'id'"};
  doc.id = "instrument:" + id;
  doc.title = optional_string(obj, "title");
  if (doc.title.empty()) doc.title = id;
  const std::string issued = optional_date(obj, "issued");
  const std::string effective = optional_date(obj, "effective");
  if (issued.empty() && effective.empty()) throw BadRecord{"neither 'issued' nor 'effective' is a date"};
  doc.published = issued.empty() ? effective : issued;

  std::vector<Action> actions;
  if (const auto it = obj.find("actions"); it != obj.end() && !it->is_null()) {
    if (!it->is_array()) throw BadRecord{"'actions' is not an array"};
    for (std::size_t i = 0; i < it->size(); ++i) actions.push_back(read_action((*it)[i], i));
  }
  std::vector<std::string> items, codes;
  std::vector<std::pair<std::string, std::string>> list_codes;  // (list, code)
  if (const auto c = obj.find("controls"); c != obj.end() && !c->is_null()) {
    if (!c->is_object()) throw BadRecord{"'controls' is not an object"};
    items = string_array(*c, "items");
    if (const auto cs = c->find("codes"); cs != c->end() && !cs->is_null()) {
      if (!cs->is_array()) throw BadRecord{"'controls.codes' is not an array"};
      for (const Json& code : *cs) {
        // {"list": "cn-dual-use", "code": "1C902"}, or a bare code string.
        if (code.is_string()) {
          list_codes.emplace_back("", std::string(trim(code.get_ref<const std::string&>())));
        } else if (code.is_object()) {
          list_codes.emplace_back(optional_string(code, "list"), optional_string(code, "code"));
        } else {
          throw BadRecord{"'controls.codes' holds a value that is neither a code nor {list, code}"};
        }
        if (list_codes.back().second.empty()) throw BadRecord{"'controls.codes' holds an entry without a code"};
      }
    }
  }
  const std::vector<std::string> authorities = string_array(obj, "authorities");
  const std::vector<std::string> sources = string_array(obj, "sources");
  const std::string note = optional_string(obj, "note");

  // Text: the title, the note, one sentence per action.
  doc.blocks.push_back(Block{BlockKind::heading, doc.title});
  if (!note.empty()) doc.blocks.push_back(Block{BlockKind::paragraph, note});
  for (const Action& a : actions) doc.blocks.push_back(Block{BlockKind::paragraph, action_sentence(a)});

  for (const auto& a : authorities) declare(doc, MentionType::agency, a, a);
  declare(doc, MentionType::instrument, id, id);
  for (const Action& a : actions) {
    for (const auto& t : a.targets) declare(doc, MentionType::instrument, t, t);
  }
  for (const auto& item : items) declare(doc, MentionType::item, item, item);
  for (const auto& [list, code] : list_codes) {
    declare(doc, MentionType::code, code, code);
    if (!list.empty()) declare(doc, MentionType::list, list, list);
  }

  // The chain is rebuilt from these (query/instruments.hpp); keys documented in reader.hpp.
  doc.meta.push_back(MetaField{"instrument", id});
  if (const auto n = obj.find("number"); n != obj.end() && n->is_number_integer()) {
    doc.meta.push_back(MetaField{"number", n->dump()});
  }
  if (const auto y = obj.find("year"); y != obj.end() && y->is_number_integer()) {
    doc.meta.push_back(MetaField{"year", y->dump()});
  }
  if (!issued.empty()) doc.meta.push_back(MetaField{"issued", issued});
  if (!effective.empty()) doc.meta.push_back(MetaField{"effective", effective});
  Json actions_json = Json::array();
  for (const Action& a : actions) actions_json.push_back(action_json(a));
  doc.meta.push_back(MetaField{"actions", actions_json.dump()});
  if (const auto c = obj.find("confirmed"); c != obj.end() && c->is_boolean()) {
    doc.meta.push_back(MetaField{"confirmed", c->dump()});
  }
  if (!sources.empty()) doc.meta.push_back(MetaField{"sources", Json(sources).dump()});
  return doc;
}

/// nlohmann's message without its echo of the input (which may not be UTF-8).
std::string parse_error_text(std::string_view what) {
  std::string text(what.substr(0, what.find("; last read:")));
  for (char& c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) c = '?';
  }
  return text;
}

}  // namespace

bool looks_like_instrument_record(std::string_view line) {
  try {
    const Json obj = Json::parse(trim(line));
    return obj.is_object() && obj.contains("id") && obj.contains("authorities") && obj.contains("actions");
  } catch (const Json::exception&) {
    return false;
  }
}

ReadResult read_instruments(std::string_view bytes, const InputInfo& info) {
  ReadResult result;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  std::set<std::string> seen;
  std::size_t line_number = 0;
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    const std::size_t nl = bytes.find('\n', pos);
    const std::size_t end = nl == std::string_view::npos ? bytes.size() : nl;
    const std::string_view line = trim(bytes.substr(pos, end - pos));
    ++line_number;
    pos = end + 1;
    if (line.empty()) continue;
    const std::string where = info.path + ":" + std::to_string(line_number);
    Json obj;
    try {
      obj = Json::parse(line);
    } catch (const Json::exception& e) {
      result.problems.push_back(Problem{where, "invalid JSON: " + parse_error_text(e.what())});
      continue;
    }
    if (!obj.is_object()) {
      result.problems.push_back(Problem{where, "not a JSON object"});
      continue;
    }
    try {
      Document doc = read_record(obj);
      if (!seen.insert(doc.id).second) throw BadRecord{"duplicate id '" + doc.id.substr(11) + "'"};
      result.documents.push_back(std::move(doc));
    } catch (const BadRecord& e) {
      result.problems.push_back(Problem{where, "instrument record: " + e.message});
    }
  }
  return result;
}

}  // namespace dualdex::ingest
