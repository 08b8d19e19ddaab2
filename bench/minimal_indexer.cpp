// minimal_indexer: the floor of the ingest comparison (bench/ingest_compare.sh). Reads
// every .html file under a folder, takes the text of <title> and <body> (libxml2's HTML
// parser, script and style dropped; --crude: strip anything between < and >), indexes it
// with Xapian's TermGenerator (english stemmer, positions; the title also under prefix
// S), stores the first 512 bytes as the document data, adds a unique Q term, and commits
// once at the end. No extraction, no near-duplicate check, no content hash.
//
//   minimal_indexer [--crude] DB_DIR HTML_DIR
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void collect_text(xmlNode* node, std::string& out) {
  for (xmlNode* n = node; n; n = n->next) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content) {
        out += reinterpret_cast<const char*>(n->content);
        out += ' ';
      }
    } else if (n->type == XML_ELEMENT_NODE) {
      const char* name = reinterpret_cast<const char*>(n->name);
      if (std::strcmp(name, "script") == 0 || std::strcmp(name, "style") == 0) continue;
      collect_text(n->children, out);
    }
  }
}

xmlNode* find_element(xmlNode* node, const char* name) {
  for (xmlNode* n = node; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (std::strcmp(reinterpret_cast<const char*>(n->name), name) == 0) return n;
    if (xmlNode* found = find_element(n->children, name)) return found;
  }
  return nullptr;
}

/// title and body text of a page (libxml2).
void parse_html(const std::string& bytes, std::string& title, std::string& body) {
  htmlDocPtr doc = htmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, "UTF-8",
                                  HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  if (!doc) return;
  xmlNode* root = xmlDocGetRootElement(doc);
  if (xmlNode* t = find_element(root, "title")) collect_text(t->children, title);
  if (xmlNode* b = find_element(root, "body")) collect_text(b->children, body);
  xmlFreeDoc(doc);
}

/// title and body text of a page by dropping everything between < and >.
void strip_crudely(const std::string& bytes, std::string& title, std::string& body) {
  const std::size_t t0 = bytes.find("<title>");
  const std::size_t t1 = bytes.find("</title>");
  if (t0 != std::string::npos && t1 != std::string::npos && t1 > t0)
    title = bytes.substr(t0 + 7, t1 - t0 - 7);
  std::size_t from = bytes.find("<body");
  if (from == std::string::npos) from = 0;
  bool in_tag = false;
  for (std::size_t i = from; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (c == '<')
      in_tag = true;
    else if (c == '>')
      in_tag = false, body += ' ';
    else if (!in_tag)
      body += c;
  }
}

}  // namespace

int main(int argc, char** argv) {
  bool crude = false;
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--crude") == 0)
      crude = true;
    else
      args.emplace_back(argv[i]);
  }
  if (args.size() != 2) {
    std::fprintf(stderr, "usage: %s [--crude] DB_DIR HTML_DIR\n", argv[0]);
    return 2;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(args[1])) {
    const std::string ext = entry.path().extension().string();
    if (entry.is_regular_file() && (ext == ".html" || ext == ".htm")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  try {
    Xapian::WritableDatabase db(args[0], Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    for (const fs::path& file : files) {
      const std::string bytes = read_file(file);
      std::string title, body;
      if (crude)
        strip_crudely(bytes, title, body);
      else
        parse_html(bytes, title, body);
      Xapian::Document doc;
      tg.set_document(doc);
      tg.index_text(title, 1, "S");
      tg.index_text(title);
      tg.increase_termpos();
      tg.index_text(body);
      doc.set_data(title + "\n" + body.substr(0, 512));
      doc.add_boolean_term("Q" + file.filename().string());
      db.add_document(doc);
    }
    db.commit();
    std::printf("%zu documents indexed into %s\n", files.size(), args[0].c_str());
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "minimal_indexer: %s\n", e.get_description().c_str());
    return 1;
  }
  return 0;
}
