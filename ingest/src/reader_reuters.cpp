// Reuters-21578 SGML: one file holds many <REUTERS ...> ... </REUTERS> stories.
// A hand-written scanner rather than an SGML/XML parser: the files are not
// well-formed XML (bare '&', control characters, unclosed DOCTYPE subset), and the
// README guarantees the few layout rules we rely on (tags upper case, <REUTERS>
// and </REUTERS> each on their own line).
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dualdex/ingest/dates.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/normalize.hpp"
#include "dualdex/ingest/reader.hpp"

namespace dualdex::ingest {
namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(a[i])) !=
        std::toupper(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

/// Position of the tag "<NAME" (or "</NAME" when closing) at or after from, where the
/// name is complete (followed by '>' or white space), so "<D>" never matches "<DATE>".
/// SGML names are case-insensitive. npos if absent.
std::size_t find_tag(std::string_view text, std::string_view name, std::size_t from, bool closing) {
  const std::size_t prefix = closing ? 2 : 1;
  for (std::size_t pos = text.find('<', from); pos != std::string_view::npos;
       pos = text.find('<', pos + 1)) {
    if (closing && (pos + 1 >= text.size() || text[pos + 1] != '/')) continue;
    const std::size_t name_end = pos + prefix + name.size();
    if (name_end > text.size()) return std::string_view::npos;
    if (!iequals(text.substr(pos + prefix, name.size()), name)) continue;
    if (name_end == text.size() || text[name_end] == '>' || is_blank(text[name_end])) return pos;
  }
  return std::string_view::npos;
}

/// One element found by find_element: its start tag's attribute text and its content.
struct Element {
  bool found = false;
  std::string_view attributes;  ///< text between the name and '>' of the start tag
  std::string_view content;     ///< text between the start tag and the end tag
  std::size_t end = 0;          ///< offset just past the end tag
};

/// The first <NAME ...>content</NAME> at or after from. Elements in these files do
/// not nest in themselves, so the first end tag closes it. An element without its
/// end tag is reported as not found.
Element find_element(std::string_view text, std::string_view name, std::size_t from = 0) {
  Element e;
  const std::size_t open = find_tag(text, name, from, false);
  if (open == std::string_view::npos) return e;
  const std::size_t open_end = text.find('>', open);
  if (open_end == std::string_view::npos) return e;
  const std::size_t close = find_tag(text, name, open_end + 1, true);
  if (close == std::string_view::npos) return e;
  const std::size_t close_end = text.find('>', close);
  if (close_end == std::string_view::npos) return e;
  e.found = true;
  e.attributes = text.substr(open + 1 + name.size(), open_end - open - 1 - name.size());
  e.content = text.substr(open_end + 1, close - open_end - 1);
  e.end = close_end + 1;
  return e;
}

/// Value of NAME="value" (or NAME=value) in a start tag's attribute text; "" if absent.
std::string attribute_value(std::string_view attributes, std::string_view name) {
  std::size_t pos = 0;
  while (pos < attributes.size()) {
    while (pos < attributes.size() && is_blank(attributes[pos])) ++pos;
    const std::size_t name_start = pos;
    while (pos < attributes.size() && attributes[pos] != '=' && !is_blank(attributes[pos])) ++pos;
    const std::string_view key = attributes.substr(name_start, pos - name_start);
    while (pos < attributes.size() && is_blank(attributes[pos])) ++pos;
    if (pos >= attributes.size() || attributes[pos] != '=') {
      if (key.empty()) ++pos;
      continue;  // an attribute without a value: skip it
    }
    ++pos;
    while (pos < attributes.size() && is_blank(attributes[pos])) ++pos;
    std::string_view value;
    if (pos < attributes.size() && (attributes[pos] == '"' || attributes[pos] == '\'')) {
      const char quote = attributes[pos++];
      const std::size_t end = attributes.find(quote, pos);
      const std::size_t stop = end == std::string_view::npos ? attributes.size() : end;
      value = attributes.substr(pos, stop - pos);
      pos = stop + 1;
    } else {
      const std::size_t start = pos;
      while (pos < attributes.size() && !is_blank(attributes[pos])) ++pos;
      value = attributes.substr(start, pos - start);
    }
    if (iequals(key, name)) return std::string(value);
  }
  return {};
}


/// The wire's framing characters (SOH, STX, ETX, ^E, ^V, CR, DEL ...) carry no text.
bool is_dropped_control(std::uint32_t cp) {
  return (cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
}

/// Length of the valid UTF-8 sequence at s[pos], 0 if the bytes there are not one.
std::size_t utf8_sequence_length(std::string_view s, std::size_t pos) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  std::size_t len = 0;
  std::uint32_t min = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4, min = 0x10000;
  } else {
    return 0;
  }
  if (pos + len > s.size()) return 0;
  std::uint32_t cp = b0 & (0xFF >> (len + 1));
  for (std::size_t i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(s[pos + i]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

/// Decodes "&lt;" "&#5;" ... at s[pos] ('&'). Returns the entity's length (0 if it is
/// not one we know) and its code point in *cp.
std::size_t decode_entity(std::string_view s, std::size_t pos, std::uint32_t* cp) {
  const std::size_t semi = s.find(';', pos);
  if (semi == std::string_view::npos || semi - pos > 10) return 0;
  const std::string_view name = s.substr(pos + 1, semi - pos - 1);
  if (name == "lt")
    *cp = '<';
  else if (name == "gt")
    *cp = '>';
  else if (name == "amp")
    *cp = '&';
  else if (name == "quot")
    *cp = '"';
  else if (name == "apos")
    *cp = '\'';
  else if (name.size() >= 2 && name[0] == '#') {
    const bool hex = name[1] == 'x' || name[1] == 'X';
    const std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    std::uint32_t value = 0;
    for (char c : digits) {
      int d = -1;
      if (c >= '0' && c <= '9')
        d = c - '0';
      else if (hex && c >= 'a' && c <= 'f')
        d = c - 'a' + 10;
      else if (hex && c >= 'A' && c <= 'F')
        d = c - 'A' + 10;
      if (d < 0 || value > 0x10FFFF) return 0;
      value = value * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
    }
    *cp = value;
  } else {
    return 0;
  }
  return semi - pos + 1;
}

/// SGML text to UTF-8: entities decoded, control characters dropped, and stray bytes
/// that are not UTF-8 (line noise in a 1987 ASCII feed) dropped too.
std::string decode_text(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size();) {
    const char c = raw[i];
    if (c == '&') {
      std::uint32_t cp = 0;
      if (const std::size_t len = decode_entity(raw, i, &cp)) {
        const bool valid = cp != 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
        if (valid && !is_dropped_control(cp)) append_utf8(out, cp);
        i += len;
        continue;
      }
    }
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      if (!is_dropped_control(byte)) out += c;
      ++i;
      continue;
    }
    const std::size_t len = utf8_sequence_length(raw, i);
    if (len == 0) {
      ++i;
      continue;
    }
    out.append(raw.substr(i, len));
    i += len;
  }
  return out;
}

/// A one-line field (title, dateline, author): line breaks become spaces, ends trimmed.
std::string single_line(std::string_view raw) {
  std::string text = decode_text(raw);
  for (char& c : text) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  return std::string(trim(text));
}

/// "    SALVADOR, Feb 26 - " -> "SALVADOR, Feb 26": the dash only joins it to the body.
std::string clean_dateline(std::string_view raw) {
  std::string text = single_line(raw);
  while (!text.empty() && (text.back() == '-' || text.back() == ' ')) text.pop_back();
  return text;
}

/// Drops the wire's sign-off at the end of a story: " Reuter", "REUTER...",
/// "Reuters" (after control characters are gone the ETX that followed it is too).
std::string_view strip_sign_off(std::string_view text) {
  text = trim(text);
  std::string_view rest = text;
  while (!rest.empty() && rest.back() == '.') rest.remove_suffix(1);
  for (std::string_view word : {std::string_view("reuters"), std::string_view("reuter")}) {
    if (rest.size() < word.size()) continue;
    const std::string_view tail = rest.substr(rest.size() - word.size());
    const std::size_t before = rest.size() - word.size();
    if (!iequals(tail, word)) continue;
    if (before > 0 && !is_blank(rest[before - 1])) continue;
    return trim(rest.substr(0, before));
  }
  return text;
}

/// Reuters body text to paragraphs. The wire hard-wraps lines and marks a new
/// paragraph by indenting its first line; blank lines also separate.
std::vector<std::string> split_indented_paragraphs(std::string_view text) {
  std::vector<std::string> paragraphs;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) paragraphs.push_back(std::move(current));
    current.clear();
  };
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t nl = text.find('\n', pos);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    const std::string_view line = text.substr(pos, end - pos);
    const std::string_view content = trim(line);
    if (content.empty()) {
      flush();
    } else {
      if (is_blank(line.front())) flush();
      if (!current.empty()) current += ' ';
      current.append(content);
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  flush();
  return paragraphs;
}

/// Non-blank lines, trimmed. UNPROC stories are tables whose rows must not be joined.
std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t nl = text.find('\n', pos);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    const std::string_view line = trim(text.substr(pos, end - pos));
    if (!line.empty()) lines.emplace_back(line);
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return lines;
}

/// "<D>usa</D><D>uruguay</D>" -> "usa,uruguay".
std::string joined_d_list(std::string_view content) {
  std::string joined;
  for (std::size_t from = 0;;) {
    const Element d = find_element(content, "D", from);
    if (!d.found) break;
    const std::string value = single_line(d.content);
    if (!value.empty()) {
      if (!joined.empty()) joined += ',';
      joined += value;
    }
    from = d.end;
  }
  return joined;
}

void add_meta(Document& doc, std::string key, std::string value) {
  if (!value.empty()) doc.meta.push_back(MetaField{std::move(key), std::move(value)});
}

void add_paragraphs(Document& doc, const std::vector<std::string>& paragraphs) {
  for (const std::string& p : paragraphs) doc.blocks.push_back(Block{BlockKind::paragraph, p});
}

/// Text of a TEXT element with its TITLE/DATELINE/AUTHOR/BODY children cut out.
std::string text_outside_children(std::string_view content) {
  std::string rest;
  std::size_t pos = 0;
  while (pos < content.size()) {
    std::size_t next = content.size();
    Element first;
    for (std::string_view name : {"TITLE", "DATELINE", "AUTHOR", "BODY"}) {
      const Element e = find_element(content, name, pos);
      if (!e.found) continue;
      const std::size_t start = find_tag(content, name, pos, false);
      if (start < next) next = start, first = e;
    }
    rest.append(content.substr(pos, next - pos));
    if (!first.found) break;
    pos = first.end;
  }
  return rest;
}

/// The TEXT element: TITLE, DATELINE, AUTHOR and BODY for normal stories; BRIEF
/// stories are a title (and a "Blah blah blah." filler); UNPROC ones raw text.
void read_text_element(const Element& text, Document& doc) {
  const std::string type = attribute_value(text.attributes, "TYPE");
  if (!type.empty()) {
    std::string lower;
    for (char c : type) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    add_meta(doc, "text_type", lower);
  }
  if (const Element title = find_element(text.content, "TITLE"); title.found)
    doc.title = single_line(title.content);
  if (const Element dateline = find_element(text.content, "DATELINE"); dateline.found)
    doc.dateline = clean_dateline(dateline.content);
  if (const Element author = find_element(text.content, "AUTHOR"); author.found)
    add_meta(doc, "author", single_line(author.content));

  if (const Element body = find_element(text.content, "BODY"); body.found) {
    add_paragraphs(doc, split_indented_paragraphs(strip_sign_off(decode_text(body.content))));
    return;
  }
  const std::string rest = decode_text(text_outside_children(text.content));
  std::string_view loose = strip_sign_off(rest);
  // BRIEF stories mark the title with a row of asterisks and pad the text with filler.
  while (!loose.empty() && (loose.front() == '*' || is_blank(loose.front())))
    loose.remove_prefix(1);
  if (loose == "Blah blah blah.") loose = {};
  std::vector<std::string> lines = split_lines(loose);
  if (doc.title.empty() && !lines.empty()) {
    // UNPROC stories have no TITLE; their first line is the wire's headline.
    doc.title = lines.front();
    lines.erase(lines.begin());
  }
  if (doc.blocks.empty() && lines.empty() && !doc.title.empty()) {
    // A brief is all headline: keep it as text too so that it can be found and extracted.
    doc.blocks.push_back(Block{BlockKind::heading, doc.title});
  }
  add_paragraphs(doc, lines);
}

/// One story: open_attributes from its <REUTERS ...> tag, story the text up to </REUTERS>.
Document read_story(std::string_view open_attributes, std::string_view story,
                    const std::string& newid) {
  Document doc;
  doc.id = "reuters:" + newid;
  doc.format = "reuters-sgml";
  doc.lang = "en";
  if (const Element date = find_element(story, "DATE"); date.found) {
    const std::string text = single_line(date.content);
    if (auto parsed = parse_metadata_date(text)) doc.published = *parsed;
  }
  for (std::string_view list : {"TOPICS", "PLACES", "PEOPLE", "ORGS", "EXCHANGES", "COMPANIES"}) {
    const Element e = find_element(story, list);
    if (!e.found) continue;
    std::string key;
    for (char c : list) key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    add_meta(doc, key, joined_d_list(e.content));
  }
  add_meta(doc, "topics_attribute", attribute_value(open_attributes, "TOPICS"));
  add_meta(doc, "lewissplit", attribute_value(open_attributes, "LEWISSPLIT"));
  add_meta(doc, "cgisplit", attribute_value(open_attributes, "CGISPLIT"));
  add_meta(doc, "oldid", attribute_value(open_attributes, "OLDID"));
  if (const Element text = find_element(story, "TEXT"); text.found) read_text_element(text, doc);
  return doc;
}

Problem story_problem(const InputInfo& info, std::size_t ordinal, std::string message) {
  return Problem{info.path + "#" + std::to_string(ordinal), std::move(message)};
}

}  // namespace

ReadResult read_reuters_sgml(std::string_view bytes, const InputInfo& info) {
  ReadResult result;
  std::size_t ordinal = 0;
  std::size_t start = find_tag(bytes, "REUTERS", 0, false);
  if (start == std::string_view::npos) throw InputError(info.path + ": no <REUTERS> story found");
  while (start != std::string_view::npos) {
    ++ordinal;
    const std::size_t next = find_tag(bytes, "REUTERS", start + 1, false);
    // A story must end before the next one starts; otherwise it was cut off. Searching
    // only up to the next story also keeps a file of unclosed stories linear.
    const std::string_view window = bytes.substr(0, next);
    const std::size_t open_end = window.find('>', start);
    const std::size_t close = find_tag(window, "REUTERS", start, true);
    if (open_end == std::string_view::npos || close == std::string_view::npos) {
      result.problems.push_back(story_problem(
          info, ordinal,
          next == std::string_view::npos ? "story truncated at end of file (no </REUTERS>)"
                                         : "story has no </REUTERS> before the next story"));
      start = next;
      continue;
    }
    const std::string_view attributes = bytes.substr(start + 8, open_end - start - 8);
    const std::string newid(trim(attribute_value(attributes, "NEWID")));
    if (newid.empty()) {
      result.problems.push_back(story_problem(info, ordinal, "story has no NEWID attribute"));
    } else {
      const std::string_view story = bytes.substr(open_end + 1, close - open_end - 1);
      result.documents.push_back(read_story(attributes, story, newid));
    }
    start = next;
  }
  return result;
}

}  // namespace dualdex::ingest
