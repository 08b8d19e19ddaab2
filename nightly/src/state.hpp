#pragma once
// What the nightly job remembers between runs (STATE/state.json) and the lock that keeps
// two runs apart (STATE/lock).
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace dualdex::nightly {

struct QuarantineEntry {
  std::string hash;    ///< the file's bytes when it failed: retried only when they change
  std::string reason;
  std::string since;   ///< run that first met it
};

struct FeedState {
  std::string etag, last_modified;  ///< validators for the conditional GET
  std::string file;                 ///< the last body fetched, in STATE/feeds/
};

struct JobState {
  std::string last_started, last_finished;  ///< of the last completed run
  std::map<std::string, QuarantineEntry> quarantine;  ///< path → why it failed
  /// source → file path → the ids of the documents it holds (to remove vanished files).
  std::map<std::string, std::map<std::string, std::vector<std::string>>> manifests;
  std::map<std::string, FeedState> feeds;  ///< URL → validators

  /// STATE/state.json, or an empty state on the first run. Throws IndexError when the
  /// file is corrupt (the message says to move it aside: the next run rebuilds it).
  static JobState load(const std::filesystem::path& dir);
  /// Writes STATE/state.json atomically (a temporary file renamed over it).
  void save(const std::filesystem::path& dir) const;
};

/// An exclusive lock on STATE/lock for the run's lifetime (flock: a killed run leaves no
/// stale lock). Throws IndexError naming the holder (pid, host, start) when held.
class JobLock {
 public:
  explicit JobLock(const std::filesystem::path& dir);
  ~JobLock();
  JobLock(const JobLock&) = delete;
  JobLock& operator=(const JobLock&) = delete;

 private:
  int m_fd = -1;
};

/// Hash of a file's bytes ("" if it cannot be read).
std::string file_hash(const std::filesystem::path& path);

}  // namespace dualdex::nightly
