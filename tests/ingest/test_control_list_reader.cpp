// Control-list reader: a list text (entries separated by blank lines, every line
// starting with its item code) and its JSON metadata in, one `entry` document per code
// out. The list texts below are written in our own words, modelled on the layout of
// EU Annex I, the US CCL headings and an instrument-based list.
#define BOOST_TEST_MODULE test_control_list_reader
#include <boost/test/unit_test.hpp>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/reader.hpp"

using namespace dualdex::ingest;

namespace {

const std::string kMeta =
    R"({"id": "test-list", "authority": "EU", "title": "A test list", "version": "v7", "language": "en"})";

InputInfo info_with(std::string meta, std::string path = "/data/lists/test.txt") {
  InputInfo info{path, "lists/test.txt", ""};
  info.list_meta = std::move(meta);
  info.list_meta_source = "/data/lists/test.list.json";
  return info;
}

std::string meta_of(const Document& d, std::string_view key) {
  for (const auto& m : d.meta) {
    if (m.key == key) return m.value;
  }
  return "<none>";
}

const Document* find(const ReadResult& r, std::string_view id) {
  for (const auto& d : r.documents) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

/// "id [parent] {children} confirmed | H:block / P:block / L:block" for one document.
std::string summary(const Document& d) {
  std::string out = d.id + " [" + meta_of(d, "parent") + "] {" + meta_of(d, "children") + "} " +
                    meta_of(d, "confirmed") + " |";
  for (std::size_t i = 0; i < d.blocks.size(); ++i) {
    out += i == 0 ? " " : " / ";
    const auto k = d.blocks[i].kind;
    out += k == BlockKind::heading ? "H:" : k == BlockKind::list_item ? "L:" : "P:";
    out += d.blocks[i].text;
  }
  return out;
}

std::string all_ids(const ReadResult& r) {
  std::string out;
  for (const auto& d : r.documents) out += (out.empty() ? "" : " ") + d.id;
  return out;
}

const std::string kTree =
    "7X001 Widget testers, as follows:\n"
    "7X001.a Testers for \"blue widgets\";\n"
    "7X001.a.1 Having a speed over 10 widgets per second;\n"
    "7X001.a.2 Having two heads;\n"
    "7X001.a Note: 7X001.a. does not apply to toy widgets.\n"
    "7X001.b Calibrators;\n"
    "7X001.b.1 Fixed;\n"
    "7X001.b.1.a Of steel;\n"
    "7X001 N.B. SEE ALSO 7X002.\n"
    "7X001 Technical Note: 'Widget' means a small device.\n"
    "\n"
    "7X002 \"Software\" for widgets.\n"
    "7X002 Notes: 1. Covers source code. 2. Covers object code.\n";

}  // namespace

// One row per document of kTree: the code tree, notes staying with their code, quotes kept.
BOOST_AUTO_TEST_CASE(code_tree_notes_and_definitions) {
  const ReadResult r = read_control_list(kTree, info_with(kMeta));
  BOOST_TEST(r.problems.empty());
  BOOST_TEST(
      all_ids(r) ==
      "test-list:7X001 test-list:7X001.a test-list:7X001.a.1 test-list:7X001.a.2 test-list:7X001.b "
      "test-list:7X001.b.1 test-list:7X001.b.1.a test-list:7X002");
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"test-list:7X001",
       "test-list:7X001 [] {7X001.a,7X001.b} true | H:7X001 Widget testers, as follows: / L:7X001 "
       "N.B. SEE ALSO 7X002. / "
       "L:7X001 Technical Note: 'Widget' means a small device."},
      {"test-list:7X001.a",
       "test-list:7X001.a [7X001] {7X001.a.1,7X001.a.2} true | H:7X001.a Testers for \"blue "
       "widgets\"; / "
       "L:7X001.a Note: 7X001.a. does not apply to toy widgets."},
      {"test-list:7X001.a.1",
       "test-list:7X001.a.1 [7X001.a] {} true | H:7X001.a.1 Having a speed over 10 widgets per "
       "second;"},
      {"test-list:7X001.a.2",
       "test-list:7X001.a.2 [7X001.a] {} true | H:7X001.a.2 Having two heads;"},
      {"test-list:7X001.b", "test-list:7X001.b [7X001] {7X001.b.1} true | H:7X001.b Calibrators;"},
      {"test-list:7X001.b.1",
       "test-list:7X001.b.1 [7X001.b] {7X001.b.1.a} true | H:7X001.b.1 Fixed;"},
      {"test-list:7X001.b.1.a",
       "test-list:7X001.b.1.a [7X001.b.1] {} true | H:7X001.b.1.a Of steel;"},
      {"test-list:7X002",
       "test-list:7X002 [] {} true | H:7X002 \"Software\" for widgets. / L:7X002 Notes: 1. Covers "
       "source code. 2. Covers "
       "object code."},
  };
  for (const auto& [id, want] : rows) {
    BOOST_TEST_CONTEXT(id) {
      const Document* d = find(r, id);
      BOOST_REQUIRE(d != nullptr);
      BOOST_TEST(summary(*d) == want);
    }
  }
  const Document& e = *find(r, "test-list:7X001.a");
  BOOST_TEST(e.kind == "entry");
  BOOST_TEST(e.format == "control-list");
  BOOST_TEST(e.title == "7X001.a Testers for \"blue widgets\";");
  BOOST_TEST(e.published == "");
  BOOST_TEST(e.lang == "en");
  BOOST_TEST(meta_of(e, "list") == "test-list");
  BOOST_TEST(meta_of(e, "list_title") == "A test list");
  BOOST_TEST(meta_of(e, "authority") == "EU");
  BOOST_TEST(meta_of(e, "version") == "v7");
  BOOST_REQUIRE(e.declared.size() == 2u);
  BOOST_TEST((e.declared[0].type == MentionType::code && e.declared[0].id == "7X001.a"));
  BOOST_TEST((e.declared[1].type == MentionType::list && e.declared[1].id == "test-list"));
}

// Which lines are notes (list items) and which are item text (paragraphs).
BOOST_AUTO_TEST_CASE(note_forms) {
  struct Row {
    const char* rest;
    bool note;
  };
  const Row rows[] = {
      {"Note: Does not apply to toys.", true},
      {"Note 1: First note.", true},
      {"Note 2: Second note.", true},
      {"Notes: 1. One. 2. Two.", true},
      {"N.B. See also 3X001.", true},
      {"N.B.2. For software see 3X002.", true},
      {"Technical Note: A definition.", true},
      {"Technical Notes: 1. One. 2. Two.", true},
      {"Technical Note 1: A definition.", true},
      {"Technical Note For the purposes of 3X001.a, a term means this.", true},
      {"Note 3X001 includes spare parts.", true},
      {"Notebook computers with a \"note\" function;", false},
      {"Noted in the annex;", false},
      {"Equipment; Note that this is not a note", false},
  };
  for (const auto& row : rows) {
    BOOST_TEST_CONTEXT(row.rest) {
      const std::string text = std::string("3X001 Heading line;\n3X001 ") + row.rest + "\n";
      const ReadResult r = read_control_list(text, info_with(kMeta));
      BOOST_REQUIRE(r.documents.size() == 1u);
      BOOST_REQUIRE(r.documents[0].blocks.size() == 2u);
      BOOST_TEST((r.documents[0].blocks[1].kind == BlockKind::list_item) == row.note);
    }
  }
}

// Code shapes: EU and US codes, EAR99-style, instrument-based codes with their own tree.
BOOST_AUTO_TEST_CASE(code_shapes) {
  const std::string text =
      "0A501 Firearms and related items, as follows (see the list).\n"
      "9A515 Spacecraft and related items (see the list).\n"
      "EAR99 Items subject to the rules but not listed elsewhere.\n"
      "\n"
      "MOFCOM-2025-18 Items named by an announcement:\n"
      "MOFCOM-2025-18.3 Superhard material items;\n"
      "MOFCOM-2025-18.3 Note: code not confirmed; listed by the announcement only.\n"
      "MOFCOM-2025-18.3.a Synthetic crystals;\n"
      "1C111a.2.a A code with a letter in its first part;\n";
  const ReadResult r = read_control_list(text, info_with(kMeta));
  BOOST_TEST(r.problems.empty());
  BOOST_TEST(all_ids(r) ==
             "test-list:0A501 test-list:9A515 test-list:EAR99 test-list:MOFCOM-2025-18 "
             "test-list:MOFCOM-2025-18.3 "
             "test-list:MOFCOM-2025-18.3.a test-list:1C111a.2.a");
  BOOST_TEST(summary(*find(r, "test-list:MOFCOM-2025-18.3")) ==
             "test-list:MOFCOM-2025-18.3 [MOFCOM-2025-18] {MOFCOM-2025-18.3.a} false | "
             "H:MOFCOM-2025-18.3 Superhard "
             "material items; / L:MOFCOM-2025-18.3 Note: code not confirmed; listed by the "
             "announcement only.");
  // The "not confirmed" note is inherited by sub-items, not by the parent.
  BOOST_TEST(meta_of(*find(r, "test-list:MOFCOM-2025-18.3.a"), "confirmed") == "false");
  BOOST_TEST(meta_of(*find(r, "test-list:MOFCOM-2025-18"), "confirmed") == "true");
  BOOST_TEST(meta_of(*find(r, "test-list:EAR99"), "confirmed") == "true");
  // A code whose structural parent is missing has no parent.
  BOOST_TEST(meta_of(*find(r, "test-list:1C111a.2.a"), "parent") == "");
}

// The sidecar's confirmed_codes: a code is confirmed when it or an ancestor is listed.
BOOST_AUTO_TEST_CASE(confirmed_codes_from_metadata) {
  const std::string text =
      "1C902 Samarium items:\n1C902.a Metal;\n\n1C903 Gadolinium items:\n1C903.a Oxide;\n\n"
      "MOFCOM-2025-1.1 Other items.\n";
  const std::string meta = R"({"id": "CN-Test", "confirmed_codes": ["1C902", "1C903.a"]})";
  const ReadResult r = read_control_list(text, info_with(meta));
  BOOST_TEST(r.problems.empty());
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"cn-test:1C902", "true"},   {"cn-test:1C902.a", "true"},          {"cn-test:1C903", "false"},
      {"cn-test:1C903.a", "true"}, {"cn-test:MOFCOM-2025-1.1", "false"},
  };
  for (const auto& [id, want] : rows) {
    BOOST_TEST_CONTEXT(id) {
      const Document* d = find(r, id);
      BOOST_REQUIRE(d != nullptr);
      BOOST_TEST(meta_of(*d, "confirmed") == want);
    }
  }
}

// Metadata: required id, bad JSON, bad fields are InputErrors naming file and problem;
// no metadata at all falls back to the file's stem, with a Problem.
BOOST_AUTO_TEST_CASE(metadata_errors) {
  const std::string text = "3X001 Heading;\n";
  struct Row {
    std::string meta;
    const char* wanted;  ///< part of the InputError message
  };
  const std::vector<Row> rows = {
      {R"({"authority": "EU"})", "no \"id\""},
      {R"({"id": ""})", "no \"id\""},
      {R"({"id": 7})", "'id' must be a string"},
      {R"({"id": "a b"})", "bad \"id\""},
      {R"({"id": "x:y"})", "bad \"id\""},
      {R"({"id": "x", "title": ["t"]})", "'title' must be a string"},
      {R"({"id": "x", "confirmed_codes": "1C902"})", "confirmed_codes"},
      {R"({"id": "x", "confirmed_codes": [1]})", "confirmed_codes"},
      {R"(["id", "x"])", "not a JSON object"},
      {R"({"id": "x",)", "invalid JSON"},
      {"   ", "invalid JSON"},
  };
  for (const auto& row : rows) {
    BOOST_TEST_CONTEXT(row.meta) {
      try {
        read_control_list(text, info_with(row.meta));
        BOOST_ERROR("no InputError");
      } catch (const dualdex::InputError& e) {
        const std::string what = e.what();
        BOOST_TEST(what.find("/data/lists/test.txt") != std::string::npos, what);
        BOOST_TEST(what.find("test.list.json") != std::string::npos, what);
        BOOST_TEST(what.find(row.wanted) != std::string::npos, what);
      }
    }
  }
  // No metadata: the id is the file's stem, lower case, and a Problem says so.
  const ReadResult r = read_control_list(text, info_with("", "/data/lists/My-List.list.txt"));
  BOOST_REQUIRE(r.documents.size() == 1u);
  BOOST_TEST(r.documents[0].id == "my-list:3X001");
  BOOST_REQUIRE(r.problems.size() == 1u);
  BOOST_TEST(r.problems[0].message.find("no list metadata") != std::string::npos);
}

// A line without a code joins the code before it (a Problem names the line); before
// any code it is skipped. Input with no code at all is an InputError, as is empty input.
BOOST_AUTO_TEST_CASE(lines_without_codes_and_empty_input) {
  const ReadResult r = read_control_list(
      "stray words before any entry\n\n4X001 Heading;\ncontinued on a second line\n4X001.a "
      "Sub-item;\n",
      info_with(kMeta));
  BOOST_TEST(all_ids(r) == "test-list:4X001 test-list:4X001.a");
  BOOST_TEST(summary(*find(r, "test-list:4X001")) ==
             "test-list:4X001 [] {4X001.a} true | H:4X001 Heading; / P:continued on a second line");
  BOOST_REQUIRE(r.problems.size() == 2u);
  BOOST_TEST(r.problems[0].input == "/data/lists/test.txt:1");
  BOOST_TEST(r.problems[0].message.find("skipped") != std::string::npos);
  BOOST_TEST(r.problems[1].input == "/data/lists/test.txt:4");
  BOOST_TEST(r.problems[1].message.find("kept with 4X001") != std::string::npos);

  for (const char* text :
       {"", "\n\n   \n", "no codes here\nnor here\n", "1. numbered\n(a) lettered\n"}) {
    BOOST_TEST_CONTEXT('"' << text << '"') {
      BOOST_CHECK_THROW(read_control_list(text, info_with(kMeta)), dualdex::InputError);
    }
  }
  BOOST_CHECK_THROW(read_input("", info_with(kMeta), InputFormat::control_list),
                    dualdex::InputError);
}

// Titles are cut near 200 bytes on a word; CRLF and a BOM are accepted.
BOOST_AUTO_TEST_CASE(titles_line_ends_and_dispatch) {
  std::string longline = "5X001";
  for (int i = 0; i < 60; ++i) longline += " widgets";
  const ReadResult r =
      read_control_list("\xEF\xBB\xBF" + longline + "\r\n5X001.a Short;\r\n", info_with(kMeta));
  BOOST_REQUIRE(r.documents.size() == 2u);
  const std::string& title = r.documents[0].title;
  BOOST_TEST(title.size() <= 200u + 3u);
  BOOST_TEST(title.ends_with("widgets…"));
  BOOST_TEST(r.documents[1].title == "5X001.a Short;");
  BOOST_TEST(r.documents[1].blocks[0].text == "5X001.a Short;");

  // read_input: --input-format control-list, metadata and the .list.txt extension all
  // lead here; the date fallbacks (--dct, a date in the file name) do not apply.
  InputInfo dated{"/d/list-2026-01-08.txt", "d/list-2026-01-08.txt", "2026-02-01"};
  dated.list_meta = kMeta;
  for (const InputFormat f : {InputFormat::control_list, InputFormat::automatic}) {
    const ReadResult in = read_input("6X001 Heading;\n", dated, f);
    BOOST_REQUIRE(in.documents.size() == 1u);
    BOOST_TEST(in.documents[0].id == "test-list:6X001");
    BOOST_TEST(in.documents[0].published == "");
    BOOST_TEST(in.documents[0].source == "d/list-2026-01-08.txt");
  }
  BOOST_TEST((detect_format("6X001 Heading;\n", "lists/x.list.txt") == InputFormat::control_list));
  BOOST_TEST((*parse_input_format("control-list") == InputFormat::control_list));
  const InputInfo plain{"/d/x.list.txt", "d/x.list.txt", ""};
  const ReadResult byext = read_input("6X001 Heading;\n", plain);
  BOOST_REQUIRE(byext.documents.size() == 1u);
  BOOST_TEST(byext.documents[0].id == "x:6X001");
}

// Adversarial input never crashes: random bytes, long tokens, deep codes, many dots.
BOOST_AUTO_TEST_CASE(adversarial_input) {
  std::vector<std::string> inputs = {
      std::string(100000, '.'),
      "3X001" + std::string(100000, '.') + " x\n",
      std::string("3X001\0.a Nul\n", 13),
      "3X001.\n3X001..a\n.3X001\n",
      "3X001 Note:\n3X001 N.B.\n3X001 Technical\n3X001 Notes",
      "\n\n\n3X001\n\n\n3X001\n",
      std::string(5000, '\n'),
  };
  std::string deep = "3X001";
  for (int i = 0; i < 30; ++i) deep += ".a";  // 64-char limit: the deepest ones are not codes
  inputs.push_back(deep.substr(0, 39) + " deep\n" + deep + " deeper\n");
  std::string many;
  for (int i = 0; i < 2000; ++i)
    many += "8X" + std::to_string(100 + i % 900) + ".a." + std::to_string(i) + " item\n";
  inputs.push_back(many);
  std::mt19937 rng(42);
  for (int n = 0; n < 200; ++n) {
    std::string s;
    const std::size_t len = rng() % 400;
    const char alphabet[] = "3X001.ab Note:N.B.\n\n \t\"'\xC3\xA9\xFF\x00";
    for (std::size_t i = 0; i < len; ++i) s += alphabet[rng() % (sizeof alphabet - 1)];
    inputs.push_back(s);
  }
  for (const auto& text : inputs) {
    try {
      const ReadResult r = read_control_list(text, info_with(kMeta));
      for (const auto& d : r.documents) {
        BOOST_TEST(!d.blocks.empty());
        BOOST_TEST(d.id.starts_with("test-list:"));
      }
    } catch (const dualdex::InputError&) {
      // "no entries" is an acceptable answer
    }
  }
}
