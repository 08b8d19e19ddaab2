// Searching Chinese and Japanese: ICU words at index and query time, phrases as phrases,
// one-character queries, highlights without added spaces, the lang filter and facet, and
// cross-language filters (a Chinese announcement and an English story share item,
// country and agency terms). Table-driven over a small index of documents written here.
#define BOOST_TEST_MODULE cjk_search
#include <boost/test/unit_test.hpp>

#include "dualdex/index/writer.hpp"
#include "dualdex/ingest/knowledge.hpp"
#include "dualdex/ingest/pipeline.hpp"
#include "dualdex/query/search.hpp"
#include "test_support.hpp"

using namespace dualdex;

namespace {

struct Doc {
  const char* id;
  const char* date;
  const char* title;
  const char* text;
};

const Doc kDocs[] = {
    {"zh-ban", "2026-01-06", "商务部公告2026年第1号",
     "商务部发布公告，禁止两用物项对日本军事用户出口，公告自即日起施行。"},
    {"zh-apart", "2026-01-08", "商务部回应",
     "发言人表示，军事方面的出口受到管制，但民用用户不会受到影响。"},
    {"zh-gallium", "2023-07-03", "商务部 海关总署公告2023年第23号",
     "对镓、锗相关物项实施出口管制，锑矿不在本次范围内。"},
    {"ja-protest", "2026-01-06", "外務省、中国に抗議",
     "令和8年1月6日、外務省は中国商務部の輸出禁止措置について抗議した。ガリウムの輸出も対象となる。"},
    {"en-gallium", "2023-07-04", "China to require licences for gallium exports",
     "China's commerce ministry (MOFCOM) said exporters of gallium and germanium will need licences from "
     "August 1, officials said in Beijing."},
};

struct Fixture {
  test::TempDir dir;
  std::string path;
  Fixture() {
    path = (dir.path / "idx").string();
    index::Writer w(path);
    const ingest::Pipeline pipeline(
        ingest::PipelineOptions{ingest::Knowledge::load(ingest::Knowledge::default_dir())});
    for (const Doc& d : kDocs) {
      ingest::Document doc;
      doc.id = d.id;
      doc.title = d.title;
      doc.published = d.date;
      doc.blocks.push_back({ingest::BlockKind::paragraph, d.text});
      w.write(pipeline.process(std::move(doc)));
    }
    w.commit();
  }
};

query::SearchResult search(const std::string& path, const std::string& q,
                           std::vector<query::FilterValue> filters = {}, bool facets = false) {
  query::SearchOptions o;
  o.query = q;
  o.filters = std::move(filters);
  o.limit = 20;
  o.facets = facets;
  o.sort = query::SortOrder::date;
  return query::Searcher(path).search(o);
}

std::string ids(const query::SearchResult& r) {
  std::string out;
  for (const auto& h : r.hits) out += (out.empty() ? "" : " ") + h.id;
  return out;
}

std::string without_tags(std::string s) {
  for (const std::string tag : {"<b>", "</b>", "…"}) {
    for (auto at = s.find(tag); at != std::string::npos; at = s.find(tag)) s.erase(at, tag.size());
  }
  return s;
}

}  // namespace

BOOST_AUTO_TEST_CASE(chinese_and_japanese_queries) {
  Fixture f;
  struct Row {
    std::string query;
    std::vector<query::FilterValue> filters;
    std::string expected;  // ids, newest first
  };
  const Row rows[] = {
      // A phrase is a phrase: 军事 and 用户 apart do not match "军事用户".
      {"\"军事用户\"", {}, "zh-ban"},
      {"军事 用户", {}, "zh-apart zh-ban"},
      // Words typed together rank and match as words: 出口管制 = 出口 + 管制.
      {"出口管制", {}, "zh-apart zh-gallium"},
      // One character finds the words that hold it (锑 in 锑矿), and its own word.
      {"锑", {}, "zh-gallium"},
      {"镓", {}, "zh-gallium"},
      // Mixed script and the announcement number.
      {"2026年第1号", {}, "zh-ban"},
      {"外務省 抗議", {}, "ja-protest"},
      // An acronym written in one story finds the agency however another names it.
      {"MOFCOM", {}, "ja-protest zh-ban en-gallium"},
      {"ガリウム", {}, "ja-protest"},
      // Cross-language: the same item, country and agency ids whatever the language.
      {"", {{"item", "gallium"}}, "ja-protest en-gallium zh-gallium"},
      {"", {{"agency", "CN.MOFCOM"}, {"country", "JP"}}, "zh-ban"},
      {"", {{"lang", "ja"}}, "ja-protest"},
      {"", {{"lang", "zh"}, {"item", "germanium"}}, "zh-gallium"},
  };
  for (const Row& r : rows) {
    BOOST_TEST_CONTEXT(r.query) {
      query::SearchResult res = search(f.path, r.query, r.filters);
      // kind filter defaults to articles for text queries; filter-only ones the same here
      BOOST_TEST(ids(res) == r.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(highlights_fall_on_words_and_add_no_space) {
  Fixture f;
  const auto r = search(f.path, "\"军事用户\"");
  BOOST_REQUIRE_EQUAL(r.hits.size(), 1u);
  const std::string& snippet = r.hits[0].snippet;
  BOOST_TEST(snippet.find("<b>军事") != std::string::npos, snippet);
  BOOST_TEST(snippet.find("用户</b>") != std::string::npos, snippet);
  // The snippet without its tags is the (normalized) text: no space or mark was added.
  BOOST_TEST(without_tags(snippet).find(' ') == std::string::npos, snippet);
  BOOST_TEST(without_tags(snippet).find("\xEE\x80\x80") == std::string::npos, snippet);
  BOOST_TEST(without_tags(snippet).find("禁止两用物项对日本军事用户出口") != std::string::npos, snippet);
  const auto ja = search(f.path, "ガリウム");
  BOOST_REQUIRE_EQUAL(ja.hits.size(), 1u);
  BOOST_TEST(ja.hits[0].snippet.find("<b>ガリウム</b>の輸出") != std::string::npos, ja.hits[0].snippet);
}

BOOST_AUTO_TEST_CASE(lang_facet) {
  Fixture f;
  const auto r = search(f.path, "", {}, true);
  const auto& langs = r.facets.at("lang");
  std::map<std::string, std::size_t> counts(langs.begin(), langs.end());
  BOOST_TEST(counts["zh"] == 3u);
  BOOST_TEST(counts["ja"] == 1u);
  BOOST_TEST(counts["en"] == 1u);
}
