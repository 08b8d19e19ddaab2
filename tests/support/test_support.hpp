#pragma once
// Helpers shared by the test suites: fixture paths, the shared data folder, temp
// directories and running the dualdex executable.
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <sys/wait.h>

namespace dualdex::test {

inline std::filesystem::path source_dir() { return DUALDEX_SOURCE_DIR; }
inline std::filesystem::path test_data() { return DUALDEX_TEST_DATA; }

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// The shared data folder ($DUALDEX_SHARED, else the configured default), if it has data/.
inline std::optional<std::filesystem::path> shared_dir() {
  std::filesystem::path p = DUALDEX_DEFAULT_SHARED;
  if (const char* env = std::getenv("DUALDEX_SHARED"); env != nullptr && *env) p = env;
  std::error_code ec;
  if (std::filesystem::is_directory(p / "data", ec)) return p;
  return std::nullopt;
}

/// Prints the marker ctest's SKIP_REGULAR_EXPRESSION looks for.
inline void report_skip(const std::string& why) {
  std::cout << "SKIPPED: " << why << " (set DUALDEX_SHARED to the shared folder)" << std::endl;
}

/// A fresh temporary directory removed at scope exit.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::random_device rd;
    path = std::filesystem::temp_directory_path() /
           ("dualdex-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

struct RunResult {
  int exit_code = -1;
  std::string out;  ///< stdout
  std::string err;  ///< stderr
};

/// Runs the dualdex executable with a shell-quoted argument string.
inline RunResult run_cli(const std::string& args, const std::string& env = "") {
  TempDir tmp;
  const auto err_path = tmp.path / "stderr";
  std::string cmd = env + (env.empty() ? "" : " ") + std::string("'") + DUALDEX_CLI + "' " + args +
                    " 2>'" + err_path.string() + "' </dev/null";
  RunResult r;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 65536> buf;
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
  int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = read_file(err_path);
  return r;
}

inline std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') q += "'\\''";
    else q += c;
  }
  return q + "'";
}

}  // namespace dualdex::test
