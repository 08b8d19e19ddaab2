#pragma once
// Helpers of the reliability tests: running the dualdex executable as a child process
// that can be killed at any moment, waiting for conditions with generous timeouts, and
// looking into an index with Xapian directly (not through dualdex's own code, which is
// what is under test).
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace dualdex::test {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

/// The seed of a randomized test: $DUALDEX_TEST_SEED when set (to replay a failure),
/// else a fresh one. The test prints it.
inline std::uint64_t test_seed() {
  if (const char* env = std::getenv("DUALDEX_TEST_SEED"); env != nullptr && *env)
    return std::stoull(env);
  std::random_device rd;
  return (static_cast<std::uint64_t>(rd()) << 32 | rd()) % 1000000000ULL;
}

/// A size from the environment (a knob for longer local runs), else fallback.
inline std::size_t env_size(const char* name, std::size_t fallback) {
  if (const char* env = std::getenv(name); env != nullptr && *env) return std::stoul(env);
  return fallback;
}

/// Polls cond every step until it holds or timeout passes; returns whether it held.
inline bool wait_until(const std::function<bool()>& cond, std::chrono::milliseconds timeout,
                       std::chrono::milliseconds step = std::chrono::milliseconds(10)) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    if (cond()) return true;
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(step);
  }
}

/// How a child process ended.
struct Ended {
  bool killed = false;  ///< ended by SIGKILL (our kill landed before it exited)
  int signal = 0;       ///< the signal that ended it, 0 if it exited
  int exit_code = -1;   ///< its exit code if it exited
};

/// A child process running argv[0] with stdout and stderr sent to files. Never left
/// behind: the destructor kills and reaps it if the test did not.
class Child {
 public:
  Child(const std::vector<std::string>& argv, const std::filesystem::path& out,
        const std::filesystem::path& err) {
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const int rc = posix_spawn(&m_pid, args[0], &fa, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) throw std::runtime_error("cannot start " + argv[0] + ": " + std::to_string(rc));
    m_started = Clock::now();
  }
  ~Child() {
    if (!m_ended) {
      ::kill(m_pid, SIGKILL);
      int status = 0;
      ::waitpid(m_pid, &status, 0);
    }
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  pid_t pid() const { return m_pid; }
  /// Seconds since the start, or from start to end once it has ended (and been reaped).
  double seconds() const {
    return std::chrono::duration<double>((m_ended ? m_ended_at : Clock::now()) - m_started).count();
  }

  /// True while the process has not exited (reaps it when it has).
  bool running() {
    if (m_ended) return false;
    int status = 0;
    const pid_t r = ::waitpid(m_pid, &status, WNOHANG);
    if (r == m_pid) record(status);
    return !m_ended;
  }

  /// Sends SIGKILL (harmless if it has exited but is not reaped yet) and reaps it.
  Ended kill9() {
    if (!m_ended) {
      ::kill(m_pid, SIGKILL);
      int status = 0;
      if (::waitpid(m_pid, &status, 0) == m_pid) record(status);
    }
    return m_result;
  }

  /// Waits for the process to end by itself; kills it after timeout (then .killed is set
  /// and timed_out() is true).
  Ended wait(std::chrono::milliseconds timeout) {
    if (!wait_until([this] { return !running(); }, timeout, std::chrono::milliseconds(5))) {
      m_timed_out = true;
      return kill9();
    }
    return m_result;
  }
  bool timed_out() const { return m_timed_out; }

 private:
  void record(int status) {
    m_ended = true;
    m_ended_at = Clock::now();
    if (WIFSIGNALED(status)) {
      m_result.signal = WTERMSIG(status);
      m_result.killed = m_result.signal == SIGKILL;
    } else if (WIFEXITED(status)) {
      m_result.exit_code = WEXITSTATUS(status);
    }
  }

  pid_t m_pid = -1;
  bool m_ended = false, m_timed_out = false;
  Clock::time_point m_started, m_ended_at;
  Ended m_result;
};

// ---- Looking into an index with Xapian directly ---------------------------------------
// Terms as index/include/dualdex/index/schema.hpp writes them (kUid "Q", kKind "XKIND",
// kLinkState "XLSTATE"); spelled out here so the test does not depend on the code it checks.
inline constexpr const char* kUidPrefix = "Q";
inline constexpr const char* kMeasureTerm = "XKINDmeasure";
inline constexpr const char* kLinkStatePrefix = "XLSTATE";

/// A cheap look at an index while something may be writing it.
struct IndexState {
  bool exists = false;        ///< a database could be opened
  std::size_t documents = 0;  ///< committed documents
  std::size_t measures = 0;   ///< committed measure documents
  std::size_t linked = 0;     ///< measures that carry a link state (relinked and committed)
  std::string error;          ///< why it could not be opened, if it exists but could not
};

inline IndexState peek_index(const std::filesystem::path& path) {
  IndexState s;
  std::error_code ec;
  if (!std::filesystem::exists(path / "iamglass", ec)) return s;
  try {
    Xapian::Database db(path.string());
    s.exists = true;
    s.documents = db.get_doccount();
    s.measures = db.get_termfreq(kMeasureTerm);
    for (auto t = db.allterms_begin(kLinkStatePrefix); t != db.allterms_end(kLinkStatePrefix); ++t)
      s.linked += t.get_termfreq();
  } catch (const Xapian::Error& e) {
    s.exists = false;
    s.error = e.get_description();
  }
  return s;
}

/// Everything the crash test compares between two indexes.
struct IndexSnapshot {
  std::size_t documents = 0;
  std::size_t measures = 0, linked = 0;
  /// unique id → hash of the stored document data (text, mentions, links)
  std::map<std::string, std::size_t> data_by_id;
  /// unique ids held by more than one document (must never happen)
  std::vector<std::string> doubled;
};

inline IndexSnapshot snapshot_index(const std::filesystem::path& path) {
  IndexSnapshot s;
  Xapian::Database db(path.string());
  s.documents = db.get_doccount();
  s.measures = db.get_termfreq(kMeasureTerm);
  for (auto t = db.allterms_begin(kLinkStatePrefix); t != db.allterms_end(kLinkStatePrefix); ++t)
    s.linked += t.get_termfreq();
  const std::hash<std::string> hash;
  for (auto t = db.allterms_begin(kUidPrefix); t != db.allterms_end(kUidPrefix); ++t) {
    const std::string term = *t;
    const std::string id = term.substr(1);
    if (t.get_termfreq() != 1) s.doubled.push_back(id);
    auto p = db.postlist_begin(term);
    s.data_by_id[id] = hash(db.get_document(*p).get_data());
  }
  return s;
}

/// Whether a writer could take the index now.
enum class LockState { free, held, no_index };

inline const char* to_string(LockState s) {
  switch (s) {
    case LockState::free:
      return "free";
    case LockState::held:
      return "HELD";
    case LockState::no_index:
      return "no index";
  }
  return "?";
}

/// Whether some process holds a lock on the index's lock file, asked of the kernel
/// without taking it (Xapian 1.4 on Linux locks "flintlock" with an open file
/// description lock, F_OFD_SETLK, which F_GETLK reports too). Safe while a writer runs.
inline LockState probe_lock(const std::filesystem::path& path) {
  const auto lock_file = path / "flintlock";
  const int fd = ::open(lock_file.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return LockState::no_index;
  struct flock fl {};
  fl.l_type = F_WRLCK;
  fl.l_whence = SEEK_SET;
  const bool held = ::fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
  ::close(fd);
  return held ? LockState::held : LockState::free;
}

/// Whether a writer could take the index now: the kernel's answer, confirmed by opening
/// the database for writing when there is one. Takes the lock for a moment: only when
/// nothing else may be writing.
inline LockState writer_lock(const std::filesystem::path& path) {
  const LockState kernel = probe_lock(path);
  if (kernel == LockState::held) return kernel;
  std::error_code ec;
  if (!std::filesystem::exists(path / "iamglass", ec)) return kernel;  // killed while creating it
  try {
    Xapian::WritableDatabase db(path.string(), Xapian::DB_OPEN);
    return LockState::free;
  } catch (const Xapian::DatabaseLockError&) {
    return LockState::held;
  } catch (const Xapian::Error&) {
    return kernel;  // not openable: the rerun will say why
  }
}

/// The last n lines of a text (for failure messages).
inline std::string tail_lines(const std::string& text, std::size_t n) {
  std::size_t pos = text.size();
  if (pos > 0 && text[pos - 1] == '\n') --pos;
  for (std::size_t i = 0; i < n; ++i) {
    const auto nl = pos == 0 ? std::string::npos : text.rfind('\n', pos - 1);
    if (nl == std::string::npos) return text;
    pos = nl;
  }
  return text.substr(pos + 1);
}

}  // namespace dualdex::test
