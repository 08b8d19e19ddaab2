#include "dualdex/ingest/dates.hpp"

#include <array>
#include <cctype>
#include <cstdio>

namespace dualdex::ingest {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_leap_year(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap_year(year)) return 29;
  return days[static_cast<std::size_t>(month - 1)];
}

// Year 0000 is not a date any source writes; everything else with four digits is kept.
bool valid_date(int year, int month, int day) {
  if (year < 1 || year > 9999) return false;
  if (month < 1 || month > 12) return false;
  return day >= 1 && day <= days_in_month(year, month);
}

std::string format_date(int year, int month, int day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string format_month(int year, int month) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

std::string format_year(int year) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d", year);
  return buf;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

/// Reads exactly n digits at pos; -1 if there are not n digits there.
int digits_at(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!is_digit(s[i])) return -1;
    value = value * 10 + (s[i] - '0');
  }
  return value;
}

/// Small left-to-right reader over the textual date forms.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : m_s(s) {}

  bool at_end() const { return m_pos >= m_s.size(); }
  char peek() const { return at_end() ? '\0' : m_s[m_pos]; }
  void skip_spaces() {
    while (!at_end() && is_space(m_s[m_pos])) ++m_pos;
  }
  bool skip_char(char c) {
    if (peek() != c) return false;
    ++m_pos;
    return true;
  }
  /// A run of letters (may be empty).
  std::string_view word() {
    const std::size_t start = m_pos;
    while (!at_end() && is_alpha(m_s[m_pos])) ++m_pos;
    return m_s.substr(start, m_pos - start);
  }
  /// A run of digits and its length; value -1 when there is none or it is too long.
  int number(std::size_t* length) {
    const std::size_t start = m_pos;
    while (!at_end() && is_digit(m_s[m_pos])) ++m_pos;
    *length = m_pos - start;
    if (*length == 0 || *length > 4) return -1;
    return digits_at(m_s, start, *length);
  }
  /// True when the number just read is not glued to further digits or letters
  /// ("2026" in "2026." or "2026 15:01", not in "20261" or "2026abc").
  bool at_token_boundary() const { return at_end() || (!is_digit(peek()) && !is_alpha(peek())); }

 private:
  std::string_view m_s;
  std::size_t m_pos = 0;
};

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

/// 1..12 for an English month name or its three-letter (or "Sept") abbreviation, else 0.
int month_number(std::string_view word) {
  static constexpr std::array<std::string_view, 12> names = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (iequals(word, names[i]) || iequals(word, names[i].substr(0, 3)))
      return static_cast<int>(i) + 1;
  }
  if (iequals(word, "sept")) return 9;
  return 0;
}

bool is_weekday(std::string_view word) {
  static constexpr std::array<std::string_view, 7> names = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  for (std::string_view name : names) {
    if (iequals(word, name) || iequals(word, name.substr(0, 3))) return true;
  }
  return iequals(word, "tues") || iequals(word, "thur") || iequals(word, "thurs");
}

/// RFC 822 allows two-digit years; feeds that use them mean 19xx for 50..99.
int expand_two_digit_year(int yy) {
  return yy < 50 ? 2000 + yy : 1900 + yy;
}

/// ISO 8601 calendar forms: YYYY, YYYY-MM, YYYY-MM-DD (also with '/'), YYYYMMDD,
/// each optionally followed by a time ("T09:30:00+08:00", " 15:01"). The zone is
/// ignored on purpose: the calendar date is the one the source wrote.
std::optional<std::string> parse_iso(std::string_view s) {
  const int year = digits_at(s, 0, 4);
  if (year < 0) return std::nullopt;
  std::size_t pos = 4;
  int month = -1;  // -1: not written
  int day = -1;
  if (pos < s.size() && (s[pos] == '-' || s[pos] == '/')) {
    const char sep = s[pos];
    month = digits_at(s, pos + 1, 2);
    if (month < 0) return std::nullopt;
    pos += 3;
    if (pos < s.size() && s[pos] == sep) {
      day = digits_at(s, pos + 1, 2);
      if (day < 0) return std::nullopt;
      pos += 3;
    }
  } else if (pos < s.size() && is_digit(s[pos])) {
    month = digits_at(s, 4, 2);
    day = digits_at(s, 6, 2);
    if (month < 0 || day < 0) return std::nullopt;
    pos = 8;
  }
  if (pos < s.size()) {
    // Only a time may follow a date ("T09:30", " 15:01:01"); anything else is not ISO.
    const char next = s[pos];
    if (day < 0 || !(next == 'T' || next == 't' || next == ' ')) return std::nullopt;
    if (pos + 1 >= s.size() || !is_digit(s[pos + 1])) return std::nullopt;
  }
  if (month < 0) return year >= 1 ? std::optional(format_year(year)) : std::nullopt;
  if (day < 0) {
    if (year < 1 || month < 1 || month > 12) return std::nullopt;
    return format_month(year, month);
  }
  if (!valid_date(year, month, day)) return std::nullopt;
  return format_date(year, month, day);
}

/// Reuters "26-FEB-1987 15:01:01.79", and whatever noise follows it on the line.
std::optional<std::string> parse_day_dash_month(std::string_view s) {
  Cursor c(s);
  std::size_t len = 0;
  const int day = c.number(&len);
  if (day < 0 || len > 2 || !c.skip_char('-')) return std::nullopt;
  const int month = month_number(c.word());
  if (month == 0 || !c.skip_char('-')) return std::nullopt;
  int year = c.number(&len);
  if (year < 0 || (len != 4 && len != 2) || !c.at_token_boundary()) return std::nullopt;
  if (len == 2) year = expand_two_digit_year(year);
  if (!valid_date(year, month, day)) return std::nullopt;
  return format_date(year, month, day);
}

/// "8 January 2026", "Thu, 08 Jan 2026 09:30:00 GMT", "8th Jan. 2026".
std::optional<std::string> parse_day_month_year(Cursor& c) {
  std::size_t len = 0;
  const int day = c.number(&len);
  if (day < 0 || len > 2) return std::nullopt;
  c.word();  // ordinal suffix ("8th"); a month name glued to the day is not a form we accept
  c.skip_spaces();
  const int month = month_number(c.word());
  if (month == 0) return std::nullopt;
  c.skip_char('.');
  c.skip_char(',');
  c.skip_spaces();
  int year = c.number(&len);
  if (year < 0 || (len != 4 && len != 2) || !c.at_token_boundary()) return std::nullopt;
  if (len == 2) year = expand_two_digit_year(year);
  if (!valid_date(year, month, day)) return std::nullopt;
  return format_date(year, month, day);
}

/// "January 8, 2026", "Jan. 8 2026", "Jan 8th, 2026", and "January 2026" (a month).
std::optional<std::string> parse_month_day_year(Cursor& c) {
  const int month = month_number(c.word());
  if (month == 0) return std::nullopt;
  c.skip_char('.');
  c.skip_spaces();
  std::size_t len = 0;
  const int first = c.number(&len);
  if (first < 0) return std::nullopt;
  if (len == 4) {
    if (!c.at_token_boundary() || first < 1) return std::nullopt;
    return format_month(first, month);
  }
  if (len > 2) return std::nullopt;
  const std::string_view suffix = c.word();
  if (!suffix.empty() && !(iequals(suffix, "st") || iequals(suffix, "nd") ||
                           iequals(suffix, "rd") || iequals(suffix, "th")))
    return std::nullopt;
  c.skip_char(',');
  c.skip_spaces();
  const int year = c.number(&len);
  if (year < 0 || len != 4 || !c.at_token_boundary()) return std::nullopt;
  if (!valid_date(year, month, first)) return std::nullopt;
  return format_date(year, month, first);
}

/// Textual forms, after an optional weekday ("Thu, ", "Thursday ").
std::optional<std::string> parse_textual(std::string_view s) {
  Cursor c(s);
  {
    Cursor probe = c;
    const std::string_view first = probe.word();
    if (!first.empty() && is_weekday(first)) {
      probe.skip_char('.');
      probe.skip_char(',');
      probe.skip_spaces();
      c = probe;
    }
  }
  if (is_digit(c.peek())) return parse_day_month_year(c);
  if (is_alpha(c.peek())) return parse_month_day_year(c);
  return std::nullopt;
}

}  // namespace

std::optional<std::string> parse_metadata_date(std::string_view text) {
  const std::string_view s = trim(text);
  if (s.empty()) return std::nullopt;
  if (auto iso = parse_iso(s)) return iso;
  if (auto reuters = parse_day_dash_month(s)) return reuters;
  return parse_textual(s);
}

std::optional<std::string> date_from_file_name(std::string_view path) {
  const std::size_t slash = path.find_last_of("/\\");
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  // Scan every position: names like "2025-12-31-notes-2026-01-08.txt" take the first valid date.
  for (std::size_t i = 0; i + 10 <= name.size(); ++i) {
    if (i > 0 && is_digit(name[i - 1])) continue;
    if (i + 10 < name.size() && is_digit(name[i + 10])) continue;
    if (name[i + 4] != '-' || name[i + 7] != '-') continue;
    const int year = digits_at(name, i, 4);
    const int month = digits_at(name, i + 5, 2);
    const int day = digits_at(name, i + 8, 2);
    if (year < 0 || month < 0 || day < 0 || !valid_date(year, month, day)) continue;
    return format_date(year, month, day);
  }
  return std::nullopt;
}

bool is_calendar_value(std::string_view value) {
  if (value.size() != 4 && value.size() != 7 && value.size() != 10) return false;
  const int year = digits_at(value, 0, 4);
  if (year < 1) return false;
  if (value.size() == 4) return true;
  if (value[4] != '-') return false;
  const int month = digits_at(value, 5, 2);
  if (month < 1 || month > 12) return false;
  if (value.size() == 7) return true;
  if (value[7] != '-') return false;
  const int day = digits_at(value, 8, 2);
  return day >= 0 && valid_date(year, month, day);
}

}  // namespace dualdex::ingest
