// JSON Lines: one story per line ({"id", "url", "title", "published", "lang", "body",
// ...}). A bad line is a Problem; the other lines of the file are still read.
#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "dualdex/ingest/dates.hpp"
#include "dualdex/ingest/reader.hpp"

namespace dualdex::ingest {
namespace {

// ordered_json keeps the fields in the order of the line, so meta follows the source.
using Json = nlohmann::ordered_json;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

/// Lower-case slug with hyphens ("He Yadong" -> "he-yadong", "ASML" -> "asml"):
/// persons and organisations are identified that way (DESIGN.md §4).
std::string slug(std::string_view s) {
  std::string id;
  bool hyphen = false;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      if (hyphen && !id.empty()) id += '-';
      hyphen = false;
      id += static_cast<char>(std::tolower(u));
    } else {
      hyphen = true;
    }
  }
  return id;
}

/// A string field's value, "" when absent or not a string.
std::string string_field(const Json& obj, const char* key) {
  const auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return {};
  return std::string(trim(it->get_ref<const std::string&>()));
}

/// Paragraphs separated by blank lines, each trimmed.
void append_paragraphs(std::string_view text, std::vector<Block>& blocks) {
  std::size_t pos = 0;
  std::string current;
  auto flush = [&] {
    const std::string_view t = trim(current);
    if (!t.empty()) blocks.push_back(Block{BlockKind::paragraph, std::string(t)});
    current.clear();
  };
  while (pos <= text.size()) {
    const std::size_t nl = text.find('\n', pos);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    const std::string_view line = text.substr(pos, end - pos);
    if (trim(line).empty()) {
      flush();
    } else {
      if (!current.empty()) current += '\n';
      current.append(line);
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  flush();
}

/// body: a string (paragraphs split on blank lines) or an array of paragraph strings.
std::vector<Block> body_blocks(const Json& obj) {
  std::vector<Block> blocks;
  const auto it = obj.find("body");
  if (it == obj.end()) return blocks;
  if (it->is_string()) {
    append_paragraphs(it->get_ref<const std::string&>(), blocks);
  } else if (it->is_array()) {
    for (const Json& part : *it) {
      if (part.is_string()) append_paragraphs(part.get_ref<const std::string&>(), blocks);
    }
  }
  return blocks;
}

/// One metadata array that declares mentions, and how its values become ids.
struct MentionField {
  const char* key;
  MentionType type;
  std::string (*to_id)(std::string_view);
};

std::string as_is(std::string_view s) {
  return std::string(s);
}

const std::vector<MentionField>& mention_fields() {
  static const std::vector<MentionField> fields = {
      {"countries", MentionType::country, upper},
      {"agencies", MentionType::agency, as_is},
      {"items", MentionType::item, lower},
      {"codes", MentionType::code, as_is},
      {"persons", MentionType::person, slug},
      {"organisations", MentionType::organisation, slug},
      {"organizations", MentionType::organisation, slug},
      {"lists", MentionType::list, as_is},
  };
  return fields;
}

const MentionField* mention_field(std::string_view key) {
  for (const MentionField& f : mention_fields()) {
    if (key == f.key) return &f;
  }
  return nullptr;
}

/// Declared mentions from one array (or a single string). Values that are not
/// strings are skipped: metadata is best effort, the story itself is still good.
void declare_mentions(const Json& value, const MentionField& field, Document& doc) {
  auto add = [&](const Json& v) {
    if (!v.is_string()) return;
    const std::string text(trim(v.get_ref<const std::string&>()));
    std::string id = field.to_id(text);
    if (id.empty()) return;
    Mention m;
    m.type = field.type;
    m.id = std::move(id);
    m.text = text;
    doc.declared.push_back(std::move(m));
  };
  if (value.is_array()) {
    for (const Json& v : value) add(v);
  } else {
    add(value);
  }
}

/// A scalar (or an array of scalars, joined with ",") as meta text; "" for the rest.
std::string meta_text(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean() || value.is_number()) return value.dump();
  if (!value.is_array()) return {};
  std::string joined;
  for (const Json& v : value) {
    const std::string part = v.is_array() || v.is_object() ? std::string() : meta_text(v);
    if (part.empty()) continue;
    if (!joined.empty()) joined += ',';
    joined += part;
  }
  return joined;
}

bool is_document_kind(std::string_view kind) {
  return kind == "article" || kind == "statement" || kind == "measure" || kind == "entry";
}

/// Fields read into Document's own slots rather than meta.
bool is_known_field(std::string_view key) {
  static constexpr std::string_view known[] = {"id",   "url",  "title",   "published",
                                               "lang", "body", "dateline"};
  return std::find(std::begin(known), std::end(known), key) != std::end(known);
}

/// id, DESIGN.md §4: the story's URL, else the feed's own id, else file and line.
std::string document_id(const Json& obj, const Document& doc, const InputInfo& info,
                        std::size_t line_number) {
  if (!doc.url.empty()) return doc.url;
  const auto it = obj.find("id");
  if (it != obj.end()) {
    std::string id = it->is_string() ? std::string(trim(it->get_ref<const std::string&>()))
                     : it->is_number_integer() ? it->dump()
                                               : std::string();
    if (!id.empty()) return "jsonl:" + id;
  }
  const std::string& where = info.relative.empty() ? info.path : info.relative;
  return "file:" + where + ":" + std::to_string(line_number);
}

/// One parsed line to a Document; the caller has checked that it is an object.
Document read_record(const Json& obj, const InputInfo& info, std::size_t line_number) {
  Document doc;
  doc.format = "jsonl";
  doc.url = string_field(obj, "url");
  doc.id = document_id(obj, doc, info, line_number);
  doc.title = string_field(obj, "title");
  doc.lang = string_field(obj, "lang");
  doc.dateline = string_field(obj, "dateline");
  doc.blocks = body_blocks(obj);
  const std::string published = string_field(obj, "published");
  if (auto date = parse_metadata_date(published)) {
    doc.published = *date;
  } else if (!published.empty()) {
    doc.meta.push_back(MetaField{"published", published});  // kept, so that nothing is lost
  }
  for (const auto& [key, value] : obj.items()) {
    if (is_known_field(key)) continue;
    if (key == "kind" && value.is_string() &&
        is_document_kind(value.get_ref<const std::string&>())) {
      doc.kind = value.get<std::string>();
      continue;
    }
    if (const MentionField* field = mention_field(key)) {
      declare_mentions(value, *field, doc);
      continue;
    }
    std::string text = meta_text(value);
    if (!text.empty()) doc.meta.push_back(MetaField{key, std::move(text)});
  }
  return doc;
}

/// nlohmann's message without its "; last read: '...'" echo of the input, which may
/// hold the very bytes that are not UTF-8 and would poison a JSON run report.
std::string parse_error_text(std::string_view what) {
  const std::size_t echo = what.find("; last read:");
  std::string text(what.substr(0, echo));
  for (char& c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) c = '?';
  }
  return text;
}

}  // namespace

ReadResult read_jsonl(std::string_view bytes, const InputInfo& info) {
  ReadResult result;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
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
    Document doc = read_record(obj, info, line_number);
    if (doc.title.empty() && doc.blocks.empty()) {
      result.problems.push_back(Problem{where, "story has neither a title nor a body"});
      continue;
    }
    result.documents.push_back(std::move(doc));
  }
  return result;
}

}  // namespace dualdex::ingest
