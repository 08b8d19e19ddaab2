// Control lists as plain text (DESIGN.md §2 "Control lists", §4 ids and sidecars).
//
// Entries are separated by blank lines and every line starts with its (sub-)item
// code: "3B001 …", "3B001.f …", "3B001.f.1 …", "0A501 …", "MOFCOM-2025-18.3 …".
// A line whose text after the code begins with "Note:", "Note 1:", "Notes:",
// "N.B.", "Technical Note:" or "Technical Notes:" is a note of that code. Every code
// becomes one `entry` Document "<list>:<code>" holding its own lines; the code tree
// (3B001.f.1 → 3B001.f → 3B001) gives "parent" and "children". The list's id, title,
// authority and version come from its JSON metadata (sidecar or --list-meta).
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/reader.hpp"

namespace dualdex::ingest {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kMaxCodeLength = 64;  // longer tokens are text, not codes
constexpr std::size_t kTitleLength = 200;   // titles are cut on a word near here

struct ListMeta {
  std::string id, title, authority, version, lang;
  bool has_confirmed_codes = false;
  std::set<std::string> confirmed_codes;
};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool is_alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

/// An item code: "3B001", "3B001.f.1", "EAR99", "MOFCOM-2025-18.3". The first segment
/// holds letters, digits and hyphens with at least one digit and one capital letter;
/// further segments are letters and digits; no empty segment (so no trailing dot).
bool is_code(std::string_view token) {
  if (token.size() < 2 || token.size() > kMaxCodeLength) return false;
  std::size_t seg_start = 0;
  bool first = true;
  for (std::size_t i = 0; i <= token.size(); ++i) {
    if (i < token.size() && token[i] != '.') continue;
    const std::string_view seg = token.substr(seg_start, i - seg_start);
    if (seg.empty()) return false;
    if (first) {
      bool digit = false, capital = false;
      if (!std::isdigit(static_cast<unsigned char>(seg.front())) &&
          !std::isupper(static_cast<unsigned char>(seg.front())))
        return false;
      for (char c : seg) {
        if (!is_alnum(c) && c != '-') return false;
        digit = digit || std::isdigit(static_cast<unsigned char>(c));
        capital = capital || std::isupper(static_cast<unsigned char>(c));
      }
      if (!digit || !capital || seg.back() == '-') return false;
      first = false;
    } else {
      if (!std::all_of(seg.begin(), seg.end(), is_alnum)) return false;
    }
    seg_start = i + 1;
  }
  return true;
}

bool starts_with_word(std::string_view s, std::string_view word) {
  if (!s.starts_with(word)) return false;
  return s.size() == word.size() || !is_alnum(s[word.size()]);
}

bool marks_unconfirmed(std::string_view note) {
  std::string low(note);
  for (char& c : low) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return low.find("code not confirmed") != std::string::npos ||
         low.find("not a confirmed code") != std::string::npos;
}

/// "3B001.f.1" → "3B001.f"; "3B001" → "".
std::string_view structural_parent(std::string_view code) {
  const auto dot = code.rfind('.');
  return dot == std::string_view::npos ? std::string_view{} : code.substr(0, dot);
}

std::string_view root_of(std::string_view code) {
  return code.substr(0, code.find('.'));
}

/// Cuts after at most kTitleLength bytes, on a word, with "…" when cut.
std::string cut_title(std::string_view s) {
  if (s.size() <= kTitleLength) return std::string(s);
  std::size_t cut = s.rfind(' ', kTitleLength);
  if (cut == std::string_view::npos || cut < kTitleLength / 2) {
    cut = kTitleLength;  // no space near: cut on a UTF-8 character boundary
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  }
  return std::string(trim(s.substr(0, cut))) + "…";
}

std::string string_field(const Json& obj, const char* key, const std::string& where) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return {};
  if (!it->is_string()) throw InputError(where + "'" + key + "' must be a string");
  return std::string(trim(it->get<std::string>()));
}

ListMeta parse_meta(const InputInfo& info) {
  const std::string source =
      info.list_meta_source.empty() ? std::string("list metadata") : info.list_meta_source;
  const std::string where = info.path + ": list metadata " + source + ": ";
  Json j;
  try {
    j = Json::parse(info.list_meta);
  } catch (const Json::exception& e) {
    throw InputError(where + "invalid JSON: " + e.what());
  }
  if (!j.is_object()) throw InputError(where + "not a JSON object");
  ListMeta meta;
  meta.id = canonical_id(MentionType::list, string_field(j, "id", where));
  if (meta.id.empty()) throw InputError(where + "no \"id\" (the list's id, e.g. \"eu-2021-821\")");
  for (char c : meta.id) {
    if (std::isspace(static_cast<unsigned char>(c)) || c == ':' ||
        static_cast<unsigned char>(c) < 0x20)
      throw InputError(where + "bad \"id\" '" + meta.id + "': no spaces or ':' in a list id");
  }
  meta.title = string_field(j, "title", where);
  meta.authority = string_field(j, "authority", where);
  meta.version = string_field(j, "version", where);
  meta.lang = string_field(j, "language", where);
  if (meta.lang.empty()) meta.lang = string_field(j, "lang", where);
  if (const auto it = j.find("confirmed_codes"); it != j.end() && !it->is_null()) {
    if (!it->is_array()) throw InputError(where + "\"confirmed_codes\" must be an array of codes");
    meta.has_confirmed_codes = true;
    for (const auto& c : *it) {
      if (!c.is_string()) throw InputError(where + "\"confirmed_codes\" must be an array of codes");
      meta.confirmed_codes.insert(std::string(trim(c.get<std::string>())));
    }
  }
  return meta;
}

/// The list id from the file name when there is no metadata: "eu-annex-i.list.txt" → "eu-annex-i".
std::string id_from_file_name(const InputInfo& info) {
  const bool named = !info.path.empty() && info.path != "-";
  std::string name = std::filesystem::path(named ? info.path : info.relative).filename().string();
  for (const char* ext : {".txt", ".text", ".list"}) {
    if (name.size() > std::char_traits<char>::length(ext) && name.ends_with(ext))
      name.resize(name.size() - std::char_traits<char>::length(ext));
  }
  std::string id;
  for (char c : name) {
    if (std::isspace(static_cast<unsigned char>(c)) || c == ':') c = '-';
    id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return id.empty() || id == "-" ? std::string("list") : id;
}

struct Line {
  BlockKind kind;
  std::string text;  ///< the line as written, code included
  std::string rest;  ///< the text after the code
};

struct Node {
  std::string code;
  std::vector<Line> lines;
  std::string parent;
  std::vector<std::string> children;
  bool unconfirmed_note = false;
};

void add_meta(Document& doc, std::string key, std::string value) {
  doc.meta.push_back(MetaField{std::move(key), std::move(value)});
}

void declare(Document& doc, MentionType type, const std::string& id) {
  Mention m;
  m.type = type;
  m.id = canonical_id(type, id);
  m.text = id;
  doc.declared.push_back(std::move(m));
}

}  // namespace

/// "Note:", "Note 2:", "Notes:", "N.B.", "N.B.2.", "Technical Note:", "Technical Notes:",
/// "Technical Note 1:", "Technical Note For …", "Note 9E003 includes …".
bool is_control_list_note(std::string_view text) {
  if (text.starts_with("N.B.") || text.starts_with("NB:") || text.starts_with("N.B:")) return true;
  bool technical = false;
  if (starts_with_word(text, "Technical")) {
    technical = true;
    text = trim(text.substr(9));
  }
  std::size_t n = 0;
  if (starts_with_word(text, "Notes")) {
    n = 5;
  } else if (starts_with_word(text, "Note")) {
    n = 4;
  } else {
    return false;
  }
  if (technical) return true;
  std::string_view rest = text.substr(n);
  if (rest.starts_with(":")) return true;
  const std::string_view after = trim(rest);
  if (after.size() == rest.size() || after.empty()) return false;  // "Notebook", "Note" alone
  // "Note 1:" or "Note 9E003 includes …": a number or a code right after the word.
  return std::isdigit(static_cast<unsigned char>(after.front())) != 0;
}

ReadResult read_control_list(std::string_view bytes, const InputInfo& info) {
  ReadResult result;
  ListMeta meta;
  if (!info.list_meta.empty()) {
    meta = parse_meta(info);
  } else {
    meta.id = id_from_file_name(info);
    result.problems.push_back(
        Problem{info.path,
                "no list metadata (NAME.list.json beside the list or --list-meta FILE): list id '" +
                    meta.id + "' taken from the file name"});
  }
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);

  std::vector<Node> nodes;
  std::unordered_map<std::string, std::size_t> index;  // code → position in nodes
  std::size_t current =
      static_cast<std::size_t>(-1);  // node of the previous line, within the entry
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    std::size_t nl = bytes.find('\n', pos);
    if (nl == std::string_view::npos) nl = bytes.size();
    const std::string_view line = trim(bytes.substr(pos, nl - pos));
    pos = nl + 1;
    ++line_no;
    if (line.empty()) {
      current = static_cast<std::size_t>(-1);  // a blank line ends the entry
      continue;
    }
    std::size_t sp = 0;
    while (sp < line.size() && !is_space(line[sp])) ++sp;
    const std::string_view token = line.substr(0, sp);
    std::size_t node;
    std::string_view rest;
    if (is_code(token)) {
      const std::string code(token);
      rest = trim(line.substr(sp));
      auto [it, added] = index.emplace(code, nodes.size());
      if (added) {
        nodes.push_back(Node{code, {}, {}, {}, false});
      }
      node = it->second;
    } else if (current != static_cast<std::size_t>(-1)) {
      node = current;
      rest = line;
      result.problems.push_back(
          Problem{info.path + ":" + std::to_string(line_no),
                  "line does not start with an item code; kept with " + nodes[node].code});
    } else {
      result.problems.push_back(
          Problem{info.path + ":" + std::to_string(line_no),
                  "line does not start with an item code and follows no entry; skipped"});
      continue;
    }
    current = node;
    Node& n = nodes[node];
    const bool note = is_control_list_note(rest);
    if (note && marks_unconfirmed(rest)) n.unconfirmed_note = true;
    const BlockKind kind = note              ? BlockKind::list_item
                           : n.lines.empty() ? BlockKind::heading
                                             : BlockKind::paragraph;
    n.lines.push_back(Line{kind, std::string(line), std::string(rest)});
  }
  if (nodes.empty()) {
    throw InputError(info.path +
                     ": no control-list entries (no line starts with an item code such as 3B001)");
  }

  // The code tree: the nearest ancestor code that the list has.
  for (Node& n : nodes) {
    for (std::string_view p = structural_parent(n.code); !p.empty(); p = structural_parent(p)) {
      if (auto it = index.find(std::string(p)); it != index.end()) {
        n.parent = std::string(p);
        break;
      }
    }
  }
  for (const Node& n : nodes) {
    if (!n.parent.empty()) nodes[index.at(n.parent)].children.push_back(n.code);
  }

  auto confirmed = [&](const Node& n) {
    for (const Node* a = &n;; a = &nodes[index.at(a->parent)]) {
      if (a->unconfirmed_note) return false;
      if (a->parent.empty()) break;
    }
    if (!meta.has_confirmed_codes) return true;
    for (std::string_view c = n.code; !c.empty(); c = structural_parent(c)) {
      if (meta.confirmed_codes.count(std::string(c)) > 0) return true;
    }
    return meta.confirmed_codes.count(std::string(root_of(n.code))) > 0;
  };

  result.documents.reserve(nodes.size());
  for (const Node& n : nodes) {
    Document doc;
    doc.id = meta.id + ":" + n.code;
    doc.kind = "entry";
    doc.format = "control-list";
    doc.lang = meta.lang;
    const std::string& first = n.lines.front().rest;
    doc.title = cut_title(first.empty() ? n.code : n.code + " " + first);
    for (const Line& l : n.lines) doc.blocks.push_back(Block{l.kind, l.text});
    declare(doc, MentionType::code, n.code);
    declare(doc, MentionType::list, meta.id);
    std::string children;
    for (const auto& c : n.children) {
      if (!children.empty()) children += ',';
      children += c;
    }
    add_meta(doc, "list", meta.id);
    add_meta(doc, "code", n.code);
    add_meta(doc, "parent", n.parent);
    add_meta(doc, "children", children);
    add_meta(doc, "list_title", meta.title);
    add_meta(doc, "authority", meta.authority);
    add_meta(doc, "version", meta.version);
    add_meta(doc, "confirmed", confirmed(n) ? "true" : "false");
    result.documents.push_back(std::move(doc));
  }
  return result;
}

}  // namespace dualdex::ingest
