#pragma once
// The one table of the index's term prefixes and value slots (omega's values.h
// idea). Every term and value dualdex writes or reads is named here, nowhere else.
// Changing a prefix or a slot's encoding means bumping kSchemaVersion.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace dualdex::index::schema {

/// Stored in the index metadata under kSchemaKey; opening another version is an error.
inline constexpr std::string_view kSchemaVersion = "1";
inline constexpr const char* kSchemaKey = "dualdex.schema";
/// Metadata: the synonyms the writer added to this database, a "word\tterm" line
/// each. Xapian's remote backend does not read synonym tables; readers of remote
/// shards load these into a local one (index/shards.hpp).
inline constexpr const char* kSynonymsKey = "dualdex.synonyms";
/// Metadata written with every commit: the revision it makes (Xapian's remote backend
/// does not tell a revision) and its utc_stamp().
inline constexpr const char* kRevisionKey = "dualdex.revision";
inline constexpr const char* kCommittedAtKey = "dualdex.committed_at";
/// Metadata of the first shard: one key per input file (this prefix and a hash of its
/// relative path), the writer's InputState: "fingerprint\nrelative path\n" and a line
/// per document id ("id" or "id\tlist").
inline constexpr const char* kInputKeyPrefix = "dualdex.input:";
/// Part of every content hash: bumped when the writer indexes the same document
/// differently (new terms or slots) within one schema version, so that the next ingest
/// rewrites every document instead of skipping it as unchanged.
/// "2": measure action terms (kAction) and the in-force slots (kSlotForceFrom …).
/// "3": near-duplicate fingerprints and bands (kSlotDupSketch, kDupBand, kDupOf) and the
/// written-at stamp (kSlotWrittenAt).
/// "4": the date-order and write-order slots (kSlotDateOrder, kSlotWriteOrder), so
/// that sorting and near-duplicate order read values any shard layout has, local or
/// remote (Xapian 1.4's remote backend takes no KeyMaker).
inline constexpr std::string_view kIndexRevision = "4";

// ---- Term prefixes -----------------------------------------------------------
/// Unique id ("reuters:1", "file:seed/x.txt", URL); one document per Q term.
inline constexpr std::string_view kUid = "Q";
/// Title words (free text, also indexed unprefixed); "title:" in queries.
inline constexpr std::string_view kTitle = "S";
/// Document kind: article | statement | measure | entry | instrument ("kind:").
inline constexpr std::string_view kKind = "XKIND";
/// Source name, its first path component and its host, lower case ("source:").
inline constexpr std::string_view kSource = "XSOURCE";
/// BCP 47 language, lower case, and its primary subtag ("lang:").
inline constexpr std::string_view kLang = "L";
/// Publication date as YYYYMMDD, YYYYMM and YYYY (exact-date filters).
inline constexpr std::string_view kDay = "D";
inline constexpr std::string_view kMonth = "M";
inline constexpr std::string_view kYear = "Y";
/// Country, ISO 3166-1 alpha-2 upper case ("country:").
inline constexpr std::string_view kCountry = "XC";
/// Agency id as "CN.MOFCOM" ("agency:").
inline constexpr std::string_view kAgency = "XA";
/// Item slug ("item:").
inline constexpr std::string_view kItem = "XI";
/// Control code, lower case, and every ancestor code, so "code:3B001" matches 3B001.f.1.
inline constexpr std::string_view kCode = "XCODE";
/// Person id "he-yadong" ("person:").
inline constexpr std::string_view kPerson = "XP";
/// Control-list id ("list:").
inline constexpr std::string_view kList = "XL";
/// Organisation slug ("org:").
inline constexpr std::string_view kOrganisation = "XO";
/// Instrument id "MOFCOM-2026-1" ("instrument:").
inline constexpr std::string_view kInstrument = "XINSTR";
/// A measure's linked entry: the code, lower case, and every ancestor (as kCode), so
/// "code:3B001" finds the measures linked to 3B001.f.1. Written by relink.
inline constexpr std::string_view kLinkedCode = "XLINK";
/// The fingerprint (entries + vocabulary) a measure was linked under: measures
/// without the current one are relinked.
inline constexpr std::string_view kLinkState = "XLSTATE";
/// Unique id of the parent of a child document (statement, measure), for deletion.
inline constexpr std::string_view kParent = "XPARENT";
/// A measure's action, lower case ("ban", "suspension", "protest"); measures only.
/// --in-force-on leaves out protests, which have no legal force.
inline constexpr std::string_view kAction = "XACTION";
/// Near-duplicate candidate bands of an article's fingerprint (ingest/near_duplicates.hpp):
/// one term per band, "<band hex digit><16 hex digits>"; articles sharing one are candidates.
inline constexpr std::string_view kDupBand = "XDUPB";
/// On a near-duplicate article: the id of its first copy ("dup:" in queries).
inline constexpr std::string_view kDupOf = "XDUPOF";

// ---- Value slots ---------------------------------------------------------------
enum Slot : Xapian::valueno {
  /// Publication date "YYYYMMDD"; unknown month/day written "00" (sorting, ranges).
  kSlotDate = 0,
  /// Kind (facet "kind").
  kSlotKind = 1,
  /// Unique id: breaks ties between equal scores or dates, the same on any shard layout.
  kSlotUid = 2,
  /// Content hash (hex) of everything indexed: unchanged documents are skipped.
  kSlotHash = 3,
  /// Month "YYYY-MM" (facet "month").
  kSlotMonth = 4,
  /// Multi-valued facets: the document's ids joined by kMultiSep, sorted. Stock
  /// ValueCountMatchSpy counts each distinct joined string (also over remote
  /// shards); the reader splits and sums, which gives exact per-value counts.
  kSlotCountries = 5,
  kSlotAgencies = 6,
  kSlotItems = 7,
  kSlotCodes = 8,
  /// Newest-first order with ties by unique id, as one value (date_order_value): sorting
  /// by date is a plain reverse value sort, which remote shards run too.
  kSlotDateOrder = 9,
  /// When the document was first written: the run's stamp and a counter
  /// (write_order_value), kept when the document is replaced. The earliest copy of a
  /// story is the first copy, on one index or across shards.
  kSlotWriteOrder = 10,
  /// In force by a measure's own dates (--in-force-on for measures whose instrument is
  /// not in the index; measures of a known instrument follow the instrument chain).
  /// "YYYYMMDD" like kSlotDate; written for measures except protests.
  /// First day in force: effective, else announced, else the document date ("00" for
  /// an unknown month or day).
  kSlotForceFrom = 20,
  /// A suspension the measure itself states ("suspended until …"): from the document
  /// date through suspended_until inclusive ("99" for an unknown month or day).
  kSlotSuspendedFrom = 21,
  kSlotSuspendedUntil = 22,
  /// Last day in force of a measure that is itself a suspension with an end date.
  kSlotForceEnds = 23,
  /// When the document was last written (added or changed): utc_stamp() (UTC), the
  /// writer's run time. The nightly watchlist lists what a run wrote.
  kSlotWrittenAt = 25,
  /// Languages of the text, lower case, kMultiSep-separated (the "lang" facet).
  kSlotLang = 26,
  /// Articles: the collapse key of near-duplicates, the id of the first copy (an
  /// original's own id). Queries collapse on it unless --show-duplicates.
  kSlotDupKey = 30,
  /// Articles of enough words: the near-duplicate fingerprint, Fingerprint::encode().
  kSlotDupSketch = 31,
};

/// Separator of values in the multi-valued facet slots.
inline constexpr char kMultiSep = '\x1f';

/// A facet the query side can count: its name, slot and whether it is multi-valued.
struct Facet {
  const char* name;
  Slot slot;
  bool multi;
};
inline constexpr std::array<Facet, 6> kFacets{{
    {"country", kSlotCountries, true},
    {"agency", kSlotAgencies, true},
    {"item", kSlotItems, true},
    {"kind", kSlotKind, false},
    {"month", kSlotMonth, false},
    {"lang", kSlotLang, true},
}};

/// A filter of DESIGN.md §4: the query-string field, its term prefix, how values
/// are normalized ("upper", "lower", "asis", "code"), and the mention type it indexes.
struct Filter {
  const char* field;
  std::string_view prefix;
  const char* normalize;
};
inline constexpr std::array<Filter, 12> kFilters{{
    {"kind", kKind, "lower"},
    {"country", kCountry, "upper"},
    {"agency", kAgency, "upper"},
    {"item", kItem, "lower"},
    {"person", kPerson, "lower"},
    {"code", kCode, "code"},
    {"list", kList, "lower"},
    {"lang", kLang, "lower"},
    {"source", kSource, "lower"},
    {"org", kOrganisation, "lower"},
    {"instrument", kInstrument, "upper"},
    {"dup", kDupOf, "asis"},
}};

/// Normalizes a filter value the way it is indexed (see Filter::normalize).
std::string normalize_filter_value(std::string_view how, std::string_view value);

/// The term for one filter value: prefix + normalized value.
std::string filter_term(std::string_view prefix, std::string_view how, std::string_view value);

/// A code and its ancestors, lower case: "3B001.f.1" → {"3b001.f.1", "3b001.f", "3b001"}.
std::vector<std::string> code_and_ancestors(std::string_view code);

/// Date value for kSlotDate from a TIMEX3 calendar value ("2025-12" → "20251200"); "" if invalid.
std::string date_slot_value(std::string_view timex);
/// The same as the last possible day, for end dates ("2025-12" → "20251299"); "" if invalid.
std::string date_slot_value_upper(std::string_view timex);

/// kSlotDateOrder's value: the date slot value ("00000000" when none) followed by the
/// id with every byte inverted and 0xFF, so a descending sort on it is newest first and,
/// on one date, ids in ascending order.
std::string date_order_value(std::string_view date_slot, std::string_view id);

/// kSlotWriteOrder's value: a run's utc_stamp() and the document's place in the run
/// (fixed width: the values sort in write order).
std::string write_order_value(std::string_view stamp, unsigned long long counter);

}  // namespace dualdex::index::schema

namespace dualdex::index::schema {

/// Xapian's limit on a term's length, less a margin.
inline constexpr std::size_t kMaxTerm = 240;

/// prefix + value; a value too long for a term is cut and suffixed with a hash of
/// the whole value, so long ids (URLs) still get a unique, stable term.
std::string make_term(std::string_view prefix, std::string_view value);

/// The unique-id term of a document id.
inline std::string uid_term(std::string_view id) { return make_term(kUid, id); }

}  // namespace dualdex::index::schema
