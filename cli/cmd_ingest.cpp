// dualdex ingest: read inputs, annotate, write to the index; a summary on stderr.
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "dualdex/index/database.hpp"
#include "dualdex/index/ingest_job.hpp"
#include "dualdex/ingest/dates.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/knowledge.hpp"
#include "dualdex/query/link.hpp"

namespace dualdex::cli {
namespace {

struct IngestArgs {
  std::string index;
  unsigned jobs = 0;
  std::string input_format = "auto";
  std::string dct;
  std::string list_meta;
  std::string report;
  std::vector<std::string> exclude;
  std::size_t batch = 2000;
  std::string knowledge;
  bool quiet = false;
  bool no_link = false;
  unsigned shards = 0;
  std::string shard_by;
  std::vector<std::string> paths;
};

nlohmann::ordered_json report_json(const index::IngestReport& r, const std::string& index_path) {
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const auto& f : r.files) {
    nlohmann::ordered_json problems = nlohmann::ordered_json::array();
    for (const auto& p : f.problems)
      problems.push_back({{"input", p.input}, {"message", p.message}});
    nlohmann::ordered_json j = {{"path", f.path},
                                {"format", f.format},
                                {"documents", f.documents},
                                {"added", f.added},
                                {"replaced", f.replaced},
                                {"unchanged", f.unchanged},
                                {"skipped", f.skipped},
                                {"duplicates", f.duplicates},
                                {"invalid_utf8", f.invalid_utf8},
                                {"problems", std::move(problems)}};
    if (!f.error.empty()) j["error"] = f.error;
    files.push_back(std::move(j));
  }
  return {{"index", index_path},
          {"files", r.files.size()},
          {"documents", r.documents},
          {"added", r.added},
          {"replaced", r.replaced},
          {"unchanged", r.unchanged},
          {"skipped_files", r.skipped_files},
          {"duplicates", r.duplicates},
          {"removed", r.removed},
          {"rejected_files", r.rejected_files},
          {"rejected_records", r.rejected_records},
          {"invalid_utf8", r.invalid_utf8},
          {"index_documents", r.index_documents},
          {"seconds", r.seconds},
          {"inputs", std::move(files)}};
}

int run(const IngestArgs& a) {
  index::IngestOptions o;
  o.index_path = index::resolve_index_path(a.index);
  o.read.jobs = a.jobs;
  auto format = ingest::parse_input_format(a.input_format);
  if (!format) throw UsageError("unknown --input-format '" + a.input_format + "'");
  o.read.format = *format;
  o.read.dct = a.dct;
  o.read.list_meta_path = a.list_meta;
  if (!a.list_meta.empty() && !std::filesystem::is_regular_file(a.list_meta)) {
    throw UsageError("no such --list-meta file: " + a.list_meta);
  }
  o.exclude = a.exclude;
  o.knowledge = ingest::Knowledge::load(a.knowledge.empty() ? ingest::Knowledge::default_dir()
                                                            : std::filesystem::path(a.knowledge));
  o.writer.batch_size = std::max<std::size_t>(1, a.batch);
  if (a.shards > 0 || !a.shard_by.empty()) {
    index::ShardLayout layout;
    layout.scheme = index::parse_shard_scheme(a.shard_by.empty() ? "hash" : a.shard_by);
    if (layout.scheme == index::ShardScheme::hash) {
      if (a.shards == 0) throw UsageError("--shard-by hash needs --shards N");
      layout.count = a.shards;
    } else if (a.shards > 0) {
      throw UsageError("--shards N is for --shard-by hash; --shard-by year makes a shard per year");
    }
    o.writer.shards = layout;
  }
  if (!o.read.dct.empty() && !ingest::is_calendar_value(o.read.dct)) {
    throw UsageError("bad --dct '" + a.dct + "': use YYYY-MM-DD");
  }
  for (const auto& p : a.paths) {
    std::error_code ec;
    if (p != "-" && !std::filesystem::exists(p, ec))
      throw UsageError("no such file or directory: " + p);
  }
  const index::IngestReport r = index::run_ingest(a.paths, o, [](const index::FileReport& f) {
    if (!f.error.empty()) std::cerr << "rejected: " << f.error << '\n';
    for (const auto& p : f.problems)
      std::cerr << "rejected: " << p.input << ": " << p.message << '\n';
  });
  // Links of measures to list entries, whatever the order lists and news came in. The
  // documents are written already: a failure here is reported after the summary and
  // leaves the measures to the next ingest.
  query::RelinkReport links;
  std::string link_error;
  int link_exit = kOk;
  if (!a.no_link) {
    try {
      query::LinkOptions lo;
      lo.knowledge = o.knowledge;
      links = query::relink_index(o.index_path, lo);
    } catch (const KnowledgeError& e) {
      link_error = e.what();
      link_exit = kKnowledge;
    } catch (const Error& e) {
      link_error = e.what();
      link_exit = kIndex;
    }
  }
  if (!a.quiet) {
    std::cerr << "ingested " << r.files.size() << " file(s): " << r.documents << " document(s), "
              << r.added << " added, " << r.replaced << " replaced, " << r.unchanged << " unchanged"
              << (r.skipped_files > 0 ? " (" + std::to_string(r.skipped_files) + " file(s) unchanged since the last ingest, not read)"
                                      : std::string())
              << (r.duplicates > 0 ? " (" + std::to_string(r.duplicates) + " near-duplicates)"
                                   : std::string())
              << (r.removed > 0 ? ", " + std::to_string(r.removed) + " list entries removed"
                                : std::string())
              << "; " << r.rejected_files << " file(s) and " << r.rejected_records
              << " record(s) rejected";
    if (r.invalid_utf8 > 0)
      std::cerr << "; " << r.invalid_utf8 << " invalid UTF-8 sequence(s) replaced";
    std::cerr << "; index " << o.index_path << " holds " << r.index_documents << " document(s) ("
              << std::fixed << std::setprecision(1) << r.seconds << " s)\n";
    if (links.measures > 0) {
      std::cerr << "linked " << links.measures << " measure(s) to control-list entries"
                << (links.full ? " (all: the lists or the vocabulary changed)" : "") << ", "
                << links.linked << " with at least one entry";
      if (links.errors > 0)
        std::cerr << "; " << links.errors << " could not be linked (see --report)";
      std::cerr << '\n';
    }
  }
  if (!a.report.empty()) {
    std::ofstream out(a.report);
    if (!out) throw UsageError("cannot write --report file " + a.report);
    auto j = report_json(r, o.index_path);
    j["relinked_measures"] = links.measures;
    j["linked_measures"] = links.linked;
    j["link_errors"] = links.errors;
    if (!link_error.empty()) j["link_error"] = link_error;
    out << j.dump(2) << '\n';
  }
  if (!link_error.empty()) {
    std::cerr << "dualdex: documents written, but measures not linked (the next ingest will): "
              << link_error << '\n';
    return link_exit;
  }
  return (r.rejected_files + r.rejected_records) > 0 ? kRejectedInputs : kOk;
}

}  // namespace

Command add_ingest(CLI::App& app) {
  auto a = std::make_shared<IngestArgs>();
  CLI::App* sub =
      app.add_subcommand("ingest", "Read documents and add them to the index (idempotent)");
  sub->add_option("--index", a->index,
                  "Index directory (default: $DUALDEX_INDEX, else ./var/index)");
  sub->add_option("--jobs", a->jobs,
                  "Worker threads for reading and extraction (default: one per core)");
  sub->add_option("--input-format", a->input_format,
                  "auto, html, xml, text, reuters-sgml, timeml, jsonl, control-list, instruments "
                  "(default: auto, by content "
                  "then extension)");
  sub->add_option("--dct", a->dct, "Document date for documents that state none (YYYY-MM-DD)");
  sub->add_option("--list-meta", a->list_meta,
                  "Control-list metadata (JSON: id, authority, title, version) for every input; "
                  "default: a NAME.list.json sidecar beside each NAME.txt");
  sub->add_option("--exclude", a->exclude, "File-name glob to skip inside directories (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->allow_extra_args(false);
  sub->add_option("--report", a->report, "Write a JSON report of the run to this file");
  sub->add_option("--batch", a->batch, "Documents per commit (default 2000)");
  sub->add_option("--knowledge", a->knowledge,
                  "Gazetteer directory (default: $DUALDEX_KNOWLEDGE, else corpus/gazetteers)");
  sub->add_flag("--quiet", a->quiet, "Print only rejections, not the summary");
  sub->add_flag("--no-link", a->no_link,
                "Do not (re)link measures to control-list entries now (the next ingest will)");
  sub->add_option("--shards", a->shards,
                  "New index: N shards, routed by a stable hash of the document id (docs/SCALING.md)")
      ->check(CLI::Range(1u, 1024u));
  sub->add_option("--shard-by", a->shard_by, "New index: hash (with --shards N) or year (a shard per publication year)");
  sub->add_option("PATH", a->paths, "Files or directories to read; '-' reads stdin")->required();
  return [a] { return run(*a); };
}

}  // namespace dualdex::cli
