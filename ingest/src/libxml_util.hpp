#pragma once
// Small RAII and text helpers over libxml2, shared by the HTML, XML and TimeML readers.
#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>

namespace dualdex::ingest::detail {

struct XmlDocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

/// Initializes libxml2 once per process (thread-safe); parse_xml and parse_html call it.
void initialize_libxml();

/// Lower-case local name of an element ("" for non-elements).
std::string element_name(const xmlNode* node);

/// Value of an attribute (case-insensitive name), "" if absent.
std::string attribute(const xmlNode* node, const char* name);

/// All text under node, in document order, with no separators added.
std::string text_content(const xmlNode* node);

/// First descendant element (depth-first, node itself included) with that name, or nullptr.
const xmlNode* find_element(const xmlNode* node, std::string_view name);

/// The node after node in document order, staying inside limit's subtree (limit
/// itself excluded; nullptr = the whole document): node's first child when descend is
/// true and node is an element with children, else its next sibling, else the next
/// sibling of its nearest ancestor below limit. nullptr at the end. Iterative, so
/// walks built on it are safe at any nesting depth.
const xmlNode* next_node(const xmlNode* node, const xmlNode* limit, bool descend = true);

/// Visits root and its subtree in document order without recursion. enter(node) is
/// called for every node and returns whether to visit the node's children (only
/// elements are descended into); leave(node) is called for every element once its
/// subtree is done (also when it was not descended into).
template <class Enter, class Leave>
void walk_tree(const xmlNode* root, Enter&& enter, Leave&& leave) {
  const xmlNode* node = root;
  while (node != nullptr) {
    const bool descend = enter(node);
    if (descend && node->type == XML_ELEMENT_NODE && node->children != nullptr) {
      node = node->children;
      continue;
    }
    while (node != nullptr) {
      if (node->type == XML_ELEMENT_NODE) leave(node);
      if (node == root) return;
      if (node->next != nullptr) {
        node = node->next;
        break;
      }
      node = node->parent;
    }
  }
}

/// Parses XML safely: no network, no external entities or DTD loading, no entity
/// substitution from external sources, libxml2's amplification limits on.
/// Returns nullptr (and the parser's first error in *error) if not well-formed.
XmlDocPtr parse_xml(std::string_view bytes, std::string* error);

/// Parses UTF-8 HTML with libxml2's forgiving HTML parser (recover, no network, no
/// messages on stderr). Any meta charset in the markup is ignored: the caller has
/// already decoded the bytes. Returns nullptr only if libxml2 builds no tree at all.
XmlDocPtr parse_html(std::string_view utf8);

}  // namespace dualdex::ingest::detail
