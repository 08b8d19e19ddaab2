// Generic XML (with the corpus's <announcement> and <statement> layouts) and TimeML
// readers, including hostile input: external entities, entity bombs, deep nesting,
// truncated markup and invalid UTF-8. Each row: XML in, one golden line out.
#define BOOST_TEST_MODULE test_xml_reader
#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>

#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/reader.hpp"

using namespace dualdex::ingest;

namespace {

const InputInfo kInfo{"in/doc.xml", "in/doc.xml", ""};

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

/// "kind | title | published | lang | H:block / P:block ..." of a one-document result.
std::string doc_line(const Document& d) {
  std::string out = d.kind + " | " + d.title + " | " + d.published + " | " + d.lang + " |";
  for (std::size_t i = 0; i < d.blocks.size(); ++i) {
    out += i == 0 ? " " : " / ";
    out += kind_letter(d.blocks[i].kind);
    out += ":" + d.blocks[i].text;
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

/// The only document read from xml (fails the test if there is not exactly one).
Document read_one_xml(std::string_view xml) {
  ReadResult r = read_xml(xml, kInfo);
  BOOST_TEST_REQUIRE(r.documents.size() == 1u);
  BOOST_TEST(r.problems.empty());
  return std::move(r.documents[0]);
}

/// The InputError message for bytes, or "no error".
template <class Reader>
std::string error_of(Reader reader, std::string_view bytes) {
  try {
    reader(bytes, kInfo);
  } catch (const dualdex::InputError& e) {
    return e.what();
  }
  return "no error";
}

struct Row {
  std::string name;
  std::string input;
  std::string expected;
};

std::string repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

constexpr std::string_view kAnnouncement = R"(<?xml version="1.0" encoding="UTF-8"?>
<announcement lang="en" instrument="MOFCOM-2025-18">
  <authority id="CN.MOFCOM">Ministry of Commerce</authority>
  <authority id="CN.GAC">General Administration
     of Customs</authority>
  <number>18</number><year>2025</year>
  <title>Announcement on export control of certain rare earth items</title>
  <issued>2025-04-04</issued><effective>2025-04-04</effective>
  <body>
    <p>To safeguard national security, the items below are controlled.</p>
    <clause n="1">Samarium items: <em>samarium</em> metal and alloys.</clause>
    <annex>
      <heading>Annex: controlled items</heading>
      <item code="1C902.a">Samarium-cobalt alloys</item>
      <item code="1C902.b">Gadolinium oxide</item>
    </annex>
    <suspends><ref instrument="MOFCOM-2025-55" until="2026-11-10"/></suspends>
  </body>
</announcement>
)";

constexpr std::string_view kStatement = R"(<statement lang="en">
  <authority id="JP.MOFA">Ministry of Foreign Affairs</authority>
  <title>Protest over export measures</title>
  <date>2026-01-08</date>
  <speaker role="Vice-Minister for Foreign Affairs">Takehiro Funakoshi</speaker>
  <body><p>Japan lodged a strong protest.</p><p>The measure is unacceptable.</p></body>
</statement>
)";

}  // namespace

BOOST_AUTO_TEST_CASE(announcement_layout) {
  const Document d = read_one_xml(kAnnouncement);
  BOOST_TEST(doc_line(d) ==
             "article | Announcement on export control of certain rare earth items | 2025-04-04 | en |"
             " H:Announcement on export control of certain rare earth items"
             " / P:To safeguard national security, the items below are controlled."
             " / P:Samarium items: samarium metal and alloys. / H:Annex: controlled items"
             " / L:Samarium-cobalt alloys / L:Gadolinium oxide");
  BOOST_TEST(mentions_line(d) ==
             "instrument:MOFCOM-2025-18=MOFCOM-2025-18; agency:CN.MOFCOM=Ministry of Commerce;"
             " agency:CN.GAC=General Administration of Customs; code:1C902.a=1C902.a;"
             " code:1C902.b=1C902.b");
  BOOST_TEST(meta_line(d) ==
             "layout=announcement;number=18;year=2025;issued=2025-04-04;effective=2025-04-04;"
             "suspends=MOFCOM-2025-55 until 2026-11-10");
  BOOST_TEST(d.format == "xml");
}

BOOST_AUTO_TEST_CASE(statement_layout) {
  const Document d = read_one_xml(kStatement);
  BOOST_TEST(doc_line(d) ==
             "article | Protest over export measures | 2026-01-08 | en | H:Protest over export measures"
             " / P:Japan lodged a strong protest. / P:The measure is unacceptable.");
  BOOST_TEST(mentions_line(d) ==
             "agency:JP.MOFA=Ministry of Foreign Affairs; person:takehiro-funakoshi=Takehiro Funakoshi");
  BOOST_TEST(meta_line(d) == "layout=statement;speaker=Takehiro Funakoshi;role=Vice-Minister for Foreign Affairs");
}

BOOST_AUTO_TEST_CASE(generic_xml) {
  const Row rows[] = {
      {"headline, dc:date, xml:lang, sections, list items",
       R"(<article xmlns:dc="http://purl.org/dc/elements/1.1/" xml:lang="fr">
            <meta><dc:date>2026-01-08T09:30:00+08:00</dc:date></meta>
            <headline>Les terres rares</headline>
            <section><h2>Contexte</h2><para>Premier <b>paragraphe</b>.</para>
              <list><li>un</li><entry>deux</entry></list></section></article>)",
       "article | Les terres rares | 2026-01-08 | fr | H:Les terres rares / H:Contexte / P:Premier paragraphe."
       " / L:un / L:deux"},
      {"date attribute on the root, RFC 822 pubDate ignored when the root has one",
       R"(<doc date="2025-12-01" lang="en"><pubDate>Thu, 08 Jan 2026 09:30:00 GMT</pubDate><p>Body.</p></doc>)",
       "article |  | 2025-12-01 | en | P:Body."},
      {"pubDate element in RFC 822",
       R"(<doc><title>T</title><pubDate>Thu, 08 Jan 2026 09:30:00 GMT</pubDate><p>Body.</p></doc>)",
       "article | T | 2026-01-08 |  | H:T / P:Body."},
      {"text between nested blocks keeps its order",
       R"(<doc><section>Intro text.<p>Inner.</p>Outro text.</section></doc>)",
       "article |  |  |  | P:Intro text. / P:Inner. / P:Outro text."},
      {"quotes, cells, CDATA, br and comments",
       R"(<doc><blockquote>We object.</blockquote><table><tr><td>A1</td><td>B1</td></tr></table>)"
       R"(<p><![CDATA[x < y & z]]><br/>next<!-- hidden --></p></doc>)",
       "article |  |  |  | Q:We object. / C:A1 / C:B1 / P:x < y & z next"},
      {"character references and predefined entities",
       R"(<doc><p>&lt;tag&gt; &amp; &#x4E2D;&#22269; &quot;q&quot;</p></doc>)",
       "article |  |  |  | P:<tag> & \xE4\xB8\xAD\xE5\x9B\xBD \"q\""},
      {"unknown vocabulary: every element with text is a paragraph",
       R"(<record><name>Gallium</name><detail>Export licence required.</detail></record>)",
       "article |  |  |  | P:Gallium / P:Export licence required."},
      {"title deeper than two levels is not the document title",
       R"(<doc><a><b><title>Deep</title></b></a><p>x</p></doc>)", "article |  |  |  | H:Deep / P:x"},
      {"an impossible date is no date", R"(<doc><date>2026-02-30</date><p>x</p></doc>)",
       "article |  |  |  | P:x"},
      {"metadata inside a container is skipped, inside a paragraph it is text",
       R"(<article><date>2026-01-09</date>Lead.<p>On <date>8 January</date> it acted.</p></article>)",
       "article |  | 2026-01-09 |  | P:Lead. / P:On 8 January it acted."},
      {"unknown vocabulary skips metadata too",
       R"(<record><date>2026-01-09</date><name>Gallium</name></record>)",
       "article |  | 2026-01-09 |  | P:Gallium"},
      {"nesting within the parser's limit is read without recursion",
       "<doc>" + repeat("<div>", 200) + "<p>deep text</p>" + repeat("</div>", 200) + "</doc>",
       "article |  |  |  | P:deep text"},
  };
  for (const Row& row : rows) {
    BOOST_TEST_CONTEXT(row.name) { BOOST_TEST(doc_line(read_one_xml(row.input)) == row.expected); }
  }
}

BOOST_AUTO_TEST_CASE(external_entities_never_reach_the_text) {
  const Row rows[] = {
      {"general external entity",
       R"(<?xml version="1.0"?><!DOCTYPE doc [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>)"
       R"(<doc><title>T&xxe;</title><p>before &xxe; after</p></doc>)",
       ""},
      {"external entity in an attribute is not allowed by XML",
       R"(<?xml version="1.0"?><!DOCTYPE doc [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>)"
       R"(<doc date="&xxe;"><p>x</p></doc>)",
       ""},
      {"parameter entity", R"(<?xml version="1.0"?><!DOCTYPE doc [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>)"
                           R"(<doc><p>x</p></doc>)",
       ""},
      {"external DTD", R"(<?xml version="1.0"?><!DOCTYPE doc SYSTEM "file:///etc/passwd"><doc><p>x</p></doc>)", ""},
  };
  for (const Row& row : rows) {
    BOOST_TEST_CONTEXT(row.name) {
      std::string everything;
      try {
        const ReadResult r = read_xml(row.input, kInfo);
        for (const Document& d : r.documents) {
          everything += d.title + "\n" + d.published + "\n" + d.plain_text() + "\n" + meta_line(d);
        }
      } catch (const dualdex::InputError& e) {
        everything = e.what();  // refusing the file is fine too, as long as nothing leaks
      }
      BOOST_TEST(everything.find("root:") == std::string::npos, everything);
      BOOST_TEST(everything.find("/bin/") == std::string::npos, everything);
    }
  }
}

BOOST_AUTO_TEST_CASE(entity_expansion_is_refused_or_bounded) {
  std::string laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol0 \"lol\">\n";
  for (int i = 1; i <= 10; ++i) {
    laughs += " <!ENTITY lol" + std::to_string(i) + " \"" +
              repeat("&lol" + std::to_string(i - 1) + ";", 10) + "\">\n";
  }
  laughs += "]>\n<lolz><p>&lol10;</p></lolz>\n";
  // One 100 kB entity used 100,000 times ("quadratic blowup") would be 10 GB expanded.
  const std::string big(100000, 'a');
  const std::string quadratic = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"" + big + "\">]><d><p>" +
                                repeat("&a;", 100000) + "</p></d>";
  const std::string* inputs[] = {&laughs, &quadratic};
  for (const std::string* input : inputs) {
    std::size_t text_size = 0;
    try {
      const ReadResult r = read_xml(*input, kInfo);
      for (const Document& d : r.documents) text_size += d.plain_text().size();
    } catch (const dualdex::InputError&) {
      text_size = 0;  // refused: fine
    }
    BOOST_TEST(text_size <= input->size(), "expanded to " << text_size << " bytes");
  }
}

BOOST_AUTO_TEST_CASE(deep_nesting_does_not_crash) {
  const std::string deep = "<doc>" + repeat("<div>", 10000) + "<p>x</p>" + repeat("</div>", 10000) + "</doc>";
  const std::string message = error_of(read_xml, deep);
  // libxml2 refuses documents deeper than its limit; reading them would be fine too.
  BOOST_TEST((message == "no error" || message.rfind("in/doc.xml: line 1: ", 0) == 0), message);
}

BOOST_AUTO_TEST_CASE(broken_xml_is_an_input_error_naming_file_and_line) {
  const Row rows[] = {
      {"truncated tag", "<doc>\n<p>Hello</p\n", "in/doc.xml: line 3: "},  // where the parser gave up
      {"truncated document", "<doc>\n<p>Hello</p>\n", "in/doc.xml: line 3: "},
      {"mismatched tags", "<doc>\n<p>Hello</q>\n</doc>", "in/doc.xml: line 2: "},
      {"invalid UTF-8", "<doc>\n<p>caf\xE9 au lait</p>\n</doc>", "in/doc.xml: line 2: "},
      {"undefined entity", "<doc><p>&nbsp;</p></doc>", "in/doc.xml: line 1: "},
      {"not XML at all", "just words", "in/doc.xml: line 1: "},
      {"empty", "", "in/doc.xml: "},
  };
  for (const Row& row : rows) {
    BOOST_TEST_CONTEXT(row.name) {
      const std::string message = error_of(read_xml, row.input);
      BOOST_TEST(message.rfind(row.expected, 0) == 0u, message);
      BOOST_TEST(message.size() > row.expected.size(), message);  // the parser's reason follows
    }
  }
}

// ---- TimeML

namespace {

const std::string kTimemlText =
    "\n\nWASHINGTON _ Prices <EVENT eid=\"e1\" class=\"OCCURRENCE\">rose</EVENT> "
    "<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"1998-08-06\">Thursday</TIMEX3>,\n"
    "officials <EVENT eid=\"e2\" class=\"REPORTING\">said</EVENT> &amp; traders agreed.\n"
    "  \n"
    "The <SIGNAL sid=\"s1\">next</SIGNAL> report is due "
    "<TIMEX3 tid=\"t2\" type=\"DATE\" value=\"1998-09\">in September</TIMEX3>.  \n\n";

const std::string kTimeml =
    "<?xml version=\"1.0\" ?>\n<TimeML xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n\n"
    "<DOCID>APW19980807.0001</DOCID>\n\n"
    "<DCT><TIMEX3 tid=\"t0\" type=\"TIME\" value=\"1998-08-07T06:18:00\" "
    "functionInDocument=\"CREATION_TIME\">08/07/1998 06:18:00</TIMEX3></DCT>\n\n"
    "<TITLE>Prices  rise\n in August</TITLE>\n\n"
    "<EXTRAINFO>noise <TITLE>not this one</TITLE></EXTRAINFO>\n"
    "<TEXT>" +
    kTimemlText +
    "</TEXT>\n\n"
    "<MAKEINSTANCE eiid=\"ei1\" eventID=\"e1\" tense=\"PAST\"/>\n"
    "<TLINK lid=\"l1\" relType=\"BEFORE\" eventInstanceID=\"ei1\" relatedToTime=\"t0\"/>\n"
    "</TimeML>\n";

}  // namespace

BOOST_AUTO_TEST_CASE(timeml_document) {
  const ReadResult r = read_timeml(kTimeml, kInfo);
  BOOST_TEST_REQUIRE(r.documents.size() == 1u);
  const Document& d = r.documents[0];
  BOOST_TEST(d.id == "timeml:APW19980807.0001");
  BOOST_TEST(d.format == "timeml");
  BOOST_TEST(doc_line(d) ==
             "article | Prices rise in August | 1998-08-07 | en |"
             " P:WASHINGTON _ Prices rose Thursday,\nofficials said & traders agreed."
             " / P:The next report is due in September.");
  // The text of TEXT, character for character, tags stripped and entities decoded.
  const std::string expected_text =
      "\n\nWASHINGTON _ Prices rose Thursday,\nofficials said & traders agreed.\n  \n"
      "The next report is due in September.  \n\n";
  BOOST_TEST_REQUIRE(d.meta.size() == 1u);
  BOOST_TEST(d.meta[0].key == "timeml_text");
  BOOST_TEST(d.meta[0].value == expected_text);
}

BOOST_AUTO_TEST_CASE(timeml_variants) {
  const Row rows[] = {
      {"no TITLE, date-only DCT",
       "<TimeML><DOCID>wsj_0001</DOCID><DCT><TIMEX3 tid=\"t0\" value=\"1989-11-02\">11/02/89</TIMEX3></DCT>"
       "<TEXT>One.\n\nTwo.</TEXT></TimeML>",
       "timeml:wsj_0001 | article |  | 1989-11-02 | en | P:One. / P:Two."},
      {"DCT that is not a calendar date",
       "<TimeML><DOCID>x1</DOCID><DCT><TIMEX3 tid=\"t0\" value=\"PRESENT_REF\">now</TIMEX3></DCT>"
       "<TEXT>Text.</TEXT></TimeML>",
       "timeml:x1 | article |  |  | en | P:Text."},
      {"no DOCID: read_input gives the file id",
       "<TimeML><TEXT>Text.</TEXT></TimeML>", " | article |  |  | en | P:Text."},
      {"CRLF line ends are read as LF, as XML requires",
       "<TimeML><DOCID>c</DOCID><TEXT>A\r\n\r\nB</TEXT></TimeML>", "timeml:c | article |  |  | en | P:A / P:B"},
      {"an external entity is not expanded",
       "<!DOCTYPE TimeML [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
       "<TimeML><DOCID>e</DOCID><TEXT>a &x; b</TEXT></TimeML>",
       "timeml:e | article |  |  | en | P:a  b"},
  };
  for (const Row& row : rows) {
    BOOST_TEST_CONTEXT(row.name) {
      const ReadResult r = read_timeml(row.input, kInfo);
      BOOST_TEST_REQUIRE(r.documents.size() == 1u);
      BOOST_TEST(r.documents[0].id + " | " + doc_line(r.documents[0]) == row.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(timeml_errors) {
  const Row rows[] = {
      {"not well-formed", "<TimeML><TEXT>x</TimeML>", "in/doc.xml: line 1: "},
      {"wrong root", "<doc><TEXT>x</TEXT></doc>", "in/doc.xml: not TimeML"},
      {"no TEXT", "<TimeML><DOCID>a</DOCID></TimeML>", "in/doc.xml: TimeML document has no <TEXT>"},
  };
  for (const Row& row : rows) {
    BOOST_TEST_CONTEXT(row.name) {
      const std::string message = error_of(read_timeml, row.input);
      BOOST_TEST(message.rfind(row.expected, 0) == 0u, message);
      BOOST_TEST(message.find("root:") == std::string::npos, message);
    }
  }
}
