#pragma once
// Proleptic Gregorian calendar arithmetic and TIMEX3 value formatting for the date
// extractor (days since 1970-01-01, ISO 8601 weeks). Header-only, no allocation
// except the formatted strings.
#include <cstdint>
#include <cstdio>
#include <string>

namespace dualdex::ingest::timex {

struct Ymd {
  int y = 0;
  int m = 0;  ///< 1..12
  int d = 0;  ///< 1..31
};

// Howard Hinnant's days_from_civil / civil_from_days.
inline std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy =
      (153 * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

inline std::int64_t days_from_civil(const Ymd& x) {
  return days_from_civil(x.y, x.m, x.d);
}

inline Ymd civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Ymd{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

/// ISO weekday: 1 = Monday … 7 = Sunday.
inline int weekday_of(std::int64_t days) {
  const std::int64_t w = (days + 3) % 7;  // 1970-01-01 was a Thursday (3 with Monday = 0)
  return static_cast<int>((w < 0 ? w + 7 : w) + 1);
}

inline bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

inline int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[(m - 1) % 12];
}

inline bool valid_ymd(int y, int m, int d) {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/// ISO 8601 week of a day: {week-year, week 1..53}.
struct IsoWeek {
  int year = 0;
  int week = 0;
};

inline IsoWeek iso_week(std::int64_t days) {
  const int wd = weekday_of(days);
  const std::int64_t thursday = days - wd + 4;  // the Thursday of the same week decides the year
  const Ymd t = civil_from_days(thursday);
  const std::int64_t jan1 = days_from_civil(t.y, 1, 1);
  return IsoWeek{t.y, static_cast<int>((thursday - jan1) / 7 + 1)};
}

/// Adds months, keeping the day inside the target month (Jan 31 + 1 month = Feb 28/29).
inline Ymd add_months(Ymd x, int months) {
  const int total = x.y * 12 + (x.m - 1) + months;
  x.y = total / 12;
  x.m = total % 12 + 1;
  if (x.d > days_in_month(x.y, x.m)) x.d = days_in_month(x.y, x.m);
  return x;
}

inline std::string fmt_year(int y) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d", y);
  return buf;
}
inline std::string fmt_ym(int y, int m) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  return buf;
}
inline std::string fmt_ymd(int y, int m, int d) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}
inline std::string fmt_ymd(const Ymd& x) {
  return fmt_ymd(x.y, x.m, x.d);
}
inline std::string fmt_week(const IsoWeek& w) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", w.year, w.week);
  return buf;
}
inline std::string fmt_quarter(int y, int q) {
  return fmt_year(y) + "-Q" + std::to_string(q);
}

/// Quarter index (y*4 + q-1) arithmetic.
inline int quarter_of_month(int m) {
  return (m - 1) / 3 + 1;
}

}  // namespace dualdex::ingest::timex
