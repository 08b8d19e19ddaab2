#define BOOST_TEST_MODULE shared_extract_seed
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <set>

#include "test_support.hpp"

using dualdex::test::quote;
using dualdex::test::run_cli;
using nlohmann::json;

// The seed story as gold (issue 3, "The seed, as gold"), through `dualdex extract`.
namespace {

const json& seed() {
  static const json doc = [] {
    const auto shared = dualdex::test::shared_dir();
    if (!shared) return json();
    const auto r = run_cli("extract --dct 2026-01-08 " +
                           quote((*shared / "seed" / "china-dual-use-ban-japan-2026-01-08.txt").string()));
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    return json::parse(r.out);
  }();
  return doc;
}

bool skip() {
  if (dualdex::test::shared_dir()) return false;
  dualdex::test::report_skip("../shared/seed not found");
  return true;
}

std::set<std::string> ids(const char* type) {
  std::set<std::string> out;
  for (const auto& e : seed()["entities"]) {
    if (e["type"] == type) out.insert(e.value("id", ""));
  }
  return out;
}

const json* entity_with_text(const char* type, const std::string& text) {
  for (const auto& e : seed()["entities"]) {
    if (e["type"] == type && e["text"].get<std::string>().find(text) != std::string::npos) return &e;
  }
  return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_CASE(countries_agencies_items) {
  if (skip()) return;
  const auto countries = ids("country");
  for (const char* c : {"CN", "JP", "TW"}) BOOST_TEST_CONTEXT(c) { BOOST_TEST(countries.count(c) == 1u); }
  const auto agencies = ids("agency");
  for (const char* a : {"CN.MOFCOM", "JP.MOFA", "JP.CABINET"}) BOOST_TEST_CONTEXT(a) { BOOST_TEST(agencies.count(a) == 1u); }
  const auto items = ids("item");
  for (const char* i : {"dual-use-items", "rare-earths", "rare-earth-magnets"}) BOOST_TEST_CONTEXT(i) { BOOST_TEST(items.count(i) == 1u); }
}

BOOST_AUTO_TEST_CASE(persons_with_roles) {
  if (skip()) return;
  const auto persons = ids("person");
  for (const char* p : {"he-yadong", "takehiro-funakoshi", "wu-jianghao"}) BOOST_TEST_CONTEXT(p) { BOOST_TEST(persons.count(p) == 1u); }
  const json* he = entity_with_text("person", "He Yadong");
  BOOST_REQUIRE(he != nullptr);
  BOOST_TEST(he->value("value", "").find("spokesperson") != std::string::npos);
  BOOST_TEST(he->value("value", "").find("CN.MOFCOM") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(dates) {
  if (skip()) return;
  const std::pair<const char*, const char*> rows[] = {{"Jan 8", "2026-01-08"}, {"December 2025", "2025-12"}};
  for (const auto& [text, value] : rows) {
    BOOST_TEST_CONTEXT(text) {
      const json* d = entity_with_text("date", text);
      BOOST_REQUIRE(d != nullptr);
      BOOST_TEST(d->value("value", "") == value);
    }
  }
  const json* fy = entity_with_text("date", "fiscal year");
  BOOST_REQUIRE(fy != nullptr);
  const std::string v = fy->value("value", "");
  BOOST_TEST((v.rfind("2026-04", 0) == 0 || v == "FY2026"));
}

BOOST_AUTO_TEST_CASE(amounts) {
  if (skip()) return;
  const std::pair<const char*, const char*> rows[] = {
      {"1,100", "1100"}, {"seven", "7"}, {"3.8 per cent", "3.8"}, {"nine trillion yen", "JPY"}, {"S$74.4 billion", "SGD"}};
  for (const auto& [text, value] : rows) {
    BOOST_TEST_CONTEXT(text) {
      const json* a = entity_with_text("amount", text);
      BOOST_REQUIRE(a != nullptr);
      BOOST_TEST(a->value("value", "").find(value) != std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_CASE(statements_by_he_yadong) {
  if (skip()) return;
  const char* quotes[] = {"Civilian users will not be affected",
                          "China has always been committed to the stability and security of global production and supply chains",
                          "Exports to Japan for military purposes",
                          "The objective of halting Japan's re-militarisation and nuclear ambitions is entirely legitimate"};
  for (const char* q : quotes) {
    BOOST_TEST_CONTEXT(q) {
      bool found = false;
      for (const auto& s : seed()["statements"]) {
        if (s["text"].get<std::string>().find(q) != std::string::npos) {
          found = true;
          BOOST_TEST(s["speaker"] == "he-yadong");
          BOOST_TEST(s["agency"] == "CN.MOFCOM");
          BOOST_TEST(s["date"] == "2026-01-08");
        }
      }
      BOOST_TEST(found);
    }
  }
}

BOOST_AUTO_TEST_CASE(the_measure) {
  if (skip()) return;
  const json* ban = nullptr;
  for (const auto& m : seed()["measures"]) {
    if (m["action"] == "ban" && m["authority"] == "CN.MOFCOM") ban = &m;
  }
  BOOST_REQUIRE(ban != nullptr);
  auto has = [](const json& list, const char* v) {
    return std::find(list.begin(), list.end(), json(v)) != list.end();
  };
  BOOST_TEST(has((*ban)["targets"], "JP"));
  BOOST_TEST(has((*ban)["items"], "dual-use-items"));
  BOOST_TEST(has((*ban)["end_uses"], "military"));
  BOOST_TEST(has((*ban)["end_users"], "military"));
  BOOST_TEST(has((*ban)["exempt"], "civilian"));
}
