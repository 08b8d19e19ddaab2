// extract_speed: the speed of dualdex's pipeline alone (normalization, language, words,
// sentences, every extractor), single thread, over the Reuters-21578 stories held in
// memory. Reading the SGML is done before the clock starts; the documents are copied
// before each pass outside the clock too.
//
//   extract_speed [REUTERS_DIR] [--passes N] [--knowledge DIR]
//   extract_speed --folder DIR [--repeat R] [--passes N]     (e.g. corpus/cjk, 20 documents)
//
// REUTERS_DIR defaults to $DUALDEX_SHARED/data/reuters21578 (DUALDEX_SHARED defaults to
// ../shared of the source tree). Prints one line per pass and the best and median pass:
// MB/s per core = bytes of plain text (title + body, after normalization) / thread CPU
// seconds. Exit 0 with a SKIPPED line when the data is absent. --folder reads the
// .html/.htm/.txt documents of a folder instead (any language) and runs each pass over
// them R times (default 100), for small sets such as the Chinese and Japanese stories.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_corpus.hpp"
#include "dualdex/ingest/knowledge.hpp"
#include "dualdex/ingest/pipeline.hpp"

namespace fs = std::filesystem;
using namespace dualdex;

int main(int argc, char** argv) {
  fs::path dir, folder;
  int repeat = 100;
  fs::path knowledge_dir = ingest::Knowledge::default_dir();
  int passes = 3;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--passes" && i + 1 < argc)
      passes = std::atoi(argv[++i]);
    else if (a == "--knowledge" && i + 1 < argc)
      knowledge_dir = argv[++i];
    else if (a == "--folder" && i + 1 < argc)
      folder = argv[++i];
    else if (a == "--repeat" && i + 1 < argc)
      repeat = std::max(1, std::atoi(argv[++i]));
    else if (!a.empty() && a[0] != '-')
      dir = a;
    else {
      std::fprintf(
          stderr,
          "usage: %s [REUTERS_DIR | --folder DIR [--repeat R]] [--passes N] [--knowledge DIR]\n",
          argv[0]);
      return 2;
    }
  }
  if (dir.empty()) {
    const char* shared = std::getenv("DUALDEX_SHARED");
    dir = fs::path(shared ? shared : DUALDEX_BENCH_SHARED) / "data" / "reuters21578";
  }
  std::printf("# %s\n", bench::command_line(argc, argv).c_str());
  std::size_t sgml_bytes = 0;
  const auto t_read = bench::Clock::now();
  std::vector<ingest::Document> docs;
  if (!folder.empty()) {
    const auto once = bench::read_folder(folder);
    for (int r = 0; r < repeat; ++r) docs.insert(docs.end(), once.begin(), once.end());
    for (const auto& d : once) sgml_bytes += d.title.size() + d.plain_text().size();
    sgml_bytes *= static_cast<std::size_t>(repeat);
    if (once.empty()) {
      std::printf("SKIPPED: no documents in %s\n", folder.c_str());
      return 0;
    }
  } else {
    if (!fs::is_directory(dir) || bench::reuters_files(dir).empty()) {
      std::printf("SKIPPED: %s not found\n", dir.c_str());
      return 0;
    }
    docs = bench::read_reuters(dir, &sgml_bytes);
  }
  const double read_seconds = bench::seconds_since(t_read);
  const auto t_load = bench::Clock::now();
  ingest::PipelineOptions options;
  options.knowledge = ingest::Knowledge::load(knowledge_dir);
  const ingest::Pipeline pipeline(options);
  const double load_seconds = bench::seconds_since(t_load);
  std::printf("%zu documents, %.1f MB of %s read in %.2f s; knowledge loaded in %.2f s\n",
              docs.size(), static_cast<double>(sgml_bytes) / 1e6,
              folder.empty() ? "SGML" : "text (before normalization)", read_seconds, load_seconds);
  std::printf("%-6s %10s %10s %10s %12s %12s %10s %10s %10s\n", "pass", "text MB", "CPU s",
              "wall s", "MB/s/core", "input MB/s", "mentions", "stmts", "measures");
  std::vector<double> rates;
  for (int pass = 1; pass <= passes; ++pass) {
    std::vector<ingest::Document> input = docs;  // copied outside the clock
    std::vector<ingest::AnnotatedDocument> out;
    out.reserve(input.size());
    std::size_t text_bytes = 0, mentions = 0, statements = 0, measures = 0;
    const auto wall0 = bench::Clock::now();
    const double cpu0 = bench::thread_cpu_seconds();
    for (ingest::Document& d : input) out.push_back(pipeline.process(std::move(d)));
    const double cpu = bench::thread_cpu_seconds() - cpu0;
    const double wall = bench::seconds_since(wall0);
    for (const auto& a : out) {
      text_bytes += a.text.size() + a.doc.title.size();
      mentions += a.mentions.size();
      statements += a.statements.size();
      measures += a.measures.size();
    }
    const double mb = static_cast<double>(text_bytes) / 1e6;
    rates.push_back(mb / cpu);
    std::printf("%-6d %10.1f %10.2f %10.2f %12.2f %12.2f %10zu %10zu %10zu\n", pass, mb, cpu, wall,
                mb / cpu, static_cast<double>(sgml_bytes) / 1e6 / cpu, mentions, statements,
                measures);
  }
  std::printf("MB/s per core (plain text): best %.2f, median %.2f over %d passes\n",
              bench::percentile(rates, 100), bench::percentile(rates, 50), passes);
  return 0;
}
