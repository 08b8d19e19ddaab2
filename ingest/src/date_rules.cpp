// The recognizers of the date extractor: one function per family of English time
// expressions, each reading the tokens at k and filling a Found (see date_parser.hpp).
// Longest match wins in Parser::match_from (extract_dates.cpp).
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "date_parser.hpp"

namespace dualdex::ingest::timex {
namespace {

std::string unit_duration(Unit u, int n, bool vague) {
  const std::string q = vague ? "X" : std::to_string(n);
  switch (u) {
    case Unit::second:
      return "PT" + q + "S";
    case Unit::minute:
      return "PT" + q + "M";
    case Unit::hour:
      return "PT" + q + "H";
    case Unit::day:
      return "P" + q + "D";
    case Unit::week:
      return "P" + q + "W";
    case Unit::weekend:
      return vague ? "PXWE" : "P" + std::to_string(2 * n) + "D";
    case Unit::fortnight:
      return vague ? "PXW" : "P" + std::to_string(2 * n) + "W";
    case Unit::month:
      return "P" + q + "M";
    case Unit::quarter:
      return "P" + q + "Q";
    case Unit::year:
      return "P" + q + "Y";
    case Unit::decade:
      return vague ? "PXDE" : "P" + std::to_string(10 * n) + "Y";
    case Unit::century:
      return vague ? "PXCE" : "P" + std::to_string(100 * n) + "Y";
    case Unit::none:
      break;
  }
  return {};
}

/// A duration of n and a half units ("2 1/2 years" → P2Y6M, "half an hour" → PT30M).
std::string half_duration(Unit u, int n) {
  const std::string q = std::to_string(n);
  switch (u) {
    case Unit::year:
      return n ? "P" + q + "Y6M" : "P6M";
    case Unit::hour:
      return n ? "PT" + q + "H30M" : "PT30M";
    case Unit::minute:
      return n ? "PT" + q + "M30S" : "PT30S";
    case Unit::day:
      return n ? "P" + q + "DT12H" : "PT12H";
    case Unit::decade:
      return "P" + std::to_string(10 * n + 5) + "Y";
    case Unit::century:
      return "P" + std::to_string(100 * n + 50) + "Y";
    case Unit::week:
      return "P" + q + ".5W";
    case Unit::month:
      return "P" + q + ".5M";
    case Unit::quarter:
      return "P" + q + ".5Q";
    case Unit::second:
      return "PT" + q + ".5S";
    default:
      return unit_duration(u, n, false);
  }
}

/// The set value of "every <unit>" / "daily" style expressions.
std::string unit_set(Unit u, int n) {
  if (u == Unit::weekend) return "XXXX-WXX-WE";
  return unit_duration(u, n, false);
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Absolute calendar dates: "January 8, 2026", "Jan. 8", "8 January 2026", "December
// 2025", "June last year", and a month alone where a preposition says so. A weekday
// before the date ("Friday, March 22") is a mention of its own (r_weekday).
bool Parser::r_calendar(std::size_t k, const Ctx& c, Found& f) {
  const std::size_t j = k;
  if (const int m = month_tok(j)) {
    const std::size_t j1 = j + 1;
    const int d = day_tok(j1);
    const bool abbrev = tk(j).lex != nullptr && tk(j).lex->abbrev;  // month_tok: lex is set
    const bool gap_ok = abbrev ? dot_sp(j1) : sp(j1);
    // "January 8", not "January 8:30" nor "May 5.5"
    if (d > 0 && gap_ok && !exact_gap(j1 + 1, ":") && !exact_gap(j1 + 1, ".")) {
      std::size_t te = j1 + 1;
      int yend = 0;
      const int y = year_at(te, yend);
      if (y > 0 && comma_sp(te) && !hyphen(te + 1)) {
        f.te = static_cast<std::size_t>(yend);
        if (!timex::valid_ymd(y, m, d)) return true;  // "Feb. 30, 2026": consumed, not reported
        f.value = timex::fmt_ymd(y, m, d);
        f.ref = day_ref(timex::days_from_civil(y, m, d));
        return true;
      }
      f.te = te;
      const Tense tense = tense_for(k, te);
      const auto yy = year_for(m, d, tense, c.neutral);
      if (yy && timex::valid_ymd(*yy, m, d)) {
        f.value = timex::fmt_ymd(*yy, m, d);
        f.ref = day_ref(timex::days_from_civil(*yy, m, d));
      }
      return true;
    }
    // "December 2025", "Dec. 2025", "May of 2010", "June, 2024"
    std::size_t jy = j1;
    if (is(jy, "of") && sp(jy)) ++jy;
    int yend = 0;
    const int y = year_at(jy, yend);
    if (y > 0 && (abbrev ? dot_sp(jy) : comma_sp(jy)) && !hyphen(jy + 1) &&
        !exact_gap(jy + 1, "/")) {
      f.te = static_cast<std::size_t>(yend);
      f.value = timex::fmt_ym(y, m);
      f.ref.gran = Gran::month;
      f.ref.y = y;
      f.ref.m = m;
      return true;
    }
    // "June last year", "January this year", "March next year"
    const std::uint32_t fl = flags(j1);
    if ((fl & (timex::kLast | timex::kNext | timex::kThis)) && is(j1 + 1, "year") && sp(j1) &&
        sp(j1 + 1) && !is(j1, "past") && !is(j1, "coming") && !is(j1, "following")) {
      f.te = j1 + 2;
      if (!m_has_dct_year) return true;
      const int yy = m_dct.y + ((fl & timex::kLast) ? -1 : (fl & timex::kNext) ? 1 : 0);
      f.value = timex::fmt_ym(yy, m);
      f.ref.gran = Gran::month;
      f.ref.y = yy;
      f.ref.m = m;
      return true;
    }
    // A month alone: full name, capitalized, after a preposition or a modifier, or
    // used as an adjective ("the March accession", "a June agreement").
    if (abbrev || !tk(j).cap) return false;
    bool ok = c.cue || c.mod;
    if (!ok && k > 0 && tk(k - 1).sent == tk(k).sent) {
      const std::string_view p = tk(k - 1).w;
      const Tok& nx = tk(j + 1);
      if ((p == "the" || p == "a" || p == "an" || p == "its" || p == "their" || p == "his" ||
           p == "her") &&
          sp(j + 1) && !nx.cap && nx.lex == nullptr && nx.num < 0 && !nx.w.empty() &&
          nx.w[0] >= 'a' && nx.w[0] <= 'z') {
        ok = true;
      }
    }
    if (!ok) return false;
    // "May" after a capitalized name is a surname ("Theresa May")
    if (m == 5 && k > 0 && tk(k - 1).cap && tk(k - 1).sent == tk(k).sent && !c.mod) return false;
    f.te = j + 1;
    const Tense tense = tense_for(k, j + 1);
    if (const auto yy = year_for(m, 0, tense, c.neutral)) {
      f.value = timex::fmt_ym(*yy, m);
      f.ref.gran = Gran::month;
      f.ref.y = *yy;
      f.ref.m = m;
    }
    return true;
  }
  // Day first: "8 January 2026", "8th of January", "the 8th of January"
  const int d = day_tok(j);
  if (d > 0) {
    std::size_t jm = j + 1;
    if (!sp(jm)) return false;
    if (is(jm, "of") && sp(jm + 1)) ++jm;
    const int m = month_tok(jm);
    if (m == 0) return false;
    std::size_t te = jm + 1;
    int yend = 0;
    const int y = year_at(te, yend);
    const bool abbrev = tk(jm).lex != nullptr && tk(jm).lex->abbrev;
    if (y > 0 && (abbrev ? dot_sp(te) || comma_sp(te) : comma_sp(te)) && !hyphen(te + 1)) {
      f.te = static_cast<std::size_t>(yend);
      if (!timex::valid_ymd(y, m, d)) return true;
      f.value = timex::fmt_ymd(y, m, d);
      f.ref = day_ref(timex::days_from_civil(y, m, d));
      f.takes_the = true;
      return true;
    }
    f.te = te;
    f.takes_the = true;
    const auto yy = year_for(m, d, tense_for(k, te), c.neutral);
    if (yy && timex::valid_ymd(*yy, m, d)) {
      f.value = timex::fmt_ymd(*yy, m, d);
      f.ref = day_ref(timex::days_from_civil(*yy, m, d));
    }
    return true;
  }
  return false;
}

// ISO 8601 "2026-01-08", "2026-01"; US numeric "1/8/2026", "1/8/26"; "8.1.2026".
bool Parser::r_numeric(std::size_t k, const Ctx&, Found& f) {
  const Tok& t = tk(k);
  if (t.num < 0) {
    // "8.1.2026": one token with two dots
    const std::string_view w = t.w;
    if (w.size() >= 8 && w.size() <= 10 && std::count(w.begin(), w.end(), '.') == 2) {
      int parts[3] = {0, 0, 0};
      int idx = 0;
      int len[3] = {0, 0, 0};
      for (char ch : w) {
        if (ch == '.') {
          if (++idx > 2) return false;
        } else if (ch >= '0' && ch <= '9') {
          parts[idx] = parts[idx] * 10 + (ch - '0');
          ++len[idx];
        } else {
          return false;
        }
      }
      if (len[2] != 4 || len[0] > 2 || len[1] > 2) return false;
      if (!timex::valid_ymd(parts[2], parts[1], parts[0])) return false;
      if (in_url(k)) return false;
      f.te = k + 1;
      f.value = timex::fmt_ymd(parts[2], parts[1], parts[0]);
      f.ref = day_ref(timex::days_from_civil(parts[2], parts[1], parts[0]));
      return true;
    }
    return false;
  }
  if (t.ndig == 4 && exact_gap(k + 1, "-") && tk(k + 1).ndig == 2) {
    const int y = t.num, m = tk(k + 1).num;
    if (m < 1 || m > 12) return false;
    if (in_url(k)) return false;
    if (exact_gap(k + 2, "-") && tk(k + 2).ndig == 2) {
      const int d = tk(k + 2).num;
      if (!timex::valid_ymd(y, m, d)) return false;
      f.te = k + 3;
      f.value = timex::fmt_ymd(y, m, d);
      f.ref = day_ref(timex::days_from_civil(y, m, d));
      return true;
    }
    // "2026-01T.." or "2026-01-08T10": the tokenizer joins "08t10"
    if (exact_gap(k + 2, "-")) {
      const std::string_view w = tk(k + 2).w;
      if (w.size() >= 4 && w[2] == 't' && w[0] >= '0' && w[0] <= '3' && w[1] >= '0' &&
          w[1] <= '9') {
        const int d = (w[0] - '0') * 10 + (w[1] - '0');
        if (!timex::valid_ymd(y, m, d)) return false;
        f.te = k + 3;
        f.value = timex::fmt_ymd(y, m, d);
        f.ref = day_ref(timex::days_from_civil(y, m, d));
        return true;
      }
      return false;
    }
    if (year_tok(k) < 1900) return false;
    f.te = k + 2;
    f.value = timex::fmt_ym(y, m);
    f.ref.gran = Gran::month;
    f.ref.y = y;
    f.ref.m = m;
    return true;
  }
  if (t.ndig <= 2 && exact_gap(k + 1, "/") && tk(k + 1).ndig >= 1 && tk(k + 1).ndig <= 2 &&
      exact_gap(k + 2, "/") && (tk(k + 2).ndig == 4 || tk(k + 2).ndig == 2)) {
    if (exact_gap(k + 3, "/") || in_url(k)) return false;
    int a = t.num, b = tk(k + 1).num, y = tk(k + 2).num;
    if (tk(k + 2).ndig == 2) {
      const int pivot = m_has_dct_year ? (m_dct.y % 100) + 1 : 50;
      y += y <= pivot ? 2000 : 1900;
    }
    int m = a, d = b;  // US order
    if (a > 12 && b <= 12) std::swap(m, d);
    if (!timex::valid_ymd(y, m, d)) return false;
    f.te = k + 3;
    f.value = timex::fmt_ymd(y, m, d);
    f.ref = day_ref(timex::days_from_civil(y, m, d));
    return true;
  }
  return false;
}

// "Friday", "on Thursday", "last Friday", "next Tuesday", "Friday morning", "Mondays".
// "Friday, March 22" takes the date's day when the weekday agrees.
bool Parser::r_weekday(std::size_t k, const Ctx& /*c*/, Found& f) {
  std::size_t j = k;
  int rel = 2;
  if (is(j, "this") && is(j + 1, "past")) {
    rel = -1;
    j += 2;
  } else if (is(j, "last") || is(j, "past") || is(j, "previous") || is(j, "preceding")) {
    rel = -1;
    ++j;
  } else if (is(j, "next") || is(j, "coming") || is(j, "following")) {
    rel = 1;
    ++j;
  } else if (is(j, "this")) {
    rel = 0;
    ++j;
  }
  if (j != k && !sp(j)) return false;
  bool plural = false;
  const int wd = weekday_tok(j, &plural);
  if (wd == 0) return false;
  if (plural && rel != 2) return false;
  f.takes_the = rel != 2;
  std::size_t te = j + 1;
  int part = 0;
  if (const Lex* l = lx(te); l != nullptr && l->part != 0 && sp(te)) {
    if (l->plural == plural) {
      part = l->part;
      ++te;
    }
  }
  f.te = te;
  if (plural) {
    f.type = TType::set;
    f.value = std::string("XXXX-WXX-") + static_cast<char>('0' + wd);
    if (part) f.value += std::string("T") + kPartCode[part];
    return true;
  }
  std::optional<std::int64_t> days;
  if (part == 0 && rel == 2 && comma_sp(te)) {
    Found g;
    Ctx none;
    if (r_calendar(te, none, g) && g.ref.gran == Gran::day && timex::weekday_of(g.ref.days) == wd)
      days = g.ref.days;
  }
  if (!days) days = weekday_days(wd, rel, tense_for(k, te));
  if (!days) return true;
  f.ref = day_ref(*days);
  f.value = day_value(*days);
  if (part) {
    f.type = TType::time;
    f.value += std::string("T") + kPartCode[part];
  }
  return true;
}

// today, tonight, yesterday (morning), tomorrow, this morning, last night, now,
// currently, recently, the past, the future, the day before yesterday.
bool Parser::r_deictic(std::size_t k, const Ctx& c, Found& f) {
  const std::string_view w = tk(k).w;
  auto with_part = [&](std::int64_t days, std::size_t next) {
    f.te = next;
    if (!m_has_dct) return true;
    f.ref = day_ref(days);
    f.value = day_value(days);
    if (const Lex* l = lx(next); l != nullptr && l->part != 0 && !l->plural && sp(next)) {
      f.te = next + 1;
      f.type = TType::time;
      f.value += std::string("T") + kPartCode[l->part];
    }
    return true;
  };
  // "VOA Today", "USA Today": a name
  if (w == "today" && tk(k).cap && k > 0 && tk(k - 1).cap && tk(k - 1).sent == tk(k).sent)
    return false;
  if (w == "today") return with_part(m_dct_days, k + 1);
  if (w == "yesterday") return with_part(m_dct_days - 1, k + 1);
  if (w == "tomorrow") return with_part(m_dct_days + 1, k + 1);
  if (w == "tonight") {
    f.te = k + 1;
    if (!m_has_dct) return true;
    f.type = TType::time;
    f.ref = day_ref(m_dct_days);
    f.value = day_value(m_dct_days) + "TNI";
    return true;
  }
  if ((w == "this" || w == "last") && sp(k + 1)) {
    const Lex* l = lx(k + 1);
    if (l != nullptr && l->part != 0 && !l->plural) {
      if (w == "last" && l->part != 4) return false;  // "last night" only
      f.te = k + 2;
      if (!m_has_dct) return true;
      const std::int64_t days = w == "last" ? m_dct_days - 1 : m_dct_days;
      f.type = TType::time;
      f.ref = day_ref(days);
      f.value = day_value(days) + "T" + kPartCode[l->part];
      return true;
    }
    return false;
  }
  if (w == "now") {
    f.te = k + 1;
    f.value = "PRESENT_REF";
    return true;
  }
  if (w == "these" && is(k + 1, "days") && sp(k + 1)) {
    f.te = k + 2;
    f.value = "PRESENT_REF";
    return true;
  }
  if ((w == "near" || w == "immediate" || w == "short") && k > 0 && is(k - 1, "the") && sp(k + 1) &&
      (is(k + 1, "future") || is(k + 1, "term"))) {
    f.te = k + 2;
    f.takes_the = true;
    f.value = "FUTURE_REF";
    return true;
  }
  if (w == "currently" || w == "nowadays") {
    f.te = k + 1;
    f.value = "PRESENT_REF";
    return true;
  }
  if (w == "present" && k > 0 && is(k - 1, "at")) {
    f.te = k + 1;
    f.value = "PRESENT_REF";
    return true;
  }
  if (w == "recently" || w == "lately") {
    f.te = k + 1;
    f.value = "PAST_REF";
    return true;
  }
  if (w == "past" || w == "future") {  // "the past", "the future" (nouns)
    const Tok& prev = tk(k - 1);
    if (k == 0 || prev.w != "the") return false;
    const Lex* l = lx(k + 1);
    if (l != nullptr && (l->unit != Unit::none || l->number >= 0 || (l->flags & timex::kVague)))
      return false;
    if (tk(k + 1).num >= 0) return false;
    f.te = k + 1;
    f.value = w == "past" ? "PAST_REF" : "FUTURE_REF";
    f.takes_the = true;
    return true;
  }
  // year-end, year end, year's end: the end of the DCT's year (of the last one after "since")
  if (w == "year" &&
      (((is(k + 1, "end") && (hyphen(k + 1) || sp(k + 1))) ||
        (is(k + 1, "end") && (gap(k + 1) == "'s " || gap(k + 1) == "\xE2\x80\x99s "))))) {
    if (is(k + 2, "of") || (hyphen(k + 1) && !sp(k + 2) && k + 2 < m_n && gap(k + 2).empty()))
      return false;
    f.te = k + 2;
    f.takes_the = true;
    if (!m_has_dct_year) return true;
    const int y = m_dct.y - (k > 0 && is(k - 1, "since") ? 1 : 0);
    f.value = timex::fmt_ymd(y, 12, 31);
    return true;
  }
  // "the week of March 6"
  if (w == "week" && c.the && is(k + 1, "of") && sp(k + 1) && sp(k + 2)) {
    Found g;
    const Ctx none;
    if (r_calendar(k + 2, none, g) && g.ref.gran == Gran::day && !g.value.empty()) {
      f.te = g.te;
      f.takes_the = true;
      f.value = timex::fmt_week(timex::iso_week(g.ref.days));
      return true;
    }
  }
  if (w == "weekend" &&
      c.the) {  // "over the weekend": the last one, or the next in the future tense
    f.te = k + 1;
    f.takes_the = true;
    if (!m_has_dct) return true;
    const int today = timex::weekday_of(m_dct_days);
    std::int64_t sat = m_dct_days + (6 - today);  // Saturday of this ISO week
    if (today < 6 && tense_for(k, k + 1) != Tense::future) sat -= 7;
    f.value = timex::fmt_week(timex::iso_week(sat)) + "-WE";
    return true;
  }
  if (w == "day" && (is(k + 1, "before") || is(k + 1, "after")) && sp(k + 1)) {
    const bool before = is(k + 1, "before");
    if (!is(k + 2, before ? "yesterday" : "tomorrow") || !sp(k + 2)) return false;
    f.te = k + 3;
    f.takes_the = true;
    if (!m_has_dct) return true;
    const std::int64_t days = m_dct_days + (before ? -2 : 2);
    f.ref = day_ref(days);
    f.value = day_value(days);
    return true;
  }
  return false;
}

// last/this/next + week, weekend, month, year, decade, century, a month name.
bool Parser::r_relunit(std::size_t k, const Ctx& c, Found& f) {
  const std::uint32_t fl = flags(k);
  int rel = 0;
  if (fl & timex::kLast) {
    rel = -1;
  } else if (fl & timex::kNext) {
    rel = 1;
  } else if (fl & timex::kThis) {
    rel = 0;
  } else {
    return false;
  }
  if (!sp(k + 1)) return false;
  const Lex* l = lx(k + 1);
  if (l == nullptr) return false;
  f.takes_the = true;
  if (l->month != 0 && month_tok(k + 1) != 0) {
    const int m = l->month;
    f.te = k + 2;
    f.takes_the = false;
    if (tk(k).w == "past" || tk(k).w == "coming" || tk(k).w == "current") return false;
    // "last Oct. 23", "next March 3"
    const int d = day_tok(k + 2);
    if (d > 0 && (l->abbrev ? dot_sp(k + 2) : sp(k + 2)) && !exact_gap(k + 3, ":")) {
      f.te = k + 3;
      if (!m_has_dct) return true;
      const int key = m * 32 + d, now = m_dct.m * 32 + m_dct.d;
      int y = m_dct.y;
      if (rel < 0) y = key < now ? m_dct.y : m_dct.y - 1;
      if (rel > 0) y = key > now ? m_dct.y : m_dct.y + 1;
      if (!timex::valid_ymd(y, m, d)) return true;
      f.value = timex::fmt_ymd(y, m, d);
      f.ref = day_ref(timex::days_from_civil(y, m, d));
      return true;
    }
    if (!m_has_dct) return true;
    int y = m_dct.y;
    if (rel < 0) y = m < m_dct.m ? m_dct.y : m_dct.y - 1;
    if (rel > 0) y = m > m_dct.m ? m_dct.y : m_dct.y + 1;
    f.value = timex::fmt_ym(y, m);
    f.ref.gran = Gran::month;
    f.ref.y = y;
    f.ref.m = m;
    return true;
  }
  if (l->unit == Unit::none || l->plural) return false;
  f.te = k + 2;
  // "the following year", "the previous month": from the time the text last named
  const std::string_view rw = tk(k).w;
  const bool anaphoric =
      c.the && (rw == "following" || rw == "previous" || rw == "preceding" || rw == "prior");
  if (anaphoric && m_last_any.gran != Gran::none) {
    const int ry = ref_year();
    f.new_ref = false;
    switch (l->unit) {
      case Unit::year:
        f.value = timex::fmt_year(ry + rel);
        f.ref.gran = Gran::year;
        f.ref.y = ry + rel;
        return true;
      case Unit::day:
        if (m_last_day.gran != Gran::day) return false;
        f.ref = day_ref(m_last_day.days + rel);
        f.value = day_value(m_last_day.days + rel);
        return true;
      case Unit::month: {
        if (m_last_any.gran != Gran::day && m_last_any.gran != Gran::month) return false;
        const int rm =
            m_last_any.gran == Gran::day ? timex::civil_from_days(m_last_any.days).m : m_last_any.m;
        const Ymd x = timex::add_months(Ymd{ry, rm, 1}, rel);
        f.value = timex::fmt_ym(x.y, x.m);
        f.ref.gran = Gran::month;
        f.ref.y = x.y;
        f.ref.m = x.m;
        return true;
      }
      case Unit::week:
        if (m_last_day.gran != Gran::day) return false;
        f.value = timex::fmt_week(timex::iso_week(m_last_day.days + std::int64_t{7} * rel));
        return true;
      default:
        break;
    }
  }
  if (l->unit == Unit::day) {  // "the next day", "the previous day" without a reference
    if (!c.the || rel == 0 || rw == "past" || rw == "last" || rw == "coming") return false;
    if (!m_has_dct) return true;
    f.ref = day_ref(m_dct_days + rel);
    f.value = day_value(m_dct_days + rel);
    return true;
  }
  switch (l->unit) {
    case Unit::year: {
      if (!m_has_dct_year) return true;
      const int y = m_dct.y + rel;
      f.value = timex::fmt_year(y);
      f.ref.gran = Gran::year;
      f.ref.y = y;
      return true;
    }
    case Unit::month: {
      if (!m_has_dct) return true;
      const Ymd x = timex::add_months(m_dct, rel);
      f.value = timex::fmt_ym(x.y, x.m);
      f.ref.gran = Gran::month;
      f.ref.y = x.y;
      f.ref.m = x.m;
      return true;
    }
    case Unit::week: {
      if (!m_has_dct) return true;
      f.value = timex::fmt_week(timex::iso_week(m_dct_days + std::int64_t{7} * rel));
      return true;
    }
    case Unit::weekend: {
      if (!m_has_dct) return true;
      const int today = timex::weekday_of(m_dct_days);
      std::int64_t sat = m_dct_days + (6 - today);  // Saturday of this ISO week
      if (rel < 0) {
        sat = m_dct_days - ((today - 6 + 7) % 7);  // most recent Saturday (today if Saturday)
        if (today == 6) sat -= 7;
        if (today == 7) sat -= 7;
      } else if (rel > 0) {
        sat += 7;
      }
      f.value = timex::fmt_week(timex::iso_week(sat)) + "-WE";
      return true;
    }
    case Unit::decade: {
      if (rel != 0) {
        f.type = TType::duration;
        f.value = "P10Y";
        return true;
      }
      if (!m_has_dct_year) return true;
      f.value = std::to_string(m_dct.y / 10);
      return true;
    }
    case Unit::century: {
      if (tk(k).w == "past") {
        f.type = TType::duration;
        f.value = "P100Y";
        return true;
      }
      if (!m_has_dct_year) return true;
      f.value = std::to_string(m_dct.y / 100 + rel);
      return true;
    }
    case Unit::quarter:  // r_quarter
    default:
      break;
  }
  return false;
}

// A quarter named without a year: the current or a recent one (results are reported
// after the quarter), the next ones only when the sentence looks ahead.
std::optional<int> Parser::quarter_year(int q, Tense tense) const {
  if (!m_has_dct_year) return std::nullopt;
  if (!m_has_dct) return m_dct.y;
  const int cur = timex::quarter_of_month(m_dct.m);
  const int back = (cur - q + 4) % 4, ahead = (q - cur + 4) % 4;
  if (back == 0) return m_dct.y;
  if (tense == Tense::future && ahead <= 2) return q > cur ? m_dct.y : m_dct.y + 1;
  return q < cur ? m_dct.y : m_dct.y - 1;
}

// "the first quarter", "third-quarter", "Q3 2025", "the fourth quarter of 1989",
// "this year's third quarter", "the current quarter", "the latest period", "the
// year-earlier quarter", "year-ago results", "the 1988 period", "the first half of 2026".
bool Parser::r_quarter(std::size_t k, const Ctx& c, Found& f) {
  f.takes_the = true;
  auto set_q = [&](int y, int q) {
    f.value = timex::fmt_quarter(y, q);
    f.ref.gran = Gran::quarter;
    f.ref.y = y;
    f.ref.q = q;
  };
  auto set_index = [&](int idx) {
    const int y = idx >= 0 ? idx / 4 : (idx - 3) / 4;
    set_q(y, idx - y * 4 + 1);
  };
  const int cur = m_has_dct ? m_dct.y * 4 + timex::quarter_of_month(m_dct.m) - 1 : 0;
  const bool have_ref = m_last_quarter.gran == Gran::quarter;
  const int ref = have_ref ? m_last_quarter.y * 4 + m_last_quarter.q - 1 : cur - 1;
  const Tok& t = tk(k);
  // Q3, Q3 2025
  if (t.w.size() == 2 && t.w[0] == 'q' && t.w[1] >= '1' && t.w[1] <= '4') {
    const int q = t.w[1] - '0';
    f.takes_the = false;
    if (year_tok(k + 1) > 0 && (sp(k + 1) || exact_gap(k + 1, "-") || exact_gap(k + 1, "/"))) {
      f.te = k + 2;
      set_q(year_tok(k + 1), q);
      return true;
    }
    if (!t.cap) return false;
    f.te = k + 1;
    if (const auto y = quarter_year(q, tense_for(k, k + 1))) set_q(*y, q);
    return true;
  }
  // "this year's third quarter", "next year's first quarter", "last year's quarter"
  std::size_t j = k;
  std::optional<int> year_given;
  if ((flags(j) & (timex::kLast | timex::kNext | timex::kThis)) && is(j + 1, "year") && sp(j + 1)) {
    const std::string_view g = gap(j + 2);
    if (g == "'s " || g == "\xE2\x80\x99s ") {
      if (!m_has_dct_year) return false;
      const std::uint32_t fl = flags(j);
      year_given = m_dct.y + ((fl & timex::kLast) ? -1 : (fl & timex::kNext) ? 1 : 0);
      j += 2;
      if (is(j, "quarter")) {  // "last year's quarter": the same quarter a year before
        f.te = j + 1;
        if (!m_has_dct) return true;
        set_q(*year_given, have_ref ? m_last_quarter.q : timex::quarter_of_month(m_dct.m));
        f.new_ref = false;
        return true;
      }
    }
  }
  // "the 1988 period", "the 1988 third quarter"
  if (!year_given && year_tok(j) > 0 && sp(j + 1) && c.the) {
    if (is(j + 1, "period") || is(j + 1, "quarter")) {
      f.te = j + 2;
      const int y = year_tok(j);
      f.new_ref = false;
      if (have_ref)
        set_q(y, m_last_quarter.q);
      else {
        f.value = timex::fmt_year(y);
        f.ref.gran = Gran::year;
        f.ref.y = y;
      }
      return true;
    }
    if (tk(j + 1).ord >= 1 && tk(j + 1).ord <= 4) {
      year_given = year_tok(j);
      ++j;
    }
  }
  // "year-earlier", "year-ago" (+ quarter / period / third quarter)
  if (!year_given && is(j, "year") && (is(j + 1, "earlier") || is(j + 1, "ago")) && hyphen(j + 1)) {
    std::size_t jn = j + 2;
    if (is(jn, "fiscal") && sp(jn)) ++jn;
    if (sp(jn) && tk(jn).ord >= 1 && tk(jn).ord <= 4 && is(jn + 1, "quarter") &&
        sp_or_hyphen(jn + 1)) {
      f.te = jn + 2;
      if (!m_has_dct_year) return true;
      set_q((have_ref ? m_last_quarter.y : m_dct.y) - 1, tk(jn).ord);
      f.new_ref = false;
      return true;
    }
    const bool period = sp(jn) && (is(jn, "quarter") || is(jn, "period"));
    if (!period) f.takes_the = false;
    f.te = period ? jn + 1 : j + 2;
    if (!m_has_dct) return true;
    f.new_ref = false;
    const std::uint32_t sent = tk(k).sent;
    if ((have_ref && sent - m_last_quarter.sent <= 3) || (period && is(jn, "quarter"))) {
      set_index(ref - 4);
    } else {
      f.value = timex::fmt_year(m_dct.y - 1);
    }
    return true;
  }
  if (is(j, "fiscal") && sp(j + 1)) ++j;
  const std::string_view w = tk(j).w;
  // relative quarters: the current quarter, last quarter, the latest period
  if (!year_given &&
      (w == "latest" || w == "current" || w == "this" || w == "last" || w == "past" ||
       w == "previous" || w == "next" || w == "coming" || w == "same" || w == "recent")) {
    std::size_t jq = j + 1;
    if (is(jq, "fiscal") && sp(jq)) ++jq;
    const bool period = is(jq, "period") && (w == "latest" || w == "same" || w == "recent");
    if (!(is(jq, "quarter") || period) || !sp(jq)) return false;
    if (w == "last" && is(jq + 1, "of")) return false;  // "the last quarter of 2025": below
    if (hyphen(jq + 1)) return false;                   // "quarter-to-quarter"
    f.te = jq + 1;
    if (!m_has_dct) return true;
    if (w == "current" || w == "this")
      set_index(cur);
    else if (w == "last" || w == "past" || w == "previous")
      set_index(cur - 1);
    else if (w == "next" || w == "coming")
      set_index(cur + 1);
    else {  // latest, same, recent
      set_index(ref);
      f.new_ref = false;
    }
    return true;
  }
  // ordinal quarter / half
  int q = 0;
  if (tk(j).ord >= 1 && tk(j).ord <= 4)
    q = tk(j).ord;
  else if (w == "final" || w == "last")
    q = 4;
  if (q == 0) {
    // "the quarter" (bare): the quarter the text is about
    if (w == "quarter" && c.the && !is(j + 1, "of") && !is(j + 1, "century") && !hyphen(j + 1) &&
        !(tk(j + 1).num >= 0 && sp(j + 1))) {
      f.te = j + 1;
      if (!m_has_dct) return true;
      set_index(ref);
      f.new_ref = false;
      return true;
    }
    return false;
  }
  std::size_t ju = j + 1;
  if (is(ju, "fiscal") && sp(ju)) ++ju;
  const bool half = is(ju, "half");
  if (!(is(ju, "quarter") || half) || !(sp(ju) || hyphen(ju))) return false;
  if (hyphen(ju)) f.takes_the = false;  // "the third-quarter results": an adjective
  if (half && q > 2) return false;
  if (w == "last" && !is(ju + 1, "of")) return false;
  std::size_t te = ju + 1;
  int y = year_given.value_or(-1);
  // "of 2025", "of fiscal 1990", "of this/next/last year", "of the year"
  if (y < 0 && is(te, "of") && sp(te)) {
    std::size_t jy = te + 1;
    if (is(jy, "fiscal") && sp(jy + 1)) ++jy;
    if (year_tok(jy) > 0 && sp(jy)) {
      y = year_tok(jy);
      te = jy + 1;
    } else if ((flags(jy) & (timex::kLast | timex::kNext | timex::kThis)) && is(jy + 1, "year") &&
               sp(jy + 1)) {
      const std::uint32_t fl = flags(jy);
      te = jy + 2;
      if (!m_has_dct_year) {
        f.te = te;
        return true;
      }
      y = m_dct.y + ((fl & timex::kLast) ? -1 : (fl & timex::kNext) ? 1 : 0);
    } else if (is(jy, "the") && is(jy + 1, "year") && sp(jy + 1) && !is(jy + 2, "ago") &&
               !is(jy + 2, "earlier")) {
      te = jy + 2;
      if (!m_has_dct_year) {
        f.te = te;
        return true;
      }
      y = m_dct.y;
    }
  } else if (y < 0 && year_tok(te) > 0 && (sp(te) || comma_sp(te)) && !hyphen(te + 1)) {
    y = year_tok(te);  // "the third quarter 1989"
    ++te;
  }
  f.te = te;
  if (half) {
    if (y < 0) {
      if (!m_has_dct_year) return true;
      y = m_dct.y;
      if (m_has_dct && tense_for(k, te) == Tense::future && q == 1 && m_dct.m > 6) ++y;
    }
    f.value = timex::fmt_year(y) + "-H" + std::to_string(q);
    return true;
  }
  if (y < 0) {
    const auto yy = quarter_year(q, tense_for(k, te));
    if (!yy) return true;
    y = *yy;
  }
  set_q(y, q);
  return true;
}

bool Parser::year_is_plausible(std::size_t k, bool cue) const {
  const int y = year_tok(k);
  if (y < 0) return false;
  const Tok& t = tk(k);
  if (y < 1900 || y > 2100) {
    if (!cue) return false;
  }
  // Attached characters: $2015, #2015, 2015%, 2015/16 (a ratio), 1.2015, 2015,5
  if (t.b > 0) {
    const unsigned char before = static_cast<unsigned char>(m_text[t.b - 1]);
    if (before == '$' || before == '#' || before == '+' || before == '.' || before == ',' ||
        before == '/' || before == 0xA3 || before == 0xA5 || before == 0xAC || before == '=' ||
        before == '*' || before == '~' || before == '\\' || before == '_' || before == ':' ||
        before == '@') {
      return false;
    }
    if (before == '-' && k > 0 && t.b >= 2) {
      // 2009-2010 (a range of years) and mid-2025 are years; "555-2015" is not
      const Tok& p = tk(k - 1);
      if (p.e == t.b - 1 && !(year_tok(k - 1) > 0 || (p.lex && (p.lex->flags & timex::kMid)) ||
                              p.w == "pre" || p.w == "post" || p.w == "early" || p.w == "late")) {
        return false;
      }
    }
  }
  if (t.e < m_text.size()) {
    const char after = m_text[t.e];
    if (after == '%' || after == '$' || after == '@' || after == '_' || after == '/' ||
        after == '=' || after == '*' || after == '+') {
      return false;
    }
    if ((after == ',' || after == '.' || after == ':') && t.e + 1 < m_text.size() &&
        m_text[t.e + 1] >= '0' && m_text[t.e + 1] <= '9') {
      return false;
    }
  }
  if (in_url(k)) return false;
  // "2,000 tonnes", "2015 percent", "2000 per cent"
  if (sp(k + 1)) {
    if (flags(k + 1) & timex::kCountNoun) return false;
    if (is(k + 1, "per") && is(k + 2, "cent")) return false;
  }
  // HS 2805, No. 2015, codes 2805, 2846 and 8505
  for (std::size_t back = 1; back <= 8 && back <= k; ++back) {
    const std::size_t p = k - back;
    if (flags(p) & timex::kCodeWord) {
      if (is(p, "no") || is(p, "number")) {
        if (back == 1) return false;
      } else {
        return false;
      }
      break;
    }
    const Tok& pt = tk(p);
    if (pt.num >= 0 && pt.ndig >= 4) continue;  // a list of numbers
    if (pt.w == "and" || pt.w == "or" || pt.w == "to") continue;
    if (back == 1 && pt.w == "no") return false;
    break;
  }
  // "about 2000 people": an approximate count
  if (k > 0) {
    const std::string_view p = tk(k - 1).w;
    if (p == "about" || p == "around" || p == "some" || p == "nearly" || p == "almost" ||
        p == "approximately" || p == "roughly" || p == "over" || p == "than" || p == "least" ||
        p == "only" || p == "just" || p == "total" || p == "all") {
      const Tok& nx = tk(k + 1);
      if (sp(k + 1) && !nx.cap && nx.num < 0 && nx.lex == nullptr && !nx.w.empty() &&
          nx.w[0] >= 'a' && nx.w[0] <= 'z') {
        return false;
      }
    }
  }
  return true;
}

// Years in words, as broadcast transcripts write them: "nineteen ninety-six",
// "nineteen eighty", "two thousand", "two thousand and one".
int Parser::spelled_year(std::size_t k, std::size_t& end) const {
  const Lex* l = lx(k);
  if (l == nullptr || l->number < 0) return -1;
  auto two_digits = [&](std::size_t j, int& v, std::size_t& e) {
    const Lex* a = lx(j);
    if (a == nullptr || a->number < 1 || a->number > 90) return false;
    v = a->number;
    e = j + 1;
    if (v >= 20 && v % 10 == 0) {
      const Lex* b = lx(j + 1);
      if (b != nullptr && b->number >= 1 && b->number <= 9 && sp_or_hyphen(j + 1)) {
        v += b->number;
        e = j + 2;
      }
    }
    return true;
  };
  if (tk(k).w == "nineteen" && sp(k + 1)) {
    int v = 0;
    std::size_t e = 0;
    if (is(k + 1, "hundred")) {
      end = k + 2;
      return 1900;
    }
    if (!two_digits(k + 1, v, e) || v < 10) return -1;
    end = e;
    return 1900 + v;
  }
  if (tk(k).w == "two" && is(k + 1, "thousand") && sp(k + 1)) {
    std::size_t j = k + 2;
    if (is(j, "and") && sp(j)) ++j;
    int v = 0;
    std::size_t e = 0;
    if (sp(j) && two_digits(j, v, e)) {
      end = e;
      return 2000 + v;
    }
    end = k + 2;
    return 2000;
  }
  return -1;
}

// 2026, "the year 2000", "the 1990s", "the '90s", "the nineties", "the 20th century".
bool Parser::r_year(std::size_t k, const Ctx& c, Found& f) {
  const Tok& t = tk(k);
  // the year 2000, the year two thousand
  if (t.w == "year" && sp(k + 1)) {
    int e = 0;
    const int y = year_at(k + 1, e);
    if (y > 0 && (year_tok(k + 1) < 0 || year_is_plausible(k + 1, true))) {
      f.te = static_cast<std::size_t>(e);
      f.takes_the = true;
      f.value = timex::fmt_year(y);
      f.ref.gran = Gran::year;
      f.ref.y = y;
      return true;
    }
  }
  // nineteen ninety-six (not "two thousand" alone: a count)
  if (t.w == "nineteen" || (t.w == "two" && (c.cue || c.mod))) {
    std::size_t e = 0;
    const int y = spelled_year(k, e);
    if (y > 0 && (t.w == "nineteen" || e > k + 2 || c.cue)) {
      const Lex* nx = lx(e);
      if (!(sp(e) &&
            ((flags(e) & timex::kCountNoun) || (nx != nullptr && nx->unit != Unit::none)))) {
        f.te = e;
        f.value = timex::fmt_year(y);
        f.ref.gran = Gran::year;
        f.ref.y = y;
        return true;
      }
    }
  }
  if (year_tok(k) > 0) {
    if (!year_is_plausible(k, c.cue || c.mod)) return false;
    f.te = k + 1;
    f.value = timex::fmt_year(t.num);
    f.ref.gran = Gran::year;
    f.ref.y = t.num;
    return true;
  }
  // decades: 1990s, '90s, 90s (after an apostrophe), nineties
  const std::string_view w = t.w;
  if (w.size() == 5 && w[4] == 's' &&
      std::all_of(w.begin(), w.begin() + 4, [](char ch) { return ch >= '0' && ch <= '9'; })) {
    if (w[3] != '0') return false;
    f.te = k + 1;
    f.takes_the = true;
    f.value = std::string(w.substr(0, 3));
    return true;
  }
  if (w.size() == 3 && w[2] == 's' && w[1] == '0' && w[0] >= '0' && w[0] <= '9') {
    const std::string_view g = t.b > 0 ? m_text.substr(t.b - 1, 1) : std::string_view{};
    const bool apostrophe = g == "'" || (t.b >= 3 && m_text.substr(t.b - 3, 3) == "\xE2\x80\x99");
    if (!apostrophe && !(k > 0 && is(k - 1, "the"))) return false;
    int century = 19;
    if (m_has_dct_year && (20 * 10 + (w[0] - '0')) * 10 <= m_dct.y) century = 20;
    f.te = k + 1;
    if (apostrophe) f.b = t.b - (g == "'" ? 1 : 3);
    f.takes_the = true;
    f.value = std::to_string(century) + std::string(1, w[0]);
    return true;
  }
  if (t.lex != nullptr && t.lex->decade != 0 && k > 0 && (is(k - 1, "the") || c.mod)) {
    f.te = k + 1;
    f.takes_the = true;
    f.value = "19" + std::to_string(t.lex->decade);
    return true;
  }
  // centuries: the 20th century, the twentieth century, the twenty-first century
  int ord = 0;
  std::size_t jc = k + 1;
  if (t.ord >= 1 && t.ord <= 30) {
    ord = t.ord;
  } else if (t.lex != nullptr && t.lex->number == 20 && tk(k + 1).ord >= 1 && tk(k + 1).ord <= 9 &&
             sp_or_hyphen(k + 1)) {
    ord = 20 + tk(k + 1).ord;
    jc = k + 2;
  }
  if (ord > 0 && is(jc, "century") && sp(jc)) {
    f.te = jc + 1;
    f.takes_the = true;
    f.value = (ord - 1 < 10 ? "0" : "") + std::to_string(ord - 1);
    return true;
  }
  return false;
}

// fiscal 2026, FY2026, fiscal year 2026, the fiscal year, this/next fiscal year,
// the fiscal year starting in April.
bool Parser::r_fiscal(std::size_t k, const Ctx& /*c*/, Found& f) {
  const Tok& t = tk(k);
  auto fy = [&](int y) { f.value = "FY" + timex::fmt_year(y); };
  // FY2026, FY26
  if (t.w.size() >= 4 && t.w[0] == 'f' && t.w[1] == 'y') {
    const std::string_view d = t.w.substr(2);
    if ((d.size() == 2 || d.size() == 4) &&
        std::all_of(d.begin(), d.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
      int y = std::atoi(std::string(d).c_str());
      if (d.size() == 2) y += 2000;
      f.te = k + 1;
      fy(y);
      return true;
    }
  }
  if (t.w == "fy" && year_tok(k + 1) > 0 && sp(k + 1)) {
    f.te = k + 2;
    fy(year_tok(k + 1));
    return true;
  }
  std::size_t j = k;
  int rel = 99;
  const std::uint32_t fl = flags(j);
  if (fl & (timex::kLast | timex::kNext | timex::kThis)) {
    rel = (fl & timex::kLast) ? -1 : (fl & timex::kNext) ? 1 : 0;
    ++j;
    if (!sp(j)) return false;
  }
  if (!is(j, "fiscal")) return false;
  f.takes_the = true;
  // fiscal 1989 / fiscal year 1989
  std::size_t jy = j + 1;
  if (is(jy, "year") && sp(jy)) ++jy;
  if (rel == 99 && year_tok(jy) > 0 && sp(jy)) {
    f.te = jy + 1;
    fy(year_tok(jy));
    return true;
  }
  if (!is(j + 1, "year") || !sp(j + 1)) return false;
  f.te = j + 2;
  if (rel != 99) {
    if (!m_has_dct_year) return true;
    fy(m_dct.y + rel);
    return true;
  }
  // the fiscal year [that|which] starting|beginning|starts|begins [in|on] <Month>
  std::size_t jm = j + 2;
  if (is(jm, "that") || is(jm, "which")) ++jm;
  if (is(jm, "starting") || is(jm, "beginning") || is(jm, "starts") || is(jm, "begins") ||
      is(jm, "commencing") || is(jm, "from")) {
    ++jm;
    if (is(jm, "in") || is(jm, "on")) ++jm;
    if (const int m = month_tok(jm)) {
      if (!m_has_dct_year) return true;
      std::optional<int> y;
      if (year_tok(jm + 1) > 0 && sp(jm + 1))
        y = year_tok(jm + 1);
      else
        y = year_for(m, 0, Tense::unknown, true);
      if (y) fy(*y);
      return true;
    }
  }
  if (!m_has_dct_year) return true;
  fy(m_dct.y);
  return true;
}

// spring, last summer, the summer of 2025, winter 2026, this fall.
bool Parser::r_season(std::size_t k, const Ctx& c, Found& f) {
  std::size_t j = k;
  int rel = 2;
  const std::uint32_t fl = flags(j);
  if (is(j, "this") && is(j + 1, "past") && sp(j + 1)) {
    rel = -1;
    j += 2;
    if (!sp(j)) return false;
  } else if (fl & (timex::kLast | timex::kNext | timex::kThis)) {
    if (is(j, "past") || is(j, "following") || is(j, "current")) return false;
    rel = (fl & timex::kLast) ? -1 : (fl & timex::kNext) ? 1 : 0;
    ++j;
    if (!sp(j)) return false;
  }
  const Lex* l = lx(j);
  if (l == nullptr || l->season == 0 || l->plural) return false;
  const int s = l->season;
  std::size_t te = j + 1;
  int y = -1;
  std::size_t jy = te;
  if (is(jy, "of") && sp(jy)) ++jy;
  int yend = 0;
  if (const int yy = year_at(jy, yend); yy > 0 && (sp(jy) || comma_sp(jy))) {
    y = yy;
    te = static_cast<std::size_t>(yend);
  }
  if (rel == 2 && y < 0) {
    // needs a cue: "in the fall", "during summer", "early spring", "the summer"
    const std::string_view p = tk(j - 1).w;
    const bool cue =
        j > 0 && (p == "the" || p == "in" || p == "this" || p == "during" || p == "by" ||
                  p == "until" || p == "since" || p == "over" || p == "through" || p == "early" ||
                  p == "late" || p == "mid" || p == "of" || c.mod);
    if (!cue) return false;
    if (l->season == 3 &&
        (is(te, "of") || is(te, "in") || is(te, "to") || is(te, "from") || is(te, "back")))
      return false;
    if (tk(j).cap && l->season == 1) return false;  // "the Arab Spring"
  }
  f.te = te;
  f.takes_the = true;
  if (y < 0) {
    if (!m_has_dct) return true;
    // season index: WI of y = Dec y .. Feb y+1
    auto index_of_month = [](int yy, int m) {
      if (m <= 2) return (yy - 1) * 4 + 3;
      if (m == 12) return yy * 4 + 3;
      return yy * 4 + (m - 3) / 3;
    };
    const int cur = index_of_month(m_dct.y, m_dct.m);
    const int base = (cur / 4) * 4 + (s - 1);  // same "season year"
    int idx = base;
    const Tense tense = rel == 2 ? tense_for(k, te) : Tense::unknown;
    if (rel == -1 || (rel == 2 && tense == Tense::past)) {
      idx = base < cur ? base : base - 4;
    } else if (rel == 1 || (rel == 2 && tense == Tense::future)) {
      idx = base > cur ? base : base + 4;
    }
    y = idx / 4;
  }
  f.value = timex::fmt_year(y) + "-" + kSeasonCode[s];
  return true;
}

/// A quantity at k: digits, number words ("twenty-four"), a/an, "a few", "several",
/// "a couple of", ranges "two to three". Returns the value (kVagueQty for X) or -1;
/// end = one past its last token.
int Parser::parse_quantity(std::size_t k, std::size_t& end, bool* half) const {
  const Tok& t = tk(k);
  if (k >= m_n) return -1;
  if (half != nullptr) *half = false;
  // "half a year", "half an hour"
  if (half != nullptr && t.w == "half" && (is(k + 1, "a") || is(k + 1, "an")) && sp(k + 1) &&
      sp(k + 2)) {
    *half = true;
    end = k + 2;
    return 0;
  }
  if (t.w == "a" || t.w == "an") {
    if (is(k + 1, "few") && sp(k + 1)) {
      end = k + 2;
      return kVagueQty;
    }
    if (is(k + 1, "couple") && sp(k + 1)) {
      end = k + 2;
      if (is(end, "of") && sp(end)) ++end;
      return 2;
    }
    if ((is(k + 1, "dozen") || is(k + 1, "hundred")) && sp(k + 1)) {
      end = k + 2;
      return is(k + 1, "dozen") ? 12 : 100;
    }
    end = k + 1;
    return 1;
  }
  int v = -1;
  std::size_t j = k + 1;
  if (const long q = quantity_digits(k); q >= 0) {
    if (q > 100000) return -1;
    v = static_cast<int>(q);
  } else if (t.lex != nullptr && t.lex->number >= 0 && t.w != "hundred" && t.w != "dozen") {
    v = t.lex->number;
    // twenty-four, twenty four
    if (v >= 20 && v % 10 == 0 && v < 100) {
      const Lex* n2 = lx(j);
      if (n2 != nullptr && n2->number >= 1 && n2->number <= 9 && sp_or_hyphen(j)) {
        v += n2->number;
        ++j;
      }
    }
    if (is(j, "hundred") && sp(j)) {
      v *= 100;
      ++j;
    }
  } else if (t.lex != nullptr && (t.lex->flags & timex::kVague)) {
    v = kVagueQty;
  } else if (t.w == "couple" && k > 0 && is(k - 1, "the")) {
    v = 2;
    if (is(j, "of") && sp(j)) ++j;
  } else {
    return -1;
  }
  // "2 1/2", "two and a half"
  if (half != nullptr && v >= 0) {
    if (sp(j) && is(j, "1") && exact_gap(j + 1, "/") && is(j + 1, "2")) {
      *half = true;
      end = j + 2;
      return v;
    }
    if (is(j, "and") && is(j + 1, "a") && is(j + 2, "half") && sp(j) && sp(j + 1) && sp(j + 2)) {
      *half = true;
      end = j + 3;
      return v;
    }
  }
  // ranges: "two to three", "12 to 18", "two or three", "10-15"
  if (v != kVagueQty && (is(j, "to") || is(j, "or")) && sp(j) && sp(j + 1)) {
    std::size_t e2 = 0;
    const int v2 = parse_quantity(j + 1, e2);
    if (v2 > 0 && tk(j + 1).w != "a" && tk(j + 1).w != "an") j = e2;
  } else if (v >= 0 && exact_gap(j, "-") && quantity_digits(j) > 0 && tk(k).num >= 0) {
    ++j;
  }
  end = j;
  return v;
}

// two years, 90 days, a decade, the past two years, the first nine months, recent
// years, four-week, several months; with "ago" / "earlier" / "later" / "from now" a date.
bool Parser::r_duration(std::size_t k, const Ctx& /*c*/, Found& f) {
  std::size_t j = k;
  enum class Pre { none, rel, first, recent } pre = Pre::none;
  const std::string_view w0 = tk(k).w;
  if ((flags(k) & (timex::kLast | timex::kNext)) || w0 == "first" || w0 == "latest" ||
      w0 == "final" || w0 == "initial" || w0 == "recent" || w0 == "coming") {
    pre = (w0 == "first" || w0 == "initial" || w0 == "final" || w0 == "latest") ? Pre::first
          : w0 == "recent"                                                      ? Pre::recent
                                                                                : Pre::rel;
    ++j;
    if (!sp(j)) return false;
  }
  std::size_t after_q = j;
  bool half = false;
  int qty = parse_quantity(j, after_q, &half);
  bool compound = false;
  if (qty != -1) {
    std::size_t ju = after_q;
    if ((flags(ju) & timex::kFiller) && sp(ju)) ++ju;
    if (!(sp(ju) || hyphen(ju))) return false;
    compound = hyphen(ju);
    const Lex* l = lx(ju);
    if (l == nullptr || l->unit == Unit::none) return false;
    const Unit u = l->unit;
    if (u == Unit::second && !l->plural && qty == 1 &&
        (tk(j).w == "a" || tk(j).w == "an" || tk(j).w == "one"))
      return false;  // "a second time"
    if (compound && l->plural) return false;
    std::size_t te = ju + 1;
    // ages: "a 6-year-old", "five years old"
    if (hyphen(te) && is(te, "old")) return false;
    if (is(te, "old") && sp(te)) return false;
    if (hyphen(te) && (is(te, "long"))) ++te;
    if (compound && (tk(j).w == "a" || tk(j).w == "an")) return false;
    if (qty == 1 && (tk(j).w == "a" || tk(j).w == "an") && u == Unit::quarter) return false;
    // quarter in "the first quarter" is an ordinal, not handled here
    f.te = te;
    f.takes_the = !compound;
    f.approx = pre == Pre::none;
    f.type = TType::duration;
    const bool vague = qty == kVagueQty;
    // "a year and a half", "an hour and a half"
    if (!half && !vague && is(te, "and") && is(te + 1, "a") && is(te + 2, "half") && sp(te) &&
        sp(te + 1) && sp(te + 2)) {
      half = true;
      te += 3;
      f.te = te;
    }
    if (half) {
      f.value = half_duration(u, qty);
      return true;
    }
    f.value = unit_duration(u, qty, vague);
    if (pre != Pre::none || compound) return true;
    // "two years ago", "a year earlier", "three days later", "two weeks from now"
    const bool ago = is(te, "ago") && sp(te);
    const bool earlier = (is(te, "earlier") || is(te, "before")) && sp(te);
    const bool later = is(te, "later") && sp(te);
    const bool from_now = is(te, "from") && is(te + 1, "now") && sp(te) && sp(te + 1);
    if (!(ago || earlier || later || from_now)) return true;
    if ((earlier || later) && is(te + 1, "than"))
      return true;  // "a month earlier than usual": a comparison
    if (is(te, "before") &&
        !(is(te + 1, "that") || te + 1 >= m_n || tk(te + 1).sent != tk(te).sent || !sp(te + 1))) {
      return true;  // "two days before the vote": relative to an event
    }
    f.te = from_now ? te + 2 : te + 1;
    f.type = TType::date;
    f.value.clear();
    const int sign = (ago || earlier) ? -1 : 1;
    if (vague) {
      f.value = sign < 0 ? "PAST_REF" : "FUTURE_REF";
      return true;
    }
    if (!m_has_dct) return true;
    // Reference: the DCT, or for earlier/later the last time the text named.
    const std::uint32_t sent = tk(k).sent;
    bool use_quarter = false;
    std::int64_t base_days = m_dct_days;
    if (earlier || later || ago) {
      if (m_last_quarter.gran == Gran::quarter && m_last_any.gran == Gran::quarter &&
          (u == Unit::year || u == Unit::quarter)) {
        use_quarter = true;
      } else if ((earlier || later) && m_last_day.gran == Gran::day &&
                 sent - m_last_day.sent <= 2) {
        base_days = m_last_day.days;
      }
    }
    f.new_ref = !(use_quarter || base_days != m_dct_days);
    if (use_quarter) {
      const int idx =
          m_last_quarter.y * 4 + m_last_quarter.q - 1 + sign * qty * (u == Unit::year ? 4 : 1);
      const int y = idx / 4;
      f.value = timex::fmt_quarter(y, idx - y * 4 + 1);
      f.ref.gran = Gran::quarter;
      f.ref.y = y;
      f.ref.q = idx - y * 4 + 1;
      return true;
    }
    const Ymd base = timex::civil_from_days(base_days);
    switch (u) {
      case Unit::day: {
        const std::int64_t d = base_days + std::int64_t{sign} * qty;
        f.value = day_value(d);
        f.ref = day_ref(d);
        return true;
      }
      case Unit::week:
        f.value = timex::fmt_week(timex::iso_week(base_days + std::int64_t{7} * sign * qty));
        return true;
      case Unit::fortnight:
        f.value = timex::fmt_week(timex::iso_week(base_days + std::int64_t{14} * sign * qty));
        return true;
      case Unit::month: {
        const Ymd x = timex::add_months(base, sign * qty);
        f.value = timex::fmt_ym(x.y, x.m);
        return true;
      }
      case Unit::quarter: {
        const int idx = base.y * 4 + timex::quarter_of_month(base.m) - 1 + sign * qty;
        f.value = timex::fmt_quarter(idx / 4, idx % 4 + 1);
        return true;
      }
      case Unit::year:
        f.value = timex::fmt_year(base.y + sign * qty);
        return true;
      case Unit::decade:
        f.value = std::to_string((base.y + sign * 10 * qty) / 10);
        return true;
      case Unit::century:
        f.value = std::to_string((base.y + sign * 100 * qty) / 100);
        return true;
      default:
        f.type = TType::duration;  // "three hours ago": keep the duration
        f.value = unit_duration(u, qty, false);
        f.te = te;
        return true;
    }
  }
  // "for a while"
  if (pre == Pre::none && (tk(j).w == "a") && is(j + 1, "while") && sp(j + 1) && j > 0 &&
      (is(j - 1, "for") || is(j - 1, "in") || is(j - 1, "after") || is(j - 1, "quite"))) {
    f.te = j + 2;
    f.type = TType::duration;
    f.value = "PXX";
    return true;
  }
  // No number: "recent years", "the coming weeks", "the past few months" (vague qty
  // handled above), and a bare plural unit ("for years", "in weeks", "in the weeks
  // before the vote", "the years that followed", "in the weeks ahead").
  const Lex* l = lx(j);
  if (pre == Pre::none && j > 0 && is(j - 1, "the") && l != nullptr && l->plural &&
      l->unit != Unit::none && sp(j + 1) && l->unit != Unit::second && l->unit != Unit::quarter &&
      l->unit != Unit::weekend) {
    const std::string_view nx = tk(j + 1).w;
    if (nx == "before" || nx == "after" || nx == "ahead" || nx == "following" || nx == "leading" ||
        nx == "since" || (nx == "that" && (is(j + 2, "followed") || is(j + 2, "follow")))) {
      f.te = nx == "ahead" ? j + 2 : j + 1;
      f.takes_the = nx == "ahead";
      f.type = TType::duration;
      f.value = unit_duration(l->unit, 0, true);
      return true;
    }
  }
  if (l == nullptr || l->unit == Unit::none || !l->plural) return false;
  if (l->unit == Unit::second || l->unit == Unit::weekend || l->unit == Unit::quarter) {
    if (pre == Pre::none) return false;
  }
  if (pre == Pre::first) return false;
  // "years old", "days of", "months-long"
  if (is(j + 1, "old") && sp_or_hyphen(j + 1)) return false;
  if (pre == Pre::none) {
    // a bare plural after a number word is handled above; after a determiner it is
    // usually a noun phrase head ("the years", "those days") unless "for/in/over years"
    const std::string_view p = tk(j - 1).w;
    if (j == 0) return false;
    if (!(p == "for" || p == "in" || p == "over" || p == "within" || p == "after" || p == "of" ||
          p == "took" || p == "take" || p == "takes" || p == "spent" || p == "lasted" ||
          p == "last" || p == "by" || p == "than" || p == "from")) {
      return false;
    }
    if (p == "of" && !(k >= 2 && (is(k - 2, "matter") || is(k - 2, "space")))) return false;
  }
  f.te = j + 1;
  f.takes_the = true;
  f.type = TType::duration;
  f.value = unit_duration(l->unit, 0, true);
  if (is(j + 1, "ago") && sp(j + 1)) {
    f.te = j + 2;
    f.type = TType::date;
    f.value = "PAST_REF";
  }
  return true;
}

// every week, each year, every Monday, every morning, daily, annually, twice a year.
bool Parser::r_set(std::size_t k, const Ctx& /*c*/, Found& f) {
  const std::string_view w = tk(k).w;
  struct Adverb {
    std::string_view word;
    const char* value;
  };
  static constexpr Adverb kAdverbs[] = {
      {"daily", "P1D"},      {"weekly", "P1W"},
      {"monthly", "P1M"},    {"quarterly", "P3M"},
      {"annually", "P1Y"},   {"yearly", "P1Y"},
      {"hourly", "PT1H"},    {"nightly", "XXXX-XX-XXTNI"},
      {"biweekly", "P2W"},   {"fortnightly", "P2W"},
      {"biannually", "P6M"}, {"semiannually", "P6M"},
  };
  for (const auto& a : kAdverbs) {
    if (w == a.word) {
      f.te = k + 1;
      f.type = TType::set;
      f.value = a.value;
      return true;
    }
  }
  if (flags(k) & timex::kEvery) {
    std::size_t j = k + 1;
    if (!sp(j)) return false;
    int n = 1;
    if (is(j, "other") && sp(j + 1)) {
      n = 2;
      ++j;
    } else {
      std::size_t e = j;
      const int q = parse_quantity(j, e);
      if (q > 1 && sp(e)) {
        n = q;
        j = e;
      }
    }
    const Lex* l = lx(j);
    if (l == nullptr) return false;
    f.type = TType::set;
    f.te = j + 1;
    if (l->unit != Unit::none && (!l->plural || n > 1)) {
      f.value = unit_set(l->unit, n);
      return true;
    }
    if (n != 1) return false;
    if (l->weekday != 0 && !l->plural) {
      f.value = std::string("XXXX-WXX-") + static_cast<char>('0' + l->weekday);
      if (const Lex* p = lx(j + 1); p != nullptr && p->part != 0 && !p->plural && sp(j + 1)) {
        f.value += std::string("T") + kPartCode[p->part];
        ++f.te;
      }
      return true;
    }
    if (l->month != 0 && tk(j).cap) {
      f.value = timex::fmt_ym(0, l->month).replace(0, 4, "XXXX");
      return true;
    }
    if (l->part != 0 && !l->plural) {
      f.value = std::string("XXXX-XX-XXT") + kPartCode[l->part];
      return true;
    }
    if (l->season != 0) {
      f.value = std::string("XXXX-") + kSeasonCode[l->season];
      return true;
    }
    return false;
  }
  // "a year" / "per year" after a count or an amount: "twice a year", "$5 billion a year"
  if ((w == "a" || w == "per" || w == "an") && sp(k + 1) && k > 0) {
    const Lex* l = lx(k + 1);
    if (l == nullptr || l->unit == Unit::none || l->plural) return false;
    if (is(k + 2, "ago") || is(k + 2, "earlier") || is(k + 2, "later") || is(k + 2, "before"))
      return false;
    if (hyphen(k + 2)) return false;
    const Tok& p = tk(k - 1);
    const bool amount = p.num >= 0 || quantity_digits(k - 1) >= 0 ||
                        (p.w.size() > 0 && p.w[0] >= '0' && p.w[0] <= '9') || p.w == "times" ||
                        p.w == "twice" || p.w == "once" || p.w == "thrice" || p.w == "million" ||
                        p.w == "billion" || p.w == "trillion" || p.w == "thousand" ||
                        p.w == "percent" || p.w == "cent" || p.w == "dollars" || p.w == "yen" ||
                        p.w == "euros" || p.w == "tons" || p.w == "tonnes" || p.w == "barrels" ||
                        p.w == "pounds" || p.w == "yuan" || p.w == "bn" || p.w == "mn" ||
                        w == "per";
    if (!amount) return false;
    f.te = k + 2;
    f.type = TType::set;
    f.value = unit_set(l->unit, 1);
    return true;
  }
  return false;
}

/// A day phrase after a time: today, tonight, yesterday, tomorrow, [on] Friday,
/// [on] Nov. 6 [, 1989]. Sets days and end.
bool Parser::day_phrase(std::size_t k, std::size_t& end, std::int64_t& days) {
  std::size_t j = k;
  const bool after_abbrev = k > 0 && (tk(k - 1).w == "a.m" || tk(k - 1).w == "p.m");
  auto gap_ok = [&](std::size_t x) { return comma_sp(x) || (after_abbrev && x == k && dot_sp(x)); };
  if (gap_ok(j) && is(j, "on") && sp(j + 1)) ++j;
  if (!gap_ok(j) && !comma_sp(j)) return false;
  const std::string_view w = tk(j).w;
  if (m_has_dct && (w == "today" || w == "tonight" || w == "yesterday" || w == "tomorrow")) {
    days = m_dct_days + (w == "yesterday" ? -1 : w == "tomorrow" ? 1 : 0);
    end = j + 1;
    return true;
  }
  Found g;
  Ctx c;
  if (r_calendar(j, c, g) && !g.value.empty() && g.ref.gran == Gran::day) {
    days = g.ref.days;
    end = g.te;
    return true;
  }
  Found h;
  if (r_weekday(j, c, h) && !h.value.empty() && h.type == TType::date) {
    days = h.ref.days;
    end = h.te;
    return true;
  }
  return false;
}

// 10:30 a.m., 8 PM, 8pm, 15:00 GMT, noon, midnight, 10 p.m. Wednesday, noon Thursday.
bool Parser::r_time(std::size_t k, const Ctx& /*c*/, Found& f) {
  const Tok& t = tk(k);
  int h = -1, mi = 0;
  std::size_t j = k + 1;
  bool ampm = false, pm = false, zone = false, explicit_clock = false;
  const std::string_view w = t.w;
  if ((w == "noon" || w == "midday" || w == "midnight") && !(k > 0 && is(k - 1, "high"))) {
    h = w == "midnight" ? 24 : 12;
    explicit_clock = true;
  } else if (t.num >= 0 && t.ndig <= 2 && t.num <= 24) {
    h = t.num;
    if (exact_gap(j, ":") && tk(j).ndig == 2 && tk(j).num < 60) {
      mi = tk(j).num;
      ++j;
      if (exact_gap(j, ":") && tk(j).ndig == 2) ++j;  // seconds (dropped)
      explicit_clock = true;
    } else if (exact_gap(j, ".") && tk(j).ndig == 2 && tk(j).num < 60 &&
               (is(j + 1, "a.m") || is(j + 1, "p.m") || is(j + 1, "am") || is(j + 1, "pm"))) {
      mi = tk(j).num;
      ++j;
    }
  } else if (w.size() >= 3 && w.size() <= 7 && (ends_with(w, "am") || ends_with(w, "pm")) &&
             w[0] >= '0' && w[0] <= '9') {
    // 8pm, 10am, 10.30pm
    const std::string_view d = w.substr(0, w.size() - 2);
    int hh = 0, mm = 0, part = 0, digits = 0;
    for (char ch : d) {
      if (ch >= '0' && ch <= '9') {
        (part == 0 ? hh : mm) = (part == 0 ? hh : mm) * 10 + (ch - '0');
        ++digits;
      } else if ((ch == '.' || ch == ':') && part == 0) {
        part = 1;
      } else {
        return false;
      }
    }
    if (hh < 1 || hh > 12 || mm > 59 || digits > 4) return false;
    h = hh;
    mi = mm;
    ampm = true;
    pm = ends_with(w, "pm");
  } else {
    return false;
  }
  if (!ampm && h >= 0 && t.num >= 0) {
    const std::string_view a = tk(j).w;
    if ((a == "a.m" || a == "p.m" || a == "am" || a == "pm") && (sp(j) || gap(j).empty())) {
      ampm = true;  // 10 a.m., 8 PM, 10 am
      pm = a[0] == 'p';
      ++j;
    } else if (a == "o'clock" && sp(j)) {
      explicit_clock = true;
      ++j;
    }
  }
  if (ampm) {
    if (h < 1 || h > 12) return false;
    if (pm && h < 12) h += 12;
    if (!pm && h == 12) h = 0;
  }
  const bool after_ampm = j > 0 && (tk(j - 1).w == "a.m" || tk(j - 1).w == "p.m");
  if ((flags(j) & timex::kZone) && tk(j).cap && (sp(j) || (after_ampm && dot_sp(j)))) {
    zone = true;
    ++j;
  } else if (is(j, "local") && is(j + 1, "time") && sp(j)) {
    zone = true;
    j += 2;
  }
  if (!(ampm || zone || explicit_clock)) return false;
  if (!ampm && !zone && t.num >= 0) {
    // "3:07:35" (a race time), "2:1" (a score): need a preposition before a bare clock time
    const std::string_view p = tk(k - 1).w;
    if (k == 0 || !(p == "at" || p == "by" || p == "until" || p == "till" || p == "from" ||
                    p == "before" || p == "after" || p == "around" || p == "about" ||
                    p == "since" || p == "between" || p == "to" || p == "and")) {
      return false;
    }
    if (h > 23) return false;
    if (exact_gap(k + 2, ":")) return false;
  }
  f.type = TType::time;
  f.te = j;
  std::int64_t days = 0;
  std::size_t end = j;
  bool have_day = false;
  if (day_phrase(j, end, days)) {
    have_day = true;
    f.te = end;
  } else if (m_last_day.gran == Gran::day && m_last_day.sent == t.sent) {
    days = m_last_day.days;
    have_day = true;
  } else if (const auto later = day_later_in_sentence(j)) {
    days = *later;
    have_day = true;
  } else if (m_has_dct) {
    days = m_dct_days;
    have_day = true;
  }
  if (!have_day) return true;
  char buf[16];
  std::snprintf(buf, sizeof buf, "T%02d:%02d", h, mi);
  f.value = day_value(days) + buf;
  f.ref = day_ref(days);
  // a trailing "." of "p.m." belongs to the abbreviation
  if (f.te > 0 && (tk(f.te - 1).w == "a.m" || tk(f.te - 1).w == "p.m")) {
    const std::size_t e = tk(f.te - 1).e;
    if (e < m_text.size() && m_text[e] == '.') f.e = e + 1;
  }
  return true;
}

// Christmas, New Year's Day, Thanksgiving, Easter ... [YEAR]
bool Parser::r_holiday(std::size_t k, const Ctx& /*c*/, Found& f) {
  const Tok& t = tk(k);
  if (!t.cap) return false;
  const std::string_view w = t.w;
  int m = 0, d = 0;
  std::size_t te = k + 1;
  enum class Rule { fixed, thanksgiving, easter, labor, memorial } rule = Rule::fixed;
  int easter_offset = 0;
  if (w == "christmas") {
    m = 12;
    d = 25;
    if (is(te, "eve") && sp(te)) {
      d = 24;
      ++te;
    } else if (is(te, "day") && sp(te)) {
      ++te;
    }
  } else if (w == "new" && is(k + 1, "year") && sp(k + 1) &&
             (is(k + 2, "day") || is(k + 2, "eve")) && tk(k + 2).cap) {
    const bool eve = is(k + 2, "eve");
    m = eve ? 12 : 1;
    d = eve ? 31 : 1;
    te = k + 3;
  } else if (w == "thanksgiving") {
    rule = Rule::thanksgiving;
    m = 11;
    if (is(te, "day") && sp(te)) ++te;
  } else if (w == "halloween") {
    m = 10;
    d = 31;
  } else if (w == "valentine" && is(k + 1, "day") && sp(k + 1)) {
    m = 2;
    d = 14;
    te = k + 2;
  } else if (w == "easter") {
    rule = Rule::easter;
    m = 3;
    if (is(te, "sunday") && sp(te))
      ++te;
    else if (is(te, "monday") && sp(te)) {
      easter_offset = 1;
      ++te;
    }
  } else if (w == "good" && is(k + 1, "friday") && sp(k + 1)) {
    rule = Rule::easter;
    m = 3;
    easter_offset = -2;
    te = k + 2;
  } else if ((w == "labor" || w == "labour") && is(k + 1, "day") && sp(k + 1) && tk(k + 1).cap) {
    rule = Rule::labor;
    m = 9;
    te = k + 2;
  } else if (w == "memorial" && is(k + 1, "day") && sp(k + 1) && tk(k + 1).cap) {
    rule = Rule::memorial;
    m = 5;
    te = k + 2;
  } else if (w == "boxing" && is(k + 1, "day") && sp(k + 1)) {
    m = 12;
    d = 26;
    te = k + 2;
  } else {
    return false;
  }
  int y = -1;
  if (year_tok(te) > 0 && comma_sp(te)) {
    y = year_tok(te);
    ++te;
  }
  f.te = te;
  auto date_in = [&](int yy) -> std::int64_t {
    switch (rule) {
      case Rule::fixed:
        return timex::days_from_civil(yy, m, d);
      case Rule::thanksgiving: {
        const std::int64_t first = timex::days_from_civil(yy, 11, 1);
        const int wd = timex::weekday_of(first);
        return first + ((4 - wd + 7) % 7) + 21;
      }
      case Rule::labor: {
        const std::int64_t first = timex::days_from_civil(yy, 9, 1);
        return first + ((1 - timex::weekday_of(first) + 7) % 7);
      }
      case Rule::memorial: {
        const std::int64_t last = timex::days_from_civil(yy, 5, 31);
        return last - ((timex::weekday_of(last) - 1 + 7) % 7);
      }
      case Rule::easter: {  // anonymous Gregorian algorithm
        const int a = yy % 19, b = yy / 100, cc = yy % 100, dd = b / 4, e = b % 4,
                  ff = (b + 8) / 25;
        const int g = (b - ff + 1) / 3, h = (19 * a + b - dd - g + 15) % 30, i = cc / 4,
                  kk = cc % 4;
        const int l = (32 + 2 * e + 2 * i - h - kk) % 7, mm = (a + 11 * h + 22 * l) / 451;
        const int month = (h + l - 7 * mm + 114) / 31, day = ((h + l - 7 * mm + 114) % 31) + 1;
        return timex::days_from_civil(yy, month, day) + easter_offset;
      }
    }
    return 0;
  };
  if (y < 0) {
    if (!m_has_dct) return true;
    const Tense tense = tense_for(k, te);
    std::int64_t best = 0;
    std::int64_t best_diff = -1;
    for (int yy = m_dct.y - 1; yy <= m_dct.y + 1; ++yy) {
      const std::int64_t dd = date_in(yy);
      if (tense == Tense::past && dd > m_dct_days) continue;
      if (tense == Tense::future && dd < m_dct_days) continue;
      const std::int64_t diff = std::llabs(dd - m_dct_days);
      if (best_diff < 0 || diff < best_diff) {
        best_diff = diff;
        best = dd;
      }
    }
    f.value = day_value(best);
    f.ref = day_ref(best);
    return true;
  }
  const std::int64_t dd = date_in(y);
  f.value = day_value(dd);
  f.ref = day_ref(dd);
  return true;
}

int Parser::ref_year() const {
  switch (m_last_any.gran) {
    case Gran::day:
      return timex::civil_from_days(m_last_any.days).y;
    case Gran::none:
      return m_dct.y;
    default:
      return m_last_any.y;
  }
}

// "that day", "the same day", "that year", "that quarter", "that month": the time the
// text last named. Nothing without one.
bool Parser::r_anaphora(std::size_t k, const Ctx& c, Found& f) {
  std::size_t j = k;
  if (is(j, "that") && is(j + 1, "same") && sp(j + 1)) {
    ++j;
  } else if (!(is(j, "that") || (is(j, "same") && c.the))) {
    return false;
  }
  if (!sp(j + 1)) return false;
  const Lex* l = lx(j + 1);
  if (l == nullptr || l->plural) return false;
  f.te = j + 2;
  f.takes_the = true;
  f.new_ref = false;
  switch (l->unit) {
    case Unit::day:
      if (m_last_day.gran != Gran::day) return false;
      f.ref = m_last_day;
      f.value = day_value(m_last_day.days);
      return true;
    case Unit::year:
      if (m_last_any.gran == Gran::none) return false;
      f.value = timex::fmt_year(ref_year());
      f.ref.gran = Gran::year;
      f.ref.y = ref_year();
      return true;
    case Unit::quarter:
      if (m_last_quarter.gran != Gran::quarter) return false;
      f.ref = m_last_quarter;
      f.value = timex::fmt_quarter(m_last_quarter.y, m_last_quarter.q);
      return true;
    case Unit::month: {
      if (m_last_any.gran != Gran::day && m_last_any.gran != Gran::month) return false;
      const int rm =
          m_last_any.gran == Gran::day ? timex::civil_from_days(m_last_any.days).m : m_last_any.m;
      f.value = timex::fmt_ym(ref_year(), rm);
      return true;
    }
    default:
      break;
  }
  return false;
}

// After "the end of", "early", "mid-": the year, the month, the week (the current one).
bool Parser::r_after_mod(std::size_t k, const Ctx& c, Found& f) {
  if (!c.mod) return false;
  std::size_t j = k;
  const Lex* l = lx(j);
  if (l == nullptr || l->unit == Unit::none || l->plural) return false;
  if (is(j + 1, "ago") || is(j + 1, "earlier")) return false;
  f.te = j + 1;
  f.takes_the = true;
  if (!m_has_dct_year) return true;
  switch (l->unit) {
    case Unit::year:
      f.value = timex::fmt_year(m_dct.y);
      return true;
    case Unit::month:
      if (!m_has_dct) return true;
      f.value = timex::fmt_ym(m_dct.y, m_dct.m);
      return true;
    case Unit::week:
      if (!m_has_dct) return true;
      f.value = timex::fmt_week(timex::iso_week(m_dct_days));
      return true;
    case Unit::quarter:
      if (!m_has_dct) return true;
      f.value = timex::fmt_quarter(m_dct.y, timex::quarter_of_month(m_dct.m));
      return true;
    case Unit::decade:
      f.value = std::to_string(m_dct.y / 10);
      return true;
    case Unit::century:
      f.value = std::to_string(m_dct.y / 100);
      return true;
    default:
      return false;
  }
}

}  // namespace dualdex::ingest::timex
