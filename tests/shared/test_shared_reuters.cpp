#define BOOST_TEST_MODULE shared_reuters
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "test_support.hpp"

using dualdex::test::quote;
using dualdex::test::run_cli;
using nlohmann::json;

// DONE-WHEN of the spine issue: all 21,578 Reuters stories, the cocoa query, and an
// idempotent second ingest.
BOOST_AUTO_TEST_CASE(reuters_archive_end_to_end) {
  const auto shared = dualdex::test::shared_dir();
  if (!shared) {
    dualdex::test::report_skip("../shared/data/reuters21578 not found");
    return;
  }
  dualdex::test::TempDir dir;
  const std::string path = (dir.path / "idx").string();
  const std::string archive = quote((*shared / "data" / "reuters21578").string());
  const auto first = run_cli("ingest --index " + quote(path) + " " + archive);
  BOOST_REQUIRE_MESSAGE(first.exit_code == 0, first.err);

  {
    // Every story, once: the unique-id terms of reuters:<NEWID> documents. (The folder's
    // auxiliary .txt files are indexed as text documents too.)
    Xapian::Database db(path);
    std::size_t stories = 0;
    for (auto t = db.allterms_begin("Qreuters:"); t != db.allterms_end("Qreuters:"); ++t) {
      if ((*t).find('#') != std::string::npos) continue;  // statements and measures of a story
      ++stories;
      BOOST_TEST(t.get_termfreq() == 1u);
    }
    BOOST_TEST(stories == 21578u);
  }
  // Every story stays in the count; near-duplicates are only collapsed in result lists.
  const auto count = run_cli("query --index " + quote(path) +
                             " --format json --facets --limit 0 --show-duplicates 'source:reuters21578 kind:article 1987..'");
  BOOST_TEST(json::parse(count.out)["total"].get<int>() == 21578);
  const auto collapsed = run_cli("query --index " + quote(path) + " --format json --limit 0 'source:reuters21578 kind:article 1987..'");
  BOOST_TEST(json::parse(collapsed.out)["total"].get<int>() < 21578);

  const auto cocoa = run_cli("query --index " + quote(path) + " cocoa --since 1987-02-26 --until 1987-02-26 --format json");
  const json r = json::parse(cocoa.out);
  BOOST_REQUIRE(r["hits"].size() == 1u);
  BOOST_TEST(r["total"].get<int>() == 1);
  BOOST_TEST(r["hits"][0]["id"] == "reuters:1");
  BOOST_TEST(r["hits"][0]["title"] == "BAHIA COCOA REVIEW");

  Xapian::rev revision;
  Xapian::doccount docs;
  {
    Xapian::Database db(path);
    revision = db.get_revision();
    docs = db.get_doccount();
  }
  const auto second = run_cli("ingest --index " + quote(path) + " " + archive);
  BOOST_TEST(second.exit_code == 0);
  Xapian::Database db(path);
  BOOST_TEST(db.get_revision() == revision);
  BOOST_TEST(db.get_doccount() == docs);
}
