#pragma once
// The nightly job's configuration (JSON; docs/OPERATIONS.md, corpus/nightly.example.json).
// Relative paths are taken from the configuration file's folder.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "dualdex/index/shards.hpp"
#include "dualdex/query/search.hpp"

namespace dualdex::nightly {

struct SourceConfig {
  std::string name;                    ///< unique; names the source in reports and state
  std::vector<std::string> paths;      ///< files, directories and globs ("news/*.html")
  std::vector<std::string> feeds;      ///< feed URLs (RSS 2.0 / Atom), fetched each run
  std::string format = "auto";         ///< --input-format for this source's files
  std::vector<std::string> exclude;    ///< file-name globs skipped in directories
  std::string list_meta;               ///< control-list metadata for every file ("" = sidecars)
  std::string dct;                     ///< document date for documents that state none
  /// A file that vanished since the last run: its documents are removed ("remove") or kept.
  bool remove_vanished = true;
  // Fetching feeds.
  int timeout_seconds = 30;
  int retries = 3;
  std::size_t max_bytes = 20u << 20;
};

struct WatchConfig {
  std::string name;                           ///< the analyst's name for it
  std::string query;                          ///< query syntax of `dualdex query`
  std::vector<query::FilterValue> filters;    ///< {"country": ["JP"]} in the file
  std::size_t limit = 20;                     ///< hits listed per run
};

struct NightlyConfig {
  std::filesystem::path file;   ///< where it was read from
  std::string index;            ///< index directory
  std::string state;            ///< state directory: lock, quarantine, manifests, reports
  std::string knowledge;        ///< gazetteers ("" = the default)
  unsigned jobs = 0;
  std::size_t batch = 2000;
  /// "shards": N (by hash) or "shard_by": "year": the index's shard layout
  /// (index/shards.hpp); unset: the existing layout, one database for a new index.
  std::optional<index::ShardLayout> shards;
  std::vector<SourceConfig> sources;
  std::vector<WatchConfig> watchlist;
};

/// Reads and checks a configuration. Throws KnowledgeError ("FILE: problem") when it
/// is not valid JSON or misses what a run needs (exit 4).
NightlyConfig load_config(const std::filesystem::path& file);

}  // namespace dualdex::nightly
