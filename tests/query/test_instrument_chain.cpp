// The chain of instruments: statuses derived from the records' dates and the other
// instruments' actions (query/instruments.hpp), on the shipped corpus file and on
// synthetic records; and `query --in-force-on` end to end on a small index. Nothing here
// depends on the wall clock: DUALDEX_TODAY fixes "today".
#define BOOST_TEST_MODULE test_instrument_chain
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "dualdex/index/stored.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/pipeline.hpp"
#include "dualdex/ingest/reader.hpp"
#include "dualdex/query/instruments.hpp"
#include "test_support.hpp"

using namespace dualdex;
using dualdex::test::quote;
using dualdex::test::run_cli;
namespace fs = std::filesystem;

namespace {

/// A chain from instrument records read from a file, as the index would hold them.
query::InstrumentChain chain_of(const fs::path& file) {
  const ingest::ReadResult r = ingest::read_input(test::read_file(file), {file.string(), file.filename().string(), ""});
  BOOST_REQUIRE(r.problems.empty());
  const ingest::Pipeline pipeline;
  std::vector<index::StoredDocument> docs;
  for (const auto& d : r.documents) {
    // Through serialization, like documents read back from the index.
    docs.push_back(index::parse_stored(index::serialize(index::to_stored(pipeline.process(d)))));
  }
  std::vector<std::string> problems;
  query::InstrumentChain chain = query::InstrumentChain::from_documents(docs, &problems);
  BOOST_TEST(problems.empty());
  return chain;
}

const query::InstrumentChain& corpus_chain() {
  static const query::InstrumentChain chain =
      chain_of(test::source_dir() / "corpus" / "instruments" / "instruments.jsonl");
  return chain;
}

/// "status by=X until=D since=D clauses=2 in-force" (empty parts left out).
std::string line(const std::optional<query::Status>& s) {
  if (!s) return "unknown";
  std::string out = s->status;
  if (!s->by.empty()) out += " by=" + s->by;
  if (!s->until.empty()) out += " until=" + s->until;
  if (!s->since.empty()) out += " since=" + s->since;
  if (!s->in_force_from.empty()) out += " from=" + s->in_force_from;
  if (!s->clauses.empty()) {
    out += " clauses=";
    for (std::size_t i = 0; i < s->clauses.size(); ++i) out += (i ? "," : "") + s->clauses[i];
  }
  out += s->in_force ? " in-force" : " not-in-force";
  return out;
}

struct Row {
  const char* id;
  const char* date;
  const char* expected;
};

void check_rows(const query::InstrumentChain& chain, std::initializer_list<Row> rows) {
  for (const auto& r : rows) {
    BOOST_TEST_CONTEXT(r.id << " on " << r.date) {
      BOOST_TEST(line(chain.status_on(r.id, r.date)) == std::string(r.expected));
    }
  }
}

std::string join(const std::set<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : " ") + id;
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(statuses_on_the_corpus) {
  const auto& chain = corpus_chain();
  BOOST_TEST(chain.size() == 17u);
  check_rows(chain, {
      // Suspended by No. 70 of 2025 (issued 2025-11-07) through 2026-11-10 inclusive.
      {"MOFCOM-2025-62", "2025-10-08", "not-yet-in-force from=2025-10-09 not-in-force"},
      {"MOFCOM-2025-62", "2025-10-09", "in-force since=2025-10-09 in-force"},
      {"MOFCOM-2025-62", "2026-01-01", "suspended by=MOFCOM-2025-70 until=2026-11-10 since=2025-11-07 not-in-force"},
      {"MOFCOM-2025-62", "2026-11-10", "suspended by=MOFCOM-2025-70 until=2026-11-10 since=2025-11-07 not-in-force"},
      {"MOFCOM-2025-62", "2026-11-11", "in-force since=2026-11-11 in-force"},
      {"MOFCOM-2025-57", "2025-11-07", "not-yet-in-force from=2025-11-08 not-in-force"},
      {"MOFCOM-2025-57", "2025-11-08", "suspended by=MOFCOM-2025-70 until=2026-11-10 since=2025-11-07 not-in-force"},
      // Clause 2 of No. 46 suspended by the notice of 9 Nov 2025: partly suspended, still in force.
      {"MOFCOM-2024-46", "2026-01-01",
       "partly-suspended by=MOFCOM-2025-1109-NOTICE until=2026-11-27 since=2025-11-09 clauses=2 in-force"},
      {"MOFCOM-2024-46", "2025-11-08", "in-force since=2024-12-03 in-force"},
      {"MOFCOM-2024-46", "2026-11-28", "in-force since=2026-11-28 in-force"},
      // Folded into No. 51 of 2024 (effective 2024-12-01): consolidated, in force there.
      {"MOFCOM-2023-23", "2024-11-30", "in-force since=2023-08-01 in-force"},
      {"MOFCOM-2023-23", "2025-01-01", "consolidated by=MOFCOM-2024-51 since=2024-12-01 in-force"},
      {"MOFCOM-2023-GRAPHITE", "2025-01-01", "consolidated by=MOFCOM-2024-51 since=2024-12-01 in-force"},
      {"MOFCOM-2026-1", "2025-12-31", "not-yet-in-force from=2026-01-06 not-in-force"},
      {"MOFCOM-2026-1", "2026-01-06", "in-force since=2026-01-06 in-force"},
      // Issued unknown: in force from its effective date.
      {"CN-SC-ORDER-792", "2024-11-30", "not-yet-in-force from=2024-12-01 not-in-force"},
      {"MOFCOM-2025-70", "2026-01-01", "in-force since=2025-11-07 in-force"},
      {"MOFCOM-2099-1", "2026-01-01", "unknown"},
  });
}

BOOST_AUTO_TEST_CASE(in_force_on_dates_and_periods) {
  const auto& chain = corpus_chain();
  struct PeriodRow {
    const char* first;
    const char* last;
    const char* expected;  // ids in force on some day of the period
  };
  const PeriodRow rows[] = {
      {"2025-01-01", "2025-01-01",
       "CN-ECL-2020 CN-SC-ORDER-792 MOFCOM-2023-23 MOFCOM-2023-GRAPHITE MOFCOM-2024-33 MOFCOM-2024-46 MOFCOM-2024-51"},
      {"2025-12-31", "2025-12-31",
       "CN-ECL-2020 CN-SC-ORDER-792 MOFCOM-2023-23 MOFCOM-2023-GRAPHITE MOFCOM-2024-33 MOFCOM-2024-46 MOFCOM-2024-51 "
       "MOFCOM-2025-1109-NOTICE MOFCOM-2025-18 MOFCOM-2025-70"},
      {"2026-11-11", "2026-11-11",
       "CN-ECL-2020 CN-SC-ORDER-792 MOFCOM-2023-23 MOFCOM-2023-GRAPHITE MOFCOM-2024-33 MOFCOM-2024-46 MOFCOM-2024-51 "
       "MOFCOM-2025-1109-NOTICE MOFCOM-2025-18 MOFCOM-2025-55 MOFCOM-2025-56 MOFCOM-2025-57 MOFCOM-2025-58 "
       "MOFCOM-2025-61 MOFCOM-2025-62 MOFCOM-2025-70 MOFCOM-2026-1"},
      {"2023-01-01", "2023-12-31", "CN-ECL-2020 MOFCOM-2023-23 MOFCOM-2023-GRAPHITE"},
      {"2020-01-01", "2020-11-30", ""},
  };
  for (const auto& r : rows) {
    BOOST_TEST_CONTEXT(r.first << ".." << r.last) {
      BOOST_TEST(join(chain.in_force_between(r.first, r.last)) == std::string(r.expected));
    }
  }
  // A suspended instrument is in force on some day of a period that straddles its return.
  BOOST_TEST(chain.in_force_between("2026-11-01", "2026-11-30").count("MOFCOM-2025-62") == 1u);
  BOOST_TEST(chain.in_force_between("2026-01-01", "2026-11-10").count("MOFCOM-2025-62") == 0u);
}

BOOST_AUTO_TEST_CASE(history_of_an_instrument) {
  std::string out;
  for (const auto& s : corpus_chain().history("MOFCOM-2025-62")) {
    out += (out.empty() ? "" : " | ") + s.since + " " + s.status + (s.by.empty() ? "" : " by " + s.by);
  }
  BOOST_TEST(out == "2025-10-09 in-force | 2025-11-07 suspended by MOFCOM-2025-70 | 2026-11-11 in-force");
  out.clear();
  for (const auto& s : corpus_chain().history("MOFCOM-2023-23")) out += (out.empty() ? "" : " | ") + s.since + " " + s.status;
  BOOST_TEST(out == "2023-07-03 not-yet-in-force | 2023-08-01 in-force | 2024-12-01 consolidated");
  BOOST_TEST(corpus_chain().history("NOPE").empty());
}

BOOST_AUTO_TEST_CASE(lifts_and_replaces) {
  test::TempDir dir;
  const fs::path file = dir.path / "acts.jsonl";
  std::ofstream(file) << R"({"id": "A", "authorities": [], "issued": "2020-01-01", "actions": []}
{"id": "LIFTER", "authorities": [], "issued": "2021-01-01", "actions": [{"type": "lifts", "targets": ["A"], "clauses": null, "until": null}]}
{"id": "D", "authorities": [], "issued": "2020-01-01", "effective": "2020-02-01", "actions": []}
{"id": "C", "authorities": [], "issued": "2022-05-01", "effective": "2022-06-01", "actions": [{"type": "replaces", "targets": ["D"], "clauses": null, "until": null}]}
{"id": "E", "authorities": [], "issued": "2020-01-01", "actions": []}
{"id": "S", "authorities": [], "issued": "2023-01-01", "actions": [{"type": "suspends", "targets": ["E"], "clauses": null, "until": "2023-12-31"}]}
{"id": "L", "authorities": [], "issued": "2023-06-01", "actions": [{"type": "lifts", "targets": ["S"], "clauses": null, "until": null}]}
{"id": "F", "authorities": [], "issued": "2020-01-01", "actions": []}
{"id": "OPEN", "authorities": [], "issued": "2024-01-01", "actions": [{"type": "suspends", "targets": ["F"], "clauses": null, "until": null}, {"type": "lifts", "targets": ["F"], "clauses": ["3"], "until": null}]}
)";
  const query::InstrumentChain chain = chain_of(file);
  check_rows(chain, {
      {"A", "2020-12-31", "in-force since=2020-01-01 in-force"},
      {"A", "2021-01-01", "lifted by=LIFTER since=2021-01-01 not-in-force"},
      {"A", "2030-01-01", "lifted by=LIFTER since=2021-01-01 not-in-force"},
      {"D", "2022-05-31", "in-force since=2020-02-01 in-force"},  // C issued but not yet effective
      {"D", "2022-06-01", "replaced by=C since=2022-06-01 not-in-force"},
      {"E", "2023-03-01", "suspended by=S until=2023-12-31 since=2023-01-01 not-in-force"},
      // Lifting the suspender ends the suspension early.
      {"S", "2023-06-01", "lifted by=L since=2023-06-01 not-in-force"},
      {"E", "2023-06-01", "in-force since=2023-06-01 in-force"},
      // A suspension without an end runs on; lifting one clause changes no status.
      {"F", "2030-01-01", "suspended by=OPEN since=2024-01-01 not-in-force"},
  });
  BOOST_TEST(join(chain.in_force_between("2021-06-01", "2021-06-01")) == "D E F LIFTER");
  BOOST_TEST(join(chain.in_force_between("2023-03-01", "2023-03-01")) == "C F LIFTER S");
}

BOOST_AUTO_TEST_CASE(measure_statuses) {
  const auto& chain = corpus_chain();
  struct MRow {
    query::MeasureFacts facts;
    const char* expected;
  };
  const MRow rows[] = {
      // A known instrument: its status from the chain, whatever the measure said.
      {{"MOFCOM-2025-62", "in-force", "2025-10-09", ""}, "suspended by=MOFCOM-2025-70 until=2026-11-10 since=2025-11-07 not-in-force"},
      // An unknown one: the extractor's status as of the document date.
      {{"MOFCOM-2099-1", "suspended", "2025-07-01", "2025-09-30"}, "suspended until=2025-09-30 not-in-force"},
      {{"", "in-force", "2025-03-03", ""}, "in-force in-force"},
      {{"", "", "", ""}, "unknown"},
  };
  for (const auto& r : rows) {
    BOOST_TEST_CONTEXT(r.facts.instrument << " " << r.facts.status) {
      BOOST_TEST(line(query::measure_status(chain, r.facts, "2026-01-01")) == std::string(r.expected));
    }
  }
  const auto own = query::measure_status(chain, {"", "in-force", "2025-03-03", ""}, "2026-01-01");
  BOOST_TEST(own->source == "document");
  BOOST_TEST(own->as_of == "2025-03-03");
}

BOOST_AUTO_TEST_CASE(today_and_periods) {
  ::setenv("DUALDEX_TODAY", "2026-01-01", 1);
  BOOST_TEST(query::today() == "2026-01-01");
  ::setenv("DUALDEX_TODAY", "2026-01", 1);
  BOOST_CHECK_THROW(query::today(), UsageError);
  ::unsetenv("DUALDEX_TODAY");
  BOOST_TEST(query::today().size() == 10u);
  struct PRow {
    const char* value;
    const char* expected;
  };
  const PRow rows[] = {{"2026-01-08", "2026-01-08..2026-01-08"}, {"2026-02", "2026-02-01..2026-02-28"},
                       {"2024-02", "2024-02-01..2024-02-29"},    {"2026", "2026-01-01..2026-12-31"},
                       {"20261111", "2026-11-11..2026-11-11"},   {"202612", "2026-12-01..2026-12-31"}};
  for (const auto& r : rows) {
    const auto p = query::date_period(r.value);
    BOOST_TEST(p.first + ".." + p.last == std::string(r.expected));
  }
  for (const char* bad : {"", "2026-13", "tomorrow", "2026-02-30"}) {
    BOOST_CHECK_THROW(query::date_period(bad), UsageError);
  }
}

namespace {

// corpus/instruments + corpus/regulatory + three stories of our own, in a temp index.
struct Index {
  test::TempDir dir;
  std::string path;
  Index() {
    path = (dir.path / "idx").string();
    const fs::path news = dir.path / "news";
    fs::create_directories(news);
    // A ban in force from its own date (no instrument named).
    std::ofstream(news / "meti-ban-2025-03-03.txt")
        << "Japan bans gallium exports to Russia\n\nTOKYO - Japan's Ministry of Economy, Trade and Industry on Monday "
           "banned exports of gallium to Russia with immediate effect, the ministry said.\n";
    // A suspension that ends on 2025-12-31, and a protest (never in force).
    std::ofstream(news / "graphite-pause-2025-06-02.txt")
        << "Ministry pauses graphite licence rule\n\nBEIJING - The licence requirement on graphite exports to India is "
           "suspended until December 31, 2025, China's commerce ministry said on Monday.\n\nIndia's foreign ministry "
           "protested against the graphite rules on Monday.\n";
    // A ban the story says is on hold until 2025-09-30.
    std::ofstream(news / "graphite-ban-2025-07-01.txt")
        << "Graphite ban on hold\n\nBEIJING - China's commerce ministry said on Tuesday that its ban on graphite "
           "exports to India, in force since January 6, 2025, is on hold until September 30, 2025.\n";
    const fs::path c = test::source_dir() / "corpus";
    const auto r = run_cli("ingest --index " + quote(path) + " " + quote((c / "instruments").string()) + " " +
                           quote((c / "regulatory").string()) + " " + quote(news.string()));
    BOOST_TEST_MESSAGE(r.err);
    BOOST_REQUIRE_EQUAL(r.exit_code, 0);
  }
  test::RunResult query(const std::string& args) const {
    return run_cli("query --index " + quote(path) + " " + args, "DUALDEX_TODAY=2026-01-01");
  }
  nlohmann::json json(const std::string& args) const {
    const auto r = query("--format json " + args);
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    return nlohmann::json::parse(r.out);
  }
  std::set<std::string> ids(const std::string& args) const {
    std::set<std::string> out;
    const nlohmann::json r = json("--limit 1000 " + args);  // kept: a range over a temporary's member dangles
    for (const auto& h : r["hits"]) out.insert(h["id"].get<std::string>());
    return out;
  }
};

const Index& small_index() {
  static const Index i;
  return i;
}

}  // namespace

BOOST_AUTO_TEST_CASE(query_in_force_on) {
  const auto& idx = small_index();
  struct QRow {
    const char* date;
    const char* id;
    bool expected;
  };
  const QRow rows[] = {
      // Instruments, by the chain.
      {"2026-01-01", "instrument:MOFCOM-2025-62", false},
      {"2026-11-11", "instrument:MOFCOM-2025-62", true},
      {"2025-01-01", "instrument:MOFCOM-2023-23", true},  // consolidated into No. 51, in force there
      {"2025-12-31", "instrument:MOFCOM-2026-1", false},
      {"2026-01-06", "instrument:MOFCOM-2026-1", true},
      {"2026-11", "instrument:MOFCOM-2025-62", true},  // partial: some day of November 2026
      // Measures of a known instrument follow it.
      {"2026-01-01", "file:regulatory/mofcom-2025-62-rare-earth-technologies.xml#m1", false},
      {"2026-11-11", "file:regulatory/mofcom-2025-62-rare-earth-technologies.xml#m1", true},
      {"2025-01-01", "file:regulatory/mofcom-2023-23-gallium-germanium.xml#m1", true},
      {"2025-12-31", "file:regulatory/mofcom-2026-1-japan-military-users.xml#m1", false},
      {"2026-01-06", "file:regulatory/mofcom-2026-1-japan-military-users.xml#m1", true},
      // The others by their own dates.
      {"2025-03-02", "file:news/meti-ban-2025-03-03.txt#m1", false},
      {"2025-03-03", "file:news/meti-ban-2025-03-03.txt#m1", true},
      {"2026-01-01", "file:news/meti-ban-2025-03-03.txt#m1", true},
      {"2025-08-01", "file:news/graphite-pause-2025-06-02.txt#m1", true},   // a suspension, until 2025-12-31
      {"2025-12-31", "file:news/graphite-pause-2025-06-02.txt#m1", true},
      {"2026-01-01", "file:news/graphite-pause-2025-06-02.txt#m1", false},  // ended
      {"2025-08-01", "file:news/graphite-pause-2025-06-02.txt#m2", false},  // a protest
      {"2025-08-01", "file:news/graphite-ban-2025-07-01.txt#m1", false},    // on hold
      {"2025-09", "file:news/graphite-ban-2025-07-01.txt#m1", false},       // on hold all month
      {"2025-10-01", "file:news/graphite-ban-2025-07-01.txt#m1", true},
  };
  for (const auto& r : rows) {
    BOOST_TEST_CONTEXT(r.id << " on " << r.date) {
      BOOST_TEST(idx.ids("--in-force-on " + std::string(r.date) + " ''").count(r.id) == (r.expected ? 1u : 0u));
    }
  }
  // Only measures and instruments, and a kind narrows them.
  for (const auto& id : idx.ids("--in-force-on 2026-01-01 ''")) {
    BOOST_TEST((id.rfind("instrument:", 0) == 0 || id.find("#m") != std::string::npos), id);
  }
  for (const auto& id : idx.ids("--in-force-on 2026-01-01 --kind instrument ''")) {
    BOOST_TEST(id.rfind("instrument:", 0) == 0u, id);
  }
}

BOOST_AUTO_TEST_CASE(in_force_on_is_a_filter_with_facets_and_paging) {
  const auto& idx = small_index();
  const auto all = idx.json("--in-force-on 2026-01-01 --facets --limit 1000 ''");
  const std::size_t total = all["total"].get<std::size_t>();
  BOOST_TEST(total == all["hits"].size());
  BOOST_TEST(all["in_force_on"] == "2026-01-01");
  BOOST_TEST(all["status_as_of"] == "2026-01-01");
  std::size_t by_kind = 0;
  for (const auto& [kind, n] : all["facets"]["kind"].items()) {
    BOOST_TEST((kind == "measure" || kind == "instrument"), kind);
    by_kind += n.get<std::size_t>();
  }
  BOOST_TEST(by_kind == total);
  // Pages of 3 give the same hits in the same order.
  std::vector<std::string> paged;
  for (std::size_t offset = 0; offset < total; offset += 3) {
    const auto page = idx.json("--in-force-on 2026-01-01 --limit 3 --offset " + std::to_string(offset) + " ''");
    for (const auto& h : page["hits"]) paged.push_back(h["id"]);
  }
  std::vector<std::string> whole;
  for (const auto& h : all["hits"]) whole.push_back(h["id"]);
  BOOST_TEST(paged == whole);
  // The query-string form is the same filter.
  BOOST_TEST(idx.json("'in-force-on:2026-01-01'")["total"] == total);
  BOOST_TEST(idx.json("--in-force-on 2026-01-01 'in-force-on:2026-01-01'")["total"] == total);
  // Text and filter together: words still rank inside the filter.
  BOOST_TEST(idx.json("--in-force-on 2026-01-01 gallium")["total"].get<std::size_t>() < total);
  // Errors: a bad date, two different dates.
  BOOST_TEST(idx.query("--in-force-on 2026-13 ''").exit_code == 2);
  BOOST_TEST(idx.query("--in-force-on 2026-01-01 'in-force-on:2025'").exit_code == 2);
  BOOST_TEST(idx.query("'in-force-on:'").exit_code == 2);
}

BOOST_AUTO_TEST_CASE(statuses_in_query_and_show_output) {
  const auto& idx = small_index();
  // As of today (DUALDEX_TODAY=2026-01-01): the chain's status with its end and cause.
  const auto measures = idx.json("--kind measure --instrument MOFCOM-2025-62 ''");
  BOOST_REQUIRE(!measures["hits"].empty());
  for (const auto& h : measures["hits"]) {
    BOOST_TEST(h["status"] == "suspended");
    BOOST_TEST(h["status_until"] == "2026-11-10");
    BOOST_TEST(h["status_by"] == "MOFCOM-2025-70");
    BOOST_TEST(h["status_as_of"] == "2026-01-01");
    BOOST_TEST(h["status_source"] == "instruments");
    BOOST_TEST(h["in_force"] == false);
  }
  // As of --in-force-on: the same measures in force again.
  const auto later = idx.json("--in-force-on 2026-11-11 --kind measure --instrument MOFCOM-2025-62 ''");
  BOOST_REQUIRE(!later["hits"].empty());
  BOOST_TEST(later["hits"][0]["status"] == "in-force");
  BOOST_TEST(later["hits"][0]["status_since"] == "2026-11-11");
  // A measure of no known instrument keeps its own status; articles carry none.
  const auto own = idx.json("--kind measure 'Russia'");
  BOOST_REQUIRE(!own["hits"].empty());
  BOOST_TEST(own["hits"][0]["status"] == "in-force");
  BOOST_TEST(own["hits"][0]["status_source"] == "document");
  BOOST_TEST(own["hits"][0]["status_as_of"] == "2025-03-03");
  const auto articles = idx.json("Russia");
  BOOST_REQUIRE(!articles["hits"].empty());
  BOOST_TEST(!articles["hits"][0].contains("status"));
  // Table and CSV.
  const auto table = idx.query("--kind instrument --instrument MOFCOM-2024-46 --limit 20 ''");
  BOOST_TEST(table.out.find("status partly-suspended (clause 2) by MOFCOM-2025-1109-NOTICE until 2026-11-27") !=
             std::string::npos);
  const auto csv = idx.query("--format csv --kind instrument --in-force-on 2025-01-01 'gallium'");
  BOOST_TEST(csv.out.rfind("rank,id,kind,date,title,source,url,score,countries,agencies,items,codes,snippet,status,"
                           "status_since,status_until,status_by\r\n",
                           0) == 0u);
  BOOST_TEST(csv.out.find(",consolidated,2024-12-01,,MOFCOM-2024-51\r\n") != std::string::npos);
  // show: the status and the instrument's history.
  const auto shown = run_cli("show --index " + quote(idx.path) + " --format json instrument:MOFCOM-2025-62",
                             "DUALDEX_TODAY=2026-01-01");
  BOOST_REQUIRE_EQUAL(shown.exit_code, 0);
  const auto doc = nlohmann::json::parse(shown.out);
  BOOST_TEST(doc["status"] == "suspended");
  BOOST_TEST(doc["status_by"] == "MOFCOM-2025-70");
  BOOST_TEST(doc["status_history"].size() == 3u);
  BOOST_TEST(doc["status_history"][2]["status_since"] == "2026-11-11");
  const auto parent = run_cli("show --index " + quote(idx.path) +
                                  " --format json --as-of 2026-11-11 file:regulatory/mofcom-2025-62-rare-earth-technologies.xml",
                              "DUALDEX_TODAY=2026-01-01");
  BOOST_REQUIRE_EQUAL(parent.exit_code, 0);
  const auto p = nlohmann::json::parse(parent.out);
  BOOST_REQUIRE(!p["measures"].empty());
  BOOST_TEST(p["measures"][0]["status"] == "in-force");
  BOOST_TEST(p["measures"][0]["status_as_of"] == "2026-11-11");
}
