#pragma once
// The scheduled job (`dualdex nightly`): every source of the configuration into the
// index, incrementally and crash-safely, then the measures' links, then the analysts'
// saved queries; a JSON report and a one-screen summary. docs/OPERATIONS.md.
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dualdex/nightly/config.hpp"
#include "dualdex/query/search.hpp"

namespace dualdex::nightly {

struct NightlyOptions {
  bool dry_run = false;   ///< say what would be read and removed; write nothing
  bool force = false;     ///< rewrite every document even if unchanged (`dualdex reindex`)
  bool progress = false;  ///< a progress line on a terminal (else log lines)
};

/// A document or file that failed, and why.
struct Failure {
  std::string input;   ///< file (and ":line" / record) or URL
  std::string reason;
  bool is_new = true;  ///< false: quarantined by an earlier run and unchanged since
};

struct SourceReport {
  std::string name;
  std::size_t files = 0;
  std::size_t added = 0, changed = 0, unchanged = 0, duplicates = 0, failed = 0, removed = 0;
  std::size_t quarantined = 0;  ///< files skipped: they failed before and did not change
  std::size_t fetched = 0, not_modified = 0;  ///< feeds
  std::vector<Failure> failures;
  std::vector<std::string> would_read, would_remove;  ///< --dry-run
  double seconds = 0;
};

struct WatchReport {
  std::string name, query;
  std::size_t new_matches = 0;
  std::vector<query::Hit> hits;
  std::string error;  ///< a saved query that does not parse
};

struct NightlyReport {
  std::string started, finished;  ///< "YYYYMMDDTHHMMSS" UTC
  std::string previous;           ///< start of the last completed run ("" = first run)
  bool dry_run = false;
  std::vector<SourceReport> sources;
  std::vector<WatchReport> watchlist;
  std::size_t relinked = 0, linked = 0;
  std::map<std::string, double> stage_seconds;  ///< fetch, ingest, remove, link, watch
  std::size_t index_documents = 0;
  std::uintmax_t index_bytes = 0;
  std::size_t new_failures = 0;
  /// 0, or 1 when this run met failures not seen before (DESIGN.md §4).
  int exit_code = 0;
};

/// Runs the job. Throws IndexError when the index or the job's lock is held by another
/// run (the message names the holder) or unusable; KnowledgeError on invalid knowledge.
/// Bad inputs never throw: they are failures in the report.
NightlyReport run_nightly(const NightlyConfig& config, const NightlyOptions& options,
                          const std::function<void(const std::string&)>& log = {});

nlohmann::ordered_json to_json(const NightlyReport& report);
/// One screen for the operator and the analysts' morning list.
std::string summary(const NightlyReport& report);

}  // namespace dualdex::nightly
