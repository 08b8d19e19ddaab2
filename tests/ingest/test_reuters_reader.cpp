// Reuters-21578 SGML reader. The samples are written for these tests in the layout
// of the real files (header lines, <UNKNOWN> wire noise, &#2;/&#3; framing), not
// copied from them. Each row: SGML in, one golden line out.
#define BOOST_TEST_MODULE test_reuters_reader
#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>

#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/reader.hpp"

using namespace dualdex::ingest;

namespace {

const InputInfo kInfo{"in/reut2-test.sgm", "in/reut2-test.sgm", ""};

char kind_letter(BlockKind kind) {
  switch (kind) {
    case BlockKind::heading: return 'H';
    case BlockKind::paragraph: return 'P';
    case BlockKind::quote: return 'Q';
    case BlockKind::list_item: return 'L';
    case BlockKind::table_cell: return 'C';
  }
  return '?';
}

/// "id | title | published | dateline | H:block / P:block" for each document, then
/// "!input: message" for each problem, all joined with " || ".
std::string summary(const ReadResult& r) {
  std::string out;
  auto sep = [&] {
    if (!out.empty()) out += " || ";
  };
  for (const Document& d : r.documents) {
    sep();
    out += d.id + " | " + d.title + " | " + d.published + " | " + d.dateline + " |";
    for (std::size_t i = 0; i < d.blocks.size(); ++i) {
      out += i == 0 ? " " : " / ";
      out += kind_letter(d.blocks[i].kind);
      out += ":" + d.blocks[i].text;
    }
  }
  for (const Problem& p : r.problems) {
    sep();
    out += "!" + p.input + ": " + p.message;
  }
  return out;
}

std::string meta_line(const Document& d) {
  std::string out;
  for (const MetaField& m : d.meta) out += (out.empty() ? "" : ";") + m.key + "=" + m.value;
  return out;
}

/// A story in the collection's layout: header lines, wire noise, then text_element.
std::string story(std::string_view attributes, std::string_view date, std::string_view text_element) {
  std::string s = "<REUTERS " + std::string(attributes) + ">\n";
  s += "<DATE>" + std::string(date) + "</DATE>\n";
  s += "<TOPICS></TOPICS>\n<PLACES><D>usa</D></PLACES>\n<PEOPLE></PEOPLE>\n<ORGS></ORGS>\n";
  s += "<EXCHANGES></EXCHANGES>\n<COMPANIES></COMPANIES>\n";
  s += "<UNKNOWN> \n&#5;&#5;&#5;F A\n&#22;&#22;&#1;f0042&#31;reute\nu f BC-TEST-STORY   03-05 0050</UNKNOWN>\n";
  s += std::string(text_element) + "\n</REUTERS>\n";
  return s;
}

std::string normal_text(std::string_view title, std::string_view body) {
  return "<TEXT>&#2;\n<TITLE>" + std::string(title) +
         "</TITLE>\n<DATELINE>    OTTAWA, March 5 - </DATELINE><BODY>" + std::string(body) +
         "</BODY></TEXT>";
}

const std::string kIds = R"(TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5150" NEWID=)";

struct Row {
  std::string name;
  std::string sgml;
  std::string expected;
};

}  // namespace

BOOST_AUTO_TEST_CASE(full_story_fields_and_meta) {
  const std::string sgml = R"(<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TEST" CGISPLIT="TRAINING-SET" OLDID="4242" NEWID="11">
<DATE> 5-MAR-1987 09:12:44.10</DATE>
<TOPICS><D>tin</D><D>trade</D></TOPICS>
<PLACES><D>bolivia</D><D>usa</D></PLACES>
<PEOPLE></PEOPLE>
<ORGS><D>opec</D></ORGS>
<EXCHANGES><D>nymex</D></EXCHANGES>
<COMPANIES></COMPANIES>
<UNKNOWN> 
&#5;&#5;&#5;C M
&#22;&#22;&#1;f0101&#31;reute
r f BC-BOLIVIA-TIN   03-05 0077</UNKNOWN>
<TEXT>&#2;
<TITLE>BOLIVIA EXPECTS &lt;COMIBOL&gt; TIN OUTPUT TO RISE</TITLE>
<AUTHOR>    by Ann Writer, Reuters</AUTHOR>
<DATELINE>    LA PAZ, March 5 - </DATELINE><BODY>Bolivia's state mining company expects tin
output to climb this year, a spokesman told reporters.
    Shipments to the U.S. &amp; Europe should resume
in April, he added.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
)";
  const ReadResult r = read_reuters_sgml(sgml, kInfo);
  BOOST_TEST(summary(r) ==
             "reuters:11 | BOLIVIA EXPECTS <COMIBOL> TIN OUTPUT TO RISE | 1987-03-05 | LA PAZ, March 5 |"
             " P:Bolivia's state mining company expects tin output to climb this year, a spokesman"
             " told reporters. / P:Shipments to the U.S. & Europe should resume in April, he added.");
  BOOST_TEST_REQUIRE(r.documents.size() == 1u);
  const Document& d = r.documents[0];
  BOOST_TEST(meta_line(d) ==
             "topics=tin,trade;places=bolivia,usa;orgs=opec;exchanges=nymex;topics_attribute=YES;"
             "lewissplit=TEST;cgisplit=TRAINING-SET;oldid=4242;author=by Ann Writer, Reuters");
  BOOST_TEST(d.format == "reuters-sgml");
  BOOST_TEST(d.lang == "en");
  BOOST_TEST(d.declared.empty());
}

BOOST_AUTO_TEST_CASE(story_shapes) {
  const Row rows[] = {
      {"BRIEF: the title is the whole story, filler dropped",
       story(kIds + R"("12")", " 5-MAR-1987 09:15:00.00",
             "<TEXT TYPE=\"BRIEF\">&#2;\n******<TITLE>JAPAN CUTS DISCOUNT RATE TO 2.5 PCT\n</TITLE>Blah "
             "blah blah.\n&#3;\n\n</TEXT>"),
       "reuters:12 | JAPAN CUTS DISCOUNT RATE TO 2.5 PCT | 1987-03-05 |  | H:JAPAN CUTS DISCOUNT RATE TO 2.5 PCT"},
      {"UNPROC: first line is the headline, table rows stay apart",
       story(kIds + R"("13")", " 5-MAR-1987 10:00:00.00",
             "<TEXT TYPE=\"UNPROC\">&#2;\nLONDON METAL CLOSE - MARCH 5\n TIN    6,100  6,120\nZINC     455    "
             "456\n Reuter\n&#3;\n\n</TEXT>"),
       "reuters:13 | LONDON METAL CLOSE - MARCH 5 | 1987-03-05 |  | P:TIN    6,100  6,120 / P:ZINC     455    456"},
      {"UNPROC with nothing in it is still a document",
       story(kIds + R"("14")", " 5-MAR-1987 10:01:00.00", "<TEXT TYPE=\"UNPROC\">&#2;\n&#3;\n\n</TEXT>"),
       "reuters:14 |  | 1987-03-05 |  |"},
      {"normal TEXT without BODY keeps its title",
       story(kIds + R"("15")", " 5-MAR-1987 10:02:00.00", "<TEXT>&#2;\n<TITLE>CANADA BOND AUCTION SET</TITLE>\n&#3;</TEXT>"),
       "reuters:15 | CANADA BOND AUCTION SET | 1987-03-05 |  | H:CANADA BOND AUCTION SET"},
      {"DATE with trailing wire junk",
       story(kIds + R"("16")", "28-MAR-1987 14:36:21.47&#5;&#5;&#5;RM", normal_text("T", "Text.\n Reuter\n&#3;")),
       "reuters:16 | T | 1987-03-28 | OTTAWA, March 5 | P:Text."},
      {"DATE that is not a date leaves published empty",
       story(kIds + R"("17")", "sometime in March", normal_text("T", "Text.\n Reuter\n&#3;")),
       "reuters:17 | T |  | OTTAWA, March 5 | P:Text."},
      {"entities decoded, control characters and stray bytes dropped",
       story(kIds + R"("18")", " 6-MAR-1987 11:00:00.00",
             normal_text("&lt;ABC&gt; &amp; CO PROFIT", "Net rose&#127; to 5 mln dlrs\r\nfrom 4 \xFCmln.&#30;\n Reuter\n&#3;")),
       "reuters:18 | <ABC> & CO PROFIT | 1987-03-06 | OTTAWA, March 5 | P:Net rose to 5 mln dlrs from 4 mln."},
      {"UTF-8 passes through unchanged",
       story(kIds + R"("19")", " 6-MAR-1987 11:01:00.00", normal_text("CAF\xC3\x89 PRICES", "Caf\xC3\xA9 up.\n Reuter\n&#3;")),
       "reuters:19 | CAF\xC3\x89 PRICES | 1987-03-06 | OTTAWA, March 5 | P:Caf\xC3\xA9 up."},
      {"indented lines start paragraphs, blank lines too, wrapped lines are joined",
       story(kIds + R"("20")", " 6-MAR-1987 11:02:00.00",
             normal_text("T", "One\ntwo.\n\tThree\nfour.\n\nFive.\n    Six.\n Reuter\n&#3;")),
       "reuters:20 | T | 1987-03-06 | OTTAWA, March 5 | P:One two. / P:Three four. / P:Five. / P:Six."},
      {"sign-off variants: REUTER... with CR, on the last text line, Reuters",
       story(kIds + R"("21")", " 6-MAR-1987 11:03:00.00", normal_text("A", "Up 5 pct.\n   \nREUTER...\r\n&#3;")) +
           story(kIds + R"("22")", " 6-MAR-1987 11:04:00.00", normal_text("B", "Gold nil. REUTER\n&#3;")) +
           story(kIds + R"("23")", " 6-MAR-1987 11:05:00.00", normal_text("C", "Talks go on.\n Reuters\n&#3;")),
       "reuters:21 | A | 1987-03-06 | OTTAWA, March 5 | P:Up 5 pct. || reuters:22 | B | 1987-03-06 | OTTAWA, "
       "March 5 | P:Gold nil. || reuters:23 | C | 1987-03-06 | OTTAWA, March 5 | P:Talks go on."},
      {"the word Reuter inside the text is kept",
       story(kIds + R"("24")", " 6-MAR-1987 11:06:00.00", normal_text("T", "Reuter staff said so.\n More\n&#3;")),
       "reuters:24 | T | 1987-03-06 | OTTAWA, March 5 | P:Reuter staff said so. / P:More"},
  };
  for (const Row& row : rows) {
    BOOST_TEST_CONTEXT(row.name) { BOOST_TEST(summary(read_reuters_sgml(row.sgml, kInfo)) == row.expected); }
  }
}

BOOST_AUTO_TEST_CASE(bad_stories_are_problems_and_the_rest_go_on) {
  const std::string good_a = story(kIds + R"("31")", " 7-MAR-1987 08:00:00.00", normal_text("A", "Alpha.\n Reuter\n&#3;"));
  const std::string good_b = story(kIds + R"("32")", " 7-MAR-1987 08:01:00.00", normal_text("B", "Beta.\n Reuter\n&#3;"));
  const std::string no_newid = story(R"(TOPICS="NO" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5")",
                                     " 7-MAR-1987 08:02:00.00", normal_text("X", "Lost.\n Reuter\n&#3;"));
  std::string cut_off = good_b.substr(0, good_b.size() / 2);  // the file ends inside the story
  std::string unclosed = good_a;
  unclosed.erase(unclosed.find("</REUTERS>"));  // no end tag, then the next story begins
  const Row rows[] = {
      {"story without NEWID", no_newid + good_a,
       "reuters:31 | A | 1987-03-07 | OTTAWA, March 5 | P:Alpha. || !in/reut2-test.sgm#1: story has no NEWID attribute"},
      {"story truncated at end of file", good_a + cut_off,
       "reuters:31 | A | 1987-03-07 | OTTAWA, March 5 | P:Alpha. || !in/reut2-test.sgm#2: story truncated at end "
       "of file (no </REUTERS>)"},
      {"story without its end tag before the next story", unclosed + good_b,
       "reuters:32 | B | 1987-03-07 | OTTAWA, March 5 | P:Beta. || !in/reut2-test.sgm#1: story has no </REUTERS> "
       "before the next story"},
      {"file cut inside the start tag", good_a + "<REUTERS TOPICS=\"YES\" NEW",
       "reuters:31 | A | 1987-03-07 | OTTAWA, March 5 | P:Alpha. || !in/reut2-test.sgm#2: story truncated at end "
       "of file (no </REUTERS>)"},
  };
  for (const Row& row : rows) {
    BOOST_TEST_CONTEXT(row.name) { BOOST_TEST(summary(read_reuters_sgml(row.sgml, kInfo)) == row.expected); }
  }
}

BOOST_AUTO_TEST_CASE(file_without_stories_is_an_input_error) {
  const std::string_view inputs[] = {"", "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n", "just some text\n",
                                     "<REUTERSX NEWID=\"1\">\n</REUTERSX>\n"};
  for (std::string_view input : inputs) {
    BOOST_TEST_CONTEXT("input \"" << input << "\"") {
      BOOST_CHECK_THROW(read_reuters_sgml(input, kInfo), dualdex::InputError);
    }
  }
}

BOOST_AUTO_TEST_CASE(many_stories_keep_order_and_unique_ids) {
  std::string sgml = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n";
  for (int i = 1; i <= 250; ++i)
    sgml += story(kIds + "\"" + std::to_string(i) + "\"", " 8-MAR-1987 08:00:00.00",
                  normal_text("T" + std::to_string(i), "Body.\n Reuter\n&#3;"));
  const ReadResult r = read_reuters_sgml(sgml, kInfo);
  BOOST_TEST(r.problems.empty());
  BOOST_TEST_REQUIRE(r.documents.size() == 250u);
  for (int i = 0; i < 250; ++i) {
    BOOST_TEST(r.documents[static_cast<std::size_t>(i)].id == "reuters:" + std::to_string(i + 1));
    BOOST_TEST(r.documents[static_cast<std::size_t>(i)].title == "T" + std::to_string(i + 1));
  }
}
