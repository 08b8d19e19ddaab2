#define BOOST_TEST_MODULE cli
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

using dualdex::test::quote;
using dualdex::test::run_cli;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// corpus/ ingested once into a temporary index, shared by the tests.
struct Corpus {
  dualdex::test::TempDir dir;
  std::string index;
  dualdex::test::RunResult ingest;
  Corpus() {
    index = (dir.path / "idx").string();
    const fs::path c = dualdex::test::source_dir() / "corpus";
    ingest = run_cli("ingest --index " + quote(index) + " " + quote((c / "news").string()) + " " +
                     quote((c / "regulatory").string()) + " " + quote((c / "statements").string()) + " " +
                     quote((c / "feeds").string()));
  }
  std::string q(const std::string& args) const { return "query --index " + quote(index) + " " + args; }
};

const Corpus& corpus() {
  static const Corpus c;
  return c;
}

json query_json(const std::string& args) {
  const auto r = run_cli(corpus().q("--format json " + args));
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return json::parse(r.out);
}

}  // namespace

BOOST_AUTO_TEST_CASE(ingests_the_corpus) {
  const auto& c = corpus();
  BOOST_TEST_MESSAGE(c.ingest.err);
  BOOST_TEST(c.ingest.exit_code == 0);
  const json all = query_json("--facets --limit 0 ''");
  BOOST_TEST(all["total"].get<int>() >= 30);
  BOOST_TEST(all["facets"]["kind"]["article"].get<int>() >= 30);
}

BOOST_AUTO_TEST_CASE(analyst_queries_find_their_stories) {
  const char* rows[] = {"'rare earths'", "gallium", "antimony", "'\"military end users\"'", "suspension", "'Entity List'"};
  for (const char* q : rows) {
    BOOST_TEST_CONTEXT(q) {
      const json r = query_json(q);
      BOOST_TEST(r["total"].get<int>() >= 2);
      for (const auto& h : r["hits"]) {
        BOOST_TEST(!h["title"].get<std::string>().empty());
        BOOST_TEST(h["snippet"].get<std::string>().find("<b>") != std::string::npos);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(chrome_is_not_indexed) {
  // Phrases that only page chrome carries in corpus/news.
  const char* rows[] = {"'\"Share on X\"'", "'\"Copy link\"'", "'\"All rights reserved\"'", "cookies"};
  for (const char* q : rows) {
    BOOST_TEST_CONTEXT(q) { BOOST_TEST(query_json(q)["total"].get<int>() == 0); }
  }
}

BOOST_AUTO_TEST_CASE(filters_dates_and_sorting) {
  const json r = query_json("--sort date --limit 50 --since 2025-10 --until 2026 ''");
  std::string previous = "9999";
  for (const auto& h : r["hits"]) {
    const std::string d = h["date"].get<std::string>();
    BOOST_TEST((d >= "2025-10"));
    BOOST_TEST((d <= previous));
    previous = d;
  }
  const json feed = query_json("--country JP --item dual-use-items ''");
  for (const auto& h : feed["hits"]) {
    const auto countries = h["countries"].get<std::vector<std::string>>();
    BOOST_TEST((std::find(countries.begin(), countries.end(), "JP") != countries.end()));
  }
}

BOOST_AUTO_TEST_CASE(formats_table_and_csv) {
  const auto table = run_cli(corpus().q("--limit 3 gallium"));
  BOOST_TEST(table.exit_code == 0);
  BOOST_TEST(table.out.find("matches for \"gallium\"") != std::string::npos);
  BOOST_TEST(table.out.find("\x1b[") == std::string::npos);  // no terminal codes into a pipe
  const auto csv = run_cli(corpus().q("--format csv --limit 3 gallium"));
  BOOST_TEST(csv.exit_code == 0);
  BOOST_TEST(csv.out.rfind("rank,id,kind,date,title", 0) == 0);
}

BOOST_AUTO_TEST_CASE(show_prints_one_document) {
  const json r = query_json("--limit 1 gallium");
  BOOST_REQUIRE(!r["hits"].empty());
  const std::string id = r["hits"][0]["id"];
  const auto shown = run_cli("show --index " + quote(corpus().index) + " --format json " + quote(id));
  BOOST_TEST(shown.exit_code == 0);
  const json d = json::parse(shown.out);
  BOOST_TEST(d["id"] == id);
  BOOST_TEST(!d["text"].get<std::string>().empty());
  const auto missing = run_cli("show --index " + quote(corpus().index) + " no-such-id");
  BOOST_TEST(missing.exit_code == 2);
}

BOOST_AUTO_TEST_CASE(exit_codes_and_messages) {
  struct Row {
    std::string args;
    int code;
    const char* message;
  };
  dualdex::test::TempDir empty;
  const std::string none = quote((empty.path / "none").string());
  const Row rows[] = {
      {corpus().q("'foo:bar'"), 2, "unknown field"},
      {corpus().q("'2026-13..2027'"), 2, "bad date"},
      {corpus().q("--since yesterday ''"), 2, "bad date"},
      {corpus().q("--format xml x"), 2, "--format"},
      {corpus().q("'(unclosed'"), 0, ""},
      {"query --index " + none + " x", 3, "dualdex ingest"},
      {"show --index " + none + " x", 3, "dualdex ingest"},
      {"frobnicate", 2, ""},
      {"ingest --index " + none + " /no/such/path", 2, "no such file"},
      {"ingest --index " + none + " --input-format pdf x", 2, "input-format"},
  };
  for (const auto& r : rows) {
    BOOST_TEST_CONTEXT(r.args) {
      const auto res = run_cli(r.args);
      BOOST_TEST(res.exit_code == r.code);
      BOOST_TEST(res.err.find(r.message) != std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_CASE(bad_files_are_rejected_and_the_rest_indexed) {
  dualdex::test::TempDir dir;
  const fs::path in = dir.path / "inbox";
  fs::create_directories(in);
  auto write = [&in](const char* name, const std::string& bytes) {
    std::ofstream(in / name, std::ios::binary) << bytes;
  };
  write("good.txt", "Gallium curbs widen\nThe ministry extended the licence rule to more gallium items.\n");
  write("empty.txt", "");
  write("junk.html", std::string("\x00\x01\x02\x03\xff\xfe\x00\x00" "binary", 14));
  write("broken.xml", "<?xml version=\"1.0\"?><announcement><title>Cut off");
  write("feed.jsonl", "{\"id\":\"ok\",\"title\":\"Antimony\",\"body\":\"Antimony exports fell.\"}\nnot json\n");
  const std::string index = quote((dir.path / "idx").string());
  const auto r = run_cli("ingest --index " + index + " --report " + quote((dir.path / "report.json").string()) +
                         " " + quote(in.string()));
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(r.err.find("empty.txt") != std::string::npos);
  BOOST_TEST(r.err.find("junk.html") != std::string::npos);
  BOOST_TEST(r.err.find("broken.xml") != std::string::npos);
  BOOST_TEST(r.err.find("feed.jsonl:2") != std::string::npos);
  const json report = json::parse(dualdex::test::read_file(dir.path / "report.json"));
  BOOST_TEST(report["added"].get<int>() == 2);
  BOOST_TEST(report["rejected_files"].get<int>() == 3);
  BOOST_TEST(report["rejected_records"].get<int>() == 1);
  const auto q = run_cli("query --index " + index + " --format json 'gallium OR antimony'");
  BOOST_TEST(json::parse(q.out)["total"].get<int>() == 2);
}

BOOST_AUTO_TEST_CASE(reingest_changes_nothing_and_jobs_do_not_change_results) {
  dualdex::test::TempDir dir;
  const fs::path c = dualdex::test::source_dir() / "corpus";
  const std::string inputs = quote((c / "news").string()) + " " + quote((c / "feeds").string());
  const std::string one = quote((dir.path / "one").string()), two = quote((dir.path / "two").string());
  BOOST_TEST(run_cli("ingest --jobs 1 --index " + one + " " + inputs).exit_code == 0);
  BOOST_TEST(run_cli("ingest --jobs 2 --index " + two + " " + inputs).exit_code == 0);
  const auto again = run_cli("ingest --jobs 2 --index " + two + " " + inputs);
  BOOST_TEST(again.err.find(" 0 added, 0 replaced") != std::string::npos);
  for (const char* q : {"'rare earths'", "--sort date ''", "--facets gallium"}) {
    const auto a = run_cli("query --format json --limit 50 --index " + one + " " + q);
    const auto b = run_cli("query --format json --limit 50 --index " + two + " " + q);
    BOOST_TEST(a.out == b.out);
  }
}

BOOST_AUTO_TEST_CASE(extract_prints_json_lines) {
  const fs::path c = dualdex::test::source_dir() / "corpus" / "feeds";
  const auto r = run_cli("extract --with-text " + quote(c.string()));
  BOOST_TEST(r.exit_code == 0);
  std::istringstream lines(r.out);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    const json j = json::parse(line);
    BOOST_TEST(j.contains("entities"));
    BOOST_TEST(!j["text"].get<std::string>().empty());
    ++n;
  }
  BOOST_TEST(n >= 6);
}

BOOST_AUTO_TEST_CASE(extraction_is_deterministic_across_jobs) {
  const fs::path c = dualdex::test::source_dir() / "corpus";
  const std::string inputs = quote((c / "news").string()) + " " + quote((c / "regulatory").string()) + " " +
                             quote((c / "statements").string()) + " " + quote((c / "feeds").string());
  const auto one = run_cli("extract --jobs 1 " + inputs);
  const auto two = run_cli("extract --jobs 2 " + inputs);
  const auto again = run_cli("extract --jobs 2 " + inputs);
  BOOST_TEST(one.exit_code == 0);
  BOOST_TEST(!one.out.empty());
  BOOST_TEST(one.out == two.out);
  BOOST_TEST(two.out == again.out);
}

BOOST_AUTO_TEST_CASE(statements_and_measures_are_documents) {
  const json statements = query_json("--kind statement --limit 50 ''");
  const json measures = query_json("--kind measure --limit 50 ''");
  BOOST_TEST(statements["total"].get<int>() > 0);
  BOOST_TEST(measures["total"].get<int>() > 0);
  for (const auto& h : measures["hits"]) BOOST_TEST(h["id"].get<std::string>().find("#m") != std::string::npos);
  for (const auto& h : statements["hits"]) BOOST_TEST(h["id"].get<std::string>().find("#s") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(extract_writes_timeml_with_only_timex3_added) {
  dualdex::test::TempDir dir;
  const std::string text = "\nChina's commerce ministry said on Jan 8 that the ban took effect on Tuesday.\n";
  const fs::path tml = dir.path / "sample.tml";
  std::ofstream(tml) << "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>sample</DOCID>\n<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" "
                        "value=\"2026-01-08\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">"
                        "2026-01-08</TIMEX3></DCT>\n<TEXT>" << text << "</TEXT>\n</TimeML>\n";
  const auto r = run_cli("extract --format timeml " + quote(tml.string()));
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out.find("<DOCID>sample</DOCID>") != std::string::npos);
  BOOST_TEST(r.out.find("value=\"2026-01-08\">Jan 8</TIMEX3>") != std::string::npos);
  BOOST_TEST(r.out.find("value=\"2026-01-06\">Tuesday</TIMEX3>") != std::string::npos);
  // Without the tags, TEXT is the input's text, character for character.
  const auto begin = r.out.find("<TEXT>") + 6, end = r.out.find("</TEXT>");
  std::string body = r.out.substr(begin, end - begin), plain;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '<') {
      i = body.find('>', i);
      continue;
    }
    plain += body[i];
  }
  BOOST_TEST(plain == text);
}
