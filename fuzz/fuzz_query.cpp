// libFuzzer target: the query parser and search (query::Searcher::search) over a small
// index built once at start-up from the shipped corpus (lists, instruments, regulatory
// texts, statements) and tests/data/filters.jsonl. A bad query is a UsageError (exit 2
// in the CLI): expected. Input: line 1 the query string; lines 2-4 --since, --until and
// --in-force-on; further lines filters "field=value" (as --country JP etc.).
#include <unistd.h>

#include <filesystem>
#include <vector>

#include "dualdex/index/ingest_job.hpp"
#include "dualdex/query/search.hpp"
#include "fuzz_common.hpp"

namespace {

std::filesystem::path g_dir;

void remove_index() {
  std::error_code ec;
  if (!g_dir.empty()) std::filesystem::remove_all(g_dir, ec);
}

const dualdex::query::Searcher& searcher() {
  static const dualdex::query::Searcher* s = [] {
    using namespace dualdex;
    std::string tmpl =
        (std::filesystem::temp_directory_path() / "dualdex-fuzz-query-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) fuzz::fail("mkdtemp");
    g_dir = tmpl;
    std::atexit(remove_index);
    const std::filesystem::path src = DUALDEX_SOURCE_DIR;
    index::IngestOptions o;
    o.index_path = (g_dir / "index").string();
    o.read.jobs = 1;
    o.knowledge = ingest::Knowledge::load(ingest::Knowledge::default_dir());
    const auto report = index::run_ingest(
        {(src / "corpus/lists").string(), (src / "corpus/instruments").string(),
         (src / "corpus/regulatory").string(), (src / "corpus/statements").string(),
         (src / "tests/data/filters.jsonl").string()},
        o);
    if (report.index_documents == 0) fuzz::fail("the query fuzzer's index is empty");
    return new query::Searcher(o.index_path);
  }();
  return *s;
}

std::vector<std::string> split_lines(std::string_view in) {
  std::vector<std::string> lines;
  for (;;) {
    const std::size_t nl = in.find('\n');
    lines.emplace_back(in.substr(0, nl));
    if (nl == std::string_view::npos) break;
    in.remove_prefix(nl + 1);
  }
  return lines;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  searcher();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dualdex;
  const std::vector<std::string> lines = split_lines(fuzz::as_view(data, size));
  query::SearchOptions o;
  o.query = lines[0];
  if (lines.size() > 1) o.since = lines[1];
  if (lines.size() > 2) o.until = lines[2];
  if (lines.size() > 3) o.in_force_on = lines[3];
  for (std::size_t i = 4; i < lines.size() && i < 12; ++i) {
    const std::size_t eq = lines[i].find('=');
    if (eq == std::string::npos) continue;
    o.filters.push_back({lines[i].substr(0, eq), lines[i].substr(eq + 1)});
  }
  o.sort = size % 2 == 0 ? query::SortOrder::relevance : query::SortOrder::date;
  o.facets = size % 4 < 2;
  o.offset = size % 3;
  o.limit = 5;
  try {
    const query::SearchResult r = searcher().search(o);
    if (r.hits.size() > o.limit) fuzz::fail("more hits than the limit");
  } catch (const UsageError&) {
    // a bad query, date or field: the CLI's exit 2
  }
  return 0;
}
