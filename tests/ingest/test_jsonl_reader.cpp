// JSON Lines reader: one story per line; bad lines become Problems and the other
// lines are still read. Each row: one or more lines in, one golden line out.
#define BOOST_TEST_MODULE test_jsonl_reader
#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>

#include "dualdex/ingest/reader.hpp"

using namespace dualdex::ingest;

namespace {

const InputInfo kInfo{"/data/feeds/cn.jsonl", "feeds/cn.jsonl", ""};

/// "id | kind | title | published | lang | P:block / P:block" per document, then
/// "!input: message" per problem, all joined with " || ".
std::string summary(const ReadResult& r) {
  std::string out;
  auto sep = [&] {
    if (!out.empty()) out += " || ";
  };
  for (const Document& d : r.documents) {
    sep();
    out += d.id + " | " + d.kind + " | " + d.title + " | " + d.published + " | " + d.lang + " |";
    for (std::size_t i = 0; i < d.blocks.size(); ++i) {
      out += i == 0 ? " " : " / ";
      out += std::string(to_string(d.blocks[i].kind)) + ":" + d.blocks[i].text;
    }
  }
  for (const Problem& p : r.problems) {
    sep();
    out += "!" + p.input + ": " + p.message;
  }
  return out;
}

/// Problems only, without nlohmann's detailed wording: "!input: first words".
std::string problems_line(const ReadResult& r) {
  std::string out;
  for (const Problem& p : r.problems) {
    if (!out.empty()) out += " || ";
    out += "!" + p.input + ": " + p.message.substr(0, p.message.find(':'));
  }
  return out;
}

std::string mentions_line(const Document& d) {
  std::string out;
  for (const Mention& m : d.declared) {
    if (!out.empty()) out += "; ";
    out += std::string(to_string(m.type)) + ":" + m.id + "=" + m.text;
    if (m.begin != Mention::npos || m.end != Mention::npos) out += "(with offsets!)";
  }
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

BOOST_AUTO_TEST_CASE(good_lines) {
  const Row rows[] = {
      {"url is the id; body split on blank lines",
       R"({"id": "a1", "url": "https://example.com/a1", "title": "Curbs", "published": "2026-01-08T09:30:00+08:00", "lang": "en", "body": "One\nline.\n\nTwo.\n \nThree."})",
       "https://example.com/a1 | article | Curbs | 2026-01-08 | en | paragraph:One\nline. / paragraph:Two. / "
       "paragraph:Three."},
      {"no url: the feed's id, string or number",
       R"({"id": "x-9", "title": "T"})" "\n" R"({"id": 42, "title": "U"})",
       "jsonl:x-9 | article | T |  |  | || jsonl:42 | article | U |  |  |"},
      {"no id at all: file and line",
       "\n" R"({"body": "Only a body."})",
       "file:feeds/cn.jsonl:2 | article |  |  |  | paragraph:Only a body."},
      {"kind taken when it is a document kind",
       R"({"id": 1, "title": "A", "kind": "measure"})" "\n" R"({"id": 2, "title": "B", "kind": "statement"})"
       "\n" R"({"id": 3, "title": "C", "kind": "entry"})" "\n" R"({"id": 4, "title": "D", "kind": "blog"})",
       "jsonl:1 | measure | A |  |  | || jsonl:2 | statement | B |  |  | || jsonl:3 | entry | C |  |  | || "
       "jsonl:4 | article | D |  |  |"},
      {"RFC 822 date, CRLF line ends, BOM, blank lines",
       "\xEF\xBB\xBF" R"({"id": 5, "title": "R", "published": "Thu, 08 Jan 2026 09:30:00 GMT"})" "\r\n\r\n   \r\n"
       R"({"id": 6, "title": "S", "published": "January 9, 2026"})" "\r\n",
       "jsonl:5 | article | R | 2026-01-08 |  | || jsonl:6 | article | S | 2026-01-09 |  |"},
      {"body as an array of paragraphs",
       R"({"id": 7, "body": ["First.", "Second.\n\nThird.", 3]})",
       "jsonl:7 | article |  |  |  | paragraph:First. / paragraph:Second. / paragraph:Third."},
      {"UTF-8 text and escapes",
       R"({"id": 8, "title": "\u5546\u52a1\u90e8 \"quoted\"", "body": "caf\u00e9"})",
       "jsonl:8 | article | \xE5\x95\x86\xE5\x8A\xA1\xE9\x83\xA8 \"quoted\" |  |  | paragraph:caf\xC3\xA9"},
  };
  for (const Row& row : rows) {
    BOOST_TEST_CONTEXT(row.name) { BOOST_TEST(summary(read_jsonl(row.input, kInfo)) == row.expected); }
  }
}

BOOST_AUTO_TEST_CASE(bad_lines_are_problems_and_the_rest_go_on) {
  const Row rows[] = {
      {"invalid JSON", "{\"id\": 1, \"title\": \"ok\"}\n{\"id\": 2, \"title\": \n{\"id\": 3, \"title\": \"ok too\"}",
       "!/data/feeds/cn.jsonl:2: invalid JSON"},
      {"not an object", "[1, 2]\n\"text\"\n42\n{\"id\": 3, \"title\": \"ok\"}",
       "!/data/feeds/cn.jsonl:1: not a JSON object || !/data/feeds/cn.jsonl:2: not a JSON object || "
       "!/data/feeds/cn.jsonl:3: not a JSON object"},
      {"no title and no body",
       "{\"id\": 1, \"lang\": \"en\"}\n{\"id\": 2, \"title\": \"\", \"body\": \"  \\n\\n \"}\n{\"id\": 3, \"title\": 5}\n"
       "{\"id\": 4, \"title\": \"ok\"}",
       "!/data/feeds/cn.jsonl:1: story has neither a title nor a body || !/data/feeds/cn.jsonl:2: story has "
       "neither a title nor a body || !/data/feeds/cn.jsonl:3: story has neither a title nor a body"},
      {"invalid UTF-8 inside a string", "{\"id\": 1, \"title\": \"bad \xFF byte\"}\n{\"id\": 2, \"title\": \"ok\"}",
       "!/data/feeds/cn.jsonl:1: invalid JSON"},
      {"trailing garbage after the object", "{\"id\": 1, \"title\": \"a\"} extra\n{\"id\": 2, \"title\": \"ok\"}",
       "!/data/feeds/cn.jsonl:1: invalid JSON"},
  };
  for (const Row& row : rows) {
    BOOST_TEST_CONTEXT(row.name) {
      const ReadResult r = read_jsonl(row.input, kInfo);
      BOOST_TEST(problems_line(r) == row.expected);
      BOOST_TEST_REQUIRE(!r.documents.empty());
      BOOST_TEST(r.documents.back().title.rfind("ok", 0) == 0u);  // the good line after the bad one
      for (const Problem& p : r.problems) {
        for (unsigned char c : p.message) BOOST_TEST(c < 0x80, "raw input byte in the message: " << p.message);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(metadata_mentions) {
  const std::string line =
      R"({"id": "m1", "title": "Export ban", "countries": ["jp", "Cn"], "agencies": ["CN.MOFCOM"],)"
      R"( "items": ["Dual-Use-Items", "gallium"], "codes": ["1C902", "3B001.f.1"], "persons": ["He Yadong"],)"
      R"( "organisations": ["Nexperia"], "organizations": ["ASML Holding N.V."], "lists": ["cn-dual-use"]})";
  const ReadResult r = read_jsonl(line, kInfo);
  BOOST_TEST_REQUIRE(r.documents.size() == 1u);
  BOOST_TEST(mentions_line(r.documents[0]) ==
             "country:JP=jp; country:CN=Cn; agency:CN.MOFCOM=CN.MOFCOM; item:dual-use-items=Dual-Use-Items;"
             " item:gallium=gallium; code:1C902=1C902; code:3B001.f.1=3B001.f.1; person:he-yadong=He Yadong;"
             " organisation:nexperia=Nexperia; organisation:asml-holding-n-v=ASML Holding N.V.;"
             " list:cn-dual-use=cn-dual-use");
  BOOST_TEST(meta_line(r.documents[0]).empty());
}

BOOST_AUTO_TEST_CASE(odd_mention_values) {
  const Row rows[] = {
      {"a single string instead of an array", R"({"id": 1, "title": "t", "countries": "de"})", "country:DE=de"},
      {"non-strings and blanks skipped", R"({"id": 1, "title": "t", "countries": ["fr", 7, null, "  ", {"x": 1}]})",
       "country:FR=fr"},
      {"surrounding spaces trimmed", R"({"id": 1, "title": "t", "items": ["  Rare-Earths "]})",
       "item:rare-earths=Rare-Earths"},
      {"empty arrays", R"({"id": 1, "title": "t", "countries": [], "persons": []})", ""},
  };
  for (const Row& row : rows) {
    BOOST_TEST_CONTEXT(row.name) {
      const ReadResult r = read_jsonl(row.input, kInfo);
      BOOST_TEST_REQUIRE(r.documents.size() == 1u);
      BOOST_TEST(mentions_line(r.documents[0]) == row.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(other_fields_become_meta) {
  const Row rows[] = {
      {"scalars in line order",
       R"({"id": 1, "title": "t", "source": "Xinhua", "score": 3.5, "count": 2, "breaking": true, "none": null})",
       "source=Xinhua;score=3.5;count=2;breaking=true"},
      {"arrays of strings joined, objects dropped",
       R"({"id": 1, "title": "t", "tags": ["export", "rare earths"], "nested": {"a": 1}, "mixed": ["a", ["b"], 3]})",
       "tags=export,rare earths;mixed=a,3"},
      {"a kind that is not a document kind is kept as meta", R"({"id": 1, "title": "t", "kind": "blog"})",
       "kind=blog"},
      {"a published value that is not a date is kept as meta",
       R"({"id": 1, "title": "t", "published": "last week"})", "published=last week"},
  };
  for (const Row& row : rows) {
    BOOST_TEST_CONTEXT(row.name) {
      const ReadResult r = read_jsonl(row.input, kInfo);
      BOOST_TEST_REQUIRE(r.documents.size() == 1u);
      BOOST_TEST(meta_line(r.documents[0]) == row.expected);
      BOOST_TEST(r.documents[0].format == "jsonl");
    }
  }
}

BOOST_AUTO_TEST_CASE(empty_input_gives_nothing) {
  for (std::string_view input : {"", "\n\n", "  \r\n"}) {
    const ReadResult r = read_jsonl(input, kInfo);
    BOOST_TEST(r.documents.empty());
    BOOST_TEST(r.problems.empty());
  }
}
