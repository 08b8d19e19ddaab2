#pragma once
// Helpers shared by the speed benchmarks (issue 7): reading the Reuters-21578 stories and
// the shipped news stories with dualdex's own readers, CPU clocks, percentiles. Header
// only; bench tools include it and link dualdex_ingest.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dualdex/ingest/document.hpp"
#include "dualdex/ingest/reader.hpp"

namespace dualdex::bench {

namespace fs = std::filesystem;

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

/// The reut2-*.sgm files of a Reuters-21578 folder, in name order.
inline std::vector<fs::path> reuters_files(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("reut2-", 0) == 0 && entry.path().extension() == ".sgm")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

/// Every story of Reuters-21578 as dualdex's reader sees it (input order). bytes_read
/// (if set) receives the size of the SGML read.
inline std::vector<ingest::Document> read_reuters(const fs::path& dir,
                                                  std::size_t* bytes_read = nullptr) {
  std::vector<ingest::Document> docs;
  std::size_t total = 0;
  for (const fs::path& file : reuters_files(dir)) {
    const std::string bytes = read_file(file);
    total += bytes.size();
    ingest::InputInfo info;
    info.path = file.string();
    info.relative = "reuters21578/" + file.filename().string();
    ingest::ReadResult r = ingest::read_input(bytes, info, ingest::InputFormat::reuters_sgml);
    for (ingest::Document& d : r.documents) docs.push_back(std::move(d));
  }
  if (bytes_read) *bytes_read = total;
  return docs;
}

/// The documents of every file under dir (any format dualdex detects); unreadable files
/// are skipped.
inline std::vector<ingest::Document> read_folder(const fs::path& dir) {
  std::vector<ingest::Document> docs;
  if (!fs::is_directory(dir)) return docs;
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    const std::string ext = file.extension().string();
    if (ext != ".html" && ext != ".htm" && ext != ".txt") continue;
    try {
      ingest::InputInfo info;
      info.path = file.string();
      info.relative = fs::relative(file, dir.parent_path()).string();
      ingest::ReadResult r = ingest::read_input(read_file(file), info);
      for (ingest::Document& d : r.documents) docs.push_back(std::move(d));
    } catch (const std::exception&) {
    }
  }
  return docs;
}

/// CPU seconds used so far by the calling thread.
inline double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

/// CPU seconds used so far by the whole process (every thread).
inline double process_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

using Clock = std::chrono::steady_clock;
inline double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

/// The p-th percentile (0..100) of values, nearest-rank; 0 when empty.
inline double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const double rank = std::ceil(p / 100.0 * static_cast<double>(values.size()));
  const std::size_t i = rank < 1 ? 0 : static_cast<std::size_t>(rank) - 1;
  return values[std::min(i, values.size() - 1)];
}

/// The command line as typed, for the report header.
inline std::string command_line(int argc, char** argv) {
  std::string out;
  for (int i = 0; i < argc; ++i) {
    if (i) out += ' ';
    out += argv[i];
  }
  return out;
}

}  // namespace dualdex::bench
