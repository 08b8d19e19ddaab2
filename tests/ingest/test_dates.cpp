// Metadata dates: parse_metadata_date, date_from_file_name, is_calendar_value.
// Table-driven: each row is an input and its one-line expected result ("-" = none).
#define BOOST_TEST_MODULE test_dates
#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>

#include "dualdex/ingest/dates.hpp"

using dualdex::ingest::date_from_file_name;
using dualdex::ingest::is_calendar_value;
using dualdex::ingest::parse_metadata_date;

namespace {

struct Row {
  std::string_view input;
  std::string_view expected;  // "-" when the input is not a date
};

std::string or_dash(const std::optional<std::string>& value) { return value ? *value : "-"; }

}  // namespace

BOOST_AUTO_TEST_CASE(iso_8601_forms) {
  const Row rows[] = {
      {"2026-01-08", "2026-01-08"},
      {"2026-01-08T09:30:00+08:00", "2026-01-08"},  // the calendar date as written, no zone shift
      {"2026-01-07T23:30:00-05:00", "2026-01-07"},
      {"2026-01-08T09:30:00Z", "2026-01-08"},
      {"2026-01-08 15:01", "2026-01-08"},
      {"  2026-01-08\n", "2026-01-08"},
      {"2026-01", "2026-01"},
      {"2026", "2026"},
      {"20260108", "2026-01-08"},
      {"20260108T093000Z", "2026-01-08"},
      {"2026/01/08", "2026-01-08"},
      {"2026-13-01", "-"},
      {"2026-00", "-"},
      {"2026-01-32", "-"},
      {"2026-04-31", "-"},
      {"2026-1-8", "-"},
      {"2026-01-08x", "-"},
      {"2026 was a year", "-"},
      {"202601081", "-"},
      {"0000", "-"},
      {"", "-"},
      {"   ", "-"},
      {"soon", "-"},
  };
  for (const Row& row : rows) {
    BOOST_TEST_CONTEXT("input \"" << row.input << "\"") {
      BOOST_TEST(or_dash(parse_metadata_date(row.input)) == row.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(leap_years) {
  const Row rows[] = {
      {"2024-02-29", "2024-02-29"},  // divisible by 4
      {"2026-02-29", "-"},
      {"2000-02-29", "2000-02-29"},  // divisible by 400
      {"1900-02-29", "-"},           // divisible by 100 only
      {"29 February 2024", "2024-02-29"},
      {"Feb 29, 2023", "-"},
      {"29-FEB-1987 10:00:00.00", "-"},
      {"20240229", "2024-02-29"},
      {"20230229", "-"},
  };
  for (const Row& row : rows) {
    BOOST_TEST_CONTEXT("input \"" << row.input << "\"") {
      BOOST_TEST(or_dash(parse_metadata_date(row.input)) == row.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(textual_and_rfc_822_forms) {
  const Row rows[] = {
      {"Thu, 08 Jan 2026 09:30:00 GMT", "2026-01-08"},
      {"Thu, 8 Jan 2026 09:30:00 +0800", "2026-01-08"},
      {"Wed, 07 Jan 2026", "2026-01-07"},
      {"Thu, 08 Jan 26 09:30:00 GMT", "2026-01-08"},  // RFC 822 two-digit year
      {"January 8, 2026", "2026-01-08"},
      {"january 8 2026", "2026-01-08"},
      {"Jan 8, 2026", "2026-01-08"},
      {"Jan. 8, 2026", "2026-01-08"},
      {"Sept 30, 2025", "2025-09-30"},
      {"Jan 8th, 2026", "2026-01-08"},
      {"8 January 2026", "2026-01-08"},
      {"08 Jan. 2026", "2026-01-08"},
      {"8th January 2026", "2026-01-08"},
      {"Thursday, January 8, 2026", "2026-01-08"},
      {"January 2026", "2026-01"},
      {"January 8, 2026, 9:30 a.m. EST", "2026-01-08"},
      {"Smarch 8, 2026", "-"},
      {"January 32, 2026", "-"},
      {"January 8, 20261", "-"},
      {"January 8", "-"},
      {"Jan 8xy, 2026", "-"},
  };
  for (const Row& row : rows) {
    BOOST_TEST_CONTEXT("input \"" << row.input << "\"") {
      BOOST_TEST(or_dash(parse_metadata_date(row.input)) == row.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(reuters_dates_with_trailing_noise) {
  const Row rows[] = {
      {"26-FEB-1987 15:01:01.79", "1987-02-26"},
      {" 3-APR-1987 07:09:06.48", "1987-04-03"},
      {"27-MAR-1987 00:02:59.13\x05\x05\x05RM", "1987-03-27"},  // control bytes as in the raw files
      {"27-MAR-1987 00:02:59.13RM", "1987-03-27"},
      {"19-OCT-1987 12:00:00.00 extra words", "1987-10-19"},
      {"31-APR-1987 10:00:00.00", "-"},
      {"26-XYZ-1987 15:01:01.79", "-"},
      {"26-FEB-19871", "-"},
  };
  for (const Row& row : rows) {
    BOOST_TEST_CONTEXT("input \"" << row.input << "\"") {
      BOOST_TEST(or_dash(parse_metadata_date(row.input)) == row.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(dates_in_file_names) {
  const Row rows[] = {
      {"story-2026-01-08.txt", "2026-01-08"},
      {"/var/feeds/2025-12-31/mofcom-2026-01-08.html", "2026-01-08"},  // the name, not the folder
      {"2026-01-08", "2026-01-08"},
      {"notes-2025-12-31-and-2026-01-08.txt", "2025-12-31"},
      {"story-2026-02-30.txt", "-"},
      {"id-12026-01-08.txt", "-"},  // glued to more digits: not a date
      {"story-2026-01-081.txt", "-"},
      {"story-20260108.txt", "-"},
      {"/2026-01-08/story.txt", "-"},
      {"", "-"},
  };
  for (const Row& row : rows) {
    BOOST_TEST_CONTEXT("path \"" << row.input << "\"") {
      BOOST_TEST(or_dash(date_from_file_name(row.input)) == row.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(calendar_values) {
  const Row rows[] = {
      {"2026", "yes"},      {"2026-01", "yes"},    {"2026-01-08", "yes"}, {"2024-02-29", "yes"},
      {"2026-02-29", "no"}, {"2026-13", "no"},     {"2026-00", "no"},     {"2026-1", "no"},
      {"2026-01-8", "no"},  {"2026-W02", "no"},    {"P2Y", "no"},         {"FY2026", "no"},
      {"0000", "no"},       {"2026-01-08T09", "no"}, {"", "no"},          {"2026/01/08", "no"},
  };
  for (const Row& row : rows) {
    BOOST_TEST_CONTEXT("value \"" << row.input << "\"") {
      BOOST_TEST(std::string(is_calendar_value(row.input) ? "yes" : "no") == row.expected);
    }
  }
}

// Every value parse_metadata_date returns must itself be a calendar value.
BOOST_AUTO_TEST_CASE(parsed_dates_are_calendar_values) {
  const std::string_view inputs[] = {"2026", "2026-01", "20260108", "Jan 8, 2026", "January 2026",
                                     "26-FEB-1987 15:01:01.79", "Thu, 08 Jan 26 09:30:00 GMT"};
  for (std::string_view input : inputs) {
    const auto parsed = parse_metadata_date(input);
    BOOST_TEST_REQUIRE(parsed.has_value(), "no date from " << input);
    BOOST_TEST(is_calendar_value(*parsed), *parsed << " from " << input);
  }
}
