// Feed reader (RSS 2.0, RSS 1.0, Atom): one golden line per item, dates as the item
// states them, ids from links, guids or the file, HTML in descriptions, CDATA, bad
// items as problems, detection, hostile input (external entities, entity bombs) and a
// generated feed of 10,000 items.
#define BOOST_TEST_MODULE test_feed_reader
#include <sys/resource.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <string_view>

#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/reader.hpp"
#include "test_support.hpp"

using namespace dualdex::ingest;

namespace {

const InputInfo kInfo{"in/news.rss", "in/news.rss", ""};

char kind_letter(BlockKind kind) {
  switch (kind) {
    case BlockKind::heading:
      return 'H';
    case BlockKind::paragraph:
      return 'P';
    case BlockKind::quote:
      return 'Q';
    case BlockKind::list_item:
      return 'L';
    case BlockKind::table_cell:
      return 'C';
  }
  return '?';
}

/// "id | source | published | lang | title | P:block / Q:block | key=value;key=value"
std::string doc_line(const Document& d) {
  std::string out =
      d.id + " | " + d.source + " | " + d.published + " | " + d.lang + " | " + d.title + " |";
  for (std::size_t i = 0; i < d.blocks.size(); ++i) {
    out += i == 0 ? " " : " / ";
    out += kind_letter(d.blocks[i].kind);
    out += ":" + d.blocks[i].text;
  }
  out += " |";
  for (std::size_t i = 0; i < d.meta.size(); ++i) {
    out += i == 0 ? " " : ";";
    out += d.meta[i].key + "=" + d.meta[i].value;
  }
  return out;
}

/// Every document's line, then every problem as "!input: message", joined by newlines;
/// an InputError as "error: message".
std::string read_lines(std::string_view bytes, const InputInfo& info = kInfo,
                       InputFormat format = InputFormat::automatic) {
  std::string out;
  try {
    const ReadResult r = read_input(bytes, info, format);
    for (const Document& d : r.documents) {
      BOOST_TEST(d.format == "rss");
      BOOST_TEST(d.kind == "article");
      out += doc_line(d) + "\n";
    }
    for (const Problem& p : r.problems) out += "!" + p.input + ": " + p.message + "\n";
  } catch (const dualdex::InputError& e) {
    out += std::string("error: ") + e.what() + "\n";
  }
  return out;
}

std::string rss(std::string_view items, std::string_view channel_extra = "") {
  return "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" "
         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
         "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n<channel><title>Wire</title>"
         "<link>https://wire.example/</link>" +
         std::string(channel_extra) + "\n" + std::string(items) + "\n</channel></rss>\n";
}

std::string atom(std::string_view entries) {
  return "<?xml version=\"1.0\"?>\n<feed "
         "xmlns=\"http://www.w3.org/2005/Atom\"><title>Ledger</title>"
         "<link href=\"https://ledger.example/\"/><id>tag:ledger.example,2026:f</id>\n" +
         std::string(entries) + "\n</feed>\n";
}

struct Row {
  std::string name;
  std::string input;
  std::string expected;  ///< read_lines() output
};

void check_rows(const std::vector<Row>& rows, InputFormat format = InputFormat::automatic) {
  for (const Row& row : rows) {
    BOOST_TEST_CONTEXT(row.name) {
      BOOST_TEST(read_lines(row.input, kInfo, format) == row.expected);
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(fixture_feeds) {
  struct FileRow {
    std::string file;
    std::string expected;
  };
  const FileRow rows[] = {
      {"harbour-times.rss",
       "https://www.harbourtimes.example/trade/beijing-bars-dual-use-exports-japan | "
       "harbourtimes.example | "
       "2026-01-08 | en-GB | Beijing bars dual-use exports to Japanese military users | P:BEIJING "
       "– China's "
       "commerce ministry said on Tuesday that dual-use items may no longer be shipped to military "
       "end users in "
       "Japan. / P:The ban takes effect at once. | author=Mei Lanford;categories=Export controls; "
       "China;feed=Harbour "
       "Times – Trade;feed_format=rss-2.0\n"
       "ht-2026-0107-protest | harbourtimes.example | 2026-01-07 | en-GB | Tokyo lodges a protest "
       "| P:TOKYO – "
       "Japan's foreign ministry summoned a Chinese diplomat on Wednesday. / Q:\"We regard the "
       "step as "
       "unacceptable,\" an official said. / L:Protest lodged / L:Talks sought | feed=Harbour Times "
       "– "
       "Trade;feed_format=rss-2.0\n"
       "file:feeds/harbour-times.rss#3 | harbourtimes.example | 2026-01-06 | en-GB | Gallium "
       "prices steady | "
       "P:Prices for gallium held steady in Rotterdam trading. / P:Traders said buyers were "
       "waiting for clarity on "
       "licences & quotas. | feed=Harbour Times – Trade;feed_format=rss-2.0\n"
       "https://www.harbourtimes.example/trade/relative-story | harbourtimes.example | 2026-01-05 "
       "| en-GB | "
       "Relative link, resolved against the channel | P:Relative links are made absolute. | "
       "feed=Harbour Times – "
       "Trade;feed_format=rss-2.0\n"
       "https://www.harbourtimes.example/trade/bad-date | harbourtimes.example |  | en-GB | A date "
       "nobody can read "
       "| P:The date stays in the metadata. | published=sometime last week;feed=Harbour Times – "
       "Trade;feed_format=rss-2.0\n"
       "!data/feeds/harbour-times.rss#4: item 4 (line 42): has neither a title nor any text\n"},
      {"compliance-ledger.atom",
       "https://complianceledger.example/analysis/end-user-ban | complianceledger.example | "
       "2026-01-08 | en | What "
       "the end-user ban means for exporters | P:Exporters must now check who uses an item, not "
       "only where it "
       "goes. | updated=2026-01-09;author=Ada Quill;categories=Export controls;feed=The Compliance "
       "Ledger;feed_format=atom;guid=tag:complianceledger.example,2026:101\n"
       "urn:uuid:6f1d2c3e-0000-4000-8000-000000000102 | complianceledger.example | 2026-01-09 | ja "
       "| Entry without "
       "a web page | H:Two points / P:First, the list is long. / P:Second, the scope is wide. | "
       "author=Ledger "
       "Desk;feed=The Compliance Ledger;feed_format=atom\n"
       "https://complianceledger.example/briefs/licences-and-quotas | complianceledger.example | "
       "2026-01-05 | en | "
       "Brief: licences & quotas | P:Plain summary text. / P:A second paragraph. | author=Ledger "
       "Desk;feed=The "
       "Compliance Ledger;feed_format=atom;guid=tag:complianceledger.example,2026:103\n"},
      {"meridian-metals.rdf",
       "https://meridianmetals.example/2026/01/antimony-licences | meridianmetals.example | "
       "2026-01-07 | en | "
       "Antimony licences slow to arrive | P:Buyers in Hamburg said permits were taking weeks. | "
       "author=R. "
       "Okafor;feed=Meridian Metals Review;feed_format=rss-1.0\n"
       "urn:meridian:item:2 | meridianmetals.example | 2026-01-09 | en | Samarium magnet makers "
       "look for stock | "
       "P:Stock levels were checked across Europe. | feed=Meridian Metals "
       "Review;feed_format=rss-1.0\n"},
  };
  for (const auto& row : rows) {
    BOOST_TEST_CONTEXT(row.file) {
      const auto path = dualdex::test::test_data() / "feeds" / row.file;
      const std::string bytes = dualdex::test::read_file(path);
      BOOST_TEST_REQUIRE(!bytes.empty());
      const InputInfo info{"data/feeds/" + row.file, "feeds/" + row.file, ""};
      BOOST_TEST(read_lines(bytes, info) == row.expected);
    }
  }
}

// DESIGN.md §4: dates are calendar dates as the source states them, in its own zone.
BOOST_AUTO_TEST_CASE(dates_as_the_item_states_them) {
  struct DateRow {
    std::string element;  ///< "pubDate", "dc:date", "published", "updated"
    std::string value;
    std::string expected;
  };
  const DateRow rows[] = {
      {"pubDate", "Thu, 08 Jan 2026 23:30:00 -0500", "2026-01-08"},  // already the 9th in UTC
      {"pubDate", "Fri, 09 Jan 2026 00:15:00 +0900", "2026-01-09"},  // still the 8th in UTC
      {"pubDate", "08 Jan 2026 23:59:59 EST", "2026-01-08"},
      {"pubDate", "Thu, 8 Jan 26 10:00 GMT", "2026-01-08"},
      {"pubDate", "  Thu, 08 Jan 2026 10:00:00 +0000  ", "2026-01-08"},
      {"pubDate", "Thursday, January 8, 2026", "2026-01-08"},
      {"pubDate", "2026-01-08T23:30:00-05:00", "2026-01-08"},  // ISO where RFC 822 belongs
      {"dc:date", "2026-01-09T00:30:00+14:00", "2026-01-09"},
      {"dc:date", "2026-01", "2026-01"},
      {"published", "2026-01-08T23:30:00-05:00", "2026-01-08"},
      {"published", "2026-01-09T07:00:00.250+09:00", "2026-01-09"},
      {"published", "2026-01-08T12:00:00Z", "2026-01-08"},
      {"updated", "2026-01-09T01:15:00+09:00", "2026-01-09"},
      {"published", "2026-02-30T10:00:00Z", ""},  // no such day: kept as meta
      {"pubDate", "yesterday", ""},
  };
  for (const auto& row : rows) {
    BOOST_TEST_CONTEXT(row.element << " " << row.value) {
      const bool is_atom = row.element == "published" || row.element == "updated";
      const std::string element = "<" + row.element + ">" + row.value + "</" + row.element + ">";
      const std::string bytes =
          is_atom ? atom("<entry><title>T</title><id>x</id>" + element + "</entry>")
                  : rss("<item><title>T</title>" + element + "</item>");
      const ReadResult r = read_input(bytes, kInfo);
      BOOST_TEST_REQUIRE(r.documents.size() == 1u);
      BOOST_TEST(r.documents[0].published == row.expected);
      if (row.expected.empty()) {
        BOOST_TEST(doc_line(r.documents[0]).find("published=" + row.value) != std::string::npos);
      }
    }
  }
}

// id = the item's canonical link, else its guid / Atom id as given, else file#n.
BOOST_AUTO_TEST_CASE(ids_and_missing_links) {
  check_rows({
      {"link wins over guid",
       rss("<item><title>A</title><link>https://wire.example/a</link><guid>g-1</guid></item>"),
       "https://wire.example/a | wire.example |  |  | A | | "
       "feed=Wire;feed_format=rss-2.0;guid=g-1\n"},
      {"no link: a permalink guid is the link",
       rss("<item><title>A</title><guid>https://wire.example/from-guid</guid></item>"),
       "https://wire.example/from-guid | wire.example |  |  | A | | "
       "feed=Wire;feed_format=rss-2.0\n"},
      {"no link: a guid that is not a permalink is the id as given",
       rss("<item><title>A</title><guid "
           "isPermaLink=\"false\">https://wire.example/not-a-page</guid></item>"),
       "https://wire.example/not-a-page | wire.example |  |  | A | | "
       "feed=Wire;feed_format=rss-2.0\n"},
      {"no link, no guid: the file and the item number",
       rss("<item><title>A</title></item><item><title>B</title></item>"),
       "file:in/news.rss#1 | wire.example |  |  | A | | feed=Wire;feed_format=rss-2.0\n"
       "file:in/news.rss#2 | wire.example |  |  | B | | feed=Wire;feed_format=rss-2.0\n"},
      {"a link that is not http(s) is not a URL for the id",
       rss("<item><title>A</title><link>javascript:alert(1)</link><guid>g-2</guid></item>"),
       "g-2 | wire.example |  |  | A | | feed=Wire;feed_format=rss-2.0\n"},
      {"atom:link rel=self inside an item is not the item's link",
       rss("<item xmlns:atom=\"http://www.w3.org/2005/Atom\"><title>A</title>"
           "<atom:link rel=\"self\" href=\"https://wire.example/feed\"/><guid>g-3</guid></item>"),
       "g-3 | wire.example |  |  | A | | feed=Wire;feed_format=rss-2.0\n"},
      {"atom: only self and enclosure links: the id",
       atom("<entry><title>A</title><id>tag:x,2026:1</id><link rel=\"self\" "
            "href=\"https://ledger.example/s\"/>"
            "<link rel=\"enclosure\" href=\"https://ledger.example/a.mp3\"/></entry>"),
       "tag:x,2026:1 | ledger.example |  |  | A | | feed=Ledger;feed_format=atom\n"},
      {"atom: the HTML alternate is preferred, relative to the feed's link",
       atom("<entry><title>A</title><id>i</id><link rel=\"alternate\" type=\"application/pdf\" "
            "href=\"/a.pdf\"/>"
            "<link href=\"/a.html\" type=\"text/html\"/></entry>"),
       "https://ledger.example/a.html | ledger.example |  |  | A | | "
       "feed=Ledger;feed_format=atom;guid=i\n"},
      {"atom: a relative xml:base, resolved against the feed's link",
       atom("<entry xml:base=\"/briefs/\"><title>A</title><id>i</id><link href=\"b1\"/></entry>"),
       "https://ledger.example/briefs/b1 | ledger.example |  |  | A | | "
       "feed=Ledger;feed_format=atom;guid=i\n"},
      {"atom: no id, no link", atom("<entry><title>A</title></entry>"),
       "file:in/news.rss#1 | ledger.example |  |  | A | | feed=Ledger;feed_format=atom\n"},
      {"no channel link: the feed's title is the source",
       "<rss version=\"2.0\"><channel><title>Only A "
       "Title</title><item><title>A</title></item></channel></rss>",
       "file:in/news.rss#1 | Only A Title |  |  | A | | feed=Only A Title;feed_format=rss-2.0\n"},
      {"the same item twice is read once, silently",
       rss("<item><title>A</title><link>https://wire.example/a</link></item>"
           "<item><title>A</title><link>https://wire.example/a</link></item>"),
       "https://wire.example/a | wire.example |  |  | A | | feed=Wire;feed_format=rss-2.0\n"},
      {"two different items under one id: the second is a problem",
       rss("<item><title>A</title><link>https://wire.example/a</link></item>"
           "<item><title>B</title><link>https://wire.example/a</link></item>"),
       "https://wire.example/a | wire.example |  |  | A | | feed=Wire;feed_format=rss-2.0\n"
       "!in/news.rss#2: item 2 (line 4): has the same id as item 1 (https://wire.example/a); the "
       "first is kept\n"},
  });
}

BOOST_AUTO_TEST_CASE(html_and_cdata_in_items) {
  check_rows({
      {"escaped HTML in a description",
       rss("<item><title>T</title><description>&lt;p&gt;One &amp;amp; "
           "two.&lt;/p&gt;&lt;p&gt;Three.&lt;/p&gt;"
           "</description></item>"),
       "file:in/news.rss#1 | wire.example |  |  | T | P:One & two. / P:Three. | "
       "feed=Wire;feed_format=rss-2.0\n"},
      {"CDATA with HTML, scripts and styles dropped",
       rss("<item><title><![CDATA[Rare earths & "
           "magnets]]></title><description><![CDATA[<style>p{}</style>"
           "<p>Magnet makers <i>waited</i>.</p><script>var x = '<p>no</p>';</script><p>Then they "
           "bought.</p>]]>"
           "</description></item>"),
       "file:in/news.rss#1 | wire.example |  |  | Rare earths & magnets | P:Magnet makers waited. "
       "/ P:Then they "
       "bought. | feed=Wire;feed_format=rss-2.0\n"},
      {"a title with escaped markup and entities",
       rss("<item><title>&lt;b&gt;Gallium&lt;/b&gt; &amp;amp; germanium</title></item>"),
       "file:in/news.rss#1 | wire.example |  |  | Gallium & germanium | | "
       "feed=Wire;feed_format=rss-2.0\n"},
      {"plain text with a less-than sign stays text",
       rss("<item><title>T</title><description>Exports fell &lt; 5% in December.\n\nA second "
           "paragraph.</description></item>"),
       "file:in/news.rss#1 | wire.example |  |  | T | P:Exports fell < 5% in December. / P:A "
       "second paragraph. | "
       "feed=Wire;feed_format=rss-2.0\n"},
      {"content:encoded wins over the description",
       rss("<item><title>T</title><description>Teaser.</description><content:encoded>&lt;p&gt;Full "
           "text.&lt;/p&gt;</content:encoded></item>"),
       "file:in/news.rss#1 | wire.example |  |  | T | P:Full text. | "
       "feed=Wire;feed_format=rss-2.0\n"},
      {"an empty content:encoded leaves the description",
       rss("<item><title>T</title><description>Teaser.</description><content:encoded> "
           "</content:encoded></item>"),
       "file:in/news.rss#1 | wire.example |  |  | T | P:Teaser. | feed=Wire;feed_format=rss-2.0\n"},
      {"a description that repeats the title is not text",
       rss("<item><title>Same words</title><description>Same words</description></item>"),
       "file:in/news.rss#1 | wire.example |  |  | Same words | | feed=Wire;feed_format=rss-2.0\n"},
      {"page chrome in a description goes",
       rss("<item><title>T</title><description><![CDATA[<p>The story.</p><div "
           "class=\"share-buttons\">"
           "<a>Share on X</a></div><p>Read more</p><p>Follow topic:</p>]]></description></item>"),
       "file:in/news.rss#1 | wire.example |  |  | T | P:The story. | "
       "feed=Wire;feed_format=rss-2.0\n"},
      {"atom: content type text keeps markup-looking text as text",
       atom("<entry><title>T</title><id>i</id><content type=\"text\">Use &lt;p&gt; for "
            "paragraphs.</content></entry>"),
       "i | ledger.example |  |  | T | P:Use <p> for paragraphs. | feed=Ledger;feed_format=atom\n"},
      {"atom: out-of-line content leaves the summary",
       atom("<entry><title>T</title><id>i</id><content src=\"https://ledger.example/x\"/><summary "
            "type=\"html\">"
            "&lt;p&gt;Summary.&lt;/p&gt;</summary></entry>"),
       "i | ledger.example |  |  | T | P:Summary. | feed=Ledger;feed_format=atom\n"},
      {"atom: base64 content of another type is not text",
       atom("<entry><title>T</title><id>i</id><content "
            "type=\"image/png\">iVBORw0KGgo=</content></entry>"),
       "i | ledger.example |  |  | T | | feed=Ledger;feed_format=atom\n"},
      {"atom: xhtml title",
       atom(
           "<entry><title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">A <b>bold</b> "
           "move</div></title><id>i</id></entry>"),
       "i | ledger.example |  |  | A bold move | | feed=Ledger;feed_format=atom\n"},
  });
}

BOOST_AUTO_TEST_CASE(bad_items_and_bad_feeds) {
  check_rows(
      {
          {"an empty item is a problem, the others are kept",
           rss("<item><title>A</title></item>\n<item><link>https://wire.example/x</link></"
               "item>\n<item><title>C"
               "</title></item>"),
           "file:in/news.rss#1 | wire.example |  |  | A | | feed=Wire;feed_format=rss-2.0\n"
           "file:in/news.rss#3 | wire.example |  |  | C | | feed=Wire;feed_format=rss-2.0\n"
           "!in/news.rss#2: item 2 (line 5): has neither a title nor any text\n"},
          {"a channel without items", rss(""), ""},
          {"not well-formed",
           "<rss version=\"2.0\"><channel><item><title>A</title></channel></rss>",
           "error: in/news.rss: line 1: Premature end of data in tag rss line 1\n"},
          {"not a feed", "<?xml version=\"1.0\"?><announcement><title>A</title></announcement>",
           "error: in/news.rss: not an RSS or Atom feed (the root element is <announcement>)\n"},
          {"a feed element in another namespace",
           "<feed xmlns=\"urn:other\"><entry><title>A</title></entry></feed>",
           "error: in/news.rss: not an RSS or Atom feed (the root element is <feed>)\n"},
      },
      InputFormat::rss);
}

BOOST_AUTO_TEST_CASE(detects_feeds_by_content) {
  struct DetectRow {
    std::string bytes;
    std::string path;
    std::string expected;
  };
  const DetectRow rows[] = {
      {"<rss version=\"2.0\"><channel/></rss>", "x", "rss"},
      {"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- a comment -->\n<?xml-stylesheet "
       "href=\"s.xsl\"?>\n<rss>",
       "x.xml", "rss"},
      {"<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"b\">]><rss version=\"2.0\">", "x",
       "rss"},
      {"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title></feed>", "x.txt", "atom"},
      {"<?xml version='1.0'?><a:feed xmlns:a='http://www.w3.org/2005/Atom'/>", "x", "atom"},
      {"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
       "xmlns=\"http://purl.org/rss/1.0/\">",
       "x", "rdf"},
      {"<?xml version=\"1.0\"?><feed><entry/></feed>", "x", "xml"},  // no Atom namespace
      {"<?xml version=\"1.0\"?><rdf:RDF "
       "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>",
       "x", "xml"},
      {"<?xml version=\"1.0\"?><feedback><p>x</p></feedback>", "x", "xml"},
      {"<?xml version=\"1.0\"?><doc><p>About &lt;rss&gt; and <feed/></p></doc>", "x", "xml"},
      {"Notes on the <rss> element of feeds.", "notes.txt", "text"},
      {"Headline\nBody.", "wire.rss", "rss"},  // the extension, when the content says nothing
  };
  for (const auto& row : rows) {
    BOOST_TEST_CONTEXT(row.path << ": " << row.bytes) {
      const std::string expected =
          row.expected == "atom" || row.expected == "rdf" ? "rss" : row.expected;
      BOOST_TEST(to_string(detect_format(row.bytes, row.path)) == expected);
    }
  }
  BOOST_TEST((parse_input_format("rss") == InputFormat::rss));
  BOOST_TEST((parse_input_format("atom") == InputFormat::rss));
}

// A feed that declares external entities or DTDs: the named local file's contents must
// never reach a document, a problem or an error message.
BOOST_AUTO_TEST_CASE(external_entities_never_reach_the_text) {
  dualdex::test::TempDir tmp;
  const std::string marker = "SECRET-MARKER-7f3a9c";
  const auto secret = tmp.path / "secret.txt";
  {
    std::ofstream out(secret);
    out << marker << "\n";
  }
  const std::string url = "file://" + secret.string();
  const std::string items =
      "<item><title>Title &xxe; end</title><description>Body &xxe; end</description></item>";
  const std::string feeds[] = {
      "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + url + "\">]>" +
          rss(items).substr(22),
      "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + secret.string() + "\">]>" +
          rss(items).substr(22),
      "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]>" +
          rss("<item><title>T</title></item>").substr(22),
      "<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"" + url + "\">" +
          rss("<item><title>T &amp;xxe;</title></item>").substr(22),
      "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + url + "\">]>" +
          rss("<item><title>T</title><description><![CDATA[<p>&xxe;</p>]]></description></item>")
              .substr(22),
      "<?xml version=\"1.0\"?><!DOCTYPE feed [<!ENTITY xxe SYSTEM \"" + url + "\">]>" +
          atom("<entry><title>T</title><id>i</id><content type=\"xhtml\"><div "
               "xmlns=\"http://www.w3.org/1999/xhtml\">"
               "<p>&xxe;</p></div></content></entry>")
              .substr(22),
      "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + url + "\">]>" +
          rss("<item><title>T</title><link>https://wire.example/&xxe;</link></item>").substr(22),
  };
  for (const std::string& feed : feeds) {
    BOOST_TEST_CONTEXT(feed) {
      const std::string lines = read_lines(feed, kInfo, InputFormat::rss);
      BOOST_TEST(lines.find(marker) == std::string::npos, lines);
      BOOST_TEST(lines.find("SECRET") == std::string::npos);
      const std::string automatic = read_lines(feed, kInfo);
      BOOST_TEST(automatic.find(marker) == std::string::npos, automatic);
    }
  }
}

BOOST_AUTO_TEST_CASE(entity_bombs_are_refused_or_bounded) {
  std::string laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n <!ENTITY lol0 \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    laughs += " <!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) laughs += "&lol" + std::to_string(i - 1) + ";";
    laughs += "\">\n";
  }
  laughs +=
      "]>\n<rss version=\"2.0\"><channel><title>&lol9;</title><item><title>T &lol9;</title>"
      "<description>&lol9;</description></item></channel></rss>";
  const std::string big(100'000, 'a');
  std::string quadratic = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"" + big +
                          "\">]><rss version=\"2.0\"><channel><item><title>T</title><description>";
  for (int i = 0; i < 20'000; ++i) quadratic += "&a;";
  quadratic += "</description></item></channel></rss>";
  for (const std::string* feed : {&laughs, &quadratic}) {
    const std::string lines = read_lines(*feed, kInfo, InputFormat::rss);
    BOOST_TEST(lines.size() < 10'000u, lines.substr(0, 200));  // nothing expanded
    BOOST_TEST(lines.find("lollol") == std::string::npos);
  }
}

// 10,000 items, generated here: read fast and without much memory.
BOOST_AUTO_TEST_CASE(ten_thousand_items) {
  constexpr int kItems = 10'000;
  std::string feed =
      "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Big</title>"
      "<link>https://big.example/</link>\n";
  for (int i = 1; i <= kItems; ++i) {
    const std::string n = std::to_string(i);
    feed += "<item><title>Story " + n + " on rare earths</title><link>https://big.example/s/" + n +
            "</link><pubDate>Thu, 08 Jan 2026 10:00:00 "
            "+0800</pubDate><description>&lt;p&gt;Paragraph one of "
            "story " +
            n +
            " about gallium &amp;amp; germanium licences.&lt;/p&gt;&lt;p&gt;Paragraph two, with "
            "a &lt;a href=\"https://big.example/x\"&gt;link&lt;/a&gt;.&lt;/p&gt;</description>"
            "<category>Minerals</category></item>\n";
  }
  feed += "</channel></rss>\n";
  const auto start = std::chrono::steady_clock::now();
  const ReadResult r = read_input(feed, {"big.rss", "gen/big.rss", ""});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST_MESSAGE("10,000 items (" << feed.size() / 1024 << " KiB) read in " << seconds << " s");
  BOOST_TEST(r.documents.size() == static_cast<std::size_t>(kItems));
  BOOST_TEST(r.problems.empty());
  std::set<std::string> ids;
  for (const Document& d : r.documents) ids.insert(d.id);
  BOOST_TEST(ids.size() == static_cast<std::size_t>(kItems));
  BOOST_TEST(
      doc_line(r.documents.back()) ==
      "https://big.example/s/10000 | big.example | 2026-01-08 |  | Story 10000 on rare earths | "
      "P:Paragraph "
      "one of story 10000 about gallium & germanium licences. / P:Paragraph two, with a link. | "
      "categories=Minerals;feed=Big;feed_format=rss-2.0");
  BOOST_TEST(seconds < 30.0);  // about 0.2 s on a laptop; generous for sanitizer builds
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  BOOST_TEST(usage.ru_maxrss < 1024L * 1024L);  // KiB: the whole test process under 1 GiB
}
