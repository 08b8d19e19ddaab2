#define BOOST_TEST_MODULE date_extract
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "dualdex/ingest/extract_dates.hpp"
#include "dualdex/ingest/segment.hpp"
#include "dualdex/ingest/tokenize.hpp"

using namespace dualdex::ingest;

namespace {

const DateExtractor& extractor() {
  static const std::unique_ptr<DateExtractor> e = DateExtractor::load(std::filesystem::path());
  return *e;
}

std::vector<Mention> run(const std::string& text, const std::string& dct) {
  const Document doc;
  const std::vector<Token> tokens = tokenize(text);
  const std::vector<Span> sentences = split_sentences(text, "en");
  Extraction out;
  extractor().extract(ExtractInput{doc, text, tokens, sentences, dct}, out);
  return out.mentions;
}

// "text=value;..." with "[TYPE]" after the value when the TIMEX3 type is not DATE.
std::string line(const std::string& text, const std::string& dct) {
  std::string out;
  for (const Mention& m : run(text, dct)) {
    if (!out.empty()) out += ';';
    out += m.text + "=" + m.value;
    if (m.id != "DATE") out += "[" + m.id + "]";
  }
  return out;
}

struct Row {
  const char* text;
  const char* dct;
  const char* expected;
};

void check(const std::vector<Row>& rows) {
  for (const Row& r : rows) {
    BOOST_TEST_CONTEXT(r.text << " @ " << r.dct) {
      BOOST_TEST(line(r.text, r.dct) == r.expected);
    }
  }
}

/// The text of a TimeML document's TEXT with tags removed and &amp; &lt; &gt; decoded.
std::string strip_timeml_text(const std::string& xml) {
  const std::size_t open = xml.find("<TEXT>");
  const std::size_t close = xml.rfind("</TEXT>");
  if (open == std::string::npos || close == std::string::npos) return "<no TEXT>";
  const std::string body = xml.substr(open + 6, close - open - 6);
  std::string out;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '<') {
      i = body.find('>', i);
      if (i == std::string::npos) break;
      continue;
    }
    if (body.compare(i, 5, "&amp;") == 0) {
      out += '&';
      i += 4;
    } else if (body.compare(i, 4, "&lt;") == 0) {
      out += '<';
      i += 3;
    } else if (body.compare(i, 4, "&gt;") == 0) {
      out += '>';
      i += 3;
    } else {
      out += body[i];
    }
  }
  return out;
}

}  // namespace

// The seed story (issue 3), as written there: --dct 2026-01-08.
BOOST_AUTO_TEST_CASE(seed_gold) {
  check({
      {"the commerce ministry said on Jan 8, helping calm fears", "2026-01-08", "Jan 8=2026-01-08"},
      {"Vice-Foreign Minister Takehiro Funakoshi on Jan 8 strongly protested", "2026-01-08",
       "Jan 8=2026-01-08"},
      {"In December 2025, Japan's Cabinet approved a record spending package for the fiscal year "
       "starting in "
       "April that includes a 3.8 per cent increase",
       "2026-01-08", "December 2025=2025-12;the fiscal year=FY2026;April=2026-04"},
      {"China has an export control list of around 1,100 dual-use items", "2026-01-08", ""},
      {"to nine trillion yen (S$74.4 billion)", "2026-01-08", ""},
  });
}

BOOST_AUTO_TEST_CASE(absolute_dates) {
  check({
      {"It was signed on January 8, 2026.", "2026-01-08", "January 8, 2026=2026-01-08"},
      {"It was signed on 8 January 2026.", "", "8 January 2026=2026-01-08"},
      {"It was signed on Jan. 8, 2026.", "", "Jan. 8, 2026=2026-01-08"},
      {"It takes effect on the 8th of January, 2026.", "", "the 8th of January, 2026=2026-01-08"},
      {"Jan 8", "2026-01-08", "Jan 8=2026-01-08"},
      {"Exports fell in December 2025.", "2026-01-08", "December 2025=2025-12"},
      {"Exports fell in Dec. 2025.", "", "Dec. 2025=2025-12"},
      {"The list was revised in 2026.", "", "2026=2026"},
      {"Filed 2026-01-08 by the ministry.", "", "2026-01-08=2026-01-08"},
      {"Filed 2026-01 by the ministry.", "", "2026-01=2026-01"},
      {"Filed on 1/8/2026 in Beijing.", "", "1/8/2026=2026-01-08"},
      {"Filed on 13/1/2026 in Beijing.", "", "13/1/2026=2026-01-13"},
      {"The plant opens by mid-2025.", "", "mid-2025=2025"},
      {"Prices rose in early 2011.", "", "early 2011=2011"},
      {"Controls date from the 1990s.", "", "the 1990s=199"},
      {"A relic of the '90s.", "2026-01-08", "the '90s=199"},
      {"Back in '98 and the '20s", "2026-01-08", "the '20s=202"},
      {"A relic of the 20th century.", "", "the 20th century=19"},
      {"the winter of nineteen ninety-four", "1998-02-23",
       "the winter of nineteen ninety-four=1994-WI"},
      {"Prices fell in June last year.", "2026-01-08", "June last year=2025-06"},
      {"Friday, March 22, 2013", "2013-03-22", "Friday=2013-03-22;March 22, 2013=2013-03-22"},
      {"the pandemic of 2009-2010", "", "2009=2009;2010=2010"},
      {"MOFCOM Announcement No. 1 of 2026", "", "2026=2026"},
      {"Feb. 30, 2026 does not exist.", "", ""},
  });
}

BOOST_AUTO_TEST_CASE(months_and_days_without_a_year) {
  check({
      // the most recent one, unless it is at most ~4 months ahead or the tense says future
      {"The ban took effect in December.", "2026-01-08", "December=2025-12"},
      {"The summit is in March.", "2026-01-08", "March=2026-03"},
      {"The rules were issued in August.", "2026-01-08", "August=2025-08"},
      {"The rules will be issued in August.", "2026-01-08", "August=2026-08"},
      {"The rules were issued on Sept. 30.", "2026-01-08", "Sept. 30=2025-09-30"},
      {"He must return by Jan. 14.", "2026-01-08", "Jan. 14=2026-01-14"},
      {"the March accession", "2026-01-08", "March=2026-03"},
      {"Theresa May said", "2026-01-08", ""},
      {"You may go.", "2026-01-08", ""},
      {"last May", "2026-01-08", "last May=2025-05"},
      {"next March", "2026-01-08", "next March=2026-03"},
      {"late last July", "2013-03-22", "late last July=2012-07"},
      {"early December", "2013-03-22", "early December=2012-12"},
      {"the end of November", "2026-01-08", "the end of November=2025-11"},
  });
}

BOOST_AUTO_TEST_CASE(relative_dates) {
  // 2026-01-08 is a Thursday in ISO week 2026-W02.
  check({
      {"The ministry said today.", "2026-01-08", "today=2026-01-08"},
      {"The ministry said yesterday.", "2026-01-08", "yesterday=2026-01-07"},
      {"Talks resume tomorrow.", "2026-01-08", "tomorrow=2026-01-09"},
      {"the day before yesterday", "2026-01-08", "the day before yesterday=2026-01-06"},
      {"The ministry said on Thursday.", "2026-01-08", "Thursday=2026-01-08"},
      {"The ministry said on Monday.", "2026-01-08", "Monday=2026-01-05"},
      {"Officials will meet on Monday.", "2026-01-08", "Monday=2026-01-12"},
      {"He left last Friday.", "2026-01-08", "last Friday=2026-01-02"},
      {"He leaves next Friday.", "2026-01-08", "next Friday=2026-01-09"},
      {"Exports fell last week.", "2026-01-08", "last week=2026-W01"},
      {"Exports fell this week.", "2026-01-08", "this week=2026-W02"},
      {"Talks resume next month.", "2026-01-08", "next month=2026-02"},
      {"Exports fell last month.", "2026-01-08", "last month=2025-12"},
      {"Exports fell this year.", "2026-01-08", "this year=2026"},
      {"Exports fell last year.", "2026-01-08", "last year=2025"},
      {"Exports rise next year.", "2026-01-08", "next year=2027"},
      {"The list was set up two years ago.", "2026-01-08", "two years ago=2024"},
      {"The list was set up six weeks ago.", "2026-01-08", "six weeks ago=2025-W48"},
      {"The list was set up three days ago.", "2026-01-08", "three days ago=2026-01-05"},
      {"earlier this year", "2026-01-08", "earlier this year=2026"},
      {"early next year", "2026-01-08", "early next year=2027"},
      {"the end of the year", "2026-01-08", "the end of the year=2026"},
      {"Exports rose over the weekend.", "2026-01-08", "the weekend=2026-W01-WE"},
      {"Now the ministry says", "2026-01-08", "Now=PRESENT_REF"},
      {"The ministry recently said", "2026-01-08", "recently=PAST_REF"},
      {"in the near future", "2026-01-08", "the near future=FUTURE_REF"},
  });
}

BOOST_AUTO_TEST_CASE(quarters_seasons_fiscal_years) {
  check({
      {"Exports fell in the first quarter.", "2026-01-08", "the first quarter=2026-Q1"},
      {"Exports fell in the third quarter.", "1989-10-27", "the third quarter=1989-Q3"},
      {"third-quarter results", "1989-10-27", "third-quarter=1989-Q3"},
      {"the fourth quarter of 2025", "", "the fourth quarter of 2025=2025-Q4"},
      {"Q3 2025 sales", "", "Q3 2025=2025-Q3"},
      {"this year's third quarter", "1989-10-27", "this year's third quarter=1989-Q3"},
      {"Profit rose in the third quarter from a year earlier.", "1989-10-27",
       "the third quarter=1989-Q3;a year earlier=1988-Q3"},
      {"the first half of 2026", "", "the first half of 2026=2026-H1"},
      {"He resigned last summer.", "2013-03-22", "last summer=2012-SU"},
      {"the summer of 2025", "", "the summer of 2025=2025-SU"},
      {"Prices fall in winter.", "2026-01-08", "winter=2025-WI"},
      {"the fall in prices", "2026-01-08", ""},
      {"Sales rose in fiscal 2025.", "", "fiscal 2025=FY2025"},
      {"FY2026 budget", "", "FY2026=FY2026"},
      {"this fiscal year", "2026-01-08", "this fiscal year=FY2026"},
      {"the fiscal year starting in April", "2026-01-08", "the fiscal year=FY2026;April=2026-04"},
      {"the fiscal year beginning April 1", "2026-01-08",
       "the fiscal year=FY2026;April 1=2026-04-01"},
  });
}

BOOST_AUTO_TEST_CASE(durations_and_sets) {
  check({
      {"The ban lasts two years.", "2026-01-08", "two years=P2Y[DURATION]"},
      {"The ban lasts six months.", "", "six months=P6M[DURATION]"},
      {"Licences take 90 days.", "", "90 days=P90D[DURATION]"},
      {"It lasted a decade.", "", "a decade=P10Y[DURATION]"},
      {"It took three hours.", "", "three hours=PT3H[DURATION]"},
      {"It took 2 1/2 years.", "", "2 1/2 years=P2Y6M[DURATION]"},
      {"It took half an hour.", "", "half an hour=PT30M[DURATION]"},
      {"a four-week review", "", "four-week=P4W[DURATION]"},
      {"a 6-year-old boy", "", ""},
      {"five years old", "", ""},
      {"the past two years", "", "the past two years=P2Y[DURATION]"},
      {"the first nine months", "", "the first nine months=P9M[DURATION]"},
      {"nearly two years", "", "nearly two years=P2Y[DURATION]"},
      {"in recent years", "", "recent years=PXY[DURATION]"},
      {"for several months", "", "several months=PXM[DURATION]"},
      {"Reports are due every week.", "", "every week=P1W[SET]"},
      {"Reports are due every two weeks.", "", "every two weeks=P2W[SET]"},
      {"The committee meets every Monday.", "", "every Monday=XXXX-WXX-1[SET]"},
      {"Rallies were held daily.", "", "daily=P1D[SET]"},
      {"It meets twice a year.", "", "a year=P1Y[SET]"},
      {"$5 billion a year", "", "a year=P1Y[SET]"},
  });
}

BOOST_AUTO_TEST_CASE(times) {
  check({
      {"The blast came at 10:30 a.m. on the day.", "2026-01-08",
       "10:30 a.m.=2026-01-08T10:30[TIME]"},
      {"The talks end at 8 PM.", "2026-01-08", "8 PM=2026-01-08T20:00[TIME]"},
      {"The offer expires at 5 p.m. EST Nov. 9.", "1989-11-02",
       "5 p.m. EST Nov. 9=1989-11-09T17:00[TIME]"},
      {"The deadline will expire at 15:00 GMT Saturday.", "2013-03-22",
       "15:00 GMT Saturday=2013-03-23T15:00[TIME]"},
      {"noon Thursday", "1998-02-13", "noon Thursday=1998-02-12T12:00[TIME]"},
      {"The minister spoke this morning.", "2026-01-08", "this morning=2026-01-08TMO[TIME]"},
      {"He spoke Friday afternoon.", "2013-03-22", "Friday afternoon=2013-03-22TAF[TIME]"},
      {"He spoke last night.", "2026-01-08", "last night=2026-01-07TNI[TIME]"},
      {"She finished in 3:07:35.", "2026-01-08", ""},
      {"He watched High Noon.", "2026-01-08", ""},
  });
}

// A number in a URL, a price, a count or a code is not a year.
BOOST_AUTO_TEST_CASE(not_a_year) {
  check({
      {"It costs $2,015 per unit.", "2026-01-08", ""},
      {"It costs $2015 per unit.", "2026-01-08", ""},
      {"It costs US$2015.", "2026-01-08", ""},
      {"around 1,100 items", "2026-01-08", ""},
      {"2,000 tonnes of gallium", "2026-01-08", ""},
      {"2000 tonnes of gallium", "2026-01-08", ""},
      {"about 2000 people", "2026-01-08", ""},
      {"see https://example.com/news/2026/01/ban.html for details", "2026-01-08", ""},
      {"see www.mofcom.gov.cn/2026/index for details", "2026-01-08", ""},
      {"HS code 2805 and 2846 are covered", "2026-01-08", ""},
      {"under HS 8505, 2805 and 2846", "2026-01-08", ""},
      {"Rule No. 2026", "2026-01-08", ""},
      {"a 3.8 per cent increase", "2026-01-08", ""},
      {"a 2015% increase", "2026-01-08", ""},
      {"ECCN 3A001 and 9A515", "2026-01-08", ""},
      {"1999 was a good year", "2026-01-08", "1999=1999"},
  });
}

// Without a document date a relative date is left out, not guessed.
BOOST_AUTO_TEST_CASE(unresolved_without_dct) {
  check({
      {"The ministry said on Thursday.", "", ""},
      {"Exports fell last week.", "", ""},
      {"The ministry said on Jan 8.", "", ""},
      {"The ministry said today.", "", ""},
      {"The ban took effect in December.", "", ""},
      {"the first quarter", "", ""},
      {"two years ago", "", ""},
      {"the fiscal year starting in April", "", ""},
      {"It was signed on January 8, 2026, for two years.", "",
       "January 8, 2026=2026-01-08;two years=P2Y[DURATION]"},
      {"Exports fell last year.", "2026", "last year=2025"},
  });
}

BOOST_AUTO_TEST_CASE(offsets_and_types) {
  const std::string text =
      "Beijing \xE2\x80\x93 On Jan 8, the ministry said the ban lasts two years.";
  const auto mentions = run(text, "2026-01-08");
  BOOST_REQUIRE_EQUAL(mentions.size(), 2u);
  for (const Mention& m : mentions) {
    BOOST_TEST((m.type == MentionType::date));
    BOOST_TEST(text.substr(m.begin, m.end - m.begin) == m.text);
  }
  BOOST_TEST(mentions[0].id == "DATE");
  BOOST_TEST(mentions[0].value == "2026-01-08");
  BOOST_TEST(mentions[1].id == "DURATION");
  BOOST_TEST(mentions[1].value == "P2Y");
}

BOOST_AUTO_TEST_CASE(timeml_output) {
  const std::string text =
      "\nOn Jan 8 the ministry said\n\nexports of R&D <items> fell for two years.\n";
  const auto mentions = run(text, "2026-01-08");
  const std::string xml = to_timeml("seed-1", "2026-01-08", text, mentions);
  BOOST_TEST(xml.rfind("<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>seed-1</DOCID>\n", 0) == 0);
  BOOST_TEST(
      xml.find(
          "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2026-01-08\" temporalFunction=\"false\" "
          "functionInDocument=\"CREATION_TIME\">2026-01-08</TIMEX3></DCT>") != std::string::npos);
  BOOST_TEST(xml.find("<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2026-01-08\">Jan 8</TIMEX3>") !=
             std::string::npos);
  BOOST_TEST(xml.find("<TIMEX3 tid=\"t2\" type=\"DURATION\" value=\"P2Y\">two years</TIMEX3>") !=
             std::string::npos);
  BOOST_TEST(xml.find("R&amp;D &lt;items&gt;") != std::string::npos);
  BOOST_TEST(xml.ends_with("</TEXT>\n</TimeML>\n"));
  BOOST_TEST(strip_timeml_text(xml) == text);  // character for character
}

BOOST_AUTO_TEST_CASE(timeml_skips_bad_and_overlapping_mentions) {
  const std::string text = "Jan 8, 2026 and \xE2\x80\x93 more";
  std::vector<Mention> ms(5);
  for (auto& m : ms) m.type = MentionType::date;
  ms[0].begin = 0, ms[0].end = 5, ms[0].id = "DATE", ms[0].value = "2026-01-08";
  ms[1].begin = 0, ms[1].end = 11, ms[1].id = "DATE",
  ms[1].value = "2026-01-08";                                              // overlaps the first
  ms[2].begin = 17, ms[2].end = 18, ms[2].id = "DATE", ms[2].value = "x";  // cuts a UTF-8 sequence
  ms[3].begin = 10, ms[3].end = 500, ms[3].value = "x";                    // outside the text
  ms[4].type = MentionType::country, ms[4].begin = 16, ms[4].end = 19;     // not a date
  const std::string xml = to_timeml("d", "", text, ms);
  BOOST_TEST(xml.find("<DCT></DCT>") != std::string::npos);
  BOOST_TEST(strip_timeml_text(xml) == text);
  // the longest of the mentions starting first is kept
  BOOST_TEST(
      xml.find("<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2026-01-08\">Jan 8, 2026</TIMEX3>") !=
      std::string::npos);
  BOOST_TEST(xml.find("t2") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(round_trip_on_many_forms) {
  const std::string text =
      "On Jan 8, 2026 & later: last week, two years ago, every Monday, 10:30 a.m. EST, the 1990s, "
      "Q1 2026, "
      "<b>fiscal 2025</b>, \"daily\" & now.";
  for (const char* dct : {"2026-01-08", ""}) {
    const auto mentions = run(text, dct);
    BOOST_TEST(!mentions.empty());
    BOOST_TEST(strip_timeml_text(to_timeml("x", dct, text, mentions)) == text);
  }
}

// Malformed and adversarial text never throws, and every mention points into the text.
BOOST_AUTO_TEST_CASE(adversarial_text) {
  std::vector<std::string> texts;
  texts.push_back(std::string(1 << 20, 'a'));  // a very long line
  texts.push_back(std::string(200000, '7'));   // only digits
  std::string years;
  for (int i = 0; i < 20000; ++i) years += "2026";
  texts.push_back(years);  // no spaces
  std::string spaced;
  for (int i = 0; i < 20000; ++i) spaced += std::to_string(1900 + i % 200) + (i % 3 ? " " : "-");
  texts.push_back(spaced);  // digits and dashes
  std::string words;
  for (int i = 0; i < 5000; ++i) words += "Jan 8 May the last next every a year ago 12:30 p.m. Q3 ";
  texts.push_back(words);
  texts.push_back(
      "2026\xE5\xB9\xB4"
      "1\xE6\x9C\x88"
      "8\xE6\x97\xA5 \xD9\xA2\xD9\xA0\xD9\xA2\xD9\xA6 "
      "\xF0\x9F\x98\x80 January \xD0\xBC\xD0\xB0\xD1\x80\xD1\x82 8, 2026");  // mixed scripts
  texts.push_back(
      "\xFF\xFE Jan \xC3 8, 20\x80"
      "26 \xE2\x80");  // invalid UTF-8
  texts.push_back(":/-.,'\"$%");
  texts.push_back("");
  // deterministic pseudo-random bytes from a small alphabet of date-ish pieces
  std::uint32_t state = 12345;
  std::string fuzz;
  const char* pieces[] = {"Jan", ".",     " ",     "8",      ",",    "2026", "-",
                          "/",   ":",     "a.m",   "the",    "last", "week", "ago",
                          "two", "years", "every", "fiscal", "'",    "s",    "Friday",
                          "\n",  "\n\n",  "Q",     "1",      "mid"};
  for (int i = 0; i < 200000; ++i) {
    state = state * 1664525u + 1013904223u;
    fuzz += pieces[(state >> 16) % (sizeof pieces / sizeof pieces[0])];
  }
  texts.push_back(fuzz);
  for (const std::string& text : texts) {
    for (const char* dct : {"2026-01-08", "", "2026", "not-a-date", "9999-12-31", "0001-01-01"}) {
      std::vector<Mention> ms;
      BOOST_CHECK_NO_THROW(ms = run(text, dct));
      for (const Mention& m : ms) {
        BOOST_TEST(m.begin < m.end);
        BOOST_TEST(m.end <= text.size());
        BOOST_TEST(!m.value.empty());
      }
      BOOST_CHECK_NO_THROW((void)to_timeml("x", dct, text, ms));
    }
  }
}

BOOST_AUTO_TEST_CASE(deterministic_and_thread_safe) {
  std::string text;
  for (int i = 0; i < 200; ++i)
    text +=
        "On Jan 8 the ministry said exports fell last week and will rise in the first quarter of "
        "2026. ";
  const std::string expected = line(text, "2026-01-08");
  std::vector<std::string> got(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < got.size(); ++t)
    threads.emplace_back([&, t] { got[t] = line(text, "2026-01-08"); });
  for (auto& th : threads) th.join();
  for (const auto& g : got) BOOST_TEST(g == expected);
}
