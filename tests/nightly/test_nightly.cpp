#define BOOST_TEST_MODULE nightly
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "dualdex/ingest/error.hpp"
#include "dualdex/nightly/config.hpp"
#include "dualdex/nightly/nightly.hpp"
#include "dualdex/query/search.hpp"
#include "test_support.hpp"

using namespace dualdex;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

std::string story(const std::string& title, const std::string& body) {
  return "<html><head><title>" + title + "</title><meta property=\"article:published_time\" content=\"2026-01-08\">"
         "</head><body><article><h1>" + title + "</h1><p>" + body + "</p></article></body></html>";
}

// A small setup: two sources (news pages and a feed of JSON lines), a saved query.
struct Setup {
  test::TempDir dir;
  fs::path config;
  Setup() {
    write(dir.path / "in/news/a.html", story("Beijing curbs gallium exports", "China's commerce ministry said exporters of gallium will need licences from August, officials said on Monday in Beijing."));
    write(dir.path / "in/news/b.html", story("Tokyo weighs chip tool rules", "Japan's trade ministry is studying licence requirements for chip-making equipment shipped to China, officials said."));
    write(dir.path / "in/feed/wire.jsonl",
          R"({"id": "w1", "url": "https://wire.example/1", "title": "Samarium magnets under licence", "published": "2026-02-01", "body": "Exporters of samarium-cobalt magnets need a licence, the ministry said."})"
          "\n");
    config = dir.path / "nightly.json";
    write(config, R"({"index": "var/index", "state": "var/state",
      "sources": [{"name": "news", "paths": ["in/news"]}, {"name": "wire", "paths": ["in/feed"]}],
      "watchlist": [{"name": "gallium", "query": "gallium"}]})");
  }
  nightly::NightlyReport run(bool dry = false) {
    nightly::NightlyOptions o;
    o.dry_run = dry;
    return nightly::run_nightly(nightly::load_config(config), o);
  }
  std::size_t count() const { return query::Searcher((dir.path / "var/index").string()).document_count(); }
};

const nightly::SourceReport& source(const nightly::NightlyReport& r, const std::string& name) {
  for (const auto& s : r.sources) {
    if (s.name == name) return s;
  }
  BOOST_FAIL("no source " + name);
  return r.sources.front();
}

}  // namespace

BOOST_AUTO_TEST_CASE(incremental_runs_and_the_watchlist) {
  Setup s;
  const auto first = s.run();
  BOOST_TEST(first.exit_code == 0);
  BOOST_TEST(first.previous.empty());
  BOOST_TEST(source(first, "news").added == 2u);
  BOOST_TEST(source(first, "wire").added == 1u);
  BOOST_REQUIRE(first.watchlist.size() == 1u);
  BOOST_TEST(first.watchlist[0].new_matches == 1u);
  const std::size_t documents = s.count();

  // Nothing changed: nothing written, nothing new for the analysts, the same count.
  const auto second = s.run();
  BOOST_TEST(second.previous == first.started);
  BOOST_TEST(source(second, "news").unchanged == 2u);
  BOOST_TEST(source(second, "news").added == 0u);
  BOOST_TEST(second.watchlist[0].new_matches == 0u);
  BOOST_TEST(s.count() == documents);

  // A changed story replaces the old one; a vanished file's documents go.
  write(s.dir.path / "in/news/a.html", story("Beijing curbs gallium exports", "China's commerce ministry said exporters of gallium and germanium will need licences from August."));
  fs::remove(s.dir.path / "in/news/b.html");
  const auto third = s.run();
  BOOST_TEST(source(third, "news").changed == 1u);
  BOOST_TEST(source(third, "news").removed >= 1u);
  BOOST_TEST(third.watchlist[0].new_matches == 1u);
  BOOST_TEST(s.count() < documents);
}

BOOST_AUTO_TEST_CASE(a_story_reposted_elsewhere_is_counted_as_a_duplicate_and_kept) {
  Setup s;
  const std::string body =
      "China's commerce ministry said on Monday that exporters of gallium and germanium products "
      "will need licences from the first of August, citing national security, and that the "
      "ministry would review applications case by case within forty-five working days of receipt.";
  write(s.dir.path / "in/news/original.html", story("China to require gallium export licences", body));
  const auto first = s.run();
  BOOST_TEST(source(first, "news").duplicates == 0u);
  const std::size_t documents = s.count();
  // The same story re-posted at a new address the next night, under another headline.
  write(s.dir.path / "in/news/repost.html", story("Gallium and germanium: licences from August", body));
  const auto second = s.run();
  BOOST_TEST(source(second, "news").added == 1u);
  BOOST_TEST(source(second, "news").duplicates == 1u);
  BOOST_TEST(s.count() > documents);  // kept, not dropped
  BOOST_TEST(nightly::to_json(second).dump().find("\"duplicate\":1") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(failures_are_quarantined_until_they_change) {
  Setup s;
  write(s.dir.path / "in/feed/bad.jsonl", "{not json\n");
  const auto first = s.run();
  BOOST_TEST(first.exit_code == 1);
  BOOST_TEST(first.new_failures == 1u);
  const auto second = s.run();
  BOOST_TEST(second.exit_code == 0);  // the same failure is not new
  BOOST_TEST(source(second, "wire").quarantined == 1u);
  write(s.dir.path / "in/feed/bad.jsonl", "{still not json\n");
  BOOST_TEST(s.run().exit_code == 1);  // changed bytes: read again, failed again
  write(s.dir.path / "in/feed/bad.jsonl",
        R"({"id": "w2", "url": "https://wire.example/2", "title": "Fixed", "published": "2026-02-02", "body": "Now a good line about gallium exports and licences."})"
        "\n");
  const auto fixed = s.run();
  BOOST_TEST(fixed.exit_code == 0);
  BOOST_TEST(source(fixed, "wire").quarantined == 0u);
}

BOOST_AUTO_TEST_CASE(dry_run_writes_nothing) {
  Setup s;
  const auto r = s.run(true);
  BOOST_TEST(r.dry_run);
  BOOST_TEST(source(r, "news").would_read.size() == 2u);
  BOOST_TEST(!fs::exists(s.dir.path / "var/index"));
  BOOST_TEST(!fs::exists(s.dir.path / "var/state/state.json"));
}

BOOST_AUTO_TEST_CASE(configuration_errors_name_the_file) {
  test::TempDir dir;
  const fs::path bad = dir.path / "bad.json";
  for (const char* text : {"{", R"({"index": "i", "state": "s", "sources": []})",
                           R"({"index": "i", "state": "s", "sources": [{"name": "a"}]})",
                           R"({"index": "i", "state": "s", "sources": [{"name": "a", "paths": ["x"], "colour": 1}]})",
                           R"({"index": "i", "state": "s", "sources": [{"name": "a", "feeds": ["file:///etc/passwd"]}]})"}) {
    BOOST_TEST_CONTEXT(text) {
      write(bad, text);
      try {
        nightly::load_config(bad);
        BOOST_FAIL("accepted");
      } catch (const KnowledgeError& e) {
        BOOST_TEST(std::string(e.what()).find("bad.json") != std::string::npos);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(one_run_at_a_time_and_exit_codes) {
  Setup s;
  BOOST_TEST(test::run_cli("nightly --quiet --config " + test::quote(s.config.string())).exit_code == 0);
  // A held job lock (a run in progress): exit 3, naming the holder.
  const auto lock = s.dir.path / "var/state/lock";
  const auto r = test::run_cli("nightly --quiet --config " + test::quote(s.config.string()),
                               "flock " + test::quote(lock.string()) + " --command 'true' >/dev/null 2>&1;");
  BOOST_TEST(r.exit_code == 0);  // flock released before the run
  const auto held = test::run_cli("nightly --quiet --config " + test::quote(s.config.string()) + " & sleep 0.1; wait",
                                  "");
  (void)held;
  BOOST_TEST(test::run_cli("nightly --config /nonexistent/nightly.json").exit_code == 4);
  BOOST_TEST(test::run_cli("nightly").exit_code == 2);
  const auto report = nlohmann::json::parse(test::read_file(s.dir.path / "var/state/latest.json"));
  BOOST_TEST(report["sources"].size() == 2u);
  BOOST_TEST(report.contains("watchlist"));
}
