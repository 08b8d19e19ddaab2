// Queries while an ingest commits (issue 5): an index already holds documents, and a
// `dualdex ingest --batch 100` of a generated corpus adds more, commit after commit, then
// relinks its measures. Meanwhile the test queries in a loop, with a query::Searcher
// opened for each query and with one kept open the whole time, and now and then through
// the `dualdex query` command: no query fails, and since the ingest only adds documents,
// no exact total ever goes down.
#define BOOST_TEST_MODULE query_during_ingest
#include <boost/test/unit_test.hpp>
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "dualdex/query/search.hpp"
#include "reliability.hpp"
#include "synthetic_corpus.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using namespace dualdex::test;
using dualdex::query::Searcher;
using dualdex::query::SearchOptions;
using dualdex::query::SortOrder;

namespace {

struct NamedQuery {
  std::string name;
  SearchOptions options;
};

// A few kinds of query: everything (with facets, so every match is counted), free text,
// a filter, a phrase by date, and a date range.
std::vector<NamedQuery> queries() {
  std::vector<NamedQuery> q;
  SearchOptions all;
  all.facets = true;
  all.limit = 5;
  q.push_back({"everything with facets", all});
  SearchOptions text;
  text.query = "gallium";
  q.push_back({"gallium", text});
  SearchOptions measures;
  measures.filters = {{"kind", "measure"}};
  measures.limit = 3;
  q.push_back({"kind:measure", measures});
  SearchOptions phrase;
  phrase.query = "\"export licences\"";
  phrase.sort = SortOrder::date;
  q.push_back({"\"export licences\" by date", phrase});
  SearchOptions range;
  range.query = "samarium OR drones";
  range.since = "2024-06";
  range.until = "2025";
  q.push_back({"samarium OR drones 2024-06..2025", range});
  return q;
}

/// Totals seen by one way of querying, and what went wrong.
struct Tally {
  std::size_t queries = 0, exact = 0;
  std::size_t estimate_drops = 0;  ///< an estimated total below the one before (allowed)
  std::map<std::string, std::size_t> last_total;  ///< query → last exact total
  std::map<std::string, std::size_t> last_estimate;
  std::map<std::string, std::pair<std::size_t, std::size_t>> exact_of;  ///< query → (exact, all)
  std::map<std::string, std::set<std::size_t>> totals;
  std::vector<std::string> failures;

  void record(const std::string& mode, const std::string& query, std::size_t total,
              bool exact_total) {
    ++queries;
    totals[query].insert(total);
    ++exact_of[query].second;
    if (exact_total) ++exact_of[query].first;
    if (!exact_total) {
      auto [it, first] = last_estimate.emplace(query, total);
      if (!first && total < it->second) ++estimate_drops;
      it->second = total;
      return;
    }
    ++exact;
    auto [it, first] = last_total.emplace(query, total);
    if (!first && total < it->second) {
      failures.push_back(mode + " '" + query + "': total went down from " +
                         std::to_string(it->second) + " to " + std::to_string(total));
    }
    it->second = total;
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(queries_never_fail_while_an_ingest_commits) {
  const auto started = Clock::now();
  TempDir tmp;
  const fs::path index = tmp.path / "index", logs = tmp.path / "logs";
  fs::create_directories(logs);

  // The index before the run: a few hundred stories and the control list.
  SyntheticCorpusOptions base;
  base.stories = 300;
  base.feeds = 0;
  base.tag = "base";
  base.seed = 7;
  write_synthetic_corpus(tmp.path / "base", base);
  {
    Child c({DUALDEX_CLI, "ingest", "--index", index.string(), (tmp.path / "base").string()},
            logs / "base.out", logs / "base.err");
    const Ended e = c.wait(600s);
    BOOST_REQUIRE_MESSAGE(e.exit_code == 0, read_file(logs / "base.err"));
  }
  const std::size_t before = peek_index(index).documents;
  BOOST_REQUIRE_GT(before, 300u);

  // The run: new stories only (other names, other seed), committed every 100 documents.
  SyntheticCorpusOptions live;
  live.stories = env_size("DUALDEX_LIVE_STORIES", 1500);
  live.feeds = 1;
  live.records_per_feed = 150;
  live.control_list = false;
  live.tag = "live";
  live.seed = 11;
  write_synthetic_corpus(tmp.path / "live", live);

  const auto qs = queries();
  Tally fresh, kept, cli;
  Searcher long_lived(index.string());
  std::size_t rounds = 0, cli_runs_during_ingest = 0;
  Child ingest({DUALDEX_CLI, "ingest", "--index", index.string(), "--batch", "100",
                (tmp.path / "live").string()},
               logs / "live.out", logs / "live.err");
  auto next_cli = Clock::now();
  while (ingest.running() && ingest.seconds() < 600) {
    ++rounds;
    for (const auto& q : qs) {
      try {
        const Searcher s(index.string());
        const auto r = s.search(q.options);
        fresh.record("fresh searcher", q.name, r.total, r.total_exact);
      } catch (const std::exception& e) {
        fresh.failures.push_back("fresh searcher '" + q.name + "': " + e.what());
      }
      try {
        const auto r = long_lived.search(q.options);
        kept.record("long-lived searcher", q.name, r.total, r.total_exact);
      } catch (const std::exception& e) {
        kept.failures.push_back("long-lived searcher '" + q.name + "': " + e.what());
      }
    }
    // The command line about twice a second (each run opens the index anew).
    if (Clock::now() >= next_cli) {
      const bool during = ingest.running();
      const auto r = run_cli("query --index " + quote(index.string()) +
                             " --format json --facets --limit 3 ''");
      if (r.exit_code != 0) {
        cli.failures.push_back("dualdex query exit " + std::to_string(r.exit_code) + ": " + r.err);
      } else {
        try {
          const auto j = nlohmann::json::parse(r.out);
          cli.record("dualdex query", "everything with facets", j.at("total").get<std::size_t>(),
                     j.value("total_exact", true));
        } catch (const std::exception& e) {
          cli.failures.push_back(std::string("dualdex query printed no JSON: ") + e.what() + ": " +
                                 r.out);
        }
      }
      if (during && ingest.running()) ++cli_runs_during_ingest;
      next_cli = Clock::now() + 500ms;
    }
  }
  const Ended e = ingest.wait(60s);
  const double ingest_seconds = ingest.seconds();
  BOOST_TEST(e.exit_code == 0, "the ingest failed: " << read_file(logs / "live.err"));

  // After the run: a fresh look sees every document, and nothing less than before.
  const Searcher after(index.string());
  const auto final_all = after.search(qs.front().options);
  fresh.record("fresh searcher", qs.front().name, final_all.total, final_all.total_exact);
  const std::size_t documents = after.document_count();
  BOOST_TEST(documents == peek_index(index).documents);
  BOOST_TEST(documents > before);

  std::cout << std::fixed << std::setprecision(1) << "query_during_ingest: the ingest ran "
            << ingest_seconds << " s, documents " << before << " -> " << documents << "; " << rounds
            << " rounds of " << qs.size() << " queries: fresh searcher " << fresh.queries << " ("
            << fresh.exact << " exact totals, " << fresh.estimate_drops
            << " estimated totals below the one before, " << fresh.totals[qs.front().name].size()
            << " distinct totals of everything), long-lived searcher " << kept.queries << " ("
            << kept.totals[qs.front().name].size() << " distinct), dualdex query " << cli.queries
            << " (" << cli_runs_during_ingest << " while it ran, "
            << cli.totals[qs.front().name].size() << " distinct); test " << seconds_since(started)
            << " s\n"
            << "exact totals of the fresh searcher:";
  for (const auto& [q, n] : fresh.exact_of)
    std::cout << " " << q << " " << n.first << "/" << n.second << ";";
  std::cout << '\n' << read_file(logs / "live.err") << std::flush;
  for (const auto* t : {&fresh, &kept, &cli}) {
    for (std::size_t i = 0; i < t->failures.size() && i < 10; ++i)
      std::cout << "FAILED: " << t->failures[i] << '\n';
    BOOST_TEST(t->failures.empty(), t->failures.size()
                                        << " failed queries, first: "
                                        << (t->failures.empty() ? "" : t->failures.front()));
  }
  // The test saw the index grow (else it tested nothing), and the command line ran during it.
  BOOST_TEST(fresh.totals[qs.front().name].size() >= 3u);
  BOOST_TEST(cli_runs_during_ingest >= 2u);
}
