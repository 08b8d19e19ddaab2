// Feeds: RSS 2.0 (rss/channel/item), RSS 1.0 (rdf:RDF/item) and Atom (feed/entry).
// One article Document per item. Safety comes from detail::parse_xml (no network, no
// external entities or DTDs, libxml2's amplification limits); text is read without
// following entity references, so a declared entity never reaches a document. The
// HTML inside descriptions goes through the HTML reader's own block and chrome rules.
#include <libxml/tree.h>
#include <libxml/uri.h>

#include <cctype>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dualdex/ingest/boilerplate.hpp"
#include "dualdex/ingest/dates.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/reader.hpp"
#include "html_text.hpp"
#include "libxml_util.hpp"
#include "text_util.hpp"

namespace dualdex::ingest {
namespace {

using detail::ascii_lower;
using detail::collapse_whitespace;
using detail::trim;
using Node = const xmlNode*;

constexpr std::string_view kAtomNs = "http://www.w3.org/2005/Atom";
constexpr std::string_view kRss1Ns = "http://purl.org/rss/1.0/";
constexpr std::string_view kDcNs = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kContentNs = "http://purl.org/rss/1.0/modules/content/";

enum class FeedKind { rss2, rss1, atom };

const char* to_string(FeedKind kind) {
  switch (kind) {
    case FeedKind::rss2:
      return "rss-2.0";
    case FeedKind::rss1:
      return "rss-1.0";
    case FeedKind::atom:
      return "atom";
  }
  return "rss";
}

std::string_view ns_of(Node n) {
  return n != nullptr && n->ns != nullptr && n->ns->href != nullptr
             ? std::string_view(reinterpret_cast<const char*>(n->ns->href))
             : std::string_view();
}

/// Lower-case local name; a prefix libxml2 left in the name (it does when the prefix
/// was never declared) is kept, so "dc:date" without a declaration stays "dc:date".
std::string name_of(Node n) {
  return detail::element_name(n);
}

/// The element is ns:local. Names compare case-insensitively (feeds write "pubdate"
/// too). An element whose prefix was never declared matches by its usual prefix.
bool is(Node n, std::string_view ns, std::string_view prefix, std::string_view local) {
  if (n == nullptr || n->type != XML_ELEMENT_NODE) return false;
  const std::string name = name_of(n);
  if (n->ns != nullptr) return ns_of(n) == ns && name == local;
  if (ns.empty() && name == local) return true;
  return !prefix.empty() && name.size() == prefix.size() + 1 + local.size() &&
         name.compare(0, prefix.size(), prefix) == 0 && name[prefix.size()] == ':' &&
         name.compare(prefix.size() + 1, std::string::npos, local) == 0;
}

/// First child element of parent that is ns:local, or nullptr.
Node child(Node parent, std::string_view ns, std::string_view local, std::string_view prefix = {}) {
  if (parent == nullptr) return nullptr;
  for (Node c = parent->children; c != nullptr; c = c->next) {
    if (is(c, ns, prefix, local)) return c;
  }
  return nullptr;
}

std::string text_of(Node n) {
  return n == nullptr ? std::string() : collapse_whitespace(detail::text_content(n));
}

std::string raw_text_of(Node n) {
  return n == nullptr ? std::string() : detail::text_content(n);
}

bool is_http_url(std::string_view url) {
  const std::string head = ascii_lower(url.substr(0, 8));
  const std::size_t scheme = head.starts_with("https://") ? 8 : head.starts_with("http://") ? 7 : 0;
  return scheme > 0 && url.size() > scheme &&
         url.find_first_of(" \t\r\n") == std::string_view::npos;
}

/// href made absolute against base (xml:base or the feed's own link); "" unless the
/// result is an http(s) URL.
std::string resolve_url(std::string_view href, std::string_view base) {
  const std::string h(trim(href));
  if (h.empty()) return {};
  if (is_http_url(h)) return h;
  if (base.empty()) return {};
  const std::string b(base);
  xmlChar* built = xmlBuildURI(reinterpret_cast<const xmlChar*>(h.c_str()),
                               reinterpret_cast<const xmlChar*>(b.c_str()));
  if (built == nullptr) return {};
  std::string out(reinterpret_cast<const char*>(built));
  xmlFree(built);
  return is_http_url(out) ? out : std::string();
}

/// "https://www.Harbour.example:8080/a" → "harbour.example" (as the index makes source
/// terms from URLs).
std::string host_of(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const std::size_t at = rest.rfind('@'); at != std::string_view::npos)
    rest.remove_prefix(at + 1);
  rest = rest.substr(0, rest.find(':'));
  std::string host = ascii_lower(rest);
  if (host.starts_with("www.")) host.erase(0, 4);
  return host;
}

/// Text with markup in it: a tag ("<p", "</", "<!") or an entity ("&amp;", "&#39;").
bool looks_like_markup(std::string_view s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    const auto next = static_cast<unsigned char>(s[i + 1]);
    if (s[i] == '<' && (std::isalpha(next) || next == '/' || next == '!')) return true;
    if (s[i] == '&' && (std::isalpha(next) || next == '#')) return true;
  }
  return false;
}

/// Plain text: paragraphs separated by blank lines.
std::vector<Block> text_blocks(std::string_view text) {
  std::vector<Block> blocks;
  std::string paragraph;
  auto flush = [&] {
    std::string t = collapse_whitespace(paragraph);
    paragraph.clear();
    if (!t.empty()) blocks.push_back(Block{BlockKind::paragraph, std::move(t)});
  };
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t nl = text.find('\n', pos);
    const std::string_view line =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (trim(line).empty()) {
      flush();
    } else {
      paragraph += line;
      paragraph += ' ';
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  flush();
  return blocks;
}

/// An RSS description or content:encoded: HTML by the spec, but many feeds put plain
/// text there, whose blank lines are its paragraphs.
std::vector<Block> rss_body_blocks(std::string_view body, std::string_view title) {
  if (looks_like_markup(body)) return detail::html_fragment_blocks(body, title);
  return text_blocks(body);
}

/// The markup inside an Atom type="xhtml" construct, without its wrapping <div>, as
/// text for the HTML reader. Serializing (rather than walking the XML nodes) leaves an
/// entity reference as its name ("&x;"), never its declared content.
std::string xhtml_markup(Node n) {
  Node div = nullptr;
  for (Node c = n->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) {
      div = c;
      break;
    }
  }
  xmlBufferPtr buffer = xmlBufferCreate();
  if (buffer == nullptr) return {};
  for (Node c = div != nullptr ? div->children : n->children; c != nullptr; c = c->next)
    xmlNodeDump(buffer, n->doc, const_cast<xmlNode*>(c), 0, 0);
  std::string markup(reinterpret_cast<const char*>(xmlBufferContent(buffer)),
                     static_cast<std::size_t>(xmlBufferLength(buffer)));
  xmlBufferFree(buffer);
  return markup;
}

/// An Atom text construct (title, summary, content) by its type attribute.
std::vector<Block> atom_blocks(Node n, std::string_view title) {
  const std::string type = ascii_lower(trim(detail::attribute(n, "type")));
  if (type == "xhtml") return detail::html_fragment_blocks(xhtml_markup(n), title);
  if (type == "html" || type == "text/html")
    return detail::html_fragment_blocks(raw_text_of(n), title);
  if (type.empty() || type == "text" || type.starts_with("text/"))
    return text_blocks(raw_text_of(n));
  return {};  // base64 or XML of another media type: not text we can read
}

std::string atom_title(Node n) {
  if (n == nullptr) return {};
  const std::string type = ascii_lower(trim(detail::attribute(n, "type")));
  if (type == "html" || type == "text/html") return detail::html_inline_text(raw_text_of(n));
  return text_of(n);  // text, or xhtml whose markup is already elements
}

std::string node_lang(Node n) {
  xmlChar* lang = xmlNodeGetLang(n);
  if (lang == nullptr) return {};
  std::string out = detail::language_tag(reinterpret_cast<const char*>(lang));
  xmlFree(lang);
  return out;
}

std::string node_base(Node n) {
  xmlChar* base = xmlNodeGetBase(n->doc, n);
  if (base == nullptr) return {};
  std::string out(reinterpret_cast<const char*>(base));
  xmlFree(base);
  return out;
}

void add_meta(Document& doc, std::string key, std::string value) {
  if (!value.empty()) doc.meta.push_back(MetaField{std::move(key), std::move(value)});
}

void append_joined(std::string& list, std::string_view value) {
  if (value.empty()) return;
  if (!list.empty()) list += "; ";
  list += value;
}

/// What one item gives before the common fields are filled in.
struct Item {
  Document doc;
  std::string guid;       ///< RSS guid or Atom id, as given
  std::string date_text;  ///< the date as written
};

struct FeedInfo {
  FeedKind kind = FeedKind::rss2;
  std::string core_ns;  ///< namespace of the feed's own elements ("" for RSS 2.0)
  Node root = nullptr;
  Node channel = nullptr;  ///< RSS channel, or the Atom feed element
  std::string title;
  std::string link;
  std::string lang;
};

// ---- RSS ---------------------------------------------------------------------------

Item read_rss_item(Node item, const FeedInfo& feed) {
  const std::string& ns = feed.core_ns;
  Item out;
  Document& doc = out.doc;
  doc.title = detail::html_inline_text(raw_text_of(child(item, ns, "title")));
  // Only the feed's own <link>: atom:link rel="self" inside items is the feed's address.
  doc.url = resolve_url(text_of(child(item, ns, "link")), feed.link);
  if (Node guid = child(item, ns, "guid")) {
    out.guid = text_of(guid);
    const bool permalink = ascii_lower(trim(detail::attribute(guid, "ispermalink"))) != "false";
    if (doc.url.empty() && permalink && is_http_url(out.guid)) doc.url = out.guid;
  }
  if (feed.kind == FeedKind::rss1 && out.guid.empty())
    out.guid = std::string(trim(detail::attribute(item, "about")));  // rdf:about
  out.date_text = text_of(child(item, ns, "pubdate"));
  if (out.date_text.empty()) out.date_text = text_of(child(item, kDcNs, "date", "dc"));
  Node body = child(item, kContentNs, "encoded", "content");
  if (body == nullptr || trim(raw_text_of(body)).empty()) body = child(item, ns, "description");
  if (body != nullptr) doc.blocks = rss_body_blocks(raw_text_of(body), doc.title);
  std::string author = text_of(child(item, kDcNs, "creator", "dc"));
  if (author.empty()) author = text_of(child(item, ns, "author"));
  add_meta(doc, "author", author);
  std::string categories;
  for (Node c = item->children; c != nullptr; c = c->next) {
    if (is(c, ns, {}, "category") || is(c, kDcNs, "dc", "subject"))
      append_joined(categories, text_of(c));
  }
  add_meta(doc, "categories", categories);
  doc.lang = node_lang(item);
  if (doc.lang.empty())
    doc.lang = detail::language_tag(text_of(child(item, kDcNs, "language", "dc")));
  return out;
}

// ---- Atom --------------------------------------------------------------------------

/// The entry's (or feed's) alternate link: rel absent or "alternate", HTML preferred.
std::string atom_link(Node parent, const std::string& ns, std::string_view fallback_base) {
  std::string best;
  bool best_is_html = false;
  for (Node c = parent->children; c != nullptr; c = c->next) {
    if (!is(c, ns, {}, "link")) continue;
    const std::string rel = ascii_lower(trim(detail::attribute(c, "rel")));
    if (!rel.empty() && rel != "alternate" &&
        rel != "http://www.iana.org/assignments/relation/alternate")
      continue;
    // xml:base may itself be relative (a document read from memory has no URL).
    std::string base = node_base(c);
    if (!is_http_url(base))
      base = base.empty() ? std::string(fallback_base) : resolve_url(base, fallback_base);
    std::string url = resolve_url(detail::attribute(c, "href"), base);
    if (url.empty()) continue;
    const std::string type = ascii_lower(trim(detail::attribute(c, "type")));
    const bool html = type.empty() || type == "text/html" || type == "application/xhtml+xml";
    if (best.empty() || (html && !best_is_html)) {
      best = std::move(url);
      best_is_html = html;
    }
  }
  return best;
}

std::string atom_authors(Node parent, const std::string& ns) {
  std::string names;
  for (Node c = parent->children; c != nullptr; c = c->next) {
    if (!is(c, ns, {}, "author")) continue;
    std::string name = text_of(child(c, ns, "name"));
    if (name.empty()) name = text_of(child(c, ns, "email"));
    append_joined(names, name);
  }
  return names;
}

Item read_atom_entry(Node entry, const FeedInfo& feed) {
  const std::string& ns = feed.core_ns;
  Item out;
  Document& doc = out.doc;
  doc.title = atom_title(child(entry, ns, "title"));
  doc.url = atom_link(entry, ns, feed.link);
  out.guid = text_of(child(entry, ns, "id"));
  out.date_text = text_of(child(entry, ns, "published"));
  const std::string updated = text_of(child(entry, ns, "updated"));
  if (out.date_text.empty()) out.date_text = updated;
  if (out.date_text.empty()) out.date_text = text_of(child(entry, kDcNs, "date", "dc"));
  if (auto u = parse_metadata_date(updated); u && updated != out.date_text)
    add_meta(doc, "updated", *u);
  Node content = child(entry, ns, "content");
  if (content != nullptr && !detail::attribute(content, "src").empty())
    content = nullptr;  // out of line
  if (content != nullptr) doc.blocks = atom_blocks(content, doc.title);
  if (doc.blocks.empty()) {
    if (Node summary = child(entry, ns, "summary")) doc.blocks = atom_blocks(summary, doc.title);
  }
  std::string author = atom_authors(entry, ns);
  if (author.empty())
    author = atom_authors(feed.channel, ns);  // the feed's author covers its entries
  add_meta(doc, "author", author);
  std::string categories;
  for (Node c = entry->children; c != nullptr; c = c->next) {
    if (!is(c, ns, {}, "category")) continue;
    std::string label = collapse_whitespace(detail::attribute(c, "label"));
    append_joined(categories,
                  label.empty() ? collapse_whitespace(detail::attribute(c, "term")) : label);
  }
  add_meta(doc, "categories", categories);
  doc.lang = node_lang(entry);
  return out;
}

// ---- the feed ----------------------------------------------------------------------

[[noreturn]] void fail(const InputInfo& info, std::string_view problem) {
  const std::string name = info.path.empty() ? std::string("<input>") : info.path;
  throw InputError(name + ": " + std::string(problem));
}

FeedInfo read_feed_info(Node root, const InputInfo& info) {
  FeedInfo feed;
  feed.root = root;
  const std::string name = name_of(root);
  if (name == "rss") {
    feed.kind = FeedKind::rss2;
    feed.core_ns = std::string(ns_of(root));
    feed.channel = child(root, feed.core_ns, "channel");
  } else if (name == "rdf" || name == "rdf:rdf") {
    feed.kind = FeedKind::rss1;
    feed.core_ns = std::string(kRss1Ns);
    feed.channel = child(root, feed.core_ns, "channel");
    if (feed.channel == nullptr) {  // RSS 0.90 and feeds without the namespace
      feed.core_ns.clear();
      feed.channel = child(root, feed.core_ns, "channel");
    }
  } else if (name == "feed" && (root->ns == nullptr || ns_of(root) == kAtomNs)) {
    feed.kind = FeedKind::atom;
    feed.core_ns = std::string(ns_of(root));
    feed.channel = root;
  } else {
    fail(info, "not an RSS or Atom feed (the root element is <" +
                   std::string(reinterpret_cast<const char*>(root->name)) + ">)");
  }
  Node meta = feed.channel != nullptr ? feed.channel : root;
  if (feed.kind == FeedKind::atom) {
    feed.title = atom_title(child(meta, feed.core_ns, "title"));
    feed.link = atom_link(meta, feed.core_ns, {});
    feed.lang = node_lang(meta);
  } else {
    feed.title = detail::html_inline_text(raw_text_of(child(meta, feed.core_ns, "title")));
    feed.link = resolve_url(text_of(child(meta, feed.core_ns, "link")), {});
    feed.lang = detail::language_tag(text_of(child(meta, feed.core_ns, "language")));
    if (feed.lang.empty())
      feed.lang = detail::language_tag(text_of(child(meta, kDcNs, "language", "dc")));
    if (feed.lang.empty()) feed.lang = node_lang(meta);
  }
  return feed;
}

/// Items in document order: RSS 2.0 keeps them in the channel, RSS 1.0 beside it.
std::vector<Node> feed_items(const FeedInfo& feed) {
  std::vector<Node> items;
  const std::string_view local = feed.kind == FeedKind::atom ? "entry" : "item";
  auto collect = [&](Node parent) {
    if (parent == nullptr) return;
    for (Node c = parent->children; c != nullptr; c = c->next) {
      if (is(c, feed.core_ns, {}, local)) items.push_back(c);
    }
  };
  collect(feed.channel);
  if (feed.channel != feed.root) collect(feed.root);
  return items;
}

/// A first block that only repeats the title (feeds whose description is the title).
void drop_title_echo(Document& doc) {
  if (doc.title.empty() || doc.blocks.empty()) return;
  if (ascii_lower(doc.blocks.front().text) == ascii_lower(doc.title))
    doc.blocks.erase(doc.blocks.begin());
}

}  // namespace

ReadResult read_feed(std::string_view bytes, const InputInfo& info) {
  if (trim(bytes).empty()) fail(info, "empty file");
  std::string error;
  const detail::XmlDocPtr tree = detail::parse_xml(bytes, &error);
  if (!tree) fail(info, error);
  Node root = xmlDocGetRootElement(tree.get());
  if (root == nullptr) fail(info, "no root element");
  const FeedInfo feed = read_feed_info(root, info);
  const std::string source = !feed.link.empty() ? host_of(feed.link) : feed.title;
  const std::string file_id = "file:" + (info.relative.empty() ? info.path : info.relative);

  ReadResult result;
  struct Seen {
    std::size_t number;  // item number
    std::size_t index;   // in result.documents
  };
  std::unordered_map<std::string, Seen> seen;  // by id
  const std::vector<Node> items = feed_items(feed);
  result.documents.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::size_t number = i + 1;
    const std::string where = info.path + "#" + std::to_string(number);
    // libxml2 counts lines up to 65535 only; past that the number would mislead.
    const long line = xmlGetLineNo(items[i]);
    const std::string at =
        "item " + std::to_string(number) +
        (line > 0 && line < 65535 ? " (line " + std::to_string(line) + ")" : "") + ": ";
    try {
      Item item = feed.kind == FeedKind::atom ? read_atom_entry(items[i], feed)
                                              : read_rss_item(items[i], feed);
      Document& doc = item.doc;
      drop_title_echo(doc);
      if (doc.title.empty() && doc.blocks.empty()) {
        result.problems.push_back(Problem{where, at + "has neither a title nor any text"});
        continue;
      }
      doc.format = to_string(InputFormat::rss);
      doc.kind = "article";
      doc.id = !doc.url.empty()     ? doc.url
               : !item.guid.empty() ? item.guid
                                    : file_id + "#" + std::to_string(number);
      if (const auto it = seen.find(doc.id); it != seen.end()) {
        // A feed that repeats an item is not a fault; two different items under one id are.
        const Document& first = result.documents[it->second.index];
        if (first.title != doc.title || first.plain_text() != doc.plain_text()) {
          result.problems.push_back(Problem{where, at + "has the same id as item " +
                                                       std::to_string(it->second.number) + " (" +
                                                       doc.id + "); the first is kept"});
        }
        continue;
      }
      seen.emplace(doc.id, Seen{number, result.documents.size()});
      doc.source = source;
      if (doc.lang.empty()) doc.lang = feed.lang;
      if (auto date = parse_metadata_date(item.date_text)) {
        doc.published = *date;
      } else {
        add_meta(doc, "published", item.date_text);  // kept as written, so nothing is lost
      }
      doc.dateline = story_dateline(doc.blocks);
      add_meta(doc, "feed", feed.title);
      add_meta(doc, "feed_format", to_string(feed.kind));
      if (item.guid != doc.id) add_meta(doc, "guid", item.guid);
      result.documents.push_back(std::move(doc));
    } catch (const std::exception& e) {
      result.problems.push_back(Problem{where, at + e.what()});
    }
  }
  return result;
}

}  // namespace dualdex::ingest
