// HTML reader: one Document per page, the article without the page around it.
#include <libxml/tree.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dualdex/ingest/boilerplate.hpp"
#include "dualdex/ingest/dates.hpp"
#include "dualdex/ingest/encoding.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/reader.hpp"
#include "html_text.hpp"
#include "libxml_util.hpp"
#include "text_util.hpp"

namespace dualdex::ingest {
namespace {

using detail::ascii_lower;
using detail::attribute;
using detail::collapse_whitespace;
using detail::element_name;
using detail::trim;
using Node = const xmlNode*;

// Deeper markup is machine-made junk; stopping there bounds recursion on hostile input.
constexpr int kMaxDepth = 256;
// Browsers look for <meta charset> in the first 1024 bytes; some pages put it later.
constexpr std::size_t kCharsetSniffBytes = 4096;

[[noreturn]] void fail(const InputInfo& info, std::string_view problem) {
  const std::string name = info.path.empty() ? std::string("<input>") : info.path;
  throw InputError(name + ": " + std::string(problem));
}

template <typename Words>
bool contains(const Words& words, std::string_view w) {
  return std::find(std::begin(words), std::end(words), w) != std::end(words);
}

// ---- tree walking ----------------------------------------------------------------

// Visits node and its descendants in document order without recursion (pages can be
// nested deeper than the stack allows). visit(node) returns whether to descend.
template <typename Visit>
void walk_tree(Node root, Visit visit) {
  Node n = root;
  while (n != nullptr) {
    if (visit(n) && n->children != nullptr) {
      n = n->children;
      continue;
    }
    while (n != root && n->next == nullptr) n = n->parent;
    if (n == root) break;
    n = n->next;
  }
}

bool is_element(Node n) {
  return n != nullptr && n->type == XML_ELEMENT_NODE;
}
bool is_text(Node n) {
  return n != nullptr && (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE);
}

bool is_heading_name(std::string_view name) {
  return name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6';
}

bool is_block_name(std::string_view name) {
  static constexpr auto kBlocks = std::to_array<std::string_view>(
      {"address",  "article",    "aside",  "blockquote", "body",    "caption", "center",
       "dd",       "details",    "dialog", "dir",        "div",     "dl",      "dt",
       "fieldset", "figcaption", "figure", "footer",     "form",    "header",  "hgroup",
       "hr",       "html",       "legend", "li",         "main",    "menu",    "nav",
       "ol",       "p",          "pre",    "section",    "summary", "table",   "tbody",
       "td",       "tfoot",      "th",     "thead",      "tr",      "ul"});
  // Custom elements (<story-body>) are layout containers on the pages that use them.
  return is_heading_name(name) || contains(kBlocks, name) || name.find('-') != std::string::npos;
}

// ---- chrome ----------------------------------------------------------------------

bool is_chrome_tag(std::string_view name) {
  static constexpr auto kTags = std::to_array<std::string_view>(
      {"nav",    "header",   "footer", "aside",    "script",     "style",  "noscript", "form",
       "button", "iframe",   "svg",    "figure",   "figcaption", "select", "template", "object",
       "embed",  "canvas",   "video",  "audio",    "map",        "input",  "textarea", "dialog",
       "menu",   "head",     "title",  "link",     "meta",       "math",   "picture",  "img",
       "option", "datalist", "output", "progress", "meter"});
  return contains(kTags, name);
}

bool is_chrome_role(std::string_view role) {
  static constexpr auto kRoles = std::to_array<std::string_view>(
      {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar",
       "toolbar", "dialog", "alertdialog"});
  return contains(kRoles, ascii_lower(trim(role)));
}

// Tokens of class and id values: "c-share__button" → "c", "share", "button". Matching
// whole tokens keeps "header-image-of-article" or "shadow" from reading as chrome.
std::vector<std::string> name_tokens(Node el) {
  std::vector<std::string> tokens;
  const std::string names = ascii_lower(attribute(el, "class") + " " + attribute(el, "id"));
  std::string token;
  for (char c : names + " ") {
    if (c == ' ' || c == '\t' || c == '\n' || c == '-' || c == '_') {
      if (!token.empty()) tokens.push_back(std::move(token));
      token.clear();
    } else {
      token += c;
    }
  }
  return tokens;
}

bool has_hiding_class(Node el) {
  static constexpr auto kHidden = std::to_array<std::string_view>(
      {"sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "hidden", "d-none",
       "is-hidden", "u-hidden"});
  const std::string classes = ascii_lower(attribute(el, "class"));
  for (std::string_view cls : detail::split_words(classes)) {
    if (contains(kHidden, cls)) return true;
  }
  return false;
}

bool is_hidden(Node el) {
  if (xmlHasProp(el, reinterpret_cast<const xmlChar*>("hidden")) != nullptr) return true;
  if (ascii_lower(trim(attribute(el, "aria-hidden"))) == "true") return true;
  std::string style = ascii_lower(attribute(el, "style"));
  std::erase(style, ' ');
  return style.find("display:none") != std::string::npos ||
         style.find("visibility:hidden") != std::string::npos || has_hiding_class(el);
}

// A figure holds a picture, unless it wraps a table or a quotation (the HTML spec's
// pattern for attributed quotes).
bool is_picture_figure(Node el) {
  bool wraps_text = false;
  walk_tree(el->children ? el->children : el, [&](Node n) {
    const std::string name = element_name(n);
    if (name == "table" || name == "blockquote") wraps_text = true;
    return !wraps_text && name != "figcaption";
  });
  return !wraps_text;
}

std::size_t visible_text_length(Node root);

struct ChromeRules {
  bool class_rules = true;    ///< false: structure only (the fallback when classes hid everything)
  std::size_t page_text = 0;  ///< text length of the page part being read, for the veto below

  bool is_chrome(Node el) const {
    const std::string name = element_name(el);
    if (is_chrome_tag(name)) return name != "figure" || is_picture_figure(el);
    if (is_hidden(el) || is_chrome_role(attribute(el, "role"))) return true;
    return class_rules && has_chrome_names(el);
  }

 private:
  bool has_chrome_names(Node el) const {
    static constexpr auto kChrome = std::to_array<std::string_view>(
        {"nav", "navbar", "navigation", "menu", "footer", "share", "sharing", "social", "subscribe",
         "subscription", "newsletter", "newsletters", "signup", "cookie", "cookies", "consent",
         "gdpr", "related", "promo", "promotion", "advert", "advertisement", "advertising", "ad",
         "ads", "adslot", "sponsor", "sponsored", "breadcrumb", "breadcrumbs", "comments",
         "comment", "disqus", "sidebar", "tags", "tag", "topics", "popup", "modal", "paywall",
         "outbrain", "taboola", "recommended", "recommendations", "trending", "popular", "caption",
         "credit", "credits", "toolbar", "pagination", "pager", "skip", "widget", "masthead",
         "login", "signin", "rss", "follow", "print",
         // Article furniture: who wrote it when, its section label, the wire's sign-off.
         "byline", "author", "kicker", "eyebrow", "meta", "pubdate", "date", "timestamp",
         "readtime", "signoff", "label", "disclaimer", "ticker", "logo", "brand", "tagline",
         "trust"});
    // (Article furniture goes too: the byline and date are metadata, and left in they
    // would push the dateline out of the first paragraph.)
    // Wrappers named for both ("article-body-with-related-links") are the article
    // when they hold most of the page's text.
    static constexpr auto kContent = std::to_array<std::string_view>(
        {"article", "body", "content", "main", "story", "entry", "text"});
    const std::vector<std::string> tokens = name_tokens(el);
    const bool chrome = std::any_of(tokens.begin(), tokens.end(),
                                    [](const std::string& t) { return contains(kChrome, t); });
    if (!chrome) return false;
    const bool content = std::any_of(tokens.begin(), tokens.end(),
                                     [](const std::string& t) { return contains(kContent, t); });
    return !(content && visible_text_length(el) * 2 > page_text);
  }
};

// Text length under root, leaving out scripts, styles and other non-text elements.
std::size_t visible_text_length(Node root) {
  std::size_t length = 0;
  walk_tree(root, [&](Node n) {
    if (is_text(n) && n->content != nullptr) {
      length += collapse_whitespace(reinterpret_cast<const char*>(n->content)).size();
    }
    return !is_element(n) || n == root || !is_chrome_tag(element_name(n)) ||
           (element_name(n) == "figure" && !is_picture_figure(n));
  });
  return length;
}

// Text under el without chrome, as one whitespace-collapsed string.
std::string clean_text(Node el, const ChromeRules& rules) {
  std::string text;
  walk_tree(el, [&](Node n) {
    if (is_text(n) && n->content != nullptr) text += reinterpret_cast<const char*>(n->content);
    if (element_name(n) == "br") text += ' ';
    return n == el || !is_element(n) || !rules.is_chrome(n);
  });
  return collapse_whitespace(text);
}

// ---- charset ---------------------------------------------------------------------

std::string charset_after(std::string_view s, std::size_t pos) {
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '=' || s[pos] == '"' || s[pos] == '\'')) {
    ++pos;
  }
  std::size_t end = pos;
  while (end < s.size() && (std::isalnum(static_cast<unsigned char>(s[end])) || s[end] == '-' ||
                            s[end] == '_' || s[end] == '.' || s[end] == ':')) {
    ++end;
  }
  return std::string(s.substr(pos, end - pos));
}

// The charset a page declares: <meta charset>, <meta http-equiv content="…; charset=…">
// or an XML declaration's encoding. "" if none.
std::string declared_charset(std::string_view bytes) {
  const std::string head = ascii_lower(bytes.substr(0, kCharsetSniffBytes));
  if (head.starts_with("<?xml")) {
    const std::size_t end = head.find("?>");
    const std::size_t enc = head.find("encoding");
    if (enc != std::string::npos && enc < end) return charset_after(head, enc + 8);
  }
  for (std::size_t meta = head.find("<meta"); meta != std::string::npos;
       meta = head.find("<meta", meta + 5)) {
    const std::size_t end = std::min(head.find('>', meta), head.size());
    const std::size_t cs = head.find("charset", meta);
    if (cs != std::string::npos && cs < end) {
      std::string name = charset_after(head, cs + 7);
      if (!name.empty()) return name;
    }
  }
  return {};
}

// Order: BOM and UTF-16 (which carry their own evidence), UTF-8 (pages re-saved as
// UTF-8 often keep an old meta charset, and legacy bytes are almost never well-formed
// UTF-8), the declared charset, ICU's detection.
DecodedText decode_html(std::string_view bytes) {
  DecodedText detected = decode_to_utf8(bytes);
  const bool unicode_signature =
      bytes.starts_with("\xEF\xBB\xBF") || bytes.starts_with("\xFF\xFE") ||
      bytes.starts_with("\xFE\xFF") ||
      bytes.substr(0, kCharsetSniffBytes).find('\0') != std::string::npos;
  if (unicode_signature || detected.encoding == "UTF-8") return detected;
  const std::string declared = declared_charset(bytes);
  if (declared.empty()) return detected;
  // A page that says UTF-8 but is not has been mislabelled: trust detection then.
  std::optional<DecodedText> text = decode_with_charset(bytes, declared);
  return text && text->encoding != "UTF-8" ? std::move(*text) : detected;
}

// ---- metadata --------------------------------------------------------------------

struct PageMeta {
  std::map<std::string, std::string>
      meta;  ///< "og:title", "name:date", "itemprop:…", "http-equiv:…"
  std::string title_tag;
  std::string canonical;
  std::string html_lang;
  std::vector<std::string> json_ld;

  std::string get(const std::string& key) const {
    auto it = meta.find(key);
    return it == meta.end() ? std::string() : it->second;
  }
};

bool has_token(std::string_view list, std::string_view token) {
  for (std::string_view t : detail::split_words(list)) {
    if (ascii_lower(t) == token) return true;
  }
  return false;
}

void collect_meta_tag(Node el, PageMeta& page) {
  const std::string content = collapse_whitespace(attribute(el, "content"));
  if (content.empty()) return;
  // Sites put Open Graph keys in name= as often as in property=.
  for (const char* attr : {"property", "name"}) {
    const std::string key = ascii_lower(trim(attribute(el, attr)));
    if (!key.empty()) page.meta.emplace(key, content);
  }
  if (std::string key = ascii_lower(trim(attribute(el, "itemprop"))); !key.empty()) {
    page.meta.emplace("itemprop:" + key, content);
  }
  if (std::string key = ascii_lower(trim(attribute(el, "http-equiv"))); !key.empty()) {
    page.meta.emplace("http-equiv:" + key, content);
  }
}

PageMeta collect_meta(Node html) {
  PageMeta page;
  page.html_lang = attribute(html, "lang");
  if (page.html_lang.empty()) page.html_lang = attribute(html, "xml:lang");
  walk_tree(html, [&](Node n) {
    const std::string name = element_name(n);
    if (name == "meta") {
      collect_meta_tag(n, page);
    } else if (name == "title" && page.title_tag.empty()) {
      page.title_tag = collapse_whitespace(detail::text_content(n));
    } else if (name == "link" && page.canonical.empty() &&
               has_token(attribute(n, "rel"), "canonical")) {
      page.canonical = std::string(trim(attribute(n, "href")));
    } else if (name == "script" &&
               ascii_lower(attribute(n, "type")).find("ld+json") != std::string::npos) {
      page.json_ld.push_back(detail::text_content(n));
    }
    return is_element(n);
  });
  return page;
}

// ---- content root ----------------------------------------------------------------

// Elements for which pred holds, outside chrome (as the rules define it).
template <typename Pred>
std::vector<Node> find_outside_chrome(Node top, const ChromeRules& rules, Pred pred) {
  std::vector<Node> found;
  walk_tree(top, [&](Node n) {
    if (!is_element(n)) return false;
    if (n != top && rules.is_chrome(n)) return false;
    if (pred(n)) found.push_back(n);
    return true;
  });
  return found;
}

// The candidate with the most text; nullptr if none has any.
Node richest(const std::vector<Node>& candidates, const ChromeRules& rules) {
  Node best = nullptr;
  std::size_t best_length = 0;
  for (Node n : candidates) {
    const std::size_t length = clean_text(n, rules).size();
    if (length > best_length) {
      best = n;
      best_length = length;
    }
  }
  return best;
}

// Readability's idea, kept small: paragraphs vote for their parent (and half for the
// grandparent); the element with the most paragraph text holds the article.
Node densest(Node top, const ChromeRules& rules) {
  std::map<Node, std::size_t> score;
  for (Node p : find_outside_chrome(top, rules, [](Node n) { return element_name(n) == "p"; })) {
    const std::size_t length = clean_text(p, rules).size();
    if (p->parent == nullptr) continue;
    score[p->parent] += length;
    if (p->parent->parent != nullptr && is_element(p->parent->parent)) {
      score[p->parent->parent] += length / 2;
    }
  }
  Node best = nullptr;
  std::size_t best_score = 0;
  for (const auto& [node, s] : score) {
    if (is_element(node) && s > best_score) {
      best = node;
      best_score = s;
    }
  }
  return best;
}

Node find_root_with(Node top, const ChromeRules& rules) {
  auto named = [](std::string_view want) {
    return [want](Node n) { return element_name(n) == want; };
  };
  if (Node n = richest(find_outside_chrome(top, rules, named("article")), rules)) return n;
  auto is_main = [](Node n) {
    return element_name(n) == "main" || ascii_lower(trim(attribute(n, "role"))) == "main";
  };
  if (Node n = richest(find_outside_chrome(top, rules, is_main), rules)) return n;
  auto is_body = [](Node n) {
    return ascii_lower(trim(attribute(n, "itemprop"))) == "articlebody";
  };
  if (Node n = richest(find_outside_chrome(top, rules, is_body), rules)) return n;
  return nullptr;
}

// <article>, else <main>, else [itemprop=articleBody], else the densest element, else
// <body>. Candidates are sought outside all chrome first, then outside structural
// chrome only (an article inside <div class="layout-with-sidebar">).
Node find_content_root(Node html) {
  Node body = nullptr;
  walk_tree(html, [&](Node n) {
    if (body == nullptr && element_name(n) == "body") body = n;
    return body == nullptr && is_element(n);
  });
  if (body == nullptr) body = html;
  ChromeRules rules;
  rules.page_text = visible_text_length(body);
  if (Node n = find_root_with(body, rules)) return n;
  ChromeRules structural = rules;
  structural.class_rules = false;
  if (Node n = find_root_with(body, structural)) return n;
  if (Node n = densest(body, rules)) return n;
  if (Node n = densest(body, structural)) return n;
  return body;
}

// ---- blocks ----------------------------------------------------------------------

constexpr char kLineBreak = '\x01';  // a <br> inside the pending text of a block
constexpr std::size_t kMaxKickerWords = 4;

BlockKind kind_for(std::string_view name, BlockKind inherited) {
  if (is_heading_name(name)) return BlockKind::heading;
  if (name == "li") return BlockKind::list_item;
  if (name == "td" || name == "th") return BlockKind::table_cell;
  if (name == "blockquote") return BlockKind::quote;
  // Paragraphs inside a quote or list item belong to it; inside a layout table cell
  // they are ordinary paragraphs.
  if (inherited == BlockKind::quote || inherited == BlockKind::list_item) return inherited;
  return BlockKind::paragraph;
}

class BlockWalker {
 public:
  BlockWalker(const ChromeRules& rules, std::string_view title, Node root)
      : m_rules(rules),
        m_title_key(ascii_lower(collapse_whitespace(title))),
        m_root(root),
        m_root_is_article(element_name(root) == "article") {}

  std::vector<Block> run() {
    std::string pending;
    visit_children(m_root, BlockKind::paragraph, pending, 0);
    flush(pending, BlockKind::paragraph, {});
    return std::move(m_blocks);
  }

 private:
  void visit_children(Node parent, BlockKind kind, std::string& pending, int depth) {
    if (depth > kMaxDepth) return;
    for (Node c = parent->children; c != nullptr; c = c->next) {
      if (is_text(c) && c->content != nullptr) {
        append_text(pending, reinterpret_cast<const char*>(c->content));
      } else if (is_element(c)) {
        visit_element(c, kind, pending, depth + 1);
      }
    }
  }

  void visit_element(Node el, BlockKind kind, std::string& pending, int depth) {
    const std::string name = element_name(el);
    if (m_rules.is_chrome(el)) {
      // An article's own header holds its headline: keep the headings, not the byline
      // and share buttons around them.
      if (name == "header" && m_root_is_article) {
        flush(pending, kind, {});
        visit_headings(el, depth);
      }
      return;
    }
    if (name == "br") {
      pending += kLineBreak;
      return;
    }
    if (!is_block_name(name)) {
      visit_children(el, kind, pending, depth);
      return;
    }
    flush(pending, kind, {});
    const BlockKind inner = kind_for(name, kind);
    std::string own;
    visit_children(el, inner, own, depth);
    flush(own, inner, name);
  }

  void visit_headings(Node header, int depth) {
    walk_tree(header, [&](Node n) {
      if (!is_element(n) || (n != header && m_rules.is_chrome(n))) return false;
      if (!is_heading_name(element_name(n))) return true;
      std::string pending;
      visit_element(n, BlockKind::heading, pending, depth + 1);
      return false;
    });
  }

  static void append_text(std::string& pending, std::string_view text) {
    for (char c : text) {
      const bool control = static_cast<unsigned char>(c) < 0x20;
      pending += control ? ' ' : c;
    }
  }

  // Emits pending text as blocks of one kind: two <br> in a row separate paragraphs,
  // one is a space.
  void flush(std::string& pending, BlockKind kind, std::string_view tag) {
    std::string piece;
    std::size_t breaks = 0;
    auto emit = [&] {
      std::string text = collapse_whitespace(piece);
      piece.clear();
      if (text.empty()) return;
      if (tag == "h1" && !m_title_h1_skipped && ascii_lower(text) == m_title_key) {
        m_title_h1_skipped = true;  // the headline repeats the title
        drop_kickers();
        return;
      }
      m_blocks.push_back(Block{kind, std::move(text)});
    };
    for (char c : pending) {
      if (c == kLineBreak) {
        ++breaks;
        continue;
      }
      if (breaks > 0 && c != ' ') {
        if (breaks > 1) emit();
        piece += ' ';
        breaks = 0;
      }
      piece += c;
    }
    emit();
    pending.clear();
  }

  // Short labels above the headline ("Rare earths", "Analysis") name the section, not
  // the story.
  void drop_kickers() {
    while (!m_blocks.empty() && m_blocks.back().kind == BlockKind::paragraph &&
           detail::word_count(m_blocks.back().text) <= kMaxKickerWords &&
           !detail::ends_sentence(m_blocks.back().text)) {
      m_blocks.pop_back();
    }
  }

  const ChromeRules& m_rules;
  std::string m_title_key;
  Node m_root;
  bool m_root_is_article;
  bool m_title_h1_skipped = false;
  std::vector<Block> m_blocks;
};

// Blocks under root; if class-based chrome rules leave nothing (a wrapper named like
// chrome), read again by structure only.
std::vector<Block> extract_blocks(Node root, std::string_view title) {
  ChromeRules rules;
  rules.page_text = visible_text_length(root);
  std::vector<Block> blocks = BlockWalker(rules, title, root).run();
  if (!blocks.empty()) return blocks;
  rules.class_rules = false;
  return BlockWalker(rules, title, root).run();
}

// ---- title -----------------------------------------------------------------------

struct Split {
  std::string_view head;
  std::string_view tail;
};

// Splits at the last separator a site name follows ("Title | Site", "Title - Site").
std::optional<Split> split_at_last_separator(std::string_view title) {
  static constexpr auto kSeparators = std::to_array<std::string_view>(
      {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xB7 ", " \xC2\xBB "});
  std::size_t best = std::string_view::npos;
  std::size_t best_len = 0;
  for (std::string_view sep : kSeparators) {
    const std::size_t pos = title.rfind(sep);
    if (pos != std::string_view::npos && (best == std::string_view::npos || pos > best)) {
      best = pos;
      best_len = sep.size();
    }
  }
  if (best == std::string_view::npos) return std::nullopt;
  return Split{trim(title.substr(0, best)), trim(title.substr(best + best_len))};
}

// Drops the site name from a title: a part equal to og:site_name, or (in <title>, where
// sites always append it) a short last part after a separator.
std::string strip_site_name(std::string title, std::string_view site, bool allow_short) {
  const std::string site_key = ascii_lower(collapse_whitespace(site));
  for (int round = 0; round < 2; ++round) {
    const auto split = split_at_last_separator(title);
    if (!split) break;
    const bool site_last = !site_key.empty() && ascii_lower(split->tail) == site_key;
    const bool site_first = !site_key.empty() && ascii_lower(split->head) == site_key;
    const bool short_last = allow_short && detail::word_count(split->tail) <= 4 &&
                            split->tail.size() <= 40 && detail::word_count(split->head) >= 3;
    if (site_last || (short_last && !site_first)) {
      title = std::string(split->head);
    } else if (site_first) {
      title = std::string(split->tail);
    } else {
      break;
    }
  }
  return title;
}

// The first non-empty <h1>, in headers too: a page without a <title> often keeps its
// headline in its <header>.
std::string first_h1(Node top) {
  ChromeRules structural;
  structural.class_rules = false;
  std::string found;
  walk_tree(top, [&](Node n) {
    if (!found.empty() || !is_element(n)) return false;
    if (element_name(n) != "h1") return true;
    found = clean_text(n, structural);
    return false;
  });
  return found;
}

std::string page_title(const PageMeta& page, Node root, Node html) {
  const std::string site = page.get("og:site_name");
  // A title that is only the site's name says nothing about the page.
  auto informative = [&](const std::string& t) {
    return !t.empty() && ascii_lower(t) != ascii_lower(site);
  };
  if (std::string og = strip_site_name(page.get("og:title"), site, false); informative(og)) {
    return og;
  }
  if (std::string tag = strip_site_name(page.title_tag, site, true); informative(tag)) return tag;
  if (std::string h1 = first_h1(root); !h1.empty()) return h1;
  return first_h1(html);
}

// ---- date ------------------------------------------------------------------------

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The calendar date as written: "2026-01-08T23:30:00-05:00" is 2026-01-08 where the
// source is, whatever day it was in UTC.
std::optional<std::string> metadata_date(std::string_view value) {
  value = trim(value);
  if (value.size() >= 10 && is_digits(value.substr(0, 4)) && value[4] == '-' &&
      is_digits(value.substr(5, 2)) && value[7] == '-' && is_digits(value.substr(8, 2)) &&
      (value.size() == 10 || value[10] == 'T' || value[10] == ' ' || value[10] == 't')) {
    const int month = std::stoi(std::string(value.substr(5, 2)));
    const int day = std::stoi(std::string(value.substr(8, 2)));
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) return std::string(value.substr(0, 10));
  }
  if (value.empty()) return std::nullopt;
  try {
    return parse_metadata_date(value);
  } catch (const std::exception&) {
    return std::nullopt;  // a bad date in one page's metadata is no reason to lose the page
  }
}

// datePublished of the first Article-like object (else of any object) in JSON-LD,
// which may be one object, an array, or an object with "@graph".
void collect_json_ld_dates(const nlohmann::json& j, std::vector<std::pair<bool, std::string>>& out,
                           int depth) {
  if (depth > 8) return;
  if (j.is_array()) {
    for (const auto& item : j) collect_json_ld_dates(item, out, depth + 1);
    return;
  }
  if (!j.is_object()) return;
  if (auto it = j.find("datePublished"); it != j.end() && it->is_string()) {
    const std::string type = j.contains("@type") ? j["@type"].dump() : std::string();
    const bool article = type.find("Article") != std::string::npos ||
                         type.find("BlogPosting") != std::string::npos ||
                         type.find("Report") != std::string::npos;
    out.emplace_back(article, it->get<std::string>());
  }
  for (const char* key : {"@graph", "mainEntity", "mainEntityOfPage"}) {
    if (auto it = j.find(key); it != j.end()) collect_json_ld_dates(*it, out, depth + 1);
  }
}

std::optional<std::string> json_ld_date(const std::vector<std::string>& scripts) {
  std::vector<std::pair<bool, std::string>> dates;
  for (std::string s : scripts) {
    // Old CMS templates wrap the JSON in comment or CDATA markers.
    for (std::string_view marker : {"<!--", "-->", "//<![CDATA[", "//]]>", "<![CDATA[", "]]>"}) {
      for (std::size_t pos = s.find(marker); pos != std::string::npos; pos = s.find(marker)) {
        s.erase(pos, marker.size());
      }
    }
    const nlohmann::json j = nlohmann::json::parse(s, nullptr, /*allow_exceptions=*/false);
    if (!j.is_discarded()) collect_json_ld_dates(j, dates, 0);
  }
  std::stable_partition(dates.begin(), dates.end(), [](const auto& d) { return d.first; });
  for (const auto& [article, value] : dates) {
    if (auto date = metadata_date(value)) return date;
  }
  return std::nullopt;
}

std::optional<std::string> time_element_date(Node top) {
  ChromeRules rules;  // a date in a "related stories" list is another story's date
  rules.page_text = visible_text_length(top);
  std::vector<Node> times = find_outside_chrome(top, rules, [](Node n) {
    return element_name(n) == "time" && !attribute(n, "datetime").empty();
  });
  // A <time> marked as the publication date wins over the first one.
  std::stable_partition(times.begin(), times.end(), [](Node n) {
    return ascii_lower(attribute(n, "itemprop")) == "datepublished" ||
           xmlHasProp(n, reinterpret_cast<const xmlChar*>("pubdate")) != nullptr;
  });
  for (Node t : times) {
    if (auto date = metadata_date(attribute(t, "datetime"))) return date;
  }
  return std::nullopt;
}

std::optional<std::string> meta_date(const PageMeta& page,
                                     std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    if (auto date = metadata_date(page.get(key))) return date;
  }
  return std::nullopt;
}

std::string published_date(const PageMeta& page, Node root, Node html) {
  if (auto d = meta_date(
          page, {"article:published_time", "og:published_time", "itemprop:datepublished"})) {
    return *d;
  }
  if (auto d = time_element_date(root)) return *d;
  if (auto d = time_element_date(html)) return *d;
  if (auto d = json_ld_date(page.json_ld)) return *d;
  if (auto d = meta_date(
          page, {"date", "pubdate", "publishdate", "publish-date", "publish_date", "dc.date",
                 "dc.date.issued", "dcterms.date", "dcterms.issued", "dcterms.created"})) {
    return *d;
  }
  return {};
}

// ---- language and url ------------------------------------------------------------

// BCP 47 tags keep their subtags as written, with canonical case ("en-gb" → "en-GB",
// "zh_hant_tw" → "zh-Hant-TW"): the region or script says something (zh-TW vs zh-CN)
// and the index can fold to the primary subtag when it filters. "" if malformed.
std::string normalize_language_tag(std::string_view raw) {
  std::string tag(trim(raw.substr(0, raw.find(','))));
  std::replace(tag.begin(), tag.end(), '_', '-');
  std::string out;
  std::size_t index = 0;
  std::size_t start = 0;
  while (start <= tag.size()) {
    std::size_t end = tag.find('-', start);
    if (end == std::string::npos) end = tag.size();
    std::string sub = ascii_lower(tag.substr(start, end - start));
    const bool alnum =
        !sub.empty() && sub.size() <= 8 && std::all_of(sub.begin(), sub.end(), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c));
        });
    const bool alpha = std::all_of(
        sub.begin(), sub.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
    if (!alnum || (index == 0 && (!alpha || sub.size() < 2 || sub.size() > 3))) return {};
    if (index > 0 && sub.size() == 2 && alpha) {
      for (char& c : sub) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else if (index > 0 && sub.size() == 4 && alpha) {
      sub[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(sub[0])));
    }
    out += (index == 0 ? "" : "-") + sub;
    ++index;
    start = end + 1;
  }
  return out == "und" ? std::string() : out;
}

std::string page_language(const PageMeta& page) {
  for (const std::string& candidate :
       {page.html_lang, page.get("http-equiv:content-language"), page.get("og:locale"),
        page.get("dc.language"), page.get("language")}) {
    std::string tag = normalize_language_tag(candidate);
    if (!tag.empty()) return tag;
  }
  return {};
}

bool is_absolute_http(std::string_view url) {
  const std::string lower = ascii_lower(url.substr(0, 8));
  const std::size_t scheme =
      lower.starts_with("https://") ? 8 : (lower.starts_with("http://") ? 7 : 0);
  return scheme > 0 && url.size() > scheme && url.find(' ') == std::string_view::npos;
}

std::string page_url(const PageMeta& page) {
  if (is_absolute_http(page.canonical)) return page.canonical;
  std::string og(trim(page.get("og:url")));
  return is_absolute_http(og) ? og : std::string();
}

}  // namespace

ReadResult read_html(std::string_view bytes, const InputInfo& info) {
  if (trim(bytes).empty()) fail(info, "empty file");
  if (looks_binary(bytes)) fail(info, "binary data, not HTML");
  const DecodedText text = decode_html(bytes);
  const detail::XmlDocPtr tree = detail::parse_html(text.utf8);
  Node html = tree ? xmlDocGetRootElement(tree.get()) : nullptr;
  if (html == nullptr) fail(info, "no HTML could be parsed");

  const PageMeta page = collect_meta(html);
  const Node root = find_content_root(html);
  Document doc;
  doc.format = "html";
  doc.title = page_title(page, root, html);
  doc.blocks = extract_blocks(root, doc.title);
  strip_boilerplate(doc.blocks);
  if (doc.title.empty() && doc.blocks.empty()) fail(info, "no text in the page");
  doc.published = published_date(page, root, html);
  doc.lang = page_language(page);
  doc.url = page_url(page);
  doc.dateline = story_dateline(doc.blocks);
  doc.meta.push_back({"encoding", text.encoding});

  ReadResult result;
  result.documents.push_back(std::move(doc));
  return result;
}

// ---- fragments (feed items, html_text.hpp) ---------------------------------------

namespace detail {

std::vector<Block> html_fragment_blocks(std::string_view utf8, std::string_view title) {
  const XmlDocPtr tree = parse_html(utf8);
  Node html = tree ? xmlDocGetRootElement(tree.get()) : nullptr;
  if (html == nullptr) return {};
  Node body = find_element(html, "body");
  std::vector<Block> blocks = extract_blocks(body != nullptr ? body : html, title);
  strip_boilerplate(blocks);
  return blocks;
}

std::string html_inline_text(std::string_view utf8) {
  if (utf8.find_first_of("<&") == std::string_view::npos) return collapse_whitespace(utf8);
  const XmlDocPtr tree = parse_html(utf8);
  Node html = tree ? xmlDocGetRootElement(tree.get()) : nullptr;
  return html == nullptr ? collapse_whitespace(utf8) : collapse_whitespace(text_content(html));
}

std::string language_tag(std::string_view raw) {
  return normalize_language_tag(raw);
}

}  // namespace detail
}  // namespace dualdex::ingest
