// query_latency: latency of a fixed set of analyst queries (bench/queries.txt) on one
// index, in-process through query::Searcher (without and with exact facets) and, for a
// subset, through the command line (`dualdex query` as a process).
//
//   query_latency INDEX QUERIES [--passes N] [--cli DUALDEX] [--cli-every K] [--cli-runs R]
//                 [--limit L]
//
// QUERIES: one query per line; '#' lines and blank lines are skipped. A line is zero or
// more leading "--flag value" pairs (--country --agency --item --person --code --list
// --lang --source --org --instrument --kind --since --until --sort; values without
// spaces), then the query string in the README's query syntax (may be empty).
//
// In-process: one warm-up pass without facets (reported as "first pass"), then N passes
// (default 5) without facets and N with facets; every query's every run is one sample.
// "Broad" queries match at least 1% of the index's documents. CLI: every K-th query
// (default 4), R runs each (default 3), `DUALDEX query --index INDEX --format json
// [flags] -- QUERY`, wall time of the process, without and with --facets.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "bench_corpus.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/query/search.hpp"

using namespace dualdex;

namespace {

struct BenchQuery {
  std::string line;                                        ///< as written
  std::vector<std::pair<std::string, std::string>> flags;  ///< "--country", "CN"
  std::string text;                                        ///< the query string
};

std::vector<BenchQuery> read_queries(const std::string& path) {
  std::vector<BenchQuery> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    std::size_t p = line.find_first_not_of(" \t");
    if (p == std::string::npos || line[p] == '#') continue;
    BenchQuery q;
    q.line = line.substr(p);
    while (p < line.size() && line.compare(p, 2, "--") == 0) {
      const std::size_t flag_end = line.find(' ', p);
      if (flag_end == std::string::npos) break;
      const std::size_t value_start = line.find_first_not_of(' ', flag_end);
      if (value_start == std::string::npos) break;
      std::size_t value_end = line.find(' ', value_start);
      if (value_end == std::string::npos) value_end = line.size();
      q.flags.emplace_back(line.substr(p, flag_end - p),
                           line.substr(value_start, value_end - value_start));
      p = line.find_first_not_of(' ', value_end);
      if (p == std::string::npos) p = line.size();
    }
    q.text = line.substr(p);
    while (!q.text.empty() && (q.text.back() == ' ' || q.text.back() == '\r')) q.text.pop_back();
    out.push_back(std::move(q));
  }
  return out;
}

query::SearchOptions to_options(const BenchQuery& q, std::size_t limit, bool facets) {
  query::SearchOptions o;
  o.query = q.text;
  o.limit = limit;
  o.facets = facets;
  for (const auto& [flag, value] : q.flags) {
    const std::string name = flag.substr(2);
    if (name == "since")
      o.since = value;
    else if (name == "until")
      o.until = value;
    else if (name == "sort")
      o.sort = value == "date" ? query::SortOrder::date : query::SortOrder::relevance;
    else
      o.filters.push_back({name, value});
  }
  return o;
}

/// Wall seconds of one `dualdex query` process (stdout and stderr to /dev/null); -1 on failure.
double run_cli(const std::string& dualdex, const std::string& index, const BenchQuery& q,
               bool facets, std::size_t limit) {
  std::vector<std::string> args = {dualdex,    "query", "--index", index,
                                   "--format", "json",  "--limit", std::to_string(limit)};
  if (facets) args.push_back("--facets");
  for (const auto& [flag, value] : q.flags) args.push_back(flag), args.push_back(value);
  args.push_back("--");
  if (!q.text.empty()) args.push_back(q.text);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const auto t0 = bench::Clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  const double s = bench::seconds_since(t0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? s : -1;
}

void print_row(const char* what, const std::vector<double>& ms) {
  double sum = 0;
  for (double v : ms) sum += v;
  std::printf("%-44s %8zu %9.2f %9.2f %9.2f %9.2f\n", what, ms.size(), bench::percentile(ms, 50),
              bench::percentile(ms, 99), bench::percentile(ms, 100),
              ms.empty() ? 0 : sum / ms.size());
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> positional;
  int passes = 5, cli_every = 4, cli_runs = 3;
  std::size_t limit = 10;
  std::string cli;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool v = i + 1 < argc;
    if (a == "--passes" && v)
      passes = std::atoi(argv[++i]);
    else if (a == "--cli" && v)
      cli = argv[++i];
    else if (a == "--cli-every" && v)
      cli_every = std::max(1, std::atoi(argv[++i]));
    else if (a == "--cli-runs" && v)
      cli_runs = std::atoi(argv[++i]);
    else if (a == "--limit" && v)
      limit = std::strtoull(argv[++i], nullptr, 10);
    else
      positional.push_back(a);
  }
  if (positional.size() != 2) {
    std::fprintf(
        stderr,
        "usage: %s INDEX QUERIES [--passes N] [--cli DUALDEX] [--cli-every K] [--cli-runs R] "
        "[--limit L]\n",
        argv[0]);
    return 2;
  }
  const std::string index = positional[0];
  const auto queries = read_queries(positional[1]);
  std::printf("# %s\n", bench::command_line(argc, argv).c_str());
  try {
    const auto t_open = bench::Clock::now();
    query::Searcher searcher(index);
    const double open_ms = bench::seconds_since(t_open) * 1e3;
    const std::size_t docs = searcher.document_count();
    std::printf("index %s: %zu documents (opened in %.1f ms); %zu queries, limit %zu\n",
                index.c_str(), docs, open_ms, queries.size(), limit);

    // First pass: also the totals, which classify broad queries.
    std::vector<double> first;
    std::vector<std::size_t> totals(queries.size());
    std::vector<bool> failed(queries.size(), false);
    for (std::size_t i = 0; i < queries.size(); ++i) {
      const auto t0 = bench::Clock::now();
      try {
        totals[i] = searcher.search(to_options(queries[i], limit, false)).total;
      } catch (const Error& e) {
        failed[i] = true;
        std::printf("query %zu failed: %s: %s\n", i + 1, queries[i].line.c_str(), e.what());
      }
      first.push_back(bench::seconds_since(t0) * 1e3);
    }
    std::vector<double> plain, faceted, plain_broad, faceted_broad;
    std::vector<std::vector<double>> per_query_plain(queries.size()),
        per_query_faceted(queries.size());
    const std::size_t broad_min = std::max<std::size_t>(1, docs / 100);
    for (int facets = 0; facets < 2; ++facets) {
      for (int pass = 0; pass < passes; ++pass) {
        for (std::size_t i = 0; i < queries.size(); ++i) {
          if (failed[i]) continue;
          const auto o = to_options(queries[i], limit, facets != 0);
          const auto t0 = bench::Clock::now();
          searcher.search(o);
          const double ms = bench::seconds_since(t0) * 1e3;
          (facets ? faceted : plain).push_back(ms);
          (facets ? per_query_faceted : per_query_plain)[i].push_back(ms);
          if (totals[i] >= broad_min) (facets ? faceted_broad : plain_broad).push_back(ms);
        }
      }
    }
    std::size_t broad = 0;
    for (std::size_t i = 0; i < queries.size(); ++i) broad += !failed[i] && totals[i] >= broad_min;
    std::printf("\n%-44s %8s %9s %9s %9s %9s\n", "in-process (query::Searcher), ms", "samples",
                "p50", "p99", "max", "mean");
    print_row("first pass (no facets)", first);
    print_row("no facets", plain);
    print_row("exact facets", faceted);
    char label[96];
    std::snprintf(label, sizeof label, "broad queries (%zu, >= %zu matches), no facets", broad,
                  broad_min);
    print_row(label, plain_broad);
    std::snprintf(label, sizeof label, "broad queries (%zu), exact facets", broad);
    print_row(label, faceted_broad);

    // The slowest queries by their median.
    std::vector<std::pair<double, std::size_t>> slow;
    for (std::size_t i = 0; i < queries.size(); ++i)
      if (!failed[i]) slow.emplace_back(bench::percentile(per_query_faceted[i], 50), i);
    std::sort(slow.rbegin(), slow.rend());
    std::printf("\nslowest queries (median ms without / with facets, matches):\n");
    for (std::size_t k = 0; k < std::min<std::size_t>(5, slow.size()); ++k) {
      const std::size_t i = slow[k].second;
      std::printf("  %8.2f / %8.2f  %9zu  %s\n", bench::percentile(per_query_plain[i], 50),
                  slow[k].first, totals[i], queries[i].line.c_str());
    }

    if (!cli.empty()) {
      std::vector<double> cli_plain, cli_facets;
      std::size_t cli_queries = 0, cli_failed = 0;
      for (std::size_t i = 0; i < queries.size(); i += static_cast<std::size_t>(cli_every)) {
        if (failed[i]) continue;
        ++cli_queries;
        for (int r = 0; r < cli_runs; ++r) {
          for (int facets = 0; facets < 2; ++facets) {
            const double s = run_cli(cli, index, queries[i], facets != 0, limit);
            if (s < 0)
              ++cli_failed;
            else
              (facets ? cli_facets : cli_plain).push_back(s * 1e3);
          }
        }
      }
      std::snprintf(label, sizeof label, "CLI `dualdex query` (%zu queries x %d), ms", cli_queries,
                    cli_runs);
      std::printf("\n%-44s %8s %9s %9s %9s %9s\n", label, "samples", "p50", "p99", "max", "mean");
      print_row("no facets", cli_plain);
      print_row("--facets", cli_facets);
      if (cli_failed) std::printf("%zu CLI runs failed\n", cli_failed);
    }
  } catch (const Error& e) {
    std::fprintf(stderr, "query_latency: %s\n", e.what());
    return 1;
  }
  return 0;
}
