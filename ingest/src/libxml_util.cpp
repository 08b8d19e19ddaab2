#include "libxml_util.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <strings.h>

#include <cctype>
#include <climits>
#include <mutex>

namespace dualdex::ingest::detail {

// libxml2 builds its global tables on first use, and two threads doing that at once
// can deadlock inside its locks: initialize it exactly once, before any parse.
void initialize_libxml() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

std::string element_name(const xmlNode* node) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE || node->name == nullptr) return {};
  std::string name(reinterpret_cast<const char*>(node->name));
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

std::string attribute(const xmlNode* node, const char* name) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE) return {};
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    if (a->name == nullptr || strcasecmp(reinterpret_cast<const char*>(a->name), name) != 0)
      continue;
    std::string value;
    for (const xmlNode* c = a->children; c != nullptr; c = c->next) {
      if (c->content != nullptr) value += reinterpret_cast<const char*>(c->content);
    }
    return value;
  }
  return {};
}

const xmlNode* next_node(const xmlNode* node, const xmlNode* limit, bool descend) {
  if (node == nullptr) return nullptr;
  if (descend && node->type == XML_ELEMENT_NODE && node->children != nullptr) return node->children;
  for (const xmlNode* n = node; n != nullptr && n != limit; n = n->parent) {
    if (n->next != nullptr) return n->next;
    if (n->parent == limit) return nullptr;
  }
  return nullptr;
}

// Iterative (not recursive) so that deeply nested input cannot exhaust the stack.
// Entity references are not followed: their content is never part of the text.
std::string text_content(const xmlNode* node) {
  std::string out;
  if (node == nullptr) return out;
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
    if (node->content != nullptr) out = reinterpret_cast<const char*>(node->content);
    return out;
  }
  for (const xmlNode* c = node->children; c != nullptr; c = next_node(c, node)) {
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content != nullptr)
      out += reinterpret_cast<const char*>(c->content);
  }
  return out;
}

// Walks node, its subtree, then its following siblings and theirs (as the callers
// that pass a document's first child rely on), without recursion.
const xmlNode* find_element(const xmlNode* node, std::string_view name) {
  if (node == nullptr) return nullptr;
  for (const xmlNode* c = node; c != nullptr; c = next_node(c, node->parent)) {
    if (c->type == XML_ELEMENT_NODE && element_name(c) == name) return c;
  }
  return nullptr;
}

XmlDocPtr parse_xml(std::string_view bytes, std::string* error) {
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
    if (error) *error = "file too large for the XML parser";
    return nullptr;
  }
  initialize_libxml();
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (ctxt == nullptr) {
    if (error) *error = "out of memory";
    return nullptr;
  }
  // No XML_PARSE_NOENT (entities are not substituted from outside), no DTDLOAD,
  // no network; libxml2 keeps its default depth and amplification limits (no HUGE).
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
  xmlDoc* doc = xmlCtxtReadMemory(ctxt, bytes.data(), static_cast<int>(bytes.size()), nullptr,
                                  nullptr, options);
  if (doc == nullptr || !ctxt->wellFormed) {
    if (error) {
      const xmlError* e = xmlCtxtGetLastError(ctxt);
      if (e != nullptr && e->message != nullptr) {
        std::string msg = e->message;
        while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
        *error = "line " + std::to_string(e->line) + ": " + msg;
      } else {
        *error = "not well-formed XML";
      }
    }
    if (doc != nullptr) xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return nullptr;
  }
  xmlFreeParserCtxt(ctxt);
  return XmlDocPtr(doc);
}

XmlDocPtr parse_html(std::string_view utf8) {
  if (utf8.size() > static_cast<std::size_t>(INT_MAX)) return nullptr;
  initialize_libxml();
  htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
  if (ctxt == nullptr) return nullptr;
  const int options =
      HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING;
  // Passing "UTF-8" fixes the input encoding: libxml2 then skips its own meta charset
  // switch, which would re-decode bytes we already converted.
  xmlDoc* doc = htmlCtxtReadMemory(ctxt, utf8.data(), static_cast<int>(utf8.size()), nullptr,
                                   "UTF-8", options);
  htmlFreeParserCtxt(ctxt);
  return XmlDocPtr(doc);
}

}  // namespace dualdex::ingest::detail
