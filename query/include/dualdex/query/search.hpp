#pragma once
// Searching the index: query parsing with dualdex's filters, partial-date ranges,
// sorting with stable tie-breaks, exact facets and highlighted snippets.
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dualdex/index/stored.hpp"
#include "dualdex/query/instruments.hpp"

namespace dualdex::query {

enum class SortOrder { relevance, date };

/// One filter given as a flag (--country JP): field name as in the query syntax.
struct FilterValue {
  std::string field;  ///< "country", "agency", "item", "kind", "code", ...
  std::string value;
};

struct SearchOptions {
  std::string query;                 ///< query string (may be empty: filters only)
  std::vector<FilterValue> filters;  ///< ANDed with the query
  std::string since;                 ///< inclusive lower date bound, partial allowed ("2025-12")
  std::string until;                 ///< inclusive upper date bound, partial allowed ("2026")
  /// Only documents written (added or changed) at or after this time, "YYYYMMDDTHHMMSS"
  /// UTC (index::utc_stamp): the nightly watchlist's "new since the last run".
  std::string written_since;
  /// Keep only measures and instruments in force on this date (partial: on some day of
  /// it), by the instrument chain (instruments.hpp); "" = no such filter. The query
  /// string's "in-force-on:DATE" sets it too. Statuses are then as of this date (its
  /// last day when partial), else as of today().
  std::string in_force_on;
  SortOrder sort = SortOrder::relevance;
  std::size_t limit = 10;
  std::size_t offset = 0;
  bool facets = false;               ///< count facets exactly over every match
  /// List near-duplicate articles one by one. By default the copies of one story
  /// collapse into one hit (the best ranked), which says how many it stands for
  /// (Hit::duplicates); a query with a "dup:ID" filter never collapses.
  bool show_duplicates = false;
  std::size_t snippet_length = 240;  ///< characters of snippet per hit
};

struct Hit {
  std::string id, kind, title, date, source, url;
  /// Relevance in [0,1]: the hit's weight over the best match's (1 for every hit of a
  /// query of filters alone). The same on one database and on any set of shards.
  double score = 0;
  std::string snippet;  ///< HTML-escaped text with matched words in <b>…</b>
  /// Articles: the first copy's id when this one is a near-duplicate of it, else "".
  std::string dup_of;
  /// Other matching copies of the same story collapsed into this hit (Xapian's
  /// collapse count: exact when every match was looked at, else a lower bound).
  std::size_t duplicates = 0;
  std::vector<std::string> countries, agencies, items, codes;
  /// A measure's control-list links, best first: "eu-2021-821:3B001.f", "cn-dual-use:*"
  /// (the whole list). Empty until linked, or when no entry fits.
  std::vector<std::string> links;
  /// Measures and instruments: the status as of SearchResult::status_as_of (a measure of
  /// an instrument not in the index keeps its own, as of its document date).
  std::optional<Status> status;
};

/// Facet counts: facet name → (value, count), most frequent first, ties by value.
using FacetCounts = std::map<std::string, std::vector<std::pair<std::string, std::size_t>>>;

struct SearchResult {
  std::string query;
  std::size_t total = 0;      ///< number of matches (exact when total_exact)
  bool total_exact = false;
  std::size_t offset = 0;
  std::vector<Hit> hits;
  FacetCounts facets;         ///< empty unless SearchOptions::facets
  std::string in_force_on;    ///< the --in-force-on / in-force-on: value used, or ""
  std::string status_as_of;   ///< the date hit statuses are for (YYYY-MM-DD)
  /// Shards left out (OpenOptions::allow_partial): the result is from the others only.
  std::vector<std::string> missing_shards;
};

/// How an index is opened for reading.
struct OpenOptions {
  /// A shard of a stub that does not open is left out (and named in every result's
  /// missing_shards) instead of failing the open.
  bool allow_partial = false;
  unsigned timeout_ms = 10000;  ///< remote shards: connect and reply timeout
};

/// Turns "2025-12", "2026", "2026-01-08" (or YYYYMMDD) into the inclusive
/// date-slot bound ("20251200" low, "20261299" high). Throws UsageError if not a date.
std::string date_bound(const std::string& value, bool upper);

class Searcher {
 public:
  /// Opens the index read-only: one database, a sharded folder, or a stub file of local
  /// and remote shards (index/shards.hpp). Throws IndexError (missing, wrong schema,
  /// unusable, a shard that does not answer, named).
  explicit Searcher(const std::string& index_path, const OpenOptions& options = {});
  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  /// Runs a search. Throws UsageError on a bad query (syntax, unknown field, bad
  /// date) and IndexError on an index failure.
  SearchResult search(const SearchOptions& options) const;

  /// The stored document with that unique id, if any.
  std::optional<index::StoredDocument> get(const std::string& id) const;

  /// The chain of every `instrument` document in the index (empty if none).
  InstrumentChain instruments() const;

  /// Number of documents in the index.
  std::size_t document_count() const;

  /// Names of the shards left out (allow_partial); empty when every shard answered.
  std::vector<std::string> missing_shards() const;
  /// Shards searched or left out: 1 for one database.
  std::size_t shard_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace dualdex::query
