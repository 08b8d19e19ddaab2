// Format detection and the read_input() entry point shared by every reader.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "dualdex/ingest/dates.hpp"
#include "dualdex/ingest/encoding.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/reader.hpp"

namespace dualdex::ingest {
namespace {

struct FormatName {
  InputFormat format;
  const char* name;
};
constexpr std::array<FormatName, 10> kFormatNames{{
    {InputFormat::automatic, "auto"},
    {InputFormat::html, "html"},
    {InputFormat::xml, "xml"},
    {InputFormat::text, "text"},
    {InputFormat::reuters_sgml, "reuters-sgml"},
    {InputFormat::timeml, "timeml"},
    {InputFormat::jsonl, "jsonl"},
    {InputFormat::rss, "rss"},
    {InputFormat::control_list, "control-list"},
    {InputFormat::instruments, "instruments"},
}};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The first kilobytes, lower-cased, with a UTF-8 BOM and leading whitespace skipped.
std::string head_of(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  std::size_t i = 0;
  while (i < bytes.size() && std::isspace(static_cast<unsigned char>(bytes[i]))) ++i;
  return lower(bytes.substr(i, 4096));
}

// The qualified name of the root element of lower-cased markup, after the XML
// declaration, comments, processing instructions and a DOCTYPE; "" if not in head.
std::string root_element(std::string_view head) {
  std::size_t i = 0;
  for (;;) {
    i = head.find_first_not_of(" \t\r\n", i);
    if (i == std::string_view::npos || head[i] != '<' || i + 1 >= head.size()) return {};
    const std::string_view rest = head.substr(i);
    std::size_t end = std::string_view::npos;
    if (rest.starts_with("<?")) {
      end = head.find("?>", i);
      if (end != std::string_view::npos) end += 1;
    } else if (rest.starts_with("<!--")) {
      end = head.find("-->", i);
      if (end != std::string_view::npos) end += 2;
    } else if (rest.starts_with("<!")) {  // DOCTYPE, perhaps with an internal subset
      const std::size_t subset = head.find('[', i);
      const std::size_t close = head.find('>', i);
      end = close;
      if (subset != std::string_view::npos && subset < close) {
        end = head.find(']', subset);
        if (end != std::string_view::npos) end = head.find('>', end);
      }
    } else {
      const std::size_t stop = head.find_first_of(" \t\r\n/>", i + 1);
      return stop == std::string_view::npos ? std::string()
                                            : std::string(head.substr(i + 1, stop - i - 1));
    }
    if (end == std::string_view::npos) return {};
    i = end + 1;
  }
}

// RSS 2.0 (root rss), Atom (root feed in the Atom namespace) or RSS 1.0 (rdf:RDF with
// the RSS 1.0 namespace), by the root element: "<feed" alone is also a word of other
// vocabularies.
bool is_feed(std::string_view head) {
  const std::string root = root_element(head);
  const std::size_t colon = root.find(':');
  const std::string_view local = colon == std::string::npos
                                     ? std::string_view(root)
                                     : std::string_view(root).substr(colon + 1);
  if (root == "rss") return true;
  if (local == "feed") return head.find("http://www.w3.org/2005/atom") != std::string_view::npos;
  if (local == "rdf") return head.find("http://purl.org/rss/1.0/") != std::string_view::npos;
  return false;
}

std::optional<InputFormat> format_from_content(std::string_view bytes) {
  const std::string head = head_of(bytes);
  if (head.find("<reuters") != std::string::npos &&
      (head.rfind("<!doctype lewis", 0) == 0 || head.rfind("<reuters", 0) == 0)) {
    return InputFormat::reuters_sgml;
  }
  if (is_feed(head)) return InputFormat::rss;
  if (head.find("<timeml") != std::string::npos) return InputFormat::timeml;
  if (head.rfind("<!doctype html", 0) == 0 || head.rfind("<html", 0) == 0) return InputFormat::html;
  if (head.rfind("<?xml", 0) == 0) return InputFormat::xml;
  if (head.rfind("<", 0) == 0) {
    // Markup without a declaration: HTML if its first element is an HTML one.
    static constexpr const char* kHtmlRoots[] = {"<head", "<body",    "<div",    "<p>",
                                                 "<p ",   "<article", "<main",   "<section",
                                                 "<meta", "<title",   "<header", "<nav"};
    std::size_t i = 0;
    while (head.compare(i, 4, "<!--") == 0) {
      const auto end = head.find("-->", i);
      if (end == std::string::npos) break;
      i = head.find_first_not_of(" \t\r\n", end + 3);
      if (i == std::string::npos) return std::nullopt;
    }
    for (const char* root : kHtmlRoots) {
      if (head.compare(i, std::char_traits<char>::length(root), root) == 0)
        return InputFormat::html;
    }
    if (i + 1 < head.size() && std::isalpha(static_cast<unsigned char>(head[i + 1])))
      return InputFormat::xml;
  }
  if (head.rfind("{", 0) == 0) {
    const auto nl = head.find('\n');
    const std::string_view first = std::string_view(head).substr(0, nl);
    if (!first.empty() && first.find_last_not_of(" \t\r") != std::string::npos &&
        first[first.find_last_not_of(" \t\r")] == '}') {
      return InputFormat::jsonl;
    }
  }
  return std::nullopt;
}

std::optional<InputFormat> format_from_extension(std::string_view path) {
  const std::string p = lower(path);
  if (ends_with(p, ".list.txt")) return InputFormat::control_list;
  if (ends_with(p, ".html") || ends_with(p, ".htm") || ends_with(p, ".xhtml"))
    return InputFormat::html;
  if (ends_with(p, ".sgm") || ends_with(p, ".sgml")) return InputFormat::reuters_sgml;
  if (ends_with(p, ".tml")) return InputFormat::timeml;
  if (ends_with(p, ".jsonl") || ends_with(p, ".ndjson")) return InputFormat::jsonl;
  if (ends_with(p, ".rss") || ends_with(p, ".atom")) return InputFormat::rss;
  if (ends_with(p, ".xml")) return InputFormat::xml;
  if (ends_with(p, ".txt") || ends_with(p, ".text") || ends_with(p, ".md"))
    return InputFormat::text;
  return std::nullopt;
}

void fill_common(Document& doc, const InputInfo& info, InputFormat format) {
  if (doc.format.empty()) doc.format = to_string(format);
  if (doc.id.empty()) doc.id = doc.url.empty() ? "file:" + info.relative : doc.url;
  if (doc.source.empty()) doc.source = info.relative;
  if (doc.published.empty() && doc.kind != "entry") {  // a list has a version, not a date
    if (!info.dct.empty()) {
      doc.published = info.dct;
    } else if (auto d = date_from_file_name(info.relative); d) {
      doc.published = *d;
    }
  }
}

}  // namespace

std::optional<InputFormat> parse_input_format(std::string_view name) {
  const std::string n = lower(name);
  for (const auto& f : kFormatNames) {
    if (n == f.name) return f.format;
  }
  if (n == "sgml" || n == "reuters") return InputFormat::reuters_sgml;
  if (n == "txt" || n == "plain") return InputFormat::text;
  if (n == "atom") return InputFormat::rss;
  return std::nullopt;
}

const char* to_string(InputFormat format) {
  for (const auto& f : kFormatNames) {
    if (f.format == format) return f.name;
  }
  return "auto";
}

namespace {
// JSON Lines that hold instrument records (corpus/instruments): a file named
// instruments.jsonl, or one whose first object has the keys id, authorities and actions.
bool is_instruments_file(std::string_view bytes, std::string_view path) {
  const auto slash = path.find_last_of("/\\");
  if (lower(slash == std::string_view::npos ? path : path.substr(slash + 1)) == "instruments.jsonl") return true;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  std::size_t start = 0;
  while (start < bytes.size() && std::isspace(static_cast<unsigned char>(bytes[start]))) ++start;
  const std::size_t nl = bytes.find('\n', start);
  return looks_like_instrument_record(bytes.substr(start, nl == std::string_view::npos ? nl : nl - start));
}
}  // namespace

InputFormat detect_format(std::string_view bytes, std::string_view path) {
  if (auto f = format_from_content(bytes)) {
    if (*f == InputFormat::jsonl && is_instruments_file(bytes, path)) return InputFormat::instruments;
    return *f;
  }
  if (auto f = format_from_extension(path)) {
    if (*f == InputFormat::jsonl && is_instruments_file(bytes, path)) return InputFormat::instruments;
    // An .xml or .html extension on something that is not markup is still read as text.
    return *f;
  }
  return InputFormat::text;
}

ReadResult read_input(std::string_view bytes, const InputInfo& info, InputFormat format) {
  if (bytes.empty()) throw InputError(info.path + ": empty file");
  if (format == InputFormat::automatic) {
    if (looks_binary(bytes)) throw InputError(info.path + ": binary data, not a text document");
    // List metadata (a NAME.list.json sidecar or --list-meta) makes the input a control list.
    format = info.list_meta.empty() ? detect_format(bytes, info.path) : InputFormat::control_list;
  }
  ReadResult result;
  switch (format) {
    case InputFormat::html:
      result = read_html(bytes, info);
      break;
    case InputFormat::xml:
      result = read_xml(bytes, info);
      break;
    case InputFormat::text:
      result = read_text(bytes, info);
      break;
    case InputFormat::reuters_sgml:
      result = read_reuters_sgml(bytes, info);
      break;
    case InputFormat::timeml:
      result = read_timeml(bytes, info);
      break;
    case InputFormat::jsonl:
      result = read_jsonl(bytes, info);
      break;
    case InputFormat::control_list:
      result = read_control_list(bytes, info);
      break;
    case InputFormat::instruments:
      result = read_instruments(bytes, info);
      break;
    case InputFormat::rss:
      result = read_feed(bytes, info);
      break;
    case InputFormat::automatic:
      break;
  }
  for (Document& doc : result.documents) fill_common(doc, info, format);
  return result;
}

}  // namespace dualdex::ingest
