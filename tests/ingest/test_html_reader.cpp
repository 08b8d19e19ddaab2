// HTML reader: chrome stripping on several page shapes, title/date/lang/url precedence,
// JSON-LD, datelines, charsets and malformed input. Each row: a page in, one golden line
// out ("title | published | lang | url | dateline | K:block / K:block").
#define BOOST_TEST_MODULE test_html_reader
#include <unicode/ucnv.h>

#include <boost/test/unit_test.hpp>
#include <string>
#include <string_view>

#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/reader.hpp"

using namespace dualdex::ingest;

namespace {

const InputInfo kInfo{"in/page.html", "in/page.html", ""};

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

std::string blocks_line(const Document& d) {
  std::string out;
  for (std::size_t i = 0; i < d.blocks.size(); ++i) {
    out += i == 0 ? "" : " / ";
    out += kind_letter(d.blocks[i].kind);
    out += ":" + d.blocks[i].text;
  }
  return out;
}

std::string meta_value(const Document& d, const std::string& key) {
  for (const MetaField& m : d.meta) {
    if (m.key == key) return m.value;
  }
  return {};
}

/// The golden line of a page, or "InputError" when the reader rejects it.
std::string read_line(std::string_view html) {
  try {
    const ReadResult r = read_html(html, kInfo);
    if (r.documents.size() != 1) return "documents: " + std::to_string(r.documents.size());
    const Document& d = r.documents.front();
    if (d.format != "html" || !d.id.empty()) return "bad format or id: " + d.format + " " + d.id;
    return d.title + " | " + d.published + " | " + d.lang + " | " + d.url + " | " + d.dateline +
           " | " + blocks_line(d);
  } catch (const dualdex::InputError& e) {
    const std::string what = e.what();
    // The message must name the input.
    return what.starts_with("in/page.html: ") ? "InputError" : "InputError without path: " + what;
  }
}

struct Row {
  const char* name;
  std::string_view html;
  const char* expected;
};

void check_rows(const Row* rows, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    BOOST_TEST_CONTEXT(rows[i].name) {
      BOOST_TEST(read_line(rows[i].html) == rows[i].expected);
    }
  }
}

/// UTF-8 text converted to another charset with ICU (for the charset rows).
std::string encode(std::string_view utf8, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  const int32_t n = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                                 utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  BOOST_REQUIRE(U_SUCCESS(status));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(chrome_is_stripped_from_several_page_shapes) {
  static const Row rows[] = {
      {"article between header, aside and footer",
       "<html lang='en'><head><title>Export ban widens | Daily Ledger</title></head><body>"
       "<header><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></header>"
       "<article><h1>Export ban widens</h1><p>BEIJING \xE2\x80\x93 China widened its export ban "
       "on Thursday.</p><p>The ministry said more items would follow.</p></article>"
       "<aside><h2>Most read</h2><p>Another story</p></aside>"
       "<footer><p>About us</p></footer></body></html>",
       "Export ban widens |  | en |  | BEIJING | P:BEIJING \xE2\x80\x93 China widened its export "
       "ban on Thursday. / P:The ministry said more items would follow."},
      {"main with class and role chrome",
       "<body><div role='navigation'>Sections Markets</div><main><h1>Gallium rules</h1>"
       "<div class='share-tools'><a>Share on X</a></div><p>Paragraph one is here.</p>"
       "<div class='newsletter_signup'><p>Get our briefing daily.</p></div><h2>Background</h2>"
       "<p>Paragraph two.</p><ul class='related-links'><li>Other story</li></ul>"
       "<ul><li>First point</li><li>Second point</li></ul></main></body>",
       "Gallium rules |  |  |  |  | P:Paragraph one is here. / H:Background / P:Paragraph two. / "
       "L:First point / L:Second point"},
      {"itemprop=articleBody without article or main",
       "<body><div class='top-menu'><ul><li>Home</li></ul></div><div itemprop='articleBody'>"
       "<p>Body text one.</p><blockquote><p>We will respond, he said.</p></blockquote></div>"
       "<div id='comments'><p>Great article!</p></div></body>",
       " |  |  |  |  | P:Body text one. / Q:We will respond, he said."},
      {"div soup: the element with the most paragraph text wins",
       "<body><div id='top'><a>Home</a> <a>About</a></div><div id='wrap'>"
       "<div class='col-left'><p>Short link list</p></div><div class='story-text'>"
       "<p>First long paragraph of the story with many words in it.</p>"
       "<p>Second long paragraph of the story, also with words.</p></div></div>"
       "<div id='footer-links'><p>Contact us</p></div></body>",
       " |  |  |  |  | P:First long paragraph of the story with many words in it. / P:Second long "
       "paragraph of the story, also with words."},
      {"class tokens, not substrings: header-image and shadow stay, ad-slot goes",
       "<article><div class='header-image-of-article'><p>Text under a header image.</p></div>"
       "<div class='ad-slot'>Buy now</div><div class='shadow-box'><p>Shadow text stays.</p></div>"
       "<p>Main text.</p></article>",
       " |  |  |  |  | P:Text under a header image. / P:Shadow text stays. / P:Main text."},
      {"text-bearing div, line breaks and table cells",
       "<article><div>Loose text in a div <b>with bold</b>.<br><br>Second paragraph after two "
       "breaks.<br>Same paragraph after one.</div><table><tr><th>Code</th><td>3B001</td></tr>"
       "</table></article>",
       " |  |  |  |  | P:Loose text in a div with bold. / P:Second paragraph after two breaks. "
       "Same paragraph after one. / C:Code / C:3B001"},
      {"the article with the most text, not the teaser",
       "<body><div class='grid'><article><p>Teaser.</p></article><article><p>The real story has "
       "more text than the teaser.</p><p>And continues.</p></article></div></body>",
       " |  |  |  |  | P:The real story has more text than the teaser. / P:And continues."},
      {"a wrapper named like chrome does not hide the story",
       "<body><div class='layout-with-sidebar'><div class='story'><p>Story paragraph one is "
       "long enough.</p><p>Story paragraph two.</p></div><div class='sidebar'><p>Side</p></div>"
       "</div></body>",
       " |  |  |  |  | P:Story paragraph one is long enough. / P:Story paragraph two."},
      {"chrome inside a paragraph",
       "<article><p>Text <button>Share</button> continues <script>var x = 1;</script>here"
       "<style>p{}</style>.</p></article>",
       " |  |  |  |  | P:Text continues here."},
      {"picture figures go, quotation and table figures stay",
       "<article><figure><img src='a.jpg'><figcaption>A photo caption</figcaption></figure>"
       "<figure><blockquote>Quoted words.</blockquote><figcaption>A minister</figcaption></figure>"
       "<figure><table><tr><td>1C902</td></tr></table></figure><p>End.</p></article>",
       " |  |  |  |  | Q:Quoted words. / C:1C902 / P:End."},
      {"hidden elements",
       "<article><p hidden>Secret</p><p>Visible <span class='sr-only'>opens in new window</span>"
       "text.</p><div style='display: none'>Gone</div><p aria-hidden='true'>Icon</p></article>",
       " |  |  |  |  | P:Visible text."},
      {"boilerplate paragraphs, credits and their captions",
       "<article><p>Sign up now: Get our Asia briefing</p><p>Officials at the port on Monday.</p>"
       "<p>PHOTO: AFP</p><p>Follow topic:</p><p>SEOUL \xE2\x80\x94 Korea added 14 items to its "
       "list.</p><p>Share this article</p></article>",
       " |  |  |  | SEOUL | P:SEOUL \xE2\x80\x94 Korea added 14 items to its list."},
      {"an article's header keeps its headline, not its byline",
       "<html><head><meta property='og:title' content='Gallium curbs tighten'></head><body>"
       "<article><header><h1>Gallium curbs tighten</h1><h2>Exporters face new checks</h2>"
       "<p class='byline'>By A. Writer</p><div class='share'>Share</div></header>"
       "<p>Text.</p></article></body></html>",
       "Gallium curbs tighten |  |  |  |  | H:Exporters face new checks / P:Text."},
      {"article furniture: section label, byline, date, sign-off",
       "<html><head><meta property='og:title' content='Curbs widen'></head><body><article>"
       "<p class='section'>Rare earths</p><h1>Curbs widen</h1><p class='dek'>Buyers want "
       "clarity</p><div class='meta'>By <span>A. Writer</span> <span class='date'>9 Jan"
       "</span></div><p class='byline'>By B. Writer</p><p>TOKYO \xE2\x80\x93 Text.</p>"
       "<p>Reporting by A. Writer in Tokyo; Editing by C. Editor</p></article></body></html>",
       "Curbs widen |  |  |  | TOKYO | P:Buyers want clarity / P:TOKYO \xE2\x80\x93 Text."},
      {"nested lists and list paragraphs",
       "<main><ul><li><p>Point one</p><ul><li>Sub point</li></ul></li></ul></main>",
       " |  |  |  |  | L:Point one / L:Sub point"},
  };
  check_rows(rows, std::size(rows));
}

BOOST_AUTO_TEST_CASE(title_precedence) {
  static const Row rows[] = {
      {"og:title over <title>",
       "<head><meta property='og:title' content='OG headline'><title>Tag title | Site</title>"
       "</head><body><p>Body.</p></body>",
       "OG headline |  |  |  |  | P:Body."},
      {"short suffix after a separator",
       "<head><title>Rare earth curbs tighten - Daily "
       "Ledger</title></head><body><p>Body.</p></body>",
       "Rare earth curbs tighten |  |  |  |  | P:Body."},
      {"long suffix equal to og:site_name",
       "<head><meta property='og:site_name' content='The Very Long Name of This Newspaper Group'>"
       "<title>Rare earth curbs tighten \xE2\x80\x94 The Very Long Name of This Newspaper Group"
       "</title></head><body><p>Body.</p></body>",
       "Rare earth curbs tighten |  |  |  |  | P:Body."},
      {"site name first",
       "<head><meta property='og:site_name' content='Daily Ledger'><title>Daily Ledger | Curbs "
       "tighten</title></head><body><p>Body.</p></body>",
       "Curbs tighten |  |  |  |  | P:Body."},
      {"two suffixes",
       "<head><title>Curbs on gallium tighten | World | Daily "
       "Ledger</title></head><body><p>Body.</p>"
       "</body>",
       "Curbs on gallium tighten |  |  |  |  | P:Body."},
      {"a long part after a dash is part of the title",
       "<head><title>Export bans - and what they do not mean for carmakers in Japan</title>"
       "</head><body><p>Body.</p></body>",
       "Export bans - and what they do not mean for carmakers in Japan |  |  |  |  | P:Body."},
      {"og:title keeps a short suffix unless it is the site name",
       "<head><meta property='og:title' content='Curbs tighten - "
       "explained'></head><body><p>Body.</p>"
       "</body>",
       "Curbs tighten - explained |  |  |  |  | P:Body."},
      {"first h1 when there is no title; the h1 is then not repeated",
       "<body><header><h1>Headline in the header</h1></header><main><p>Body.</p></main></body>",
       "Headline in the header |  |  |  |  | P:Body."},
      {"a title that is only the site name gives way to the h1",
       "<head><meta property='og:site_name' content='Daily Ledger'><title>Daily Ledger</title>"
       "</head><body><h1>Curbs tighten</h1><p>Body.</p></body>",
       "Curbs tighten |  |  |  |  | P:Body."},
      {"an h1 different from the title stays",
       "<head><title>Short title</title></head><body><article><h1>A longer headline</h1><p>Body."
       "</p></article></body>",
       "Short title |  |  |  |  | H:A longer headline / P:Body."},
  };
  check_rows(rows, std::size(rows));
}

BOOST_AUTO_TEST_CASE(published_date_precedence) {
  static const Row rows[] = {
      {"article:published_time first, date as written (no time zone conversion)",
       "<head><meta property='article:published_time' content='2026-01-08T23:30:00-05:00'>"
       "</head><body><article><time datetime='2026-01-01'>x</time><p>Body.</p></article></body>",
       " | 2026-01-08 |  |  |  | P:Body."},
      {"<time datetime> before JSON-LD",
       "<head><script type='application/ld+json'>{\"@type\":\"NewsArticle\","
       "\"datePublished\":\"2026-01-06\"}</script></head><body><article><p>Body <time "
       "datetime='2026-01-07T01:00:00+09:00'>Jan 7</time></p></article></body>",
       " | 2026-01-07 |  |  |  | P:Body Jan 7"},
      {"a time marked pubdate wins over an earlier one",
       "<body><article><p><time datetime='2026-02-02'>updated</time> <time itemprop='datePublished'"
       " datetime='2026-01-30'>published</time></p></article></body>",
       " | 2026-01-30 |  |  |  | P:updated published"},
      {"times in related lists and asides are other stories' dates",
       "<body><aside><time datetime='2020-01-01'>a</time></aside><div class='related'><time "
       "datetime='2020-01-02'>b</time></div><article><p>Body.</p><time "
       "datetime='2026-01-03'>c</time>"
       "</article></body>",
       " | 2026-01-03 |  |  |  | P:Body. / P:c"},
      {"JSON-LD array",
       "<head><script type='application/ld+json'>[{\"@type\":\"WebSite\"},{\"@type\":"
       "\"NewsArticle\",\"datePublished\":\"2026-01-06T08:00:00+08:00\"}]</script></head>"
       "<body><p>Body.</p></body>",
       " | 2026-01-06 |  |  |  | P:Body."},
      {"JSON-LD @graph prefers the article",
       "<head><script type='application/ld+json'>{\"@context\":\"https://schema.org\",\"@graph\":"
       "[{\"@type\":\"WebPage\",\"datePublished\":\"2025-12-01\"},{\"@type\":[\"NewsArticle\"],"
       "\"datePublished\":\"2026-01-05\"}]}</script></head><body><p>Body.</p></body>",
       " | 2026-01-05 |  |  |  | P:Body."},
      {"invalid JSON-LD is ignored; meta name=date is the last resort",
       "<head><script type='application/ld+json'>{\"@type\": \"NewsArticle\", datePublished: 2026"
       "</script><meta name='date' content='2026-01-04'></head><body><p>Body.</p></body>",
       " | 2026-01-04 |  |  |  | P:Body."},
      {"dc.date in words",
       "<head><meta name='DC.date' content='January 8, 2026'></head><body><p>Body.</p></body>",
       " | 2026-01-08 |  |  |  | P:Body."},
      {"no date anywhere", "<body><p>Body.</p></body>", " |  |  |  |  | P:Body."},
      {"a broken date falls through to the next source",
       "<head><meta property='article:published_time' content='soon'><meta name='pubdate' "
       "content='2026-01-02'></head><body><p>Body.</p></body>",
       " | 2026-01-02 |  |  |  | P:Body."},
  };
  check_rows(rows, std::size(rows));
}

BOOST_AUTO_TEST_CASE(language_and_url) {
  static const Row rows[] = {
      {"html lang, case normalized", "<html lang='EN-gb'><body><p>Body.</p></body></html>",
       " |  | en-GB |  |  | P:Body."},
      {"script subtag", "<html lang='zh-hant-tw'><body><p>Body.</p></body></html>",
       " |  | zh-Hant-TW |  |  | P:Body."},
      {"content-language",
       "<head><meta http-equiv='Content-Language' content='ja'></head><body><p>Body.</p></body>",
       " |  | ja |  |  | P:Body."},
      {"og:locale with underscore",
       "<head><meta property='og:locale' content='zh_CN'></head><body><p>Body.</p></body>",
       " |  | zh-CN |  |  | P:Body."},
      {"malformed html lang falls through",
       "<html lang='english!!'><head><meta property='og:locale' content='fr_FR'></head><body>"
       "<p>Body.</p></body></html>",
       " |  | fr-FR |  |  | P:Body."},
      {"canonical link",
       "<head><link rel='canonical' href=' https://example.com/a/1 '><meta property='og:url' "
       "content='https://example.com/og'></head><body><p>Body.</p></body>",
       " |  |  | https://example.com/a/1 |  | P:Body."},
      {"relative canonical is ignored for og:url",
       "<head><link rel='canonical' href='/a/1'><meta property='og:url' "
       "content='http://example.com/og'></head><body><p>Body.</p></body>",
       " |  |  | http://example.com/og |  | P:Body."},
      {"only http(s) URLs",
       "<head><link rel='canonical' href='ftp://example.com/a'></head><body><p>Body.</p></body>",
       " |  |  |  |  | P:Body."},
  };
  check_rows(rows, std::size(rows));
}

BOOST_AUTO_TEST_CASE(datelines) {
  static const Row rows[] = {
      {"agency dateline", "<article><p>TOKYO, Jan 7 (Reuters) - Japan protested.</p></article>",
       " |  |  |  | TOKYO, Jan 7 | P:TOKYO, Jan 7 (Reuters) - Japan protested."},
      {"after a standfirst",
       "<article><p>Beijing widens curbs on chip materials</p><p>BEIJING \xE2\x80\x93 China "
       "acted.</p></article>",
       " |  |  |  | BEIJING | P:Beijing widens curbs on chip materials / P:BEIJING \xE2\x80\x93 "
       "China acted."},
      {"not deep in the story",
       "<article><h2>HEADLINE \xE2\x80\x93 CAPS</h2><p>One.</p><p>Two.</p><p>Three.</p>"
       "<p>BEIJING \xE2\x80\x93 Later text.</p></article>",
       " |  |  |  |  | H:HEADLINE \xE2\x80\x93 CAPS / P:One. / P:Two. / P:Three. / P:BEIJING "
       "\xE2\x80\x93 Later text."},
  };
  check_rows(rows, std::size(rows));
}

BOOST_AUTO_TEST_CASE(malformed_input_never_crashes) {
  static const Row rows[] = {
      {"unclosed elements", "<article><p>One<p>Two<div>Three",
       " |  |  |  |  | P:One / P:Two / P:Three"},
      {"truncated in a tag", "<html><body><article><p>First para.</p><p>Second para cut <b",
       " |  |  |  |  | P:First para. / P:Second para cut"},
      {"truncated in an attribute",
       "<html><head><title>T</title></head><body><p>Text</p><a href='htt",
       "T |  |  |  |  | P:Text"},
      {"stray angle brackets", "<<<>>> <p<p>> text & more </p>",
       " |  |  |  |  | P:>>> / P:> text & more"},
      {"empty file", "", "InputError"},
      {"whitespace only", " \n\t ", "InputError"},
      {"binary junk", std::string_view("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "InputError"},
      {"NUL-laden bytes", std::string_view("ab\0\0\x01\x02\x03\0cd\0\0\xff\xfe\0\x01", 16),
       "InputError"},
      {"nothing but chrome",
       "<html><body><nav>Only navigation</nav><script>x()</script></body></html>", "InputError"},
      {"a title and nothing else",
       "<html><head><title>Only a title</title></head><body></body></html>",
       "Only a title |  |  |  |  | "},
      {"plain text given as HTML", "Just a sentence.", " |  |  |  |  | P:Just a sentence."},
  };
  check_rows(rows, std::size(rows));
}

BOOST_AUTO_TEST_CASE(deep_nesting_is_bounded) {
  std::string html = "<body>";
  for (int i = 0; i < 20000; ++i) html += "<div>";
  html += "deep text";
  for (int i = 0; i < 20000; ++i) html += "</div>";
  html += "<p>Shallow text.</p></body>";
  // Either a document or an InputError: never a crash.
  const std::string line = read_line(html);
  BOOST_TEST((line == "InputError" || line.find('|') != std::string::npos), line.substr(0, 200));
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_replaced) {
  const std::string page =
      "<meta charset='utf-8'><p>Z\xC3\xBCrich caf\xC3\xA9 r\xC3\xA9sum\xC3\xA9 na\xC3\xAFve \xFF "
      "end</p>";
  BOOST_TEST(read_line(page) ==
             " |  |  |  |  | P:Z\xC3\xBCrich caf\xC3\xA9 r\xC3\xA9sum\xC3\xA9 na\xC3\xAFve "
             "\xEF\xBF\xBD end");
}

struct CharsetRow {
  const char* name;
  std::string bytes;
  const char* encoding;
  const char* expected;
};

BOOST_AUTO_TEST_CASE(charsets) {
  const std::string zh =
      "<title>\xE5\x95\x86\xE5\x8A\xA1\xE9\x83\xA8\xE5\x85\xAC\xE5\x91\x8A"
      "</title><p>\xE4\xB8\xAD\xE5\x9B\xBD\xE5\x95\x86\xE5\x8A\xA1\xE9\x83\xA8"
      "\xE5\xAE\xA3\xE5\xB8\x83\xE5\x87\xBA\xE5\x8F\xA3\xE7\xAE\xA1\xE5\x88"
      "\xB6\xE3\x80\x82</p>";  // 商务部公告 / 中国商务部宣布出口管制。
  const std::string ja =
      "<title>\xE7\xB5\x8C\xE6\xB8\x88\xE7\x94\xA3\xE6\xA5\xAD\xE7\x9C\x81"
      "</title><p>\xE8\xBC\xB8\xE5\x87\xBA\xE8\xA6\x8F\xE5\x88\xB6\xE3\x82"
      "\x92\xE5\xBC\xB7\xE5\x8C\x96\xE3\x81\x99\xE3\x82\x8B\xE3\x80\x82</p>";
  // 経済産業省 / 輸出規制を強化する。
  const std::string latin = "<p>\xE2\x80\x9CQuoted\xE2\x80\x9D caf\xC3\xA9 \xE2\x80\x93 dash</p>";
  const std::string fr =
      "<p>Le minist\xC3\xA8re a publi\xC3\xA9 la liste des biens \xC3\xA0 double usage et "
      "pr\xC3\xA9"
      "cis\xC3\xA9 les d\xC3\xA9lais de d\xC3\xA9livrance des licences.</p>";
  const CharsetRow rows[] = {
      {"a page labelled UTF-8 that is not", "<meta charset='utf-8'>" + encode(fr, "windows-1252"),
       "windows-1252",
       " |  |  |  |  | P:Le minist\xC3\xA8re a publi\xC3\xA9 la liste des biens \xC3\xA0 double "
       "usage et pr\xC3\xA9"
       "cis\xC3\xA9 les d\xC3\xA9lais de d\xC3\xA9livrance des licences."},
      {"windows-1252 declared", "<meta charset='windows-1252'>" + encode(latin, "windows-1252"),
       "windows-1252",
       " |  |  |  |  | P:\xE2\x80\x9CQuoted\xE2\x80\x9D caf\xC3\xA9 \xE2\x80\x93 dash"},
      {"iso-8859-1 declared is read as windows-1252",
       "<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>" +
           encode(latin, "windows-1252"),
       "windows-1252",
       " |  |  |  |  | P:\xE2\x80\x9CQuoted\xE2\x80\x9D caf\xC3\xA9 \xE2\x80\x93 dash"},
      {"gb2312 declared, GB18030 bytes", "<meta charset=gb2312>" + encode(zh, "GB18030"), "GB18030",
       "\xE5\x95\x86\xE5\x8A\xA1\xE9\x83\xA8\xE5\x85\xAC\xE5\x91\x8A |  |  |  |  | "
       "P:\xE4\xB8\xAD\xE5\x9B\xBD\xE5\x95\x86\xE5\x8A\xA1\xE9\x83\xA8\xE5\xAE\xA3\xE5\xB8\x83"
       "\xE5\x87\xBA\xE5\x8F\xA3\xE7\xAE\xA1\xE5\x88\xB6\xE3\x80\x82"},
      {"Shift_JIS declared", "<meta charset='shift_jis'>" + encode(ja, "Shift_JIS"), "Shift_JIS",
       "\xE7\xB5\x8C\xE6\xB8\x88\xE7\x94\xA3\xE6\xA5\xAD\xE7\x9C\x81 |  |  |  |  | "
       "P:\xE8\xBC\xB8\xE5\x87\xBA\xE8\xA6\x8F\xE5\x88\xB6\xE3\x82\x92\xE5\xBC\xB7\xE5\x8C\x96"
       "\xE3\x81\x99\xE3\x82\x8B\xE3\x80\x82"},
      {"UTF-16LE with BOM", encode("\xEF\xBB\xBF<html lang='ja'>" + ja, "UTF-16LE"), "UTF-16LE",
       "\xE7\xB5\x8C\xE6\xB8\x88\xE7\x94\xA3\xE6\xA5\xAD\xE7\x9C\x81 |  | ja |  |  | "
       "P:\xE8\xBC\xB8\xE5\x87\xBA\xE8\xA6\x8F\xE5\x88\xB6\xE3\x82\x92\xE5\xBC\xB7\xE5\x8C\x96"
       "\xE3\x81\x99\xE3\x82\x8B\xE3\x80\x82"},
      {"UTF-8 bytes under a stale meta charset", "<meta charset='iso-8859-1'>" + latin, "UTF-8",
       " |  |  |  |  | P:\xE2\x80\x9CQuoted\xE2\x80\x9D caf\xC3\xA9 \xE2\x80\x93 dash"},
      {"XML declaration",
       "<?xml version='1.0' encoding='windows-1252'?><html>" + encode(latin, "windows-1252") +
           "</html>",
       "windows-1252",
       " |  |  |  |  | P:\xE2\x80\x9CQuoted\xE2\x80\x9D caf\xC3\xA9 \xE2\x80\x93 dash"},
  };
  for (const CharsetRow& row : rows) {
    BOOST_TEST_CONTEXT(row.name) {
      BOOST_TEST(read_line(row.bytes) == row.expected);
      const ReadResult r = read_html(row.bytes, kInfo);
      BOOST_TEST(meta_value(r.documents.at(0), "encoding") == row.encoding);
    }
  }
}
