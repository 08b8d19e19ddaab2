#pragma once
// The word table of the date extractor: what each (case-folded) word can mean in a
// time expression. Built once at load from tables in date_lexicon.cpp; read-only after.
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace dualdex::ingest::timex {

enum class Unit : std::uint8_t {
  none,
  second,
  minute,
  hour,
  day,
  week,
  weekend,
  fortnight,
  month,
  quarter,
  year,
  decade,
  century,
};

/// Roles a word can play (bit set).
enum LexFlag : std::uint32_t {
  kLast = 1u << 0,       ///< last, past, previous, prior, preceding
  kNext = 1u << 1,       ///< next, coming, following, upcoming
  kThis = 1u << 2,       ///< this, current
  kVague = 1u << 3,      ///< several, few, many: a quantity written "X"
  kEvery = 1u << 4,      ///< every, each
  kEarly = 1u << 5,      ///< early, beginning, start
  kLate = 1u << 6,       ///< late, end, close
  kMid = 1u << 7,        ///< mid, middle
  kZone = 1u << 8,       ///< time zone (GMT, EST, ...)
  kCountNoun = 1u << 9,  ///< a noun that makes the number before it a count ("2,000 tonnes")
  kCodeWord = 1u << 10,  ///< a word that makes the number after it a code ("HS 2805", "No. 1990")
  kFuture = 1u << 11,    ///< future-tense cue (will, shall, 'll, scheduled ...)
  kPast = 1u << 12,      ///< past-tense cue (said, was, irregular past forms)
  kMonthCue = 1u << 13,  ///< a word after which a lone month name is a month (in, since, until ...)
  kFiller = 1u << 14,    ///< between a number and its unit: more, additional, full, straight ...
  kPresentTense = 1u << 15,  ///< is, are, says (present-tense cue)
  kStarter = 1u << 16,  ///< may start a time expression without being a number, month, unit ...
  kApprox = 1u << 17,   ///< nearly, about, more (than), at (least) ...: may precede a quantity
};

struct Lex {
  std::uint8_t month = 0;    ///< 1..12
  std::uint8_t weekday = 0;  ///< 1 = Monday .. 7 = Sunday
  std::uint8_t ordinal = 0;  ///< first = 1 ...
  std::uint8_t season = 0;   ///< 1 SP, 2 SU, 3 FA, 4 WI
  std::uint8_t part = 0;     ///< part of day: 1 MO, 2 AF, 3 EV, 4 NI
  std::uint8_t decade = 0;   ///< "sixties" = 6 ...
  Unit unit = Unit::none;
  bool abbrev = false;       ///< an abbreviation (Jan, Tues, Sept): needs a capital letter
  bool plural = false;       ///< years, Mondays, mornings
  std::int32_t number = -1;  ///< cardinal value of a number word ("twelve" = 12)
  std::uint32_t flags = 0;
};

class Lexicon {
 public:
  Lexicon();
  /// The entry for a case-folded word, or nullptr.
  const Lex* find(std::string_view folded) const {
    const auto it = m_words.find(folded);
    return it == m_words.end() ? nullptr : &it->second;
  }

 private:
  std::unordered_map<std::string_view, Lex> m_words;  // keys are string literals
};

}  // namespace dualdex::ingest::timex
