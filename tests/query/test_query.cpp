#define BOOST_TEST_MODULE query
#include <boost/test/unit_test.hpp>

#include "dualdex/index/writer.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/pipeline.hpp"
#include "dualdex/ingest/reader.hpp"
#include "dualdex/query/search.hpp"
#include "test_support.hpp"

using namespace dualdex;

namespace {

// One index of tests/data/filters.jsonl for the whole suite.
struct Fixture {
  test::TempDir dir;
  std::string path;
  Fixture() {
    path = (dir.path / "idx").string();
    const std::string bytes = test::read_file(test::test_data() / "filters.jsonl");
    ingest::ReadResult r = ingest::read_input(bytes, {"filters.jsonl", "data/filters.jsonl", ""});
    BOOST_REQUIRE(r.problems.empty());
    index::Writer w(path);
    const ingest::Pipeline pipeline;
    for (auto& d : r.documents) w.write(pipeline.process(std::move(d)));
  }
};

std::string ids(const query::SearchResult& r) {
  std::string out;
  for (const auto& h : r.hits) out += (out.empty() ? "" : " ") + h.id.substr(h.id.rfind('/') + 1);
  return out;
}

query::SearchOptions by_date(std::string q) {
  query::SearchOptions o;
  o.query = std::move(q);
  o.sort = query::SortOrder::date;
  o.limit = 20;
  return o;
}

}  // namespace

BOOST_AUTO_TEST_CASE(queries_and_filters) {
  Fixture f;
  const query::Searcher s(f.path);
  struct Row {
    const char* query;
    std::vector<query::FilterValue> filters;
    const char* since;
    const char* until;
    const char* expected;  // last URL path component of each hit, newest first
  };
  const Row rows[] = {
      {"gallium", {}, "", "", "gallium-licences"},
      {"rare earths", {}, "", "", "rare-earths-april"},
      {"rare earths kind:any", {}, "", "", "december rare-earths-april"},
      {"rare-earth", {}, "", "", ""},
      {"rare-earth", {{"kind", "statement"}}, "", "", "december"},
      {"\"dual-use exports\"", {}, "", "", "tokyo-protest japan-ban"},
      {"export AND ban", {}, "", "", "tokyo-protest japan-ban"},
      {"ban NOT tokyo", {}, "", "", "japan-ban"},
      {"licences OR suspension", {}, "", "", "suspension rare-earths-april gallium-licences"},
      {"country:JP", {}, "", "", "tokyo-protest japan-ban rare-earths-april"},
      {"country:jp", {}, "", "", "tokyo-protest japan-ban rare-earths-april"},
      {"", {{"country", "JP"}}, "", "", "tokyo-protest japan-ban rare-earths-april"},
      {"", {{"country", "JP"}, {"country", "EU"}, {"kind", "any"}}, "", "", "tokyo-protest japan-ban december rare-earths-april"},
      {"agency:CN.MOFCOM item:rare-earths", {}, "", "", "suspension rare-earths-april"},
      {"", {{"agency", "cn.gac"}}, "", "", "gallium-licences"},
      {"code:1C902", {}, "", "", "rare-earths-april"},
      {"", {{"code", "1c902.a"}}, "", "", "rare-earths-april"},
      {"", {{"code", "1C902.b"}}, "", "", ""},
      {"person:he-yadong", {}, "", "", "japan-ban"},
      {"kind:statement", {}, "", "", "december"},
      {"lang:en", {}, "", "", "tokyo-protest japan-ban suspension rare-earths-april gallium-licences"},
      {"lang:en-gb", {}, "", "", "tokyo-protest"},
      {"source:wire.example", {}, "2026", "", "tokyo-protest japan-ban"},
      {"kind:any", {}, "2025-12", "2026", "tokyo-protest japan-ban december"},
      {"2025-12..2026", {}, "", "", "tokyo-protest japan-ban"},
      {"2026-01-08..2026-01-08", {}, "", "", "tokyo-protest"},
      {"..2023", {}, "", "", "gallium-licences"},
      {"2025-11.. kind:any", {}, "", "", "tokyo-protest japan-ban december suspension"},
      {"kind:article OR kind:statement", {}, "2025-12", "", "tokyo-protest japan-ban december"},
      {"", {}, "2025-04-04", "2025-04-04", "rare-earths-april"},
      {"title:tokyo", {}, "", "", "tokyo-protest"},
      {"nothingmatchesthis", {}, "", "", ""},
  };
  for (const auto& r : rows) {
    auto o = by_date(r.query);
    o.filters = r.filters;
    o.since = r.since;
    o.until = r.until;
    BOOST_TEST_CONTEXT("query: " << r.query << " since " << r.since << " until " << r.until) {
      BOOST_TEST(ids(s.search(o)) == r.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(bad_queries_are_usage_errors) {
  Fixture f;
  const query::Searcher s(f.path);
  const char* rows[] = {"foo:bar", "country:", "2026-13..2027", "2026..2025", "kind:tweet", "abc..def"};
  for (const char* q : rows) {
    BOOST_TEST_CONTEXT(q) { BOOST_CHECK_THROW(s.search(by_date(q)), dualdex::UsageError); }
  }
  auto o = by_date("");
  o.since = "yesterday";
  BOOST_CHECK_THROW(s.search(o), dualdex::UsageError);
}

BOOST_AUTO_TEST_CASE(missing_index_is_an_index_error) {
  test::TempDir dir;
  try {
    query::Searcher s((dir.path / "none").string());
    BOOST_FAIL("expected IndexError");
  } catch (const dualdex::IndexError& e) {
    BOOST_TEST(std::string(e.what()).find("dualdex ingest") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(facets_count_every_value) {
  Fixture f;
  const query::Searcher s(f.path);
  auto o = by_date("kind:any");
  o.facets = true;
  o.limit = 1;
  const auto r = s.search(o);
  BOOST_TEST(r.total == 6u);
  BOOST_TEST(r.total_exact);
  using Counts = std::vector<std::pair<std::string, std::size_t>>;
  BOOST_TEST((r.facets.at("country") == Counts{{"CN", 5}, {"JP", 3}, {"US", 2}, {"EU", 1}}));
  BOOST_TEST((r.facets.at("agency") == Counts{{"CN.MOFCOM", 4}, {"CN.GAC", 1}, {"JP.MOFA", 1}}));
  BOOST_TEST((r.facets.at("kind") == Counts{{"article", 5}, {"statement", 1}}));
  BOOST_TEST((r.facets.at("month") == Counts{{"2026-01", 2}, {"2023-07", 1}, {"2025-04", 1}, {"2025-11", 1}, {"2025-12", 1}}));
  // Facets follow the query.
  o.query = "country:JP kind:any";
  const auto j = s.search(o);
  // Equal counts are ordered by value.
  BOOST_TEST((j.facets.at("country") == Counts{{"CN", 3}, {"JP", 3}, {"US", 1}}));
}

BOOST_AUTO_TEST_CASE(snippets_highlight_the_words_as_written) {
  Fixture f;
  const query::Searcher s(f.path);
  const auto r = s.search(by_date("rare earth magnets kind:any"));
  BOOST_REQUIRE(r.hits.size() == 2u);
  BOOST_TEST(ids(r) == "december rare-earths-april");
  BOOST_TEST(r.hits[0].snippet.find("<b>rare</b>-<b>earth</b> <b>magnets</b>") != std::string::npos);
  BOOST_TEST(r.hits[1].snippet.find("<b>Magnet</b>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(paging_and_ties_are_stable) {
  Fixture f;
  const query::Searcher s(f.path);
  query::SearchOptions o;
  o.query = "country:CN";  // pure filter: newest first, equal dates by unique id
  o.limit = 4;
  const auto all = s.search(o);
  o.limit = 2;
  const auto first = s.search(o);
  o.offset = 2;
  const auto second = s.search(o);
  BOOST_REQUIRE(all.hits.size() == 4u);
  BOOST_REQUIRE(first.hits.size() == 2u);
  BOOST_REQUIRE(second.hits.size() == 2u);
  const std::vector<query::Hit> pages{first.hits[0], first.hits[1], second.hits[0], second.hits[1]};
  for (std::size_t i = 0; i < 4; ++i) BOOST_TEST(pages[i].id == all.hits[i].id);
  for (std::size_t i = 1; i < 4; ++i) {
    BOOST_TEST((all.hits[i - 1].date > all.hits[i].date ||
                (all.hits[i - 1].date == all.hits[i].date && all.hits[i - 1].id < all.hits[i].id)));
  }
}

BOOST_AUTO_TEST_CASE(date_bounds) {
  const std::pair<const char*, const char*> low[] = {{"2025", "20250000"}, {"2025-12", "20251200"}, {"2025-12-05", "20251205"}, {"20251205", "20251205"}};
  for (const auto& [in, out] : low) BOOST_TEST(query::date_bound(in, false) == out);
  BOOST_TEST(query::date_bound("2026", true) == "20269999");
  BOOST_CHECK_THROW(query::date_bound("2026-02-30", false), dualdex::UsageError);
}
