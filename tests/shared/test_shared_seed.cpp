#define BOOST_TEST_MODULE shared_seed
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

using dualdex::test::quote;
using dualdex::test::run_cli;
using nlohmann::json;

// DONE-WHEN of the spine issue: the seed story ingested, found by 'rare earths' with its
// title and a highlighted snippet, and none of its page chrome indexed.
BOOST_AUTO_TEST_CASE(seed_story_end_to_end) {
  const auto shared = dualdex::test::shared_dir();
  if (!shared) {
    dualdex::test::report_skip("../shared/seed not found");
    return;
  }
  dualdex::test::TempDir dir;
  const std::string index = quote((dir.path / "idx").string());
  const auto seed = *shared / "seed" / "china-dual-use-ban-japan-2026-01-08.txt";
  const auto ingest = run_cli("ingest --index " + index + " " + quote(seed.string()));
  BOOST_REQUIRE_MESSAGE(ingest.exit_code == 0, ingest.err);

  const auto q = run_cli("query --index " + index + " --format json 'rare earths'");
  BOOST_REQUIRE(q.exit_code == 0);
  const json r = json::parse(q.out);
  BOOST_REQUIRE(r["hits"].size() == 1u);
  const json& hit = r["hits"][0];
  BOOST_TEST(hit["id"] == "file:seed/china-dual-use-ban-japan-2026-01-08.txt");
  BOOST_TEST(hit["title"] == "Ban on exports of dual-use items to Japan aimed at only military companies, says China");
  BOOST_TEST(hit["date"] == "2026-01-08");
  BOOST_TEST(hit["snippet"].get<std::string>().find("<b>rare</b>") != std::string::npos);

  const auto shown = run_cli("show --index " + index + " --format json " + quote(hit["id"].get<std::string>()));
  const std::string text = json::parse(shown.out)["text"];
  for (const char* chrome : {"Sign up now", "PHOTO: REUTERS", "Follow topic:", "Get insights on Asia"}) {
    BOOST_TEST_CONTEXT(chrome) { BOOST_TEST(text.find(chrome) == std::string::npos); }
  }
  // The article itself is all there, the caption-like line included where the body repeats it.
  for (const char* body : {"Civilian users will not be affected", "nine trillion yen", "Relations deteriorate over Taiwan remarks",
                           "wherever the end user may be"}) {
    BOOST_TEST_CONTEXT(body) { BOOST_TEST(text.find(body) != std::string::npos); }
  }
  // rare-earth written with U+2011 matches a query for rare-earth.
  const auto hyphen = run_cli("query --index " + index + " --format json '\"rare-earth export licences\"'");
  BOOST_TEST(json::parse(hyphen.out)["total"].get<int>() == 1);
  // No chrome in the index either.
  const auto chrome = run_cli("query --index " + index + " --format json '\"sign up now\" OR \"follow topic\"'");
  BOOST_TEST(json::parse(chrome.out)["total"].get<int>() == 0);
}
