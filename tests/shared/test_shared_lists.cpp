#define BOOST_TEST_MODULE shared_lists
#include <xapian.h>

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "test_support.hpp"

using dualdex::test::quote;
using dualdex::test::run_cli;
using nlohmann::json;

namespace {

/// Entries (codes without a '.') and all codes of a list in the index, by unique-id terms.
std::pair<std::size_t, std::size_t> count_codes(const Xapian::Database& db,
                                                const std::string& list) {
  const std::string prefix = "Q" + list + ":";
  std::size_t entries = 0, codes = 0;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    const std::string code = (*t).substr(prefix.size());
    if (code.find('#') != std::string::npos) continue;  // statements and measures of an entry
    ++codes;
    if (code.find('.') == std::string::npos) ++entries;
  }
  return {entries, codes};
}

}  // namespace

// Lists part of the control-list issue: the EU Annex I and US CCL texts load with their
// sidecars, every sub-item is addressable, and code:/list: find them.
BOOST_AUTO_TEST_CASE(control_lists_end_to_end) {
  const auto shared = dualdex::test::shared_dir();
  if (!shared || !std::filesystem::is_directory(*shared / "data" / "control-lists-text")) {
    dualdex::test::report_skip("../shared/data/control-lists-text not found");
    return;
  }
  dualdex::test::TempDir dir;
  const std::string path = (dir.path / "idx").string();
  const std::string index = quote(path);
  const std::string lists = quote((*shared / "data" / "control-lists-text").string());
  const auto ingest = run_cli("ingest --index " + index + " " + lists);
  BOOST_REQUIRE_MESSAGE(ingest.exit_code == 0, ingest.err);

  {
    Xapian::Database db(path);
    const auto [eu_entries, eu_codes] = count_codes(db, "eu-2021-821");
    BOOST_TEST(eu_entries == 384u);
    BOOST_TEST(eu_codes == 3443u);  // distinct codes of the 4,222 lines (notes join their code)
    const auto [us_entries, us_codes] = count_codes(db, "us-ccl");
    BOOST_TEST(us_entries == 637u);
    BOOST_TEST(us_codes == 637u);
    // The sidecars are metadata, not documents.
    BOOST_TEST((db.allterms_begin("Qfile:") == db.allterms_end("Qfile:")));
  }

  // code:3B001 finds the entry and every sub-item (and, through the codes their text
  // cites, entries that refer to 3B001, such as software for it).
  std::size_t family_in_index = 0;
  {
    Xapian::Database db(path);
    for (auto t = db.allterms_begin("Qeu-2021-821:3B001");
         t != db.allterms_end("Qeu-2021-821:3B001"); ++t) {
      const std::string term = *t;
      if (term == "Qeu-2021-821:3B001" || term.starts_with("Qeu-2021-821:3B001."))
        ++family_in_index;
    }
  }
  BOOST_TEST(family_in_index > 30u);
  const auto code =
      run_cli("query --index " + index + " --kind entry --format json --limit 500 'code:3B001'");
  BOOST_REQUIRE_MESSAGE(code.exit_code == 0, code.err);
  const json c = json::parse(code.out);
  bool entry = false, sub = false;
  std::size_t family = 0;
  for (const auto& hit : c["hits"]) {
    const std::string id = hit["id"];
    BOOST_TEST_CONTEXT(id) {
      BOOST_TEST(hit["kind"] == "entry");
    }
    entry = entry || id == "eu-2021-821:3B001";
    sub = sub || id == "eu-2021-821:3B001.f";
    if (id == "eu-2021-821:3B001" || id.starts_with("eu-2021-821:3B001.")) ++family;
  }
  BOOST_TEST(entry);
  BOOST_TEST(sub);
  BOOST_TEST(family == family_in_index);

  const auto uav = run_cli("query --index " + index +
                           " --kind entry --format json list:us-ccl 'unmanned aerial'");
  BOOST_REQUIRE_MESSAGE(uav.exit_code == 0, uav.err);
  const json u = json::parse(uav.out);
  BOOST_REQUIRE(!u["hits"].empty());
  for (const auto& hit : u["hits"]) BOOST_TEST(hit["id"].get<std::string>().starts_with("us-ccl:"));

  const auto shown = run_cli("show --index " + index + " --format json eu-2021-821:3B001.f");
  BOOST_REQUIRE_MESSAGE(shown.exit_code == 0, shown.err);
  const json s = json::parse(shown.out);
  BOOST_TEST(s["text"].get<std::string>().starts_with("3B001.f "));
}
