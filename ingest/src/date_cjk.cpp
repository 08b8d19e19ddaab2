#include "date_cjk.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string_view>

#include "date_calendar.hpp"
#include "dualdex/ingest/cjk.hpp"

namespace dualdex::ingest::timex {
namespace {

constexpr std::string_view kYear = "年", kMonth = "月", kDay = "日", kDayZh = "号";

// Japanese eras of the Gregorian years they began in (year 1 = 元年).
struct Era {
  std::string_view name;
  int first_year;
};
constexpr Era kEras[] = {{"令和", 2019}, {"平成", 1989}, {"昭和", 1926}};

struct Digits {
  int value = -1;
  std::size_t begin = 0, end = 0;  ///< byte offsets
  int count = 0;
};

// A digit before position `at` (ASCII or full-width ０-９), and where it begins.
std::optional<std::pair<int, std::size_t>> digit_before(std::string_view s, std::size_t at) {
  if (at >= 1 && s[at - 1] >= '0' && s[at - 1] <= '9') return std::make_pair(s[at - 1] - '0', at - 1);
  if (at >= 3 && static_cast<unsigned char>(s[at - 3]) == 0xEF &&
      static_cast<unsigned char>(s[at - 2]) == 0xBC) {
    const int c = static_cast<unsigned char>(s[at - 1]);
    if (c >= 0x90 && c <= 0x99) return std::make_pair(c - 0x90, at - 3);
  }
  return std::nullopt;
}

std::optional<std::pair<int, std::size_t>> digit_at(std::string_view s, std::size_t at) {
  if (at < s.size() && s[at] >= '0' && s[at] <= '9') return std::make_pair(s[at] - '0', at + 1);
  if (at + 2 < s.size() && static_cast<unsigned char>(s[at]) == 0xEF &&
      static_cast<unsigned char>(s[at + 1]) == 0xBC) {
    const int c = static_cast<unsigned char>(s[at + 2]);
    if (c >= 0x90 && c <= 0x99) return std::make_pair(c - 0x90, at + 3);
  }
  return std::nullopt;
}

// The number written just before `at` (at most max_digits digits).
Digits number_before(std::string_view s, std::size_t at, int max_digits) {
  Digits d;
  d.end = at;
  int value = 0, scale = 1;
  std::size_t pos = at;
  while (d.count < max_digits + 1) {
    const auto dig = digit_before(s, pos);
    if (!dig) break;
    value += dig->first * scale;
    scale *= 10;
    pos = dig->second;
    ++d.count;
  }
  if (d.count == 0 || d.count > max_digits) return {};
  d.value = value;
  d.begin = pos;
  return d;
}

Digits number_at(std::string_view s, std::size_t at, int max_digits) {
  Digits d;
  d.begin = at;
  int value = 0;
  std::size_t pos = at;
  while (d.count < max_digits + 1) {
    const auto dig = digit_at(s, pos);
    if (!dig) break;
    value = value * 10 + dig->first;
    pos = dig->second;
    ++d.count;
  }
  if (d.count == 0 || d.count > max_digits) return {};
  d.value = value;
  d.end = pos;
  return d;
}

bool starts(std::string_view s, std::size_t at, std::string_view what) {
  return s.substr(at, what.size()) == what;
}

std::optional<Ymd> parse_dct(std::string_view dct) {
  Ymd r;
  if (dct.size() < 10 || std::sscanf(std::string(dct.substr(0, 10)).c_str(), "%4d-%2d-%2d", &r.y, &r.m, &r.d) != 3)
    return std::nullopt;
  return r;
}

std::string format(int y, int m, int d) {
  char buf[16];
  if (d > 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  }
  return buf;
}

bool valid(int y, int m, int d) {
  return y >= 1000 && y <= 2999 && m >= 1 && m <= 12 && (d == 0 || (d >= 1 && d <= days_in_month(y, m)));
}

// Words after a number of days that make it a length of time, not a day of the month:
// 30日以内 (within 30 days), 45日間, 5日後.
bool duration_follows(std::string_view s, std::size_t at) {
  for (std::string_view w : {"以内", "内", "間", "以上", "後", "前", "ぶり", "连续", "个工作日"}) {
    if (starts(s, at, w)) return true;
  }
  return false;
}

struct Hit {
  std::size_t begin, end;
  std::string value;
};

// The year written before 年 at `at` (kYear starts there): four digits, or an era year.
std::optional<std::pair<int, std::size_t>> year_before(std::string_view s, std::size_t at) {
  const Digits y = number_before(s, at, 4);
  if (y.count == 4) return std::make_pair(y.value, y.begin);
  std::size_t era_end = at;
  int n = -1;
  if (y.count >= 1 && y.count <= 2) {
    n = y.value;
    era_end = y.begin;
  } else if (at >= 3 && s.substr(at - 3, 3) == "元") {
    n = 1;
    era_end = at - 3;
  }
  if (n < 1) return std::nullopt;
  for (const Era& e : kEras) {
    if (era_end >= e.name.size() && s.substr(era_end - e.name.size(), e.name.size()) == e.name)
      return std::make_pair(e.first_year + n - 1, era_end - e.name.size());
  }
  return std::nullopt;
}

}  // namespace

void cjk_dates(const ExtractInput& in, Extraction& out) {
  const std::string_view s = in.text;
  if (!has_cjk(s)) return;
  const std::optional<Ymd> dct = parse_dct(in.dct);
  std::vector<Hit> hits;
  std::vector<std::pair<std::size_t, std::size_t>> taken;  // day spans already used

  // Month expressions: [year 年] M 月 [D 日|号].
  for (std::size_t at = s.find(kMonth); at != std::string_view::npos; at = s.find(kMonth, at + 1)) {
    const Digits m = number_before(s, at, 2);
    if (m.count == 0 || m.value < 1 || m.value > 12) continue;
    std::size_t begin = m.begin;
    int year = 0;
    if (m.begin >= kYear.size() && s.substr(m.begin - kYear.size(), kYear.size()) == kYear) {
      if (const auto y = year_before(s, m.begin - kYear.size())) {
        year = y->first;
        begin = y->second;
      }
    }
    std::size_t end = at + kMonth.size();
    int day = 0;
    const Digits d = number_at(s, end, 2);
    if (d.count > 0 && (starts(s, d.end, kDay) || starts(s, d.end, kDayZh)) && !duration_follows(s, d.end + 3)) {
      day = d.value;
      end = d.end + 3;
    }
    if (year == 0) {
      if (!dct || day == 0) continue;  // 3月 alone: a month of which year is unknown
      // The occurrence nearest the document date.
      int best = 0;
      long best_gap = 0;
      for (int y = dct->y - 1; y <= dct->y + 1; ++y) {
        if (!valid(y, m.value, day)) continue;
        const std::int64_t diff = days_from_civil(y, m.value, day) - days_from_civil(dct->y, dct->m, dct->d);
        const long gap = static_cast<long>(diff < 0 ? -diff : diff);
        if (best == 0 || gap < best_gap) {
          best = y;
          best_gap = gap;
        }
      }
      if (best == 0) continue;
      year = best;
    }
    if (!valid(year, m.value, day)) continue;
    hits.push_back({begin, end, format(year, m.value, day)});
    taken.emplace_back(begin, end);
  }

  // A lone day, N日 (Japanese and Chinese news: "9日宣布", "税関総署は15日"), against the
  // document date: this month if the day has come, else the month before.
  if (dct) {
    for (std::size_t at = s.find(kDay); at != std::string_view::npos; at = s.find(kDay, at + 1)) {
      const Digits d = number_before(s, at, 2);
      if (d.count == 0 || d.value < 1 || d.value > 31) continue;
      if (std::any_of(taken.begin(), taken.end(), [&](const auto& t) { return d.begin < t.second && at > t.first; }))
        continue;
      // Not part of a longer number or a month expression, not a length of time.
      if (digit_before(s, d.begin) || (d.begin >= 3 && s.substr(d.begin - 3, 3) == kMonth) ||
          duration_follows(s, at + kDay.size()))
        continue;
      int y = dct->y, m = dct->m;
      if (d.value > dct->d) {
        if (--m == 0) {
          m = 12;
          --y;
        }
      }
      if (!valid(y, m, d.value)) continue;
      hits.push_back({d.begin, at + kDay.size(), format(y, m, d.value)});
    }
  }

  // Drop date mentions the CJK ones overlap (a bare "2026" read as a year), and years
  // that number an announcement: 2026年第1号 is No. 1 of 2026, not a date.
  auto& ms = out.mentions;
  ms.erase(std::remove_if(ms.begin(), ms.end(),
                          [&](const Mention& x) {
                            if (x.type != MentionType::date || x.begin == Mention::npos) return false;
                            if (starts(s, x.end, "年第")) return true;
                            return std::any_of(hits.begin(), hits.end(), [&](const Hit& h) {
                              return x.begin < h.end && h.begin < x.end;
                            });
                          }),
           ms.end());
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.begin < b.begin; });
  for (const Hit& h : hits) {
    Mention mnt;
    mnt.type = MentionType::date;
    mnt.id = "DATE";
    mnt.value = h.value;
    mnt.text = std::string(s.substr(h.begin, h.end - h.begin));
    mnt.begin = h.begin;
    mnt.end = h.end;
    ms.push_back(std::move(mnt));
  }
}

}  // namespace dualdex::ingest::timex
