// Generic XML documents, plus the <announcement> and <statement> layouts that the
// project's corpus/ uses for regulatory notices and ministry statements.
// Safety comes from detail::parse_xml (no external entities, no network, libxml2's
// depth and amplification limits); every walk here is iterative and never follows
// entity references, so neither deep nesting nor entity tricks reach the text.
#include <array>
#include <cctype>
#include <optional>
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

/// White-space runs to one space, ends trimmed: XML is indented for people, and the
/// indentation is not part of the text.
std::string collapse_spaces(std::string_view s) {
  std::string out;
  bool pending = false;
  for (char c : s) {
    if (is_space(c)) {
      pending = !out.empty();
      continue;
    }
    if (pending) out += ' ';
    pending = false;
    out += c;
  }
  return out;
}

/// Local element name, lower case, without a namespace prefix that libxml2 left in
/// place (it does so when the prefix was never declared).
std::string local_name(const xmlNode* node) {
  std::string name = detail::element_name(node);
  if (const std::size_t colon = name.rfind(':'); colon != std::string::npos)
    name.erase(0, colon + 1);
  return name;
}

std::string element_text(const xmlNode* node) {
  return collapse_spaces(detail::text_content(node));
}

template <std::size_t N>
bool is_one_of(std::string_view name, const std::array<std::string_view, N>& names) {
  for (std::string_view n : names) {
    if (name == n) return true;
  }
  return false;
}

constexpr std::array<std::string_view, 11> kHeadingNames = {
    "title", "headline", "heading", "head", "h1", "h2", "h3", "h4", "h5", "h6", "subtitle"};
constexpr std::array<std::string_view, 12> kParagraphNames = {
    "p",    "para", "paragraph", "clause", "article", "section",
    "body", "div",  "abstract",  "text",   "annex",   "note"};
constexpr std::array<std::string_view, 3> kItemNames = {"item", "li", "entry"};
constexpr std::array<std::string_view, 2> kQuoteNames = {"quote", "blockquote"};
constexpr std::array<std::string_view, 3> kCellNames = {"td", "th", "cell"};
constexpr std::array<std::string_view, 3> kTitleNames = {"title", "headline", "heading"};
// dc:date and dcterms:issued arrive here by their local names.
constexpr std::array<std::string_view, 4> kDateNames = {"date", "published", "pubdate", "issued"};

// Containers: their own text is a paragraph, but they also hold metadata children.
constexpr std::array<std::string_view, 6> kContainerNames = {"article", "section", "body",
                                                             "div",     "text",    "annex"};
// Metadata elements: read into fields elsewhere, never text, unless they stand inside a
// paragraph or heading ("On <date>8 January</date>, the ministry ...").
constexpr std::array<std::string_view, 14> kMetadataNames = {
    "meta",   "metadata", "date",      "published", "pubdate",  "issued",   "effective",
    "number", "year",     "authority", "speaker",   "suspends", "dateline", "author"};

/// The block kind an element starts, if it starts one. Containers such as section
/// and body are paragraph blocks too: text directly inside them is a paragraph,
/// while the blocks nested in them become blocks of their own.
std::optional<BlockKind> block_kind(std::string_view name) {
  if (is_one_of(name, kHeadingNames)) return BlockKind::heading;
  if (is_one_of(name, kParagraphNames)) return BlockKind::paragraph;
  if (is_one_of(name, kItemNames)) return BlockKind::list_item;
  if (is_one_of(name, kQuoteNames)) return BlockKind::quote;
  if (is_one_of(name, kCellNames)) return BlockKind::table_cell;
  return std::nullopt;
}

/// Collects blocks in document order. Text belongs to the nearest enclosing block
/// element; a nested block ends the text gathered so far, so order is kept. In
/// fallback mode (a vocabulary we do not know) every element is a block boundary.
class BlockCollector {
 public:
  BlockCollector(std::vector<Block>& out, bool every_element_is_block)
      : m_out(out), m_every_element(every_element_is_block) {}

  bool enter(const xmlNode* node) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      if (!m_open.empty() && node->content != nullptr)
        m_buffer += reinterpret_cast<const char*>(node->content);
      return false;
    }
    if (node->type != XML_ELEMENT_NODE) return false;  // comments, PIs, entity references
    const std::string name = local_name(node);
    if (is_one_of(name, kMetadataNames) && (m_open.empty() || m_open.back().container))
      return false;
    if (name == "br") m_buffer += ' ';
    std::optional<BlockKind> kind = block_kind(name);
    const bool unknown = !kind;
    if (unknown && m_every_element) kind = BlockKind::paragraph;
    if (kind) {
      flush();
      m_open.push_back(OpenBlock{node, *kind, unknown || is_one_of(name, kContainerNames)});
    }
    return true;
  }

  void leave(const xmlNode* node) {
    if (m_open.empty() || m_open.back().node != node) return;
    flush();
    m_open.pop_back();
  }

 private:
  struct OpenBlock {
    const xmlNode* node;
    BlockKind kind;
    bool container;
  };

  void flush() {
    if (m_open.empty()) return;
    std::string text = collapse_spaces(m_buffer);
    m_buffer.clear();
    if (!text.empty()) m_out.push_back(Block{m_open.back().kind, std::move(text)});
  }

  std::vector<Block>& m_out;
  bool m_every_element;
  std::vector<OpenBlock> m_open;
  std::string m_buffer;
};

std::vector<Block> collect_blocks(const xmlNode* root, bool every_element_is_block) {
  std::vector<Block> blocks;
  BlockCollector collector(blocks, every_element_is_block);
  detail::walk_tree(
      root, [&](const xmlNode* n) { return collector.enter(n); },
      [&](const xmlNode* n) { collector.leave(n); });
  return blocks;
}

/// Elements of root's subtree (root excluded) down to max_depth levels, in document order.
std::vector<const xmlNode*> elements_near(const xmlNode* root, int max_depth) {
  std::vector<const xmlNode*> found;
  int depth = 0;
  for (const xmlNode* n = root->children; n != nullptr;) {
    if (n->type == XML_ELEMENT_NODE) found.push_back(n);
    if (n->type == XML_ELEMENT_NODE && n->children != nullptr && depth + 1 < max_depth) {
      n = n->children;
      ++depth;
      continue;
    }
    while (n != nullptr && n->next == nullptr) {
      n = n->parent;
      --depth;
      if (n == root) return found;
    }
    if (n != nullptr) n = n->next;
  }
  return found;
}

/// All elements named name anywhere under root, in document order.
std::vector<const xmlNode*> all_elements(const xmlNode* root, std::string_view name) {
  std::vector<const xmlNode*> found;
  for (const xmlNode* n = root->children; n != nullptr; n = detail::next_node(n, root)) {
    if (n->type == XML_ELEMENT_NODE && local_name(n) == name) found.push_back(n);
  }
  return found;
}

/// Title: the first title, else headline, else heading within two levels of the root.
std::string find_title(const xmlNode* root) {
  const std::vector<const xmlNode*> near = elements_near(root, 2);
  for (std::string_view wanted : kTitleNames) {
    for (const xmlNode* n : near) {
      if (local_name(n) != wanted) continue;
      std::string title = element_text(n);
      if (!title.empty()) return title;
    }
  }
  return {};
}

/// Publication date: a date attribute on the root, else the first date-like element
/// (date, published, pubDate, issued, dc:date ...) within three levels that parses.
std::string find_date(const xmlNode* root) {
  for (std::string_view name : kDateNames) {
    const std::string value = detail::attribute(root, std::string(name).c_str());
    if (auto date = parse_metadata_date(value)) return *date;
  }
  for (const xmlNode* n : elements_near(root, 3)) {
    if (!is_one_of(local_name(n), kDateNames)) continue;
    if (auto date = parse_metadata_date(element_text(n))) return *date;
    if (auto date = parse_metadata_date(detail::attribute(n, "value"))) return *date;
  }
  return {};
}

void add_meta(Document& doc, std::string key, std::string value) {
  if (!value.empty()) doc.meta.push_back(MetaField{std::move(key), std::move(value)});
}

void declare(Document& doc, MentionType type, std::string id, std::string text) {
  if (id.empty()) return;
  Mention m;
  m.type = type;
  m.id = std::move(id);
  m.text = std::move(text);
  doc.declared.push_back(std::move(m));
}

/// Person ids are lower-case names with hyphens (DESIGN.md §4): "Takehiro Funakoshi"
/// -> "takehiro-funakoshi". Non-ASCII letters are kept as they are.
std::string person_id(std::string_view name) {
  std::string id;
  bool hyphen = false;
  for (char c : name) {
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

void declare_authorities(const xmlNode* root, Document& doc) {
  for (const xmlNode* a : all_elements(root, "authority"))
    declare(doc, MentionType::agency, collapse_spaces(detail::attribute(a, "id")), element_text(a));
}

/// <announcement lang instrument>: a regulatory notice. Its metadata become declared
/// mentions and meta fields; its body is read like any other XML.
void read_announcement(const xmlNode* root, Document& doc) {
  // The document stays an article: the measures it states become their own
  // `measure` documents when extraction finds them.
  add_meta(doc, "layout", "announcement");
  const std::string instrument = collapse_spaces(detail::attribute(root, "instrument"));
  declare(doc, MentionType::instrument, instrument, instrument);
  declare_authorities(root, doc);
  for (const char* field : {"number", "year", "issued", "effective"}) {
    for (const xmlNode* n : all_elements(root, field)) add_meta(doc, field, element_text(n));
  }
  for (const xmlNode* issued : all_elements(root, "issued")) {
    if (auto date = parse_metadata_date(element_text(issued))) {
      doc.published = *date;
      break;
    }
  }
  for (const xmlNode* item : all_elements(root, "item")) {
    const std::string code = collapse_spaces(detail::attribute(item, "code"));
    declare(doc, MentionType::code, code, code);
  }
  for (const xmlNode* suspends : all_elements(root, "suspends")) {
    for (const xmlNode* ref : all_elements(suspends, "ref")) {
      std::string value = collapse_spaces(detail::attribute(ref, "instrument"));
      const std::string until = collapse_spaces(detail::attribute(ref, "until"));
      if (!until.empty()) value += " until " + until;
      add_meta(doc, "suspends", value);
    }
  }
}

/// <statement>: a ministry statement with its speaker and the speaker's role.
void read_statement(const xmlNode* root, Document& doc) {
  add_meta(doc, "layout", "statement");
  declare_authorities(root, doc);
  for (const xmlNode* speaker : all_elements(root, "speaker")) {
    const std::string name = element_text(speaker);
    add_meta(doc, "speaker", name);
    add_meta(doc, "role", collapse_spaces(detail::attribute(speaker, "role")));
    declare(doc, MentionType::person, person_id(name), name);
  }
}

}  // namespace

ReadResult read_xml(std::string_view bytes, const InputInfo& info) {
  std::string error;
  const detail::XmlDocPtr xml = detail::parse_xml(bytes, &error);
  if (!xml) throw InputError(info.path + ": " + error);
  const xmlNode* root = xmlDocGetRootElement(xml.get());
  if (root == nullptr) throw InputError(info.path + ": XML document has no root element");

  Document doc;
  doc.format = "xml";
  doc.lang = collapse_spaces(detail::attribute(root, "lang"));
  doc.title = find_title(root);
  doc.published = find_date(root);
  const std::string root_name = local_name(root);
  if (root_name == "announcement") read_announcement(root, doc);
  if (root_name == "statement") read_statement(root, doc);

  doc.blocks = collect_blocks(root, false);
  if (doc.blocks.empty()) doc.blocks = collect_blocks(root, true);

  ReadResult result;
  result.documents.push_back(std::move(doc));
  return result;
}

}  // namespace dualdex::ingest
