// dualdex delete: remove documents (and their statements and measures) by id or source.
#include <iostream>

#include "commands.hpp"
#include "dualdex/index/database.hpp"
#include "dualdex/index/schema.hpp"
#include "dualdex/index/writer.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/knowledge.hpp"
#include "dualdex/query/link.hpp"

namespace dualdex::cli {
namespace {

struct DeleteArgs {
  std::string index;
  std::vector<std::string> sources;
  std::vector<std::string> ids;
};

int run(const DeleteArgs& a) {
  if (a.ids.empty() == a.sources.empty()) throw UsageError("give document ids or --source S (not both)");
  const std::string path = index::resolve_index_path(a.index);
  index::open_for_reading(path);  // a missing index is an error, not a new empty one
  std::size_t removed = 0, missing = 0;
  {
    index::WriterOptions wo;
    wo.create = false;
    index::Writer writer(path, wo);
    std::vector<std::string> ids = a.ids;
    for (const auto& s : a.sources) {
      for (auto& id : writer.ids_with_all({index::schema::filter_term(index::schema::kSource, "lower", s)})) {
        if (id.find('#') == std::string::npos) ids.push_back(std::move(id));  // children go with their story
      }
    }
    for (const auto& id : ids) {
      if (writer.remove(id)) {
        ++removed;
      } else {
        ++missing;
        std::cerr << "dualdex: no document '" << id << "'\n";
      }
    }
    writer.commit();
  }
  // Removed list entries change what measures link to.
  query::LinkOptions lo;
  lo.knowledge = ingest::Knowledge::load(ingest::Knowledge::default_dir());
  const auto links = query::relink_index(path, lo);
  std::cerr << "deleted " << removed << " document(s) with their statements and measures";
  if (links.measures > 0) std::cerr << "; relinked " << links.measures << " measure(s)";
  std::cerr << '\n';
  return missing > 0 && !a.ids.empty() ? kUsage : kOk;
}

}  // namespace

Command add_delete(CLI::App& app) {
  auto a = std::make_shared<DeleteArgs>();
  CLI::App* sub = app.add_subcommand("delete", "Remove documents (with their statements and measures) from the index");
  sub->add_option("--index", a->index, "Index directory (default: $DUALDEX_INDEX, else ./var/index)");
  sub->add_option("--source", a->sources, "Remove every document of this source (name, first path component or host)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->allow_extra_args(false);
  sub->add_option("ID", a->ids, "Document ids");
  return [a] { return run(*a); };
}

}  // namespace dualdex::cli
