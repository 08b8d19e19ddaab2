#pragma once
// The life of legal instruments (announcements, orders, regulations): when each takes
// effect and what later instruments do to it, rebuilt from the `instrument` documents
// in the index (ingest/reader.hpp read_instruments). Nothing here is typed in: every
// status is derived from the records' dates and the other instruments' actions.
//
// Rules (dates are calendar days, inclusive; an instrument's start is its effective
// date, else its issue date; an action takes effect on its actor's start):
//  - before its start an instrument is "not-yet-in-force";
//  - "suspends" (whole instrument) makes the target "suspended" from the suspender's
//    start through `until` (no until: open-ended); the day after, it is in force again;
//    a suspension counts only while the suspender itself is in force, so lifting or
//    replacing the suspender ends the suspension;
//  - "suspends" with clauses makes it "partly-suspended" (the clauses listed); it stays
//    in force for the rest of its clauses;
//  - "lifts" ends it for good: "lifted" from the lifter's start;
//  - "replaces": "replaced" from the replacer's start;
//  - "consolidates": "consolidated" into the consolidator from its start; its controls
//    live on there, so it counts as in force whenever the consolidator is;
//  - "amends" changes no status.
// Lifting, replacing or consolidating wins over a suspension; the earliest of them
// applies. Clause-level lifts or replaces do not change the instrument's status.
#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "dualdex/index/stored.hpp"

namespace dualdex::query {

/// What one instrument does to others (one element of a record's "actions").
struct InstrumentAction {
  std::string type;                  ///< suspends | lifts | amends | replaces | consolidates
  std::vector<std::string> targets;  ///< instrument ids
  std::vector<std::string> clauses;  ///< clause numbers; empty = the whole instrument
  std::string until;                 ///< last day of a suspension (TIMEX3) or "" (open-ended)
};

/// One instrument record as the chain needs it.
struct Instrument {
  std::string id;         ///< "MOFCOM-2025-70" (the document id without "instrument:")
  std::string title;
  std::string issued;     ///< TIMEX3 calendar value or ""
  std::string effective;  ///< TIMEX3 calendar value or ""
  std::vector<InstrumentAction> actions;

  /// First day in force (YYYY-MM-DD): effective, else issued; "" if neither.
  std::string start() const;
};

/// The status of an instrument, or of a measure, on one date.
struct Status {
  /// not-yet-in-force | in-force | suspended | partly-suspended | lifted | replaced |
  /// consolidated. A measure whose instrument is not in the index keeps the status the
  /// extractor derived from its own dates: announced | in-force | suspended | expired.
  std::string status;
  std::string as_of;          ///< the date the status is for (YYYY-MM-DD)
  std::string since;          ///< first day of this status ("" when unknown)
  std::string until;          ///< (partly-)suspended: last day of the suspension ("" = open-ended)
  std::string by;             ///< instrument that caused it: suspender, lifter, replacer, consolidator
  std::vector<std::string> clauses;  ///< partly-suspended: the clauses suspended
  std::string in_force_from;  ///< not-yet-in-force: the day it takes effect
  std::string instrument;     ///< the instrument the status is of ("" for a measure's own status)
  std::string source;         ///< "instruments" (derived from the chain) or "document" (a measure's own dates)
  bool in_force = false;      ///< in-force, partly-suspended, or consolidated into an instrument in force
};

class InstrumentChain {
 public:
  InstrumentChain() = default;
  /// The chain of these records; a record whose id was seen before is ignored.
  explicit InstrumentChain(std::vector<Instrument> instruments);

  /// From `instrument` documents (meta "instrument", "issued", "effective", "actions"
  /// as ingest::read_instruments writes them); other kinds are ignored. A document whose
  /// record cannot be read is skipped and described in problems (when given).
  static InstrumentChain from_documents(const std::vector<index::StoredDocument>& docs,
                                        std::vector<std::string>* problems = nullptr);

  const Instrument* find(const std::string& id) const;  ///< nullptr if unknown
  bool contains(const std::string& id) const { return find(id) != nullptr; }
  std::vector<std::string> ids() const;  ///< every known id, sorted
  std::size_t size() const { return m_instruments.size(); }

  /// Status of instrument `id` on `date` (YYYY-MM-DD); nullopt if the id is unknown.
  std::optional<Status> status_on(const std::string& id, const std::string& date) const;

  /// Ids of the instruments in force on at least one day of [first, last] (YYYY-MM-DD,
  /// inclusive; first == last for one day).
  std::set<std::string> in_force_between(const std::string& first, const std::string& last) const;

  /// The instrument's life, oldest first: one Status per period, each as of (and since)
  /// the period's first day. Starts at its issue date when that is before its start.
  /// Empty if the id is unknown.
  std::vector<Status> history(const std::string& id) const;

 private:
  /// An action aimed at an instrument: the actor's id and the action's index (ids, not
  /// pointers, so that the chain can be copied).
  struct Incoming {
    std::string actor;
    std::size_t action = 0;
  };
  Status raw_status(const Instrument& inst, const std::string& date, int depth) const;
  bool in_force(const std::string& id, const std::string& date, int depth) const;

  std::map<std::string, Instrument> m_instruments;
  std::map<std::string, std::vector<Incoming>> m_incoming;  ///< target id → actions aimed at it
  std::vector<std::string> m_boundaries;  ///< sorted days on which some status may change
};

/// What a measure says of itself, for measure_status().
struct MeasureFacts {
  std::string instrument;       ///< its instrument id or ""
  std::string status;           ///< the extractor's status from its own dates ("" = none)
  std::string status_as_of;     ///< the date that status is for (the document date)
  std::string suspended_until;  ///< a suspension it states, or ""
};
/// From a `measure` document (meta "status" = "in-force as of 2026-01-08", its
/// instrument mention, meta "suspended_until").
MeasureFacts measure_facts(const index::StoredDocument& measure_doc);
/// From one element of a document's "measures" array (DESIGN.md §4 JSON).
MeasureFacts measure_facts(const nlohmann::ordered_json& measure);

/// A measure's status on `date`: its instrument's status when the chain knows the
/// instrument (source "instruments"), else its own status as of its document date
/// (source "document"); nullopt when it has neither.
std::optional<Status> measure_status(const InstrumentChain& chain, const MeasureFacts& measure,
                                     const std::string& date);

/// Today's date (YYYY-MM-DD): $DUALDEX_TODAY when set (for tests and replays), else the
/// system clock's local date. Throws UsageError when DUALDEX_TODAY is not YYYY-MM-DD.
std::string today();

/// The days a full or partial date stands for: "2026-01" → {"2026-01-01", "2026-01-31"},
/// "2026" → the whole year. Accepts YYYY, YYYY-MM, YYYY-MM-DD and the compact YYYYMM,
/// YYYYMMDD. Throws UsageError for anything else.
struct DatePeriod {
  std::string first, last;
};
DatePeriod date_period(const std::string& value);

}  // namespace dualdex::query
