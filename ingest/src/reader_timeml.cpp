// TimeML (.tml, TempEval-3): <TimeML> holds DOCID, DCT, an optional TITLE and the
// annotated TEXT. The text must survive character for character, because
// `extract --format timeml` writes it back with only our TIMEX3 tags added.
#include <string>
#include <string_view>
#include <vector>

#include "dualdex/ingest/dates.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/reader.hpp"
#include "libxml_util.hpp"

namespace dualdex::ingest {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

/// White-space runs to one space, ends trimmed (for one-line fields such as TITLE).
std::string collapse_spaces(std::string_view s) {
  std::string out;
  bool pending = false;
  for (char c : trim(s)) {
    if (is_space(c)) {
      pending = true;
      continue;
    }
    if (pending) out += ' ';
    pending = false;
    out += c;
  }
  return out;
}

/// Paragraphs separated by blank lines. Each one is an exact substring of text
/// (trimmed, inner line breaks kept), so that a later stage can find every block's
/// position in the original TEXT by searching forward.
std::vector<std::string> split_blank_lines(std::string_view text) {
  std::vector<std::string> paragraphs;
  std::size_t para_start = std::string_view::npos;
  std::size_t para_end = 0;
  std::size_t pos = 0;
  auto flush = [&] {
    if (para_start != std::string_view::npos)
      paragraphs.emplace_back(trim(text.substr(para_start, para_end - para_start)));
    para_start = std::string_view::npos;
  };
  while (pos <= text.size()) {
    const std::size_t nl = text.find('\n', pos);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    if (trim(text.substr(pos, end - pos)).empty()) {
      flush();
    } else {
      if (para_start == std::string_view::npos) para_start = pos;
      para_end = end;
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  flush();
  return paragraphs;
}

/// First child element of parent with that (lower-case) name; TimeML's parts are
/// all children of the root, and TEXT may itself hold elements of the same names.
const xmlNode* child_element(const xmlNode* parent, std::string_view name) {
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && detail::element_name(c) == name) return c;
  }
  return nullptr;
}

/// The document creation time: DCT's TIMEX3 value ("1998-08-07T06:18:00" -> "1998-08-07").
std::string dct_date(const xmlNode* root) {
  const xmlNode* dct = child_element(root, "dct");
  if (dct == nullptr) return {};
  const xmlNode* timex = detail::find_element(dct->children, "timex3");
  if (timex == nullptr) return {};
  const auto date = parse_metadata_date(detail::attribute(timex, "value"));
  return date ? *date : std::string();
}

}  // namespace

ReadResult read_timeml(std::string_view bytes, const InputInfo& info) {
  std::string error;
  const detail::XmlDocPtr xml = detail::parse_xml(bytes, &error);
  if (!xml) throw InputError(info.path + ": " + error);
  const xmlNode* root = xmlDocGetRootElement(xml.get());
  if (root == nullptr || detail::element_name(root) != "timeml")
    throw InputError(info.path + ": not TimeML (the root element is not <TimeML>)");
  const xmlNode* text = child_element(root, "text");
  if (text == nullptr) throw InputError(info.path + ": TimeML document has no <TEXT>");

  Document doc;
  doc.format = "timeml";
  doc.lang = "en";
  if (const xmlNode* docid = child_element(root, "docid")) {
    const std::string id = collapse_spaces(detail::text_content(docid));
    if (!id.empty()) doc.id = "timeml:" + id;
  }
  doc.published = dct_date(root);
  if (const xmlNode* title = child_element(root, "title"))
    doc.title = collapse_spaces(detail::text_content(title));

  std::string content = detail::text_content(text);
  for (std::string& paragraph : split_blank_lines(content))
    doc.blocks.push_back(Block{BlockKind::paragraph, std::move(paragraph)});
  doc.meta.push_back(MetaField{"timeml_text", std::move(content)});

  ReadResult result;
  result.documents.push_back(std::move(doc));
  return result;
}

}  // namespace dualdex::ingest
