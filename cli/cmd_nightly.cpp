// dualdex nightly / reindex: the scheduled job and its forced re-extraction.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "commands.hpp"
#include "dualdex/index/writer.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/nightly/nightly.hpp"

namespace dualdex::cli {
namespace {

struct NightlyArgs {
  std::string config;
  bool dry_run = false;
  std::string report;
  bool quiet = false;
};

int run(const NightlyArgs& a, bool force) {
  const nightly::NightlyConfig config = nightly::load_config(a.config);
  nightly::NightlyOptions o;
  o.dry_run = a.dry_run;
  o.force = force;
  o.progress = ::isatty(STDERR_FILENO) != 0 && !a.quiet;
  bool mid_line = false;
  const auto report = nightly::run_nightly(config, o, [&](const std::string& line) {
    if (a.quiet) return;
    if (!line.empty() && line.front() == '\r') {  // a progress line, redrawn in place
      std::cerr << line << std::flush;
      mid_line = true;
      return;
    }
    if (mid_line) std::cerr << '\n';
    mid_line = false;
    std::cerr << line << '\n';
  });
  if (mid_line) std::cerr << '\n';
  const auto json = nightly::to_json(report);
  // Every real run leaves its report in the state folder (reports/<start>.json and
  // latest.json), plus where --report says.
  std::vector<std::filesystem::path> targets;
  if (!a.report.empty()) targets.emplace_back(a.report);
  if (!a.dry_run) {
    const std::filesystem::path dir = std::filesystem::path(config.state) / "reports";
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    targets.push_back(dir / (report.started + ".json"));
    targets.push_back(std::filesystem::path(config.state) / "latest.json");
  }
  for (const auto& t : targets) {
    std::ofstream out(t);
    if (!out) throw UsageError("cannot write the report " + t.string());
    out << json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
  }
  std::cout << nightly::summary(report);
  return report.exit_code;
}

void add_options(CLI::App* sub, NightlyArgs& a, bool dry_run) {
  sub->add_option("--config", a.config, "The job's JSON configuration (docs/OPERATIONS.md)")->required();
  if (dry_run) sub->add_flag("--dry-run", a.dry_run, "Say what would be read and removed; write nothing");
  sub->add_option("--report", a.report, "Also write the JSON run report here");
  sub->add_flag("--quiet", a.quiet, "No log lines on stderr (the summary still goes to stdout)");
}

}  // namespace

Command add_nightly(CLI::App& app) {
  auto a = std::make_shared<NightlyArgs>();
  CLI::App* sub = app.add_subcommand(
      "nightly", "The scheduled job: every source of the configuration into the index, links, saved queries, report");
  add_options(sub, *a, true);
  return [a] { return run(*a, false); };
}

Command add_reindex(CLI::App& app) {
  auto a = std::make_shared<NightlyArgs>();
  CLI::App* sub = app.add_subcommand(
      "reindex", "Re-read and re-extract every source of a nightly configuration, even unchanged documents");
  add_options(sub, *a, false);
  return [a] { return run(*a, true); };
}

}  // namespace dualdex::cli
