// reuters_to_html: writes every Reuters-21578 story as one HTML page, for the ingest
// comparison with omindex and the minimal indexer (bench/ingest_compare.sh).
//
//   reuters_to_html REUTERS_DIR OUT_DIR
//
// Page: <title> and <h1> = the story's title, <meta name="date"> = its date, one <p> per
// paragraph of its body. File name reuters-<NEWID>.html. Stories with neither title nor
// text are skipped. Prints the number of pages and bytes written.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "bench_corpus.hpp"

namespace fs = std::filesystem;
using namespace dualdex;

namespace {

std::string escape(const std::string& s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s REUTERS_DIR OUT_DIR\n", argv[0]);
    return 2;
  }
  const fs::path out_dir = argv[2];
  fs::create_directories(out_dir);
  const auto docs = bench::read_reuters(argv[1]);
  std::size_t pages = 0, bytes = 0;
  for (const ingest::Document& d : docs) {
    if (d.title.empty() && d.blocks.empty()) continue;
    std::string html =
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>" +
        escape(d.title) + "</title>\n";
    if (!d.published.empty()) html += "<meta name=\"date\" content=\"" + d.published + "\">\n";
    html += "</head><body>\n<h1>" + escape(d.title) + "</h1>\n";
    for (const ingest::Block& b : d.blocks) {
      if (b.kind == ingest::BlockKind::heading && b.text == d.title) continue;
      html += "<p>" + escape(b.text) + "</p>\n";
    }
    html += "</body></html>\n";
    std::string name = d.id.substr(d.id.find(':') + 1);
    std::ofstream(out_dir / ("reuters-" + name + ".html"), std::ios::binary) << html;
    ++pages;
    bytes += html.size();
  }
  std::printf("%zu pages, %.1f MB written to %s\n", pages, static_cast<double>(bytes) / 1e6,
              out_dir.c_str());
  return 0;
}
