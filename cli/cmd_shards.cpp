// dualdex shards: the shards of an index, each with its documents and revision.
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "dualdex/index/database.hpp"
#include "dualdex/index/shards.hpp"
#include "output.hpp"

namespace dualdex::cli {
namespace {

struct ShardsArgs {
  std::string index;
  std::string format = "table";
  unsigned timeout_ms = 10000;
};

int run(const ShardsArgs& a) {
  const OutputFormat format = parse_output_format(a.format, false);
  const std::string path = index::resolve_index_path(a.index);
  const std::vector<index::ShardStatus> shards = index::shard_statuses(path, a.timeout_ms);
  const std::optional<index::ShardLayout> layout =
      index::stub_file_of(path).empty() ? std::nullopt : index::read_layout(path);
  std::size_t total = 0, down = 0;
  for (const auto& s : shards) {
    total += s.documents;
    if (!s.answers) ++down;
  }
  if (format == OutputFormat::json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& s : shards) {
      nlohmann::ordered_json j{{"name", s.spec.name},
                               {"location", s.spec.location},
                               {"remote", s.spec.remote},
                               {"answers", s.answers}};
      if (s.answers) {
        j["documents"] = s.documents;
        j["revision"] = s.revision;
        if (!s.uuid.empty()) j["uuid"] = s.uuid;
        j["committed_at"] = s.committed_at;
        if (!s.spec.remote) j["bytes"] = s.bytes;
      } else {
        j["error"] = s.error;
      }
      list.push_back(std::move(j));
    }
    nlohmann::ordered_json out{{"index", path}, {"documents", total}, {"shards", std::move(list)}};
    if (layout) {
      out["layout"] = {{"scheme", index::to_string(layout->scheme)}};
      if (layout->scheme == index::ShardScheme::hash) out["layout"]["count"] = layout->count;
    }
    std::cout << out.dump(2) << '\n';
  } else {
    std::cout << path << ": " << shards.size() << " shard" << (shards.size() == 1 ? "" : "s");
    if (layout) {
      std::cout << (layout->scheme == index::ShardScheme::hash ? " by hash of the id" : " by year");
    }
    std::cout << ", " << total << " documents" << (down ? " in the shards that answer" : "") << '\n';
    for (const auto& s : shards) {
      std::cout << "  " << std::left << std::setw(22) << s.spec.name << ' ';
      if (!s.answers) {
        std::cout << "DOES NOT ANSWER: " << s.error << '\n';
        continue;
      }
      std::cout << std::right << std::setw(9) << s.documents << " docs  revision " << std::setw(5) << s.revision;
      if (!s.committed_at.empty()) std::cout << "  committed " << s.committed_at.substr(0, 15) << "Z";
      if (!s.spec.remote) std::cout << "  " << std::fixed << std::setprecision(1) << s.bytes / 1e6 << " MB";
      std::cout << "  " << (s.spec.remote ? "remote " : "") << s.spec.location << '\n';
    }
  }
  if (down > 0) {
    std::cerr << "dualdex: " << down << " shard" << (down == 1 ? " does" : "s do") << " not answer\n";
    return kIndex;
  }
  return kOk;
}

}  // namespace

Command add_shards(CLI::App& app) {
  auto a = std::make_shared<ShardsArgs>();
  CLI::App* sub = app.add_subcommand("shards", "List the shards of an index: documents, revision, size (docs/SCALING.md)");
  sub->add_option("--index", a->index,
                  "Index directory or shard stub file (default: $DUALDEX_INDEX, else ./var/index)");
  sub->add_option("--format", a->format, "table (default) or json");
  sub->add_option("--timeout", a->timeout_ms, "Milliseconds to wait for a remote shard (default 10000)");
  return [a] { return run(*a); };
}

}  // namespace dualdex::cli
