// Plain-text reader and the rules it shares with the HTML reader: paragraph layouts,
// title and heading detection, page chrome copied with the text, datelines, encodings.
// Each row: text in, one golden line out ("title | dateline | encoding | K:block / …").
#define BOOST_TEST_MODULE test_text_reader
#include <unicode/ucnv.h>

#include <boost/test/unit_test.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "dualdex/ingest/boilerplate.hpp"
#include "dualdex/ingest/encoding.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/reader.hpp"

using namespace dualdex::ingest;

namespace {

const InputInfo kInfo{"in/story.txt", "in/story.txt", ""};

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

std::string blocks_line(const std::vector<Block>& blocks) {
  std::string out;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    out += i == 0 ? "" : " / ";
    out += kind_letter(blocks[i].kind);
    out += ":" + blocks[i].text;
  }
  return out;
}

std::string read_line(std::string_view text) {
  try {
    const ReadResult r = read_text(text, kInfo);
    if (r.documents.size() != 1) return "documents: " + std::to_string(r.documents.size());
    const Document& d = r.documents.front();
    std::string encoding;
    for (const MetaField& m : d.meta) {
      if (m.key == "encoding") encoding = m.value;
    }
    if (d.format != "text") return "format " + d.format;
    return d.title + " | " + d.dateline + " | " + encoding + " | " + blocks_line(d.blocks);
  } catch (const dualdex::InputError& e) {
    const std::string what = e.what();
    return what.starts_with("in/story.txt: ") ? "InputError" : "InputError without path: " + what;
  }
}

std::string encode(std::string_view utf8, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  const int32_t n = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                                 utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  BOOST_REQUIRE(U_SUCCESS(status));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

struct Row {
  const char* name;
  std::string text;
  const char* expected;
};

void check_rows(const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    BOOST_TEST_CONTEXT(row.name) {
      BOOST_TEST(read_line(row.text) == row.expected);
    }
  }
}

// A story copied from a news page with the page's chrome in it, one line per paragraph
// (the layout of the project's seed story, in other words).
const char* const kPageCopy =
    "Tokyo tightens chip tool exports as Beijing protests\n"
    "Sign up now: Get the morning briefing in your inbox\n"
    "Workers inspect wafers at a plant in Kumamoto on Jan 5.\n"
    "PHOTO: AFP\n"
    "Follow topic:\n"
    "TOKYO \xE2\x80\x93 Japan will require licences for exports of advanced chip tools, the trade "
    "ministry said on Jan 9, widening rules it first set out in 2023.\n"
    "The rules cover 23 types of equipment. Officials said the list would be reviewed each year.\n"
    "\xE2\x80\x9CWe are acting in line with our partners,\xE2\x80\x9D a ministry official told "
    "reporters.\n"
    "Beijing responds\n"
    "China\xE2\x80\x99s commerce ministry said it firmly opposed the move. AFP\n"
    "Share this article\n"
    "\xC2\xA9 2026 Example News Group. All rights reserved.\n";

}  // namespace

BOOST_AUTO_TEST_CASE(page_copy_loses_its_chrome) {
  BOOST_TEST(read_line(kPageCopy) ==
             "Tokyo tightens chip tool exports as Beijing protests | TOKYO | UTF-8 | "
             "P:TOKYO \xE2\x80\x93 Japan will require licences for exports of advanced chip "
             "tools, the trade ministry said on Jan 9, widening rules it first set out in 2023. / "
             "P:The rules cover 23 types of equipment. Officials said the list would be reviewed "
             "each year. / P:\xE2\x80\x9CWe are acting in line with our partners,\xE2\x80\x9D a "
             "ministry official told reporters. / H:Beijing responds / P:China\xE2\x80\x99s "
             "commerce ministry said it firmly opposed the move. AFP");
}

BOOST_AUTO_TEST_CASE(layouts) {
  check_rows({
      {"hard-wrapped paragraphs separated by blank lines",
       "Ministry sets new licence rules\n\n"
       "SEOUL, March 3 (Yonhap) - South Korea's trade ministry said on\n"
       "Tuesday it would add 14 items to its strategic goods list, citing\n"
       "changes agreed under the Wassenaar Arrangement.\n\n"
       "The additions take effect on April 1. Exporters will need a permit\n"
       "for each shipment.\n",
       "Ministry sets new licence rules | SEOUL, March 3 | UTF-8 | P:SEOUL, March 3 (Yonhap) - "
       "South Korea's trade ministry said on Tuesday it would add 14 items to its strategic goods "
       "list, citing changes agreed under the Wassenaar Arrangement. / P:The additions take "
       "effect on April 1. Exporters will need a permit for each shipment."},
      {"a heading block of short lines is not a wrapped paragraph",
       "Ministry announcement on suspending clause 2\nMinistry of Commerce\n9 November 2025\n\n"
       "The ministry has decided to suspend the clause.\n",
       "Ministry announcement on suspending clause 2 |  | UTF-8 | P:Ministry of Commerce / "
       "P:9 November 2025 / P:The ministry has decided to suspend the clause."},
      {"one line per paragraph with a blank line after the title",
       "Gallium exports resume\n\n"
       "Shipments of gallium resumed in March after a pause of nearly two years, customs data "
       "showed on Tuesday, with most cargoes going to Europe.\n"
       "Producers said licences were still slow to arrive and that some buyers had found other "
       "sources in the meantime.\n",
       "Gallium exports resume |  | UTF-8 | P:Shipments of gallium resumed in March after a pause "
       "of nearly two years, customs data showed on Tuesday, with most cargoes going to Europe. / "
       "P:Producers said licences were still slow to arrive and that some buyers had found other "
       "sources in the meantime."},
      {"no title when the first line is a sentence",
       "The ministry issued a statement.\nIt took effect at once.\n",
       " |  | UTF-8 | P:The ministry issued a statement. / P:It took effect at once."},
      {"a single line is text, not a title", "Only one line", " |  | UTF-8 | P:Only one line"},
      {"CRLF and bullets",
       "Measures announced\r\nThe list has three parts:\r\n- licences for graphite\r\n"
       "* a ban on military end users\r\n\xE2\x80\xA2 reporting duties\r\n",
       "Measures announced |  | UTF-8 | P:The list has three parts: / L:licences for graphite / "
       "L:a ban on military end users / L:reporting duties"},
      {"a short last line stays a paragraph",
       "Title line here\nBody text that is a sentence.\nTalks continue next week\n",
       "Title line here |  | UTF-8 | P:Body text that is a sentence. / P:Talks continue next week"},
      {"hard-wrapped Chinese joins without spaces",
       "\xE5\x95\x86\xE5\x8A\xA1\xE9\x83\xA8\xE5\x85\xAC\xE5\x91\x8A\n\n"
       "\xE5\x95\x86\xE5\x8A\xA1\xE9\x83\xA8\xE5\xAE\xA3\xE5\xB8\x83\xE5\xAF\xB9\xE4\xB8\xA4\xE7"
       "\x94\xA8\xE7\x89\xA9\xE9\xA1\xB9\n"
       "\xE5\xAE\x9E\xE6\x96\xBD\xE5\x87\xBA\xE5\x8F\xA3\xE7\xAE\xA1\xE5\x88\xB6\xE3\x80\x82\n",
       "\xE5\x95\x86\xE5\x8A\xA1\xE9\x83\xA8\xE5\x85\xAC\xE5\x91\x8A |  | UTF-8 | "
       "P:\xE5\x95\x86\xE5\x8A\xA1\xE9\x83\xA8\xE5\xAE\xA3\xE5\xB8\x83\xE5\xAF\xB9\xE4\xB8\xA4"
       "\xE7\x94\xA8\xE7\x89\xA9\xE9\xA1\xB9\xE5\xAE\x9E\xE6\x96\xBD\xE5\x87\xBA\xE5\x8F\xA3\xE7"
       "\xAE\xA1\xE5\x88\xB6\xE3\x80\x82"},
      {"chrome lines inside a blank-line layout stay separate lines",
       "Curbs widen\n\nFollow topic:\nPHOTO: REUTERS\n\nBEIJING \xE2\x80\x93 China widened "
       "curbs.\n",
       "Curbs widen | BEIJING | UTF-8 | P:BEIJING \xE2\x80\x93 China widened curbs."},
      {"a short line right after a heading is a paragraph",
       "Curbs widen\nFirst sentence here.\nRelations sour\nTies have worsened\nMore text "
       "follows here.\n",
       "Curbs widen |  | UTF-8 | P:First sentence here. / H:Relations sour / P:Ties have worsened "
       "/ P:More text follows here."},
      {"a lead-in line ending in a colon stays",
       "Curbs widen\nThe statement said:\n\xE2\x80\x9CWe oppose this.\xE2\x80\x9D\n",
       "Curbs widen |  | UTF-8 | P:The statement said: / P:\xE2\x80\x9CWe oppose "
       "this.\xE2\x80\x9D"},
      {"chrome before the title goes with it",
       "Skip to main content\nCurbs widen\nText of the story.\n",
       "Curbs widen |  | UTF-8 | P:Text of the story."},
  });
}

BOOST_AUTO_TEST_CASE(bad_input) {
  check_rows({
      {"empty file", "", "InputError"},
      {"blank lines only", "\n \n\t\n", "InputError"},
      {"binary",
       std::string("\x7F"
                   "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
                   16),
       "InputError"},
      {"control characters", std::string(40, '\x01') + "text", "InputError"},
      {"only chrome", "Share this article\nPHOTO: AFP\n", "InputError"},
      {"invalid UTF-8 in UTF-8 text",
       "Z\xC3\xBCrich caf\xC3\xA9 r\xC3\xA9sum\xC3\xA9 na\xC3\xAFve \xFF end.",
       " |  | UTF-8 | P:Z\xC3\xBCrich caf\xC3\xA9 r\xC3\xA9sum\xC3\xA9 na\xC3\xAFve \xEF\xBF\xBD "
       "end."},
  });
}

BOOST_AUTO_TEST_CASE(encodings) {
  const std::string fr =
      "Le minist\xC3\xA8re a publi\xC3\xA9 la liste des biens \xC3\xA0 double usage.\n"
      "\xE2\x80\x9CNous appliquons les r\xC3\xA8gles\xE2\x80\x9D, a d\xC3\xA9"
      "clar\xC3\xA9 le "
      "porte-parole \xE2\x80\x93 sans plus de d\xC3\xA9tails sur les d\xC3\xA9lais.\n";
  const std::string fr_line =
      " |  | windows-1252 | P:Le minist\xC3\xA8re a publi\xC3\xA9 la liste des biens \xC3\xA0 "
      "double usage. / P:\xE2\x80\x9CNous appliquons les r\xC3\xA8gles\xE2\x80\x9D, a "
      "d\xC3\xA9"
      "clar\xC3\xA9 le porte-parole \xE2\x80\x93 sans plus de d\xC3\xA9tails sur les "
      "d\xC3\xA9lais.";
  // 中华人民共和国商务部今天发布公告，决定对两用物项实施出口管制。有关企业应当依法申请许可证。
  const std::string zh =
      "\xE4\xB8\xAD\xE5\x8D\x8E\xE4\xBA\xBA\xE6\xB0\x91\xE5\x85\xB1\xE5\x92\x8C\xE5\x9B\xBD\xE5"
      "\x95\x86\xE5\x8A\xA1\xE9\x83\xA8\xE4\xBB\x8A\xE5\xA4\xA9\xE5\x8F\x91\xE5\xB8\x83\xE5\x85"
      "\xAC\xE5\x91\x8A\xEF\xBC\x8C\xE5\x86\xB3\xE5\xAE\x9A\xE5\xAF\xB9\xE4\xB8\xA4\xE7\x94\xA8"
      "\xE7\x89\xA9\xE9\xA1\xB9\xE5\xAE\x9E\xE6\x96\xBD\xE5\x87\xBA\xE5\x8F\xA3\xE7\xAE\xA1\xE5"
      "\x88\xB6\xE3\x80\x82\xE6\x9C\x89\xE5\x85\xB3\xE4\xBC\x81\xE4\xB8\x9A\xE5\xBA\x94\xE5\xBD"
      "\x93\xE4\xBE\x9D\xE6\xB3\x95\xE7\x94\xB3\xE8\xAF\xB7\xE8\xAE\xB8\xE5\x8F\xAF\xE8\xAF\x81"
      "\xE3\x80\x82";
  // 経済産業省は本日、半導体製造装置の輸出管理を強化すると発表した。対象は二十三品目である。
  const std::string ja =
      "\xE7\xB5\x8C\xE6\xB8\x88\xE7\x94\xA3\xE6\xA5\xAD\xE7\x9C\x81\xE3\x81\xAF\xE6\x9C\xAC\xE6"
      "\x97\xA5\xE3\x80\x81\xE5\x8D\x8A\xE5\xB0\x8E\xE4\xBD\x93\xE8\xA3\xBD\xE9\x80\xA0\xE8\xA3"
      "\x85\xE7\xBD\xAE\xE3\x81\xAE\xE8\xBC\xB8\xE5\x87\xBA\xE7\xAE\xA1\xE7\x90\x86\xE3\x82\x92"
      "\xE5\xBC\xB7\xE5\x8C\x96\xE3\x81\x99\xE3\x82\x8B\xE3\x81\xA8\xE7\x99\xBA\xE8\xA1\xA8\xE3"
      "\x81\x97\xE3\x81\x9F\xE3\x80\x82\xE5\xAF\xBE\xE8\xB1\xA1\xE3\x81\xAF\xE4\xBA\x8C\xE5\x8D"
      "\x81\xE4\xB8\x89\xE5\x93\x81\xE7\x9B\xAE\xE3\x81\xA7\xE3\x81\x82\xE3\x82\x8B\xE3\x80\x82";
  const std::string en = "Title line\nBody sentence here.\n";
  check_rows({
      {"windows-1252 by detection", encode(fr, "windows-1252"), fr_line.c_str()},
      {"GB18030 by detection", encode(zh, "GB18030"), (" |  | GB18030 | P:" + zh).c_str()},
      {"Shift_JIS by detection", encode(ja, "Shift_JIS"), (" |  | Shift_JIS | P:" + ja).c_str()},
      {"UTF-8 BOM", "\xEF\xBB\xBF" + en, "Title line |  | UTF-8 | P:Body sentence here."},
      {"UTF-16LE BOM", encode("\xEF\xBB\xBF" + en, "UTF-16LE"),
       "Title line |  | UTF-16LE | P:Body sentence here."},
      {"UTF-16BE BOM", encode("\xEF\xBB\xBF" + en, "UTF-16BE"),
       "Title line |  | UTF-16BE | P:Body sentence here."},
      {"UTF-16LE without BOM", encode(en, "UTF-16LE"),
       "Title line |  | UTF-16LE | P:Body sentence here."},
      {"UTF-32LE BOM", encode("\xEF\xBB\xBF" + en, "UTF-32LE"),
       "Title line |  | UTF-32LE | P:Body sentence here."},
  });
}

BOOST_AUTO_TEST_CASE(decode_and_binary_tables) {
  struct DecodeRow {
    std::string bytes;
    const char* encoding;
    const char* utf8;
  };
  const DecodeRow decode_rows[] = {
      {"plain ASCII", "UTF-8", "plain ASCII"},
      {"caf\xC3\xA9", "UTF-8", "caf\xC3\xA9"},
      {"\xEF\xBB\xBF"
       "bom",
       "UTF-8", "bom"},
      {std::string("\xFF\xFEh\0i\0", 6), "UTF-16LE", "hi"},
      {std::string("\xFE\xFF\0h\0i", 6), "UTF-16BE", "hi"},
      {std::string("\x00\x00\xFE\xFF\x00\x00\x00h", 8), "UTF-32BE", "h"},
      {"", "UTF-8", ""},
  };
  for (const DecodeRow& row : decode_rows) {
    const DecodedText d = decode_to_utf8(row.bytes);
    BOOST_TEST(d.encoding == row.encoding, row.bytes);
    BOOST_TEST(d.utf8 == row.utf8, row.bytes);
  }
  BOOST_TEST(decode_with_charset("caf\xE9", "latin1")->utf8 == "caf\xC3\xA9");
  BOOST_TEST(decode_with_charset("\x93x\x94", "ISO-8859-1")->utf8 == "\xE2\x80\x9Cx\xE2\x80\x9D");
  BOOST_TEST(!decode_with_charset("x", "no-such-charset").has_value());

  struct BinaryRow {
    std::string bytes;
    bool binary;
  };
  const BinaryRow binary_rows[] = {
      {"", false},
      {"Plain text.\n\tIndented line.\r\n", false},
      {"%PDF-1.7\n", true},
      {std::string("PK\x03\x04", 4), true},
      {std::string("text\0with NUL", 13), true},
      {std::string("\xFF\xFEh\0i\0", 6), false},
      {std::string("h\0e\0l\0l\0o\0", 10), false},
      {std::string("\xFF\xFE\x01\x00\x02\x00\x03\x00\x00\x00", 10), true},
      {std::string(30, '\x02') + "abc", true},
      {"\x1B[1mbold\x1B[0m terminal text", false},
  };
  for (const BinaryRow& row : binary_rows) {
    BOOST_TEST(looks_binary(row.bytes) == row.binary, row.bytes);
  }
}

BOOST_AUTO_TEST_CASE(boilerplate_rules) {
  struct LineRow {
    const char* line;
    bool boilerplate;
    bool credit;
  };
  static const LineRow rows[] = {
      // calls to action
      {"Sign up now: Get insights on Asia's fast-moving developments", true, false},
      {"Subscribe to our newsletter", true, false},
      {"Share this article", true, false},
      {"Download the app", true, false},
      {"Click here to read more", true, false},
      {"Read more: China bans gallium exports", true, false},
      {"Register now for free", true, false},
      {"Log in", true, false},
      {"Advertisement", true, false},
      {"Listen to this article", true, false},
      {"Watch: Officials inspect the port", true, false},
      {"\xE2\x96\xBA Follow us on Telegram", true, false},
      {"Facebook Twitter Email", true, false},
      {"5 min read", true, false},
      {"Reporting by A. Writer in Tokyo; Editing by C. Editor", true, false},
      // labels
      {"Follow topic:", true, false},
      {"Related:", true, false},
      {"Tags:", true, false},
      {"Tags: China, Japan, Trade", true, false},
      // notices and copyright
      {"We use cookies to improve your experience on our site.", true, false},
      {"By continuing to use this site you agree to our terms.", true, false},
      {"\xC2\xA9 2026 Example Media. All rights reserved.", true, false},
      {"Copyright 2026 Example Media", true, false},
      // credits
      {"PHOTO: REUTERS", true, true},
      {"Photo: AFP/Getty", true, true},
      {"Image credit: Jane Doe", true, true},
      {"(Photo by Kim Lee/AFP)", true, true},
      {"Photograph: Jane Doe/The Example", true, true},
      {"Workers at the port in Qingdao. PHOTO: REUTERS", true, true},
      {"A worker at the site. REUTERS/Tingshu Wang", true, true},
      // article text that starts like chrome
      {"Share prices fell 3 per cent on Friday.", false, false},
      {"Follow the money, investigators say", false, false},
      {"Follow-up talks are planned for March.", false, false},
      {"Get ready for more restrictions, officials warned.", false, false},
      {"Copyright law was changed in 2026.", false, false},
      {"The statement said:", false, false},
      {"The measures include:", false, false},
      {"The ministry released a photo: a blank page.", false, false},
      {"A Reuters/Ipsos poll showed support for the ban.", false, false},
      {"Pictures of the ban spread online.", false, false},
      {"Subscribe to our newsletter, the minister joked at a briefing on Thursday, before turning "
       "to the export licences that had been delayed for months at the border",
       false, false},
      {"\xE5\x95\x86\xE5\x8A\xA1\xE9\x83\xA8\xE8\xA1\xA8\xE7\xA4\xBA\xEF\xBC\x8C\xE5\xB0\x86\xE5"
       "\xAE\x9E\xE6\x96\xBD\xE5\x87\xBA\xE5\x8F\xA3\xE7\xAE\xA1\xE5\x88\xB6\xE3\x80\x82",
       false, false},
      {"", false, false},
  };
  for (const LineRow& row : rows) {
    BOOST_TEST(is_boilerplate_line(row.line) == row.boilerplate, row.line);
    BOOST_TEST(is_photo_credit(row.line) == row.credit, row.line);
  }
}

BOOST_AUTO_TEST_CASE(strip_boilerplate_drops_captions_before_credits) {
  auto p = [](const char* text) { return Block{BlockKind::paragraph, text}; };
  std::vector<Block> blocks = {
      p("Sign up now: Get the briefing"),
      p("Officials at the port on Monday."),  // caption of the credit below
      p("PHOTO: AFP"),
      p("BEIJING \xE2\x80\x93 China said on Monday it would act."),
      p("Workers at a plant. PHOTO: REUTERS"),  // carries its own caption
      p("The story goes on."),
      p("A final long paragraph that is much longer than any caption would ever be, with more "
        "than twenty-five words in it so that it can never be taken for the caption of a photo."),
      p("PHOTO: AFP"),  // after a long paragraph: nothing to drop but itself
  };
  BOOST_TEST(strip_boilerplate(blocks) == 5u);
  BOOST_TEST(blocks_line(blocks) ==
             "P:BEIJING \xE2\x80\x93 China said on Monday it would act. / P:The story goes on. / "
             "P:A final long paragraph that is much longer than any caption would ever be, with "
             "more than twenty-five words in it so that it can never be taken for the caption of a "
             "photo.");
}

BOOST_AUTO_TEST_CASE(datelines) {
  struct DatelineRow {
    const char* paragraph;
    const char* dateline;
  };
  static const DatelineRow rows[] = {
      {"BEIJING \xE2\x80\x93 China\xE2\x80\x99s export ban", "BEIJING"},
      {"TOKYO, Jan 7 (Reuters) - Japan said", "TOKYO, Jan 7"},
      {"SALVADOR, Feb 26 - Brazil's cocoa", "SALVADOR, Feb 26"},
      {"KYIV, Ukraine (AP) \xE2\x80\x94 Officials said", "KYIV, Ukraine"},
      {"NEW YORK, March 3, 2026 /PRNewswire/ -- A company", "NEW YORK, March 3, 2026"},
      {"WASHINGTON\xE2\x80\x94The Commerce Department", "WASHINGTON"},
      {"S\xC3\x83O PAULO \xE2\x80\x93 Brazil", "S\xC3\x83O PAULO"},
      {"WASHINGTON, Sept. 30 (Reuters) - The U.S.", "WASHINGTON, Sept. 30"},
      {"US \xE2\x80\x93 China talks resume", ""},
      {"Beijing \xE2\x80\x93 China said", ""},
      {"The ministry said \xE2\x80\x93 and repeated", ""},
      {"BEIJING-based firms said", ""},
      {"BEIJING \xE2\x80\x93", ""},
      {"\xE5\x8C\x97\xE4\xBA\xAC \xE2\x80\x93 \xE4\xB8\xAD\xE5\x9B\xBD", ""},
      {"", ""},
  };
  for (const DatelineRow& row : rows) {
    BOOST_TEST(find_dateline(row.paragraph) == row.dateline, row.paragraph);
  }
}
