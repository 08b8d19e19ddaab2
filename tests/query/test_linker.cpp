#define BOOST_TEST_MODULE linker
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "dualdex/index/ingest_job.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/knowledge.hpp"
#include "dualdex/ingest/reader.hpp"
#include "dualdex/query/link.hpp"
#include "dualdex/query/search.hpp"
#include "test_support.hpp"

using namespace dualdex;
namespace fs = std::filesystem;

namespace {

std::shared_ptr<const ingest::Knowledge> knowledge() {
  static const auto k = ingest::Knowledge::load(test::source_dir() / "corpus" / "gazetteers");
  return k;
}

index::IngestReport ingest_paths(const std::string& index, const std::vector<std::string>& paths) {
  index::IngestOptions o;
  o.index_path = index;
  o.knowledge = knowledge();
  o.read.jobs = 1;
  return index::run_ingest(paths, o, {});
}

query::LinkOptions link_options() {
  query::LinkOptions o;
  o.knowledge = knowledge();
  o.vocabulary = test::source_dir() / "corpus" / "linking";
  return o;
}

std::string data(const char* name) {
  return (test::test_data() / "link" / name).string();
}

// The test lists (tests/data/link, EU- and CCL-like) and China's list of corpus/lists.
struct Lists {
  test::TempDir dir;
  std::string index;
  Lists() {
    index = (dir.path / "idx").string();
    ingest_paths(index, {data("mini-eu.txt"), data("mini-us.txt"),
                         (test::source_dir() / "corpus" / "lists").string()});
  }
};

std::vector<std::string> codes_of(const query::LinkResult& r) {
  std::vector<std::string> out;
  for (const auto& l : r.links) out.push_back(l.list + ":" + (l.code.empty() ? "*" : l.code));
  return out;
}

bool has_evidence(const query::Link& l, const std::string& why) {
  for (const auto& e : l.evidence) {
    if (e.why == why) return true;
  }
  return false;
}

}  // namespace

BOOST_AUTO_TEST_CASE(ranks_entries_with_evidence) {
  Lists lists;
  const query::Linker linker(lists.index, link_options());
  BOOST_TEST(linker.entry_count() > 20u);
  struct Row {
    const char* text;
    const char* top;       // list:code of the first link
    const char* evidence;  // a kind of evidence the first link must carry
  };
  const Row rows[] = {
      // analysts' words → the regulation's
      {"Japan now requires a licence to export drones to Russia.", "mini-eu:9A012", "synonym"},
      {"Germany restricted exports of night-vision goggles.", "mini-eu:6A003.a", "synonym"},
      // American spelling meets the British list
      {"Italy will license exports of carbon fiber materials.", "mini-eu:1C010.a", "words"},
      // the most specific entry the text supports
      {"Dutch officials now require a permit for step-and-scan lithography equipment for wafers.",
       "mini-eu:3B001.f.1", "words"},
      {"Berlin added ion implantation equipment to its licence list.", "mini-eu:3B001.b", "words"},
      // a known item → entry link of the knowledge (items.tsv), in the authority's list
      {"Beijing restricted exports of samarium oxide.", "cn-dual-use:1C902.b", "item"},
      // a code the text names
      {"Exporters of 3B001.b machines now need a licence.", "mini-eu:3B001.b", "code"},
  };
  for (const auto& row : rows) {
    BOOST_TEST_CONTEXT(row.text) {
      const auto r = linker.link_text(row.text);
      BOOST_REQUIRE(!r.links.empty());
      BOOST_TEST(codes_of(r).front() == row.top);
      BOOST_TEST(has_evidence(r.links.front(), row.evidence));
      BOOST_TEST(r.links.front().score > 0.0);
      BOOST_TEST(r.links.front().score <= 1.0);
      for (const auto& e : r.links.front().evidence) BOOST_TEST(!e.sentence.empty());
    }
  }
}

BOOST_AUTO_TEST_CASE(prefers_the_parent_for_a_general_text_and_shows_parents) {
  Lists lists;
  const query::Linker linker(lists.index, link_options());
  const auto general = linker.link_text(
      "The Netherlands extended its licence requirement to chip-making equipment.");
  BOOST_REQUIRE(!general.links.empty());
  BOOST_TEST(general.links.front().code == "3B001");
  const auto specific =
      linker.link_text("Exports of step and scan lithography equipment for wafers need a licence.");
  BOOST_REQUIRE(!specific.links.empty());
  BOOST_TEST(specific.links.front().code == "3B001.f.1");
  BOOST_TEST((specific.links.front().parents == std::vector<std::string>{"3B001.f", "3B001"}));
}

BOOST_AUTO_TEST_CASE(the_same_code_in_two_lists_is_one_link) {
  Lists lists;
  const query::Linker linker(lists.index, link_options());
  const auto r =
      linker.link_text("France now licenses equipment for making semiconductor devices.");
  BOOST_REQUIRE(!r.links.empty());
  const auto& top = r.links.front();
  BOOST_TEST(top.code == "3B001");
  BOOST_TEST(top.list == "mini-eu");  // the authority (FR) is an EU member
  BOOST_REQUIRE(top.also_in.size() == 1u);
  BOOST_TEST(top.also_in.front().list == "mini-us");
  for (const auto& l : r.links) BOOST_TEST(!(l.list == "mini-us" && l.code == "3B001"));
}

BOOST_AUTO_TEST_CASE(says_when_no_entry_fits) {
  Lists lists;
  const query::Linker linker(lists.index, link_options());
  struct Row {
    const char* text;
    const char* reason;  // start of LinkResult::abstained
  };
  const Row rows[] = {
      {"Washington imposed a 25% tariff on steel and aluminium imports from Canada.",
       "not an export control"},
      {"Brussels opened an anti-dumping investigation into tyres from Thailand.",
       "not an export control"},
      {"Seoul banned exports of seafood to the region from May.", "no entry fits"},
  };
  for (const auto& row : rows) {
    BOOST_TEST_CONTEXT(row.text) {
      const auto r = linker.link_text(row.text);
      BOOST_TEST(r.links.empty());
      BOOST_TEST(r.abstained.rfind(row.reason, 0) == 0u);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_measure_over_all_dual_use_items_links_the_list) {
  Lists lists;
  const query::Linker linker(lists.index, link_options());
  const auto r = linker.link_text(
      "China's commerce ministry banned exports of all dual-use items to Japanese military end "
      "users.");
  BOOST_REQUIRE(!r.links.empty());
  BOOST_TEST(r.links.front().list == "cn-dual-use");
  BOOST_TEST(r.links.front().code.empty());
  BOOST_TEST(r.links.front().scope == "list");
  BOOST_TEST(has_evidence(r.links.front(), "scope"));
}

BOOST_AUTO_TEST_CASE(no_list_no_link) {
  test::TempDir dir;
  const std::string index = (dir.path / "idx").string();
  ingest_paths(index, {data("news.jsonl")});
  const query::Linker linker(index, link_options());
  BOOST_TEST(linker.entry_count() == 0u);
  const auto r = linker.link_text("Japan requires a licence for drones.");
  BOOST_TEST(r.links.empty());
  BOOST_TEST(r.abstained.find("no control list") != std::string::npos);
}

// Measures in the index are linked after each ingest, whatever came first, and
// relinked when a list is replaced.
BOOST_AUTO_TEST_CASE(relinks_whatever_the_order_of_loading) {
  auto linked_measures = [](const std::string& index, const char* code) {
    const query::Searcher s(index);
    query::SearchOptions o;
    o.filters = {{"code", code}, {"kind", "measure"}};
    o.limit = 10;
    std::vector<std::string> ids;
    for (const auto& h : s.search(o).hits) ids.push_back(h.id);
    return ids;
  };
  for (const bool news_first : {true, false}) {
    BOOST_TEST_CONTEXT("news first: " << news_first) {
      test::TempDir dir;
      const std::string index = (dir.path / "idx").string();
      const std::vector<std::string> news{data("news.jsonl")}, list{data("mini-eu.txt")};
      ingest_paths(index, news_first ? news : list);
      query::relink_index(index, link_options());
      ingest_paths(index, news_first ? list : news);
      const auto report = query::relink_index(index, link_options());
      BOOST_TEST(report.measures > 0u);
      BOOST_TEST(linked_measures(index, "9A012").size() == 1u);
      BOOST_TEST(linked_measures(index, "6A003").size() == 1u);  // 6A003.a, found by its parent
      // Nothing changed: nothing to relink.
      BOOST_TEST(query::relink_index(index, link_options()).measures == 0u);

      // The list is replaced by a version without the camera entries: every measure is
      // relinked and the night-vision measure loses its link.
      const fs::path v2 = dir.path / "mini-eu.txt";
      fs::copy_file(data("mini-eu-v2.txt"), v2);
      fs::copy_file(data("mini-eu.list.json"), dir.path / "mini-eu.list.json");
      const auto replaced = ingest_paths(index, {v2.string()});
      BOOST_TEST(replaced.removed > 0u);
      const auto again = query::relink_index(index, link_options());
      BOOST_TEST(again.full);
      BOOST_TEST(linked_measures(index, "6A003").empty());
      BOOST_TEST(linked_measures(index, "9A012").size() == 1u);
    }
  }
}

BOOST_AUTO_TEST_CASE(links_an_indexed_measure_by_id) {
  test::TempDir dir;
  const std::string index = (dir.path / "idx").string();
  ingest_paths(index, {data("mini-eu.txt"), data("news.jsonl")});
  const query::Linker linker(index, link_options());
  const auto r = linker.link_document("https://wire.example/2026/drones#m1");
  BOOST_TEST(r.measure == "https://wire.example/2026/drones#m1");
  BOOST_REQUIRE(!r.links.empty());
  BOOST_TEST(r.links.front().code == "9A012");
  const auto story = linker.link_document("https://wire.example/2026/cameras");
  BOOST_REQUIRE(!story.links.empty());
  BOOST_TEST(story.links.front().code == "6A003.a");
  BOOST_CHECK_THROW(linker.link_document("no-such-id"), UsageError);
  const auto j = query::to_json(r);
  BOOST_TEST(j["links"][0]["list"] == "mini-eu");
  BOOST_TEST(j["links"][0]["evidence"].size() > 0u);
}

BOOST_AUTO_TEST_CASE(codes_are_read_whole_and_in_hyphenated_words) {
  Lists lists;
  const query::Linker linker(lists.index, link_options());
  struct Row {
    const char* text;
    const char* code;
  };
  const Row rows[] = {
      {"Exporters of 9A012-controlled aircraft now need a licence.", "9A012"},
      {"The licence covers 3B001.f.1 machines.", "3B001.f.1"},
      {"Beijing named MOFCOM-2023-23.1.b in its notice on exports.", "MOFCOM-2023-23.1.b"},
  };
  for (const auto& row : rows) {
    BOOST_TEST_CONTEXT(row.text) {
      const auto r = linker.link_text(row.text);
      BOOST_REQUIRE(!r.links.empty());
      BOOST_TEST(r.links.front().code == row.code);
      BOOST_TEST(has_evidence(r.links.front(), "code"));
    }
  }
}

// A list given in two files (one --list-meta for both) keeps the entries of both.
BOOST_AUTO_TEST_CASE(a_list_in_two_files_keeps_both) {
  test::TempDir dir;
  const fs::path a = dir.path / "part-a.txt", b = dir.path / "part-b.txt",
                 meta = dir.path / "meta.json";
  std::ofstream(a) << "1A001 Components made from fluorinated compounds, as follows:\n";
  std::ofstream(b) << "1A002 Composite structures or laminates, as follows:\n";
  std::ofstream(meta) << R"({"id": "split", "authority": "EU", "title": "a list in two parts"})";
  index::IngestOptions o;
  o.index_path = (dir.path / "idx").string();
  o.read.jobs = 1;
  o.read.list_meta_path = meta.string();
  o.read.format = ingest::InputFormat::control_list;
  const auto report = index::run_ingest({a.string(), b.string()}, o, {});
  BOOST_TEST(report.removed == 0u);
  const query::Searcher s(o.index_path);
  query::SearchOptions q;
  q.filters = {{"list", "split"}};
  BOOST_TEST(s.search(q).total == 2u);
}

BOOST_AUTO_TEST_CASE(command_line_contracts) {
  Lists lists;
  const std::string idx = "--index " + test::quote(lists.index) + " ";
  // CSV: one row per link, CRLF; no link: one row with the reason.
  const auto csv = test::run_cli("link " + idx + "--format csv --text " +
                                 test::quote("A tariff on steel imports."));
  BOOST_TEST(csv.exit_code == 0);
  BOOST_TEST(csv.out.find("not an export control") != std::string::npos);
  BOOST_TEST(csv.out.find("\r\n") != std::string::npos);
  // Invalid UTF-8 in the text still gives JSON.
  const auto bad = test::run_cli("link " + idx + "--format json --text " +
                                 test::quote("drones \xff\xfe exports"));
  BOOST_TEST(bad.exit_code == 0);
  BOOST_TEST(nlohmann::json::accept(bad.out));
  BOOST_TEST(test::run_cli("link " + idx + "--limit 0 --text drones").exit_code == 2);
  BOOST_TEST(test::run_cli("link " + idx + "--doc no-such-document").exit_code == 2);
  BOOST_TEST(test::run_cli("link " + idx).exit_code == 2);  // neither --text nor --doc
}

// The documents of an ingest are kept when linking fails (here: no vocabulary); the
// summary is printed and the exit code says what failed.
BOOST_AUTO_TEST_CASE(a_failed_relink_keeps_the_ingest) {
  test::TempDir dir;
  const std::string idx = (dir.path / "idx").string();
  const auto r =
      test::run_cli("ingest --index " + test::quote(idx) + " " + test::quote(data("news.jsonl")),
                    "DUALDEX_LINK_VOCABULARY=" + test::quote((dir.path / "none").string()));
  BOOST_TEST(r.exit_code == 4);
  BOOST_TEST(r.err.find("ingested 1 file(s)") != std::string::npos);
  BOOST_TEST(r.err.find("not linked") != std::string::npos);
  const query::Searcher s(idx);
  BOOST_TEST(s.document_count() > 0u);
}

BOOST_AUTO_TEST_CASE(a_named_code_links_that_entry_not_its_sub_items) {
  Lists lists;
  const query::Linker linker(lists.index, link_options());
  const auto r = linker.link_text("Licences are now needed for 3B001 equipment.");
  BOOST_REQUIRE(!r.links.empty());
  BOOST_TEST(r.links.front().code == "3B001");
  BOOST_TEST((linker.also_in("mini-eu", "3B001").size() == 1u));
  BOOST_TEST(linker.also_in("mini-eu", "9A012").empty());
}

BOOST_AUTO_TEST_CASE(chinese_and_japanese_measures_link_like_english_ones) {
  Lists lists;
  const query::Linker linker(lists.index, link_options());
  struct Row {
    const char* text;
    const char* first;  // first link, "list:code" ("list:*" = the whole list), or "" = none
    const char* reason;  // start of abstained when first is ""
  };
  const Row rows[] = {
      // Items named in Chinese or Japanese reach the entries through their ids.
      {"商务部、海关总署公告2025年第18号：对钐、钆相关物项实施出口管制。", "cn-dual-use:1C902", ""},
      {"中国商務省は、サマリウム関連品目の輸出を許可制とした。", "cn-dual-use:1C902", ""},
      // The whole list, from a Chinese whole-list phrase.
      {"商务部公告2026年第1号：禁止所有两用物项对日本军事用户出口。", "cn-dual-use:*", ""},
      // Other kinds of measure, in Chinese and Japanese.
      {"对美国商品加征关税", "", "not an export control"},
      {"米国産品に追加関税を課す", "", "not an export control"},
  };
  for (const auto& row : rows) {
    BOOST_TEST_CONTEXT(row.text) {
      const auto r = linker.link_text(row.text);
      if (*row.first == '\0') {
        BOOST_TEST(r.links.empty());
        BOOST_TEST(r.abstained.rfind(row.reason, 0) == 0u, r.abstained);
      } else {
        BOOST_REQUIRE(!r.links.empty());
        BOOST_TEST(codes_of(r).front() == row.first);
      }
    }
  }
}
