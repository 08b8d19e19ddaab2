#pragma once
// Each subcommand registers its options on the CLI11 app and returns the function
// that runs it; main() only dispatches and maps errors to exit codes.
#include <CLI/CLI.hpp>
#include <functional>

namespace dualdex::cli {

using Command = std::function<int()>;

Command add_ingest(CLI::App& app);
Command add_extract(CLI::App& app);
Command add_query(CLI::App& app);
Command add_show(CLI::App& app);
Command add_link(CLI::App& app);
Command add_nightly(CLI::App& app);
Command add_reindex(CLI::App& app);
Command add_delete(CLI::App& app);
Command add_shards(CLI::App& app);

/// Exit codes of DESIGN.md §4.
enum ExitCode : int { kOk = 0, kRejectedInputs = 1, kUsage = 2, kIndex = 3, kKnowledge = 4 };

/// Runs a command, printing dualdex errors on stderr and returning their exit code.
int run_guarded(const Command& command);

}  // namespace dualdex::cli
