// Instrument records (corpus/instruments): one `instrument` document per line, dates
// and actions kept in meta for the chain; bad lines become Problems naming file:line and
// the other lines are still read. Rows: lines in, one golden line out.
#define BOOST_TEST_MODULE test_instrument_reader
#include <boost/test/unit_test.hpp>

#include <string>

#include "dualdex/ingest/reader.hpp"
#include "test_support.hpp"

using namespace dualdex::ingest;

namespace {

const InputInfo kInfo{"/data/instruments/instruments.jsonl", "instruments/instruments.jsonl", ""};

/// "id | kind | title | published | H:block / P:block" per document, then "!input: message".
std::string summary(const ReadResult& r) {
  std::string out;
  auto sep = [&] {
    if (!out.empty()) out += " || ";
  };
  for (const Document& d : r.documents) {
    sep();
    out += d.id + " | " + d.kind + " | " + d.title + " | " + d.published + " |";
    for (std::size_t i = 0; i < d.blocks.size(); ++i) {
      out += i == 0 ? " " : " / ";
      out += std::string(d.blocks[i].kind == BlockKind::heading ? "H:" : "P:") + d.blocks[i].text;
    }
  }
  for (const Problem& p : r.problems) {
    sep();
    out += "!" + p.input + ": " + p.message;
  }
  return out;
}

std::string mentions_line(const Document& d) {
  std::string out;
  for (const Mention& m : d.declared) out += (out.empty() ? "" : "; ") + std::string(to_string(m.type)) + ":" + m.id;
  return out;
}

std::string meta_line(const Document& d) {
  std::string out;
  for (const MetaField& m : d.meta) out += (out.empty() ? "" : ";") + m.key + "=" + m.value;
  return out;
}

struct Row {
  std::string name;
  std::string input;
  std::string expected;
};

}  // namespace

BOOST_AUTO_TEST_CASE(good_records) {
  const Row rows[] = {
      {"whole suspension: text is title, note and one sentence per action; published = issued",
       R"({"id": "MOFCOM-2025-70", "authorities": ["CN.MOFCOM"], "title": "Suspension", "issued": "2025-11-07", "effective": null, "actions": [{"type": "suspends", "targets": ["MOFCOM-2025-55", "MOFCOM-2025-56", "MOFCOM-2025-62"], "clauses": null, "until": "2026-11-10"}], "note": "Pauses three."})",
       "instrument:MOFCOM-2025-70 | instrument | Suspension | 2025-11-07 | H:Suspension / P:Pauses three. / "
       "P:Suspends MOFCOM-2025-55, MOFCOM-2025-56 and MOFCOM-2025-62 until 2026-11-10."},
      {"clause suspension; no issue date: published = effective; ids upper-cased",
       R"({"id": "mofcom-x", "authorities": [], "title": "Notice", "issued": null, "effective": "2025-11-09", "actions": [{"type": "suspends", "targets": ["mofcom-2024-46"], "clauses": ["2"], "until": "2026-11-27"}]})",
       "instrument:MOFCOM-X | instrument | Notice | 2025-11-09 | H:Notice / P:Suspends clause 2 of MOFCOM-2024-46 "
       "until 2026-11-27."},
      {"consolidates, amends, lifts, replaces; numeric clauses; no title: the id",
       R"({"id": "A", "authorities": ["CN.MOFCOM"], "issued": "2024", "actions": [{"type": "consolidates", "targets": ["B", "C"]}, {"type": "amends", "targets": ["D"]}, {"type": "lifts", "targets": ["E"], "clauses": [1, 3]}, {"type": "replaces", "targets": ["F"]}]})",
       "instrument:A | instrument | A | 2024 | H:A / P:Consolidates B and C. / P:Amends D. / P:Lifts clauses 1 and 3 "
       "of E. / P:Replaces F."},
      {"no actions at all",
       R"({"id": "CN-ECL-2020", "authorities": ["CN.NPCSC"], "title": "Export Control Law", "issued": "2020-10-17", "effective": "2020-12-01", "actions": []})",
       "instrument:CN-ECL-2020 | instrument | Export Control Law | 2020-10-17 | H:Export Control Law"},
  };
  for (const auto& r : rows) {
    BOOST_TEST_CONTEXT(r.name) {
      BOOST_TEST(summary(read_instruments(r.input, kInfo)) == r.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(declared_mentions_and_meta) {
  const std::string line =
      R"({"id": "MOFCOM-2025-62", "number": 62, "year": 2025, "authorities": ["CN.MOFCOM", "cn.gac"], "title": "T", "issued": "2025-10-09", "effective": null, "controls": {"items": ["Rare-Earth-Technologies"], "codes": [{"list": "cn-dual-use", "code": "1E902.a"}, "1E902.b"]}, "actions": [{"type": "amends", "targets": ["MOFCOM-2024-51"], "clauses": null, "until": null}], "confirmed": true, "sources": ["https://a.example/x"], "note": "N."})";
  const ReadResult r = read_instruments(line, kInfo);
  BOOST_REQUIRE_EQUAL(r.documents.size(), 1u);
  const Document& d = r.documents[0];
  BOOST_TEST(d.lang == "en");
  BOOST_TEST(d.format == "instruments");
  BOOST_TEST(mentions_line(d) ==
             "agency:CN.MOFCOM; agency:CN.GAC; instrument:MOFCOM-2025-62; instrument:MOFCOM-2024-51; "
             "item:rare-earth-technologies; code:1E902.a; list:cn-dual-use; code:1E902.b");
  BOOST_TEST(meta_line(d) ==
             "instrument=MOFCOM-2025-62;number=62;year=2025;issued=2025-10-09;"
             R"(actions=[{"clauses":null,"targets":["MOFCOM-2024-51"],"type":"amends","until":null}];)"
             R"(confirmed=true;sources=["https://a.example/x"])");
}

BOOST_AUTO_TEST_CASE(bad_lines_are_reported_and_the_others_kept) {
  const std::string good1 = R"({"id": "G1", "authorities": [], "title": "One", "issued": "2025-01-01", "actions": []})";
  const std::string good2 = R"({"id": "G2", "authorities": [], "title": "Two", "issued": "2025-02-01", "actions": []})";
  const Row rows[] = {
      {"invalid JSON", "{\"id\": \"B\", ", "!/data/instruments/instruments.jsonl:2: invalid JSON"},
      {"not an object", "[1, 2]", "!/data/instruments/instruments.jsonl:2: not a JSON object"},
      {"no id", R"({"authorities": [], "issued": "2025-01-01", "actions": []})",
       "!/data/instruments/instruments.jsonl:2: instrument record: no 'id'"},
      {"bad date", R"({"id": "B", "issued": "9 Nov 2025", "actions": []})",
       "!/data/instruments/instruments.jsonl:2: instrument record: 'issued' is not a date (YYYY-MM-DD): '9 Nov 2025'"},
      {"no date at all", R"({"id": "B", "issued": null, "effective": null, "actions": []})",
       "!/data/instruments/instruments.jsonl:2: instrument record: neither 'issued' nor 'effective' is a date"},
      {"unknown action", R"({"id": "B", "issued": "2025-01-01", "actions": [{"type": "pauses", "targets": ["X"]}]})",
       "!/data/instruments/instruments.jsonl:2: instrument record: actions[0]: unknown type 'pauses' (use suspends, "
       "lifts, amends, replaces or consolidates)"},
      {"action without targets", R"({"id": "B", "issued": "2025-01-01", "actions": [{"type": "lifts", "targets": []}]})",
       "!/data/instruments/instruments.jsonl:2: instrument record: actions[0]: no targets"},
      {"bad until", R"({"id": "B", "issued": "2025-01-01", "actions": [{"type": "suspends", "targets": ["X"], "until": "soon"}]})",
       "!/data/instruments/instruments.jsonl:2: instrument record: actions[0]: 'until' is not a date (YYYY-MM-DD): 'soon'"},
      {"duplicate id", R"({"id": "g1", "issued": "2025-01-01", "actions": []})",
       "!/data/instruments/instruments.jsonl:2: instrument record: duplicate id 'G1'"},
  };
  for (const auto& r : rows) {
    BOOST_TEST_CONTEXT(r.name) {
      const ReadResult result = read_instruments(good1 + "\n" + r.input + "\n\n" + good2 + "\n", kInfo);
      BOOST_REQUIRE_EQUAL(result.documents.size(), 2u);
      BOOST_TEST(result.documents[0].id == "instrument:G1");
      BOOST_TEST(result.documents[1].id == "instrument:G2");
      BOOST_REQUIRE_EQUAL(result.problems.size(), 1u);
      const std::string problem = "!" + result.problems[0].input + ": " + result.problems[0].message;
      BOOST_TEST(problem.substr(0, r.expected.size()) == r.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(auto_detection) {
  const std::string record = R"({"id": "A", "authorities": ["CN.MOFCOM"], "issued": "2025-01-01", "actions": []})";
  const std::string story = R"({"id": "a1", "title": "Curbs", "body": "Text."})";
  struct Detect {
    std::string bytes, path, expected;
  };
  const Detect rows[] = {
      {record + "\n", "lists/acts.jsonl", "instruments"},       // keys id, authorities, actions
      {"\xEF\xBB\xBF  " + record, "acts.ndjson", "instruments"},  // BOM and spaces before it
      {story + "\n" + record, "feed.jsonl", "jsonl"},            // only the first object counts
      {story, "corpus/instruments/instruments.jsonl", "instruments"},  // by its name
      {"{not json", "x/Instruments.jsonl", "instruments"},
      {story, "feed.jsonl", "jsonl"},
      {R"({"id": "A", "authorities": []})", "feed.jsonl", "jsonl"},  // no actions: a story feed
  };
  for (const auto& r : rows) {
    BOOST_TEST_CONTEXT(r.path << ": " << r.bytes) {
      BOOST_TEST(to_string(detect_format(r.bytes, r.path)) == r.expected);
    }
  }
  BOOST_TEST(parse_input_format("instruments").has_value());
  BOOST_TEST(to_string(*parse_input_format("instruments")) == std::string("instruments"));

  // read_input in auto mode reads them as instruments and fills the source.
  const ReadResult r = read_input(record + "\n", {"/x/acts.jsonl", "x/acts.jsonl", ""});
  BOOST_REQUIRE_EQUAL(r.documents.size(), 1u);
  BOOST_TEST(r.documents[0].kind == "instrument");
  BOOST_TEST(r.documents[0].source == "x/acts.jsonl");
  // Asked for explicitly, a story line is a bad record, not a story.
  const ReadResult forced = read_input(story + "\n", {"/x/feed.jsonl", "x/feed.jsonl", ""}, InputFormat::instruments);
  BOOST_TEST(forced.documents.empty());
  BOOST_TEST(forced.problems.size() == 1u);
}

BOOST_AUTO_TEST_CASE(reads_the_shipped_corpus) {
  const auto path = dualdex::test::source_dir() / "corpus" / "instruments" / "instruments.jsonl";
  const ReadResult r = read_input(dualdex::test::read_file(path), {path.string(), "instruments/instruments.jsonl", ""});
  BOOST_TEST(r.problems.empty());
  BOOST_TEST(r.documents.size() == 17u);
  for (const Document& d : r.documents) {
    BOOST_TEST_CONTEXT(d.id) {
      BOOST_TEST(d.kind == "instrument");
      BOOST_TEST(d.id.rfind("instrument:", 0) == 0u);
      BOOST_TEST(!d.published.empty());
      BOOST_TEST(!d.title.empty());
    }
  }
}
