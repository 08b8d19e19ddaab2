#pragma once
// The date extractor's parser (extract_dates.cpp): the per-document state, the token
// helpers, tense and resolution. Its recognizers live in date_rules.cpp, the matching
// loop and the TimeML writer in extract_dates.cpp. Internal to dualdex_ingest.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "date_calendar.hpp"
#include "date_lexicon.hpp"
#include "dualdex/ingest/extract.hpp"

namespace dualdex::ingest::timex {

enum class TType : std::uint8_t { date, time, duration, set };

enum class Tense : std::uint8_t { unknown, past, present, future };

/// Granularity of a resolved reference, for anaphora ("a year earlier", "the quarter").
enum class Gran : std::uint8_t { none, day, month, quarter, year };

struct Ref {
  Gran gran = Gran::none;
  std::int64_t days = 0;  ///< day granularity
  int y = 0, m = 0, q = 0;
  std::uint32_t sent = 0;
};

struct Tok {
  std::size_t b = 0, e = 0;
  std::string_view w;  ///< case-folded
  const Lex* lex = nullptr;
  int num = -1;  ///< value when the token is only ASCII digits (at most 9)
  int ndig = 0;  ///< number of digits when num >= 0
  int ord = 0;   ///< "8th" → 8, "third" → 3
  bool cap = false;
  bool starter = false;  ///< may begin a time expression (cheap pre-check)
  std::uint32_t sent = 0;
};

struct Found {
  std::size_t te = 0;  ///< one past the last token
  std::size_t e = 0;   ///< byte end (0 = end of token te-1)
  std::size_t b = 0;   ///< byte start when it is not the first token's ("'90s"); 0 = that
  TType type = TType::date;
  std::string value;  ///< "" = recognized but unresolved: consumed, not reported
  Ref ref;
  bool takes_the = false;
  bool approx = false;      ///< a quantity: "nearly", "more than" before it belong to it
  std::size_t tb_core = 0;  ///< first token of the core expression (set by match_from)
  /// False when the value was computed from an earlier reference ("a year earlier",
  /// "the latest quarter"): it does not become the reference for later expressions.
  bool new_ref = true;
};

/// What match_at knows about the words before the core of an expression.
struct Ctx {
  bool mod = false;      ///< early/late/mid/"the end of" ... precede
  bool cue = false;      ///< the word before the expression makes a lone month name a month
  bool neutral = false;  ///< "starting (in)", "effective": nearest occurrence, not tense
  bool the = false;      ///< "the" precedes
};

constexpr int kVagueQty = -2;  ///< "several", "a few": written X

inline constexpr const char* kSeasonCode[] = {"", "SP", "SU", "FA", "WI"};
inline constexpr const char* kPartCode[] = {"", "MO", "AF", "EV", "NI"};

inline bool is_space_char(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

inline bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

/// One document's pass. Holds only per-document state; the lexicon is shared.
class Parser {
 public:
  Parser(const Lexicon& lex, const ExtractInput& in) : m_lex(lex), m_in(in), m_text(in.text) {
    parse_dct(in.dct);
    prepare_tokens();
  }

  void run(Extraction& out);

 private:
  const Lexicon& m_lex;
  const ExtractInput& m_in;
  std::string_view m_text;
  std::vector<Tok> m_t;
  std::size_t m_n = 0;
  bool m_has_dct = false;  ///< full DCT (year, month, day)
  bool m_has_dct_year = false;
  Ymd m_dct;
  std::int64_t m_dct_days = 0;
  Ref m_last_day, m_last_quarter, m_last_any;

  // ---- setup ----------------------------------------------------------------------
  void parse_dct(std::string_view s) {
    auto digits = [&](std::size_t pos, std::size_t len, int& v) {
      if (s.size() < pos + len) return false;
      v = 0;
      for (std::size_t i = pos; i < pos + len; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
      }
      return true;
    };
    int y = 0, m = 0, d = 0;
    if (!digits(0, 4, y) || y < 1) return;
    m_has_dct_year = true;
    m_dct.y = y;
    if (s.size() >= 10 && s[4] == '-' && s[7] == '-' && digits(5, 2, m) && digits(8, 2, d) &&
        timex::valid_ymd(y, m, d)) {
      m_dct = Ymd{y, m, d};
      m_dct_days = timex::days_from_civil(m_dct);
      m_has_dct = true;
    }
  }

  void prepare_tokens() {
    const auto& toks = m_in.tokens;
    const auto& sents = m_in.sentences;
    m_t.reserve(toks.size());
    std::size_t si = 0;
    std::size_t last_end = 0;
    for (const Token& src : toks) {
      // tokens of this text, in order and not overlapping (anything else is skipped)
      if (src.end > m_text.size() || src.begin >= src.end || src.begin < last_end) continue;
      last_end = src.end;
      Tok t;
      t.b = src.begin;
      t.e = src.end;
      t.w = src.folded;
      t.cap = src.capitalized;
      t.lex = m_lex.find(t.w);
      while (si < sents.size() && sents[si].end <= t.b) ++si;
      t.sent = static_cast<std::uint32_t>(si);
      if (!t.w.empty() && t.w.size() <= 9 &&
          std::all_of(t.w.begin(), t.w.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        t.num = 0;
        for (char c : t.w) t.num = t.num * 10 + (c - '0');
        t.ndig = static_cast<int>(t.w.size());
      }
      if (t.lex != nullptr && t.lex->ordinal != 0) t.ord = t.lex->ordinal;
      if (t.num < 0 && t.w.size() >= 3 && t.w.size() <= 4) {  // 1st 2nd 3rd 8th 22nd
        const std::string_view suf = t.w.substr(t.w.size() - 2);
        const std::string_view digs = t.w.substr(0, t.w.size() - 2);
        if ((suf == "st" || suf == "nd" || suf == "rd" || suf == "th") &&
            std::all_of(digs.begin(), digs.end(), [](char c) { return c >= '0' && c <= '9'; })) {
          for (char c : digs) t.ord = t.ord * 10 + (c - '0');
        }
      }
      t.starter = can_start(t);
      m_t.push_back(t);
    }
    m_n = m_t.size();
  }

  static bool can_start(const Tok& t) {
    if (t.num >= 0 || t.ord != 0) return true;
    if (!t.w.empty() && t.w[0] >= '0' && t.w[0] <= '9') return true;  // 8pm, 1990s, 8.1.2026
    if (t.w.size() >= 2 && (t.w[0] == 'q' || (t.w[0] == 'f' && t.w[1] == 'y')))
      return true;  // Q3, FY2026
    const Lex* l = t.lex;
    if (l == nullptr) return false;
    constexpr std::uint32_t kStarts = timex::kLast | timex::kNext | timex::kThis | timex::kVague |
                                      timex::kEvery | timex::kEarly | timex::kLate | timex::kMid |
                                      timex::kStarter;
    return l->month || l->weekday || l->number >= 0 || l->ordinal || l->unit != Unit::none ||
           l->season || l->part || l->decade || (l->flags & kStarts);
  }

  // ---- token helpers --------------------------------------------------------------
  const Tok& tk(std::size_t k) const {
    static const Tok kNone;
    return k < m_n ? m_t[k] : kNone;
  }
  bool is(std::size_t k, std::string_view w) const { return k < m_n && m_t[k].w == w; }
  std::uint32_t flags(std::size_t k) const {
    return k < m_n && m_t[k].lex != nullptr ? m_t[k].lex->flags : 0u;
  }
  const Lex* lx(std::size_t k) const { return k < m_n ? m_t[k].lex : nullptr; }

  /// Characters between token k-1 and token k ("" for k == 0 or k >= n).
  std::string_view gap(std::size_t k) const {
    if (k == 0 || k >= m_n) return {};
    return m_text.substr(m_t[k - 1].e, m_t[k].b - m_t[k - 1].e);
  }
  /// Plain white space inside one paragraph (at most one line break).
  bool sp(std::size_t k) const {
    const std::string_view g = gap(k);
    if (g.empty()) return false;
    int newlines = 0;
    for (char c : g) {
      if (!is_space_char(c)) return false;
      if (c == '\n') ++newlines;
    }
    return newlines <= 1;
  }
  /// White space, optionally after one '.', as in "Jan. 8".
  bool dot_sp(std::size_t k) const {
    std::string_view g = gap(k);
    if (!g.empty() && g.front() == '.') g.remove_prefix(1);
    if (g.empty()) return false;
    return std::all_of(g.begin(), g.end(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\n'; }) &&
           std::count(g.begin(), g.end(), '\n') <= 1;
  }
  /// One comma with optional white space around it (or plain space).
  bool comma_sp(std::size_t k) const {
    const std::string_view g = gap(k);
    if (g.empty() || g.size() > 4) return false;
    int commas = 0;
    for (char c : g) {
      if (c == ',') {
        ++commas;
      } else if (c != ' ' && c != '\n' && c != '\t') {
        return false;
      }
    }
    return commas <= 1;
  }
  bool exact_gap(std::size_t k, std::string_view g) const {
    return k > 0 && k < m_n && gap(k) == g;
  }
  bool hyphen(std::size_t k) const {
    const std::string_view g = gap(k);
    return g == "-" || g == "\xE2\x80\x90" || g == "\xE2\x80\x91" || g == "\xE2\x80\x93";
  }
  bool sp_or_hyphen(std::size_t k) const { return sp(k) || hyphen(k); }

  int year_tok(std::size_t k) const {
    const Tok& t = tk(k);
    return t.ndig == 4 && t.num >= 1000 && t.num <= 2999 ? t.num : -1;
  }
  int day_tok(std::size_t k) const {
    const Tok& t = tk(k);
    if (t.num >= 1 && t.num <= 31 && t.ndig <= 2) return t.num;
    if (t.num < 0 && t.ord >= 1 && t.ord <= 31 && !t.w.empty() && t.w[0] >= '0' && t.w[0] <= '9')
      return t.ord;
    return 0;
  }
  /// A month name at k ("Jan", "January"); abbreviations and the ambiguous full
  /// names (May, March) need a capital letter.
  int month_tok(std::size_t k) const {
    const Tok& t = tk(k);
    if (t.lex == nullptr || t.lex->month == 0) return 0;
    if (!t.cap && (t.lex->abbrev || t.w == "may" || t.w == "march")) return 0;
    if (t.w == "mar" || t.w == "jun" || t.w == "jul") {  // also words: need the dot
      if (!t.cap) return 0;
    }
    return t.lex->month;
  }
  int weekday_tok(std::size_t k, bool* plural = nullptr) const {
    const Tok& t = tk(k);
    if (t.lex == nullptr || t.lex->weekday == 0) return 0;
    if (t.lex->abbrev) {  // "Tues.", "Fri."; "Sun," is more often a company or a newspaper
      if (!t.cap) return 0;
      const std::size_t after = t.e;
      if (after >= m_text.size() || m_text[after] != '.') return 0;
    }
    if (plural != nullptr) *plural = t.lex->plural;
    return t.lex->weekday;
  }
  /// A token that is an unambiguous whole-number quantity ("90", "1,000").
  long quantity_digits(std::size_t k) const {
    const Tok& t = tk(k);
    if (t.num >= 0) return t.num;
    if (t.w.empty() || t.w.size() > 11) return -1;
    long v = 0;
    bool any = false;
    for (std::size_t i = 0; i < t.w.size(); ++i) {
      const char c = t.w[i];
      if (c >= '0' && c <= '9') {
        v = v * 10 + (c - '0');
        any = true;
      } else if (c == ',' && i > 0 && i + 3 < t.w.size() + 0 && (t.w.size() - i - 1) % 3 == 0) {
        continue;
      } else {
        return -1;
      }
    }
    return any ? v : -1;
  }

  /// Inside a URL or e-mail address (the white-space-delimited chunk around the token)?
  bool in_url(std::size_t k) const {
    const Tok& t = tk(k);
    std::size_t b = t.b, e = t.e;
    while (b > 0 && !is_space_char(m_text[b - 1]) && t.b - b < 200) --b;
    while (e < m_text.size() && !is_space_char(m_text[e]) && e - t.e < 200) ++e;
    const std::string_view chunk = m_text.substr(b, e - b);
    return chunk.find("://") != std::string_view::npos ||
           chunk.find("www.") != std::string_view::npos ||
           chunk.find('@') != std::string_view::npos ||
           chunk.find(".com") != std::string_view::npos ||
           chunk.find(".htm") != std::string_view::npos ||
           chunk.find(".org") != std::string_view::npos ||
           chunk.find(".gov") != std::string_view::npos ||
           chunk.find(".cn/") != std::string_view::npos ||
           chunk.find(".pdf") != std::string_view::npos ||
           chunk.find(".php") != std::string_view::npos ||
           (std::count(chunk.begin(), chunk.end(), '/') >= 2 &&
            chunk.find('.') != std::string_view::npos &&
            std::any_of(chunk.begin(), chunk.end(), [](char c) { return (c >= 'a' && c <= 'z'); }));
  }

  /// A time word capitalized inside a sentence, in a title or a name: ABC's "This
  /// Week", CBS's "60 Minutes". True when a unit word of [from, to) other than the
  /// first word of its sentence is capitalized and the expression follows a quotation
  /// mark or a capitalized word.
  bool in_title(std::size_t start, std::size_t from, std::size_t to) const {
    bool cap_unit = false;
    for (std::size_t k = from; k < to && k < m_n; ++k) {
      const Tok& t = m_t[k];
      if (t.cap && t.lex != nullptr && t.lex->unit != Unit::none && k > 0 &&
          m_t[k - 1].sent == t.sent)
        cap_unit = true;
    }
    if (!cap_unit) return false;
    std::size_t p = tk(start).b;
    while (p > 0 && (m_text[p - 1] == ' ' || m_text[p - 1] == '\t')) --p;
    if (p > 0) {
      const char q = m_text[p - 1];
      if (q == '"' || q == '\'' || q == '`') return true;
      if (p >= 3 &&
          (m_text.substr(p - 3, 3) == "\xE2\x80\x9C" || m_text.substr(p - 3, 3) == "\xE2\x80\x98"))
        return true;
    }
    return start > 0 && tk(start - 1).cap && tk(start - 1).sent == tk(start).sent && start >= 2 &&
           tk(start - 2).sent == tk(start).sent;
  }

  // ---- tense ------------------------------------------------------------------------
  Tense cue_at(std::size_t k) const {
    const Tok& t = tk(k);
    const std::uint32_t f = flags(k);
    if (f & timex::kFuture) return Tense::future;
    if (f & timex::kPast) return Tense::past;
    if (f & timex::kPresentTense) return Tense::present;
    if (ends_with(t.w, "'ll") || ends_with(t.w, "\xE2\x80\x99ll")) return Tense::future;
    if (!t.cap && t.w.size() >= 5 && ends_with(t.w, "ed") && !ends_with(t.w, "eed") &&
        t.w != "hundred" && t.lex == nullptr) {
      // a participle after an auxiliary ("will be issued", "has been signed") is not the tense
      const std::string_view p = tk(k - 1).w;
      if (k > 0 && (p == "be" || p == "been" || p == "being" || p == "is" || p == "are" ||
                    p == "has" || p == "have" || p == "get" || p == "gets"))
        return Tense::unknown;
      return Tense::past;
    }
    return Tense::unknown;
  }
  Tense tense_for(std::size_t tb, std::size_t te) const {
    const std::uint32_t s = tk(tb).sent;
    // "as soon as Tuesday", "as early as next week" look ahead; "since May" back
    std::size_t p = tb;
    while (p > 0 && p + 3 > tb &&
           (is(p - 1, "on") || is(p - 1, "the") || is(p - 1, "early") || is(p - 1, "late") ||
            is(p - 1, "mid") || is(p - 1, "in")))
      --p;
    if (p > 0 && m_t[p - 1].sent == s) {
      const std::string_view w = m_t[p - 1].w;
      if (w == "since") return Tense::past;
      if (w == "as" && p >= 3 && (is(p - 2, "soon") || is(p - 2, "early")) && is(p - 3, "as"))
        return Tense::future;
    }
    // The verb before a time expression usually governs it ("started building inventory
    // in October will ..."); a fronted one ("On Friday, the ministry will ...") looks right.
    // "postponed until Saturday", "has until Tuesday": forward unless the verb is past
    // ("Until Thursday, they had not called him a suspect").
    bool until = false;
    Tense verb = Tense::unknown;
    for (std::size_t d = 1; d <= 24 && tb >= d && m_t[tb - d].sent == s; ++d) {
      const std::string_view w = m_t[tb - d].w;
      if (d <= 6 && (w == "until" || w == "till" || w == "by")) until = true;
      verb = cue_at(tb - d);
      if (verb != Tense::unknown) break;
    }
    for (std::size_t r = te; verb == Tense::unknown && r < m_n && r < te + 24 && m_t[r].sent == s;
         ++r) {
      verb = cue_at(r);
    }
    if (until && verb != Tense::past) return Tense::future;
    return verb;
  }

  // ---- resolution -------------------------------------------------------------------
  /// Year of a month (and day, 0 = none) named without one. News text mostly looks
  /// back: the most recent occurrence, unless the sentence is in the future tense or
  /// the next occurrence is at most kAheadDays away ("by Jan. 14" in a story of Jan. 6).
  /// "starting in April" (neutral) takes the next occurrence within the window too.
  std::optional<int> year_for(int m, int d, Tense tense, bool neutral) const {
    constexpr std::int64_t kAheadDays = 120;
    if (!m_has_dct_year) return std::nullopt;
    if (!m_has_dct) return m_dct.y;
    if (d == 0 && m == m_dct.m) return m_dct.y;
    const int dd = d > 0 ? d : 15;
    std::int64_t past_diff = 0, next_diff = 0;
    int past_y = 0, next_y = 0;
    bool have_past = false, have_next = false;
    for (int y = m_dct.y - 1; y <= m_dct.y + 1; ++y) {
      const int day = std::min(dd, timex::days_in_month(y, m));
      const std::int64_t diff = timex::days_from_civil(y, m, day) - m_dct_days;
      if (diff <= 0 && (!have_past || diff > past_diff)) {
        past_diff = diff;
        past_y = y;
        have_past = true;
      }
      if (diff > 0 && (!have_next || diff < next_diff)) {
        next_diff = diff;
        next_y = y;
        have_next = true;
      }
    }
    if (!have_next) return past_y;
    if (!have_past) return next_y;
    if (tense == Tense::future && !neutral) return past_diff >= -14 ? past_y : next_y;
    return next_diff <= kAheadDays ? next_y : past_y;
  }

  static Ref day_ref(std::int64_t days) {
    Ref r;
    r.gran = Gran::day;
    r.days = days;
    return r;
  }

  std::string day_value(std::int64_t days) const {
    return timex::fmt_ymd(timex::civil_from_days(days));
  }

  /// Weekday wd relative to the DCT: rel -1 last, +1 next, 0 this (same ISO week),
  /// 2 = by tense (past or unknown: most recent, same day included; future: next).
  std::optional<std::int64_t> weekday_days(int wd, int rel, Tense tense) const {
    if (!m_has_dct) return std::nullopt;
    const int today = timex::weekday_of(m_dct_days);
    switch (rel) {
      case -1: {
        int back = (today - wd + 7) % 7;
        if (back == 0) back = 7;
        return m_dct_days - back;
      }
      case 1: {
        int fwd = (wd - today + 7) % 7;
        if (fwd == 0) fwd = 7;
        return m_dct_days + fwd;
      }
      case 0:
        return m_dct_days + (wd - today);
      default:
        break;
    }
    if (tense == Tense::future) {
      const int fwd = (wd - today + 7) % 7;
      return m_dct_days + fwd;
    }
    return m_dct_days - (today - wd + 7) % 7;
  }

  // ---- recognizers ------------------------------------------------------------------
  bool r_calendar(std::size_t k, const Ctx& c, Found& f);
  bool r_numeric(std::size_t k, const Ctx& c, Found& f);
  bool r_weekday(std::size_t k, const Ctx& c, Found& f);
  bool r_deictic(std::size_t k, const Ctx& c, Found& f);
  bool r_relunit(std::size_t k, const Ctx& c, Found& f);
  bool r_quarter(std::size_t k, const Ctx& c, Found& f);
  bool r_year(std::size_t k, const Ctx& c, Found& f);
  bool r_fiscal(std::size_t k, const Ctx& c, Found& f);
  bool r_season(std::size_t k, const Ctx& c, Found& f);
  bool r_duration(std::size_t k, const Ctx& c, Found& f);
  bool r_set(std::size_t k, const Ctx& c, Found& f);
  bool r_time(std::size_t k, const Ctx& c, Found& f);
  bool r_holiday(std::size_t k, const Ctx& c, Found& f);
  bool r_after_mod(std::size_t k, const Ctx& c, Found& f);

  bool year_is_plausible(std::size_t k, bool cue) const;
  int spelled_year(std::size_t k, std::size_t& end) const;
  /// A year written in digits (4) or words ("nineteen ninety-six") at k; end is set to
  /// one past its last token. -1 if none.
  int year_at(std::size_t k, int& end) const {
    if (year_tok(k) > 0) {
      end = static_cast<int>(k + 1);
      return year_tok(k);
    }
    std::size_t e = 0;
    const int y = spelled_year(k, e);
    if (y > 0) end = static_cast<int>(e);
    return y;
  }
  std::optional<int> quarter_year(int q, Tense tense) const;
  int parse_quantity(std::size_t k, std::size_t& end, bool* half = nullptr) const;
  bool day_phrase(std::size_t k, std::size_t& end, std::int64_t& days);
  /// The day of the first weekday, today, yesterday or tomorrow within a few words
  /// after k in the same sentence ("at 10:35 a.m. (0735 GMT) Friday").
  std::optional<std::int64_t> day_later_in_sentence(std::size_t k) {
    for (std::size_t x = k; x < m_n && x < k + 8; ++x) {
      // stop at the end of the sentence (the tokenizer's sentences may end after "a.m.")
      const std::string_view between = gap(x);
      const bool abbrev = x > 0 && (m_t[x - 1].w == "a.m" || m_t[x - 1].w == "p.m");
      if (between.find("\n\n") != std::string_view::npos ||
          between.find('!') != std::string_view::npos ||
          between.find('?') != std::string_view::npos ||
          (between.find('.') != std::string_view::npos && !abbrev))
        break;
      Found g;
      const Ctx none;
      if ((r_weekday(x, none, g) || r_deictic(x, none, g)) && g.ref.gran == Gran::day &&
          g.type == TType::date)
        return g.ref.days;
    }
    return std::nullopt;
  }
  std::size_t match_at(std::size_t i, Found& best);
  std::size_t match_from(std::size_t i, Found& best);
  std::size_t approximator(std::size_t i) const;
  bool r_anaphora(std::size_t k, const Ctx& c, Found& f);
  int ref_year() const;
  void remember(const Found& f, std::size_t tb);
};

}  // namespace dualdex::ingest::timex
