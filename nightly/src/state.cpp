#include "state.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "dualdex/index/writer.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/hash.hpp"

namespace dualdex::nightly {
namespace fs = std::filesystem;
using Json = nlohmann::json;

JobState JobState::load(const fs::path& dir) {
  JobState s;
  const fs::path file = dir / "state.json";
  std::ifstream in(file, std::ios::binary);
  if (!in) return s;
  try {
    const Json j = Json::parse(in);
    s.last_started = j.value("last_started", std::string());
    s.last_finished = j.value("last_finished", std::string());
    // (Each object is held in a variable: items() of a temporary would dangle.)
    const Json quarantine = j.value("quarantine", Json::object());
    for (const auto& [path, q] : quarantine.items()) {
      s.quarantine[path] = QuarantineEntry{q.value("hash", std::string()), q.value("reason", std::string()),
                                           q.value("since", std::string())};
    }
    const Json manifests = j.value("manifests", Json::object());
    for (const auto& [source, files] : manifests.items()) {
      for (const auto& [path, ids] : files.items()) s.manifests[source][path] = ids.get<std::vector<std::string>>();
    }
    const Json feeds = j.value("feeds", Json::object());
    for (const auto& [url, f] : feeds.items()) {
      s.feeds[url] = FeedState{f.value("etag", std::string()), f.value("last_modified", std::string()),
                               f.value("file", std::string())};
    }
  } catch (const Json::exception& e) {
    throw IndexError(file.string() + ": corrupt job state (" + e.what() +
                     "); move it aside and run again: the next run rebuilds it (files are re-read, nothing is doubled)");
  }
  return s;
}

void JobState::save(const fs::path& dir) const {
  Json j;
  j["last_started"] = last_started;
  j["last_finished"] = last_finished;
  Json q = Json::object();
  for (const auto& [path, e] : quarantine) q[path] = {{"hash", e.hash}, {"reason", e.reason}, {"since", e.since}};
  j["quarantine"] = std::move(q);
  Json m = Json::object();
  for (const auto& [source, files] : manifests) {
    for (const auto& [path, ids] : files) m[source][path] = ids;
  }
  j["manifests"] = std::move(m);
  Json f = Json::object();
  for (const auto& [url, s] : feeds) f[url] = {{"etag", s.etag}, {"last_modified", s.last_modified}, {"file", s.file}};
  j["feeds"] = std::move(f);
  const fs::path tmp = dir / "state.json.tmp", file = dir / "state.json";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << j.dump(1, ' ', false, Json::error_handler_t::replace) << '\n';
    out.flush();
    if (!out) throw IndexError(tmp.string() + ": cannot write the job state");
  }
  if (const int fd = ::open(tmp.c_str(), O_RDONLY); fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  std::error_code ec;
  fs::rename(tmp, file, ec);
  if (ec) throw IndexError(file.string() + ": cannot replace the job state: " + ec.message());
}

JobLock::JobLock(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  const fs::path path = dir / "lock";
  m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (m_fd < 0) throw IndexError(path.string() + ": cannot open the job lock");
  if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
    char buf[512] = {0};
    const auto n = ::pread(m_fd, buf, sizeof buf - 1, 0);
    std::string holder = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string("unknown");
    while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
    ::close(m_fd);
    m_fd = -1;
    throw IndexError("another nightly run holds " + path.string() + " (" + holder + "); wait for it to finish");
  }
  char host[256] = {0};
  ::gethostname(host, sizeof host - 1);
  const std::string who = "pid " + std::to_string(::getpid()) + " on " + host + " since " + index::utc_stamp() + "\n";
  if (::ftruncate(m_fd, 0) == 0) {
    [[maybe_unused]] const auto w = ::pwrite(m_fd, who.data(), who.size(), 0);
  }
}

JobLock::~JobLock() {
  if (m_fd >= 0) {
    ::flock(m_fd, LOCK_UN);
    ::close(m_fd);
  }
}

std::string file_hash(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return stable_hash(bytes.str());
}

}  // namespace dualdex::nightly
