// Date extraction: English time expressions as TIMEX3 values (TimeML 1.2.1 and the
// TempEval-3 annotation conventions), resolved against the document date (DCT).
//
// Output convention (DESIGN.md §4 "entities", decided here):
//   Mention::type  = MentionType::date
//   Mention::id    = the TIMEX3 type: "DATE", "TIME", "DURATION" or "SET"
//   Mention::value = the TIMEX3 value: "2026-01-08", "2025-12", "2026", "2026-W02",
//                    "2026-Q1", "2026-SU", "199" (the 1990s), "19" (the 20th century),
//                    "FY2026", "2026-01-08TMO", "2026-01-08T15:00", "P2Y", "PT3H",
//                    "PXY" (an unspecified number of years), "P1W" (a SET),
//                    "XXXX-WXX-1" (every Monday), "PRESENT_REF", "PAST_REF", "FUTURE_REF".
//   Mention::text, begin, end = the surface text and its UTF-8 byte offsets in in.text.
//
// Fiscal years: "fiscal 2026", "FY2026", "fiscal year 2026" → "FY2026"; "the fiscal
// year starting in April" gives two mentions: "the fiscal year" → FY<year of that
// April> and "April" → the month itself (2026-04 with a DCT of 2026-01-08), so the
// start month is always available as a calendar value.
//
// How it works: one pass over the tokens of tokenize(); at each token the recognizers
// (date_rules.cpp; parser state and helpers in date_parser.hpp) are tried and the
// longest match wins. Recognizers are hand-written over the folded tokens, the word
// table (date_lexicon.cpp) and the characters between tokens (". ", ",", "-", ":", "/");
// no regular expressions. Relative expressions are resolved against the DCT. A weekday
// named alone is the most recent one (the DCT's day included) unless the tense says
// future; a month or a day named without a year is the most recent one unless the next
// one is at most 120 days ahead or the tense says future. The tense is the nearest cue
// before the expression (else after it) in the sentence. "A year earlier", "the latest
// quarter", "that day" refer back to the last quarter or day the text named explicitly.
// Without a DCT (in.dct ""), relative expressions are recognized (so that their parts
// are not misread) but not reported; absolute ones, durations and sets are. With a DCT
// of only a year ("2026"), year-level ones ("last year") are resolved too.
// Measured on TempEval-3 by bench/quality_dates.cpp (docs/QUALITY.md).
#include "dualdex/ingest/extract_dates.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "date_cjk.hpp"
#include "date_parser.hpp"

namespace dualdex::ingest::timex {
namespace {

const char* type_name(TType t) {
  switch (t) {
    case TType::date:
      return "DATE";
    case TType::time:
      return "TIME";
    case TType::duration:
      return "DURATION";
    case TType::set:
      return "SET";
  }
  return "DATE";
}

}  // namespace

void Parser::remember(const Found& f, std::size_t tb) {
  if (f.ref.gran == Gran::none || f.value.empty() || !f.new_ref) return;
  Ref r = f.ref;
  r.sent = tk(tb).sent;
  m_last_any = r;
  if (r.gran == Gran::day) m_last_day = r;
  if (r.gran == Gran::quarter) m_last_quarter = r;
}

/// Words before a quantity that belong to its extent (TimeML): "nearly two years",
/// "more than four decades ago", "at least 30 days". Returns how many tokens.
std::size_t Parser::approximator(std::size_t i) const {
  if (!(flags(i) & timex::kApprox)) return 0;
  const std::string_view w = tk(i).w;
  if (!sp(i + 1)) return 0;
  if (w == "nearly" || w == "almost" || w == "about" || w == "around" || w == "approximately" ||
      w == "roughly" || w == "some")
    return 1;
  if ((w == "more" || w == "less" || w == "fewer") && is(i + 1, "than") && sp(i + 2)) return 2;
  if (w == "at" && (is(i + 1, "least") || is(i + 1, "most")) && sp(i + 2)) return 2;
  if (w == "up" && is(i + 1, "to") && sp(i + 2)) return 2;
  if (w == "no" && (is(i + 1, "more") || is(i + 1, "less")) && is(i + 2, "than") && sp(i + 2) &&
      sp(i + 3))
    return 3;
  if ((w == "just" || w == "well") && (is(i + 1, "over") || is(i + 1, "under")) && sp(i + 2))
    return 2;
  return 0;
}

std::size_t Parser::match_at(std::size_t i, Found& best) {
  if (const std::size_t a = approximator(i); a > 0) {
    Found g;
    if (match_from(i + a, g) == i + a && g.approx) {
      best = std::move(g);
      return i;
    }
  }
  return match_from(i, best);
}

/// The longest expression starting at token i (with a leading "the" or modifier);
/// returns its first token (i) or npos. best.te is one past its last token.
std::size_t Parser::match_from(std::size_t i, Found& best) {
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  const Tok& t0 = tk(i);
  if (!t0.starter) return npos;  // a time expression starts with a known word or a number
  std::size_t j = i;
  bool the = false;
  if (is(j, "the") && (sp(j + 1) || ((gap(j + 1) == " '" || gap(j + 1) == " \xE2\x80\x99") &&
                                     ends_with(tk(j + 1).w, "0s")))) {  // "the '90s"
    the = true;
    ++j;
  }
  if (the && !tk(j).starter) return npos;
  Ctx c;
  c.the = the;
  const std::size_t before = i > 0 ? i - 1 : npos;
  if (before != npos && tk(before).sent == t0.sent) {
    c.cue = (flags(before) & timex::kMonthCue) != 0;
    const std::string_view pw = tk(before).w;
    c.neutral = pw == "starting" || pw == "beginning" || pw == "effective" || pw == "commencing" ||
                pw == "starts" || pw == "begins";
    if ((pw == "in" || pw == "on" || pw == "from") && before > 0) {
      const std::string_view p2 = tk(before - 1).w;
      c.neutral = c.neutral || p2 == "starting" || p2 == "beginning" || p2 == "effective" ||
                  p2 == "commencing" || p2 == "starts" || p2 == "begins";
    }
  }
  const std::string_view w = tk(j).w;
  if ((w == "early" || w == "late" || w == "mid" || w == "middle") &&
      (sp(j + 1) || hyphen(j + 1))) {
    if (w == "middle" && !hyphen(j + 1)) {
      // "the middle of" below
    } else {
      c.mod = true;
      ++j;
    }
  }
  if (!c.mod &&
      (w == "end" || w == "beginning" || w == "start" || w == "middle" || w == "close" ||
       w == "turn" || w == "rest") &&
      is(j + 1, "of") && sp(j + 1) && sp(j + 2)) {
    c.mod = true;
    j += 2;
    if (is(j, "the") && sp(j + 1)) ++j;
  }
  if (!c.mod && (w == "earlier" || w == "later") &&
      ((flags(j + 1) & (timex::kThis | timex::kLast | timex::kNext)) || is(j + 1, "that")) &&
      sp(j + 1)) {
    c.mod = true;
    ++j;
  }
  if (c.mod) c.cue = true;

  using Rec = bool (Parser::*)(std::size_t, const Ctx&, Found&);
  static constexpr Rec kRecognizers[] = {
      &Parser::r_numeric,  &Parser::r_calendar,  &Parser::r_time,     &Parser::r_weekday,
      &Parser::r_deictic,  &Parser::r_fiscal,    &Parser::r_quarter,  &Parser::r_relunit,
      &Parser::r_season,   &Parser::r_year,      &Parser::r_holiday,  &Parser::r_set,
      &Parser::r_duration, &Parser::r_after_mod, &Parser::r_anaphora,
  };
  bool found = false;
  for (Rec r : kRecognizers) {
    Found f;
    if (!(this->*r)(j, c, f) || f.te <= j) continue;
    f.tb_core = j;
    if (j > i && !c.mod && !f.takes_the) continue;  // "the" that does not belong
    if (!found || f.te > best.te) {
      best = std::move(f);
      found = true;
    }
  }
  if (!found && (the || c.mod) && j > i) return npos;
  if (found && in_title(i, j, best.te)) return npos;
  return found ? i : npos;
}

void Parser::run(Extraction& out) {
  std::size_t i = 0;
  while (i < m_n) {
    Found f;
    const std::size_t tb = match_at(i, f);
    if (tb == static_cast<std::size_t>(-1)) {
      ++i;
      continue;
    }
    const std::size_t b = f.b != 0 && tb == f.tb_core ? f.b : m_t[tb].b;
    const std::size_t e = f.e != 0 ? f.e : m_t[f.te - 1].e;
    if (!f.value.empty() && e > b) {
      Mention mnt;
      mnt.type = MentionType::date;
      mnt.id = type_name(f.type);
      mnt.value = f.value;
      mnt.text = std::string(m_text.substr(b, e - b));
      mnt.begin = b;
      mnt.end = e;
      out.mentions.push_back(std::move(mnt));
      remember(f, tb);
    }
    i = f.te;
  }
}

}  // namespace dualdex::ingest::timex

namespace dualdex::ingest {
namespace {

using timex::Lexicon;
using timex::Parser;

class Impl : public DateExtractor {
 public:
  void extract(const ExtractInput& in, Extraction& out) const override {
    if (in.text.empty() || in.tokens.empty()) return;
    Parser p(m_lex, in);
    p.run(out);
    timex::cjk_dates(in, out);
  }

 private:
  Lexicon m_lex;
};

// XML text escaping for element content and attribute values.
void append_escaped(std::string& out, std::string_view s, bool attribute) {
  for (char ch : s) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        if (attribute) {
          out += "&quot;";
        } else {
          out += ch;
        }
        break;
      default:
        out += ch;
    }
  }
}

bool is_timex_type(std::string_view t) {
  return t == "DATE" || t == "TIME" || t == "DURATION" || t == "SET";
}

}  // namespace

std::unique_ptr<DateExtractor> DateExtractor::load(const std::filesystem::path&) {
  return std::make_unique<Impl>();
}

// The TIMEX3 type of each mention is its Mention::id (DATE, TIME, DURATION, SET;
// anything else is written as DATE) and its value is Mention::value. Mentions that
// are not dates, have no offsets, reach outside the text, cut a UTF-8 sequence or
// overlap an earlier one (by start offset) are left out, so the TEXT always survives.
std::string to_timeml(const std::string& docid, const std::string& dct, const std::string& text,
                      const std::vector<Mention>& mentions) {
  std::vector<const Mention*> dates;
  for (const Mention& m : mentions) {
    if (m.type != MentionType::date || m.begin == Mention::npos || m.end == Mention::npos) continue;
    if (m.begin >= m.end || m.end > text.size()) continue;
    auto continuation = [&](std::size_t pos) {
      return pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80;
    };
    if (continuation(m.begin) || continuation(m.end)) continue;
    dates.push_back(&m);
  }
  std::stable_sort(dates.begin(), dates.end(), [](const Mention* a, const Mention* b) {
    return a->begin != b->begin ? a->begin < b->begin : a->end > b->end;
  });
  std::string out;
  out.reserve(text.size() + 64 * dates.size() + 256);
  out += "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>";
  append_escaped(out, docid, false);
  out += "</DOCID>\n<DCT>";
  if (!dct.empty()) {
    out += "<TIMEX3 tid=\"t0\" type=\"DATE\" value=\"";
    append_escaped(out, dct, true);
    out += "\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">";
    append_escaped(out, dct, false);
    out += "</TIMEX3>";
  }
  out += "</DCT>\n<TEXT>";
  std::size_t pos = 0;
  int tid = 0;
  for (const Mention* m : dates) {
    if (m->begin < pos) continue;  // overlaps the previous one: the first wins
    append_escaped(out, std::string_view(text).substr(pos, m->begin - pos), false);
    out += "<TIMEX3 tid=\"t" + std::to_string(++tid) + "\" type=\"";
    out += is_timex_type(m->id) ? m->id : std::string("DATE");
    out += "\" value=\"";
    append_escaped(out, m->value, true);
    out += "\">";
    append_escaped(out, std::string_view(text).substr(m->begin, m->end - m->begin), false);
    out += "</TIMEX3>";
    pos = m->end;
  }
  append_escaped(out, std::string_view(text).substr(pos), false);
  out += "</TEXT>\n</TimeML>\n";
  return out;
}

}  // namespace dualdex::ingest
