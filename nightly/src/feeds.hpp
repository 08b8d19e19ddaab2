#pragma once
// Feed URLs of a nightly source: fetched with a conditional GET into STATE/feeds/, so
// the run reads them as feed files and an unchanged feed costs one 304.
#include <filesystem>
#include <string>

#include "dualdex/nightly/config.hpp"
#include "state.hpp"

namespace dualdex::nightly {

struct FeedOutcome {
  std::string file;   ///< the feed's body to read ("" when there is none yet)
  bool fetched = false, not_modified = false;
  std::string error;  ///< the fetch failed (the last body, if any, is still read)
};

/// Fetches url (not in a dry run: then only the last body is named) and updates its
/// validators in `feed`.
FeedOutcome fetch_feed(const std::string& url, const SourceConfig& source, const std::filesystem::path& state_dir,
                       FeedState& feed, bool dry_run);

}  // namespace dualdex::nightly
