// Near-duplicates on the real template family of Reuters-21578, read from
// ../shared/data (never copied into the repo): the "FED ADDS RESERVES VIA CUSTOMER
// REPURCHASES" stories recur on many days with other amounts and funds rates. Stories
// whose texts are the same are duplicates; stories whose amount or rate differs are not,
// however alike their words (tests/data/dups has a family of our own for the unit tests).
#define BOOST_TEST_MODULE shared_near_duplicates
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <regex>

#include "dualdex/ingest/near_duplicates.hpp"
#include "dualdex/ingest/reader.hpp"
#include "test_support.hpp"

using namespace dualdex;
namespace fs = std::filesystem;

namespace {

struct Story {
  std::string id, text, figures;  // figures: the amount and the rate as written
};

// The figures a Fed repurchase story states: "arrange 1.5 billion dlrs" and "at 6-3/16
// pct"; "" when the story lacks either.
std::string figures_of(const std::string& text) {
  static const std::regex amount(R"(([0-9.]+) billion dlrs)");
  static const std::regex rate(R"( at ([0-9/-]+) pct)");
  std::smatch a, r;
  if (!std::regex_search(text, a, amount) || !std::regex_search(text, r, rate)) return "";
  return a[1].str() + " " + r[1].str();
}

}  // namespace

BOOST_AUTO_TEST_CASE(template_stories_with_other_figures_are_not_duplicates) {
  const auto shared = test::shared_dir();
  if (!shared) {
    test::report_skip("../shared/data/reuters21578 not found");
    return;
  }
  std::vector<Story> family;
  for (const auto& e : fs::directory_iterator(*shared / "data" / "reuters21578")) {
    if (e.path().extension() != ".sgm") continue;
    const std::string bytes = test::read_file(e.path());
    const auto r = ingest::read_input(bytes, {e.path().string(), e.path().filename().string(), ""},
                                      ingest::InputFormat::reuters_sgml);
    for (const auto& d : r.documents) {
      const std::string text = d.plain_text();
      if (text.find("customer repurchase agreements") == std::string::npos) continue;
      const std::string figures = figures_of(text);
      if (!figures.empty()) family.push_back({d.id, text, figures});
    }
  }
  BOOST_TEST_MESSAGE(family.size() << " Fed customer-repurchase stories with both figures");
  BOOST_REQUIRE(family.size() >= 10u);
  std::size_t same = 0, other = 0;
  for (std::size_t i = 0; i < family.size(); ++i) {
    for (std::size_t j = i + 1; j < family.size(); ++j) {
      const Story& a = family[i];
      const Story& b = family[j];
      if (a.text == b.text) {
        ++same;
        BOOST_TEST(ingest::near_duplicates(a.text, b.text), a.id << " = " << b.id);
      } else if (a.figures != b.figures) {
        ++other;
        BOOST_TEST(!ingest::near_duplicates(a.text, b.text), a.id << " (" << a.figures << ") ~ "
                                                                 << b.id << " (" << b.figures << ")");
      }
    }
  }
  BOOST_TEST_MESSAGE(same << " identical pairs, " << other << " pairs with other figures");
  BOOST_TEST(other >= 10u);
}
