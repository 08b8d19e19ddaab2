// dualdex: export-control intelligence indexer. Thin main: parse, dispatch.
#include <CLI/CLI.hpp>
#include <iostream>
#include <utility>
#include <vector>

#include "commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"dualdex: index and search export-control news, statements, measures and control lists"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "dualdex 0.1.0");
  std::vector<std::pair<CLI::App*, dualdex::cli::Command>> commands;
  for (auto add : {dualdex::cli::add_ingest, dualdex::cli::add_extract, dualdex::cli::add_query,
                   dualdex::cli::add_link, dualdex::cli::add_show,
                   dualdex::cli::add_nightly, dualdex::cli::add_reindex, dualdex::cli::add_delete,
                   dualdex::cli::add_shards}) {
    dualdex::cli::Command run = add(app);
    commands.emplace_back(app.get_subcommands({}).back(), std::move(run));
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : dualdex::cli::kUsage;
  }
  for (auto& [sub, command] : commands) {
    if (sub->parsed()) return dualdex::cli::run_guarded(command);
  }
  return dualdex::cli::kUsage;
}
