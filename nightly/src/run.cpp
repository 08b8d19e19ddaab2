// One nightly run (nightly.hpp): sources → index, vanished files, links, saved queries.
//
// Crash safety comes from the index and the order of work: documents are committed in
// batches and an unchanged document is skipped by its content hash, so a run killed at
// any point is completed by the next one with nothing lost and nothing doubled. The job's
// own state (quarantine, manifests, feed validators, the last completed run) is written
// once, atomically, at the end: a killed run leaves the previous state, and the next run
// redoes its work (cheaply: unchanged documents are skipped).
#include <glob.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>

#include "dualdex/index/database.hpp"
#include "dualdex/index/ingest_job.hpp"
#include "dualdex/index/writer.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/knowledge.hpp"
#include "dualdex/nightly/nightly.hpp"
#include "dualdex/query/link.hpp"
#include "feeds.hpp"
#include "state.hpp"

namespace dualdex::nightly {
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

bool has_wildcard(const std::string& p) { return p.find_first_of("*?[") != std::string::npos; }

/// Paths and globs → the inputs to read (a glob matching nothing gives nothing).
std::vector<std::string> expand_globs(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const auto& p : paths) {
    if (!has_wildcard(p)) {
      out.push_back(p);
      continue;
    }
    glob_t g{};
    if (::glob(p.c_str(), 0, nullptr, &g) == 0) {
      for (std::size_t i = 0; i < g.gl_pathc; ++i) out.emplace_back(g.gl_pathv[i]);
    }
    ::globfree(&g);
  }
  return out;
}

std::uintmax_t directory_bytes(const fs::path& dir) {
  std::uintmax_t total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  }
  return total;
}

std::string reason_of(const index::FileReport& f) {
  if (!f.error.empty()) return f.error;
  std::string out;
  for (const auto& p : f.problems) {
    if (!out.empty()) out += "; ";
    out += p.input + ": " + p.message;
    if (out.size() > 2000) break;
  }
  return out;
}

}  // namespace

NightlyReport run_nightly(const NightlyConfig& config, const NightlyOptions& options,
                          const std::function<void(const std::string&)>& log) {
  auto say = [&](const std::string& line) {
    if (log) log(line);
  };
  NightlyReport report;
  report.dry_run = options.dry_run;
  report.started = index::utc_stamp();
  const fs::path state_dir(config.state);
  std::optional<JobLock> lock;
  if (!options.dry_run) lock.emplace(state_dir);  // a dry run writes nothing and may run beside a real one
  JobState state = JobState::load(state_dir);
  report.previous = state.last_started;

  const auto knowledge =
      ingest::Knowledge::load(config.knowledge.empty() ? ingest::Knowledge::default_dir() : fs::path(config.knowledge));

  for (const SourceConfig& source : config.sources) {
    const auto t0 = Clock::now();
    SourceReport sr;
    sr.name = source.name;
    auto& manifest = state.manifests[source.name];

    // Feeds: fetched into the state folder, read like any feed file.
    std::vector<std::string> inputs = expand_globs(source.paths);
    if (!source.feeds.empty()) {
      const auto tf = Clock::now();
      for (const auto& url : source.feeds) {
        const FeedOutcome f = fetch_feed(url, source, state_dir, state.feeds[url], options.dry_run);
        if (f.fetched) ++sr.fetched;
        if (f.not_modified) ++sr.not_modified;
        if (!f.error.empty()) {
          ++sr.failed;
          sr.failures.push_back(Failure{url, f.error, true});
          say(source.name + ": feed " + url + ": " + f.error);
        }
        if (!f.file.empty()) inputs.push_back(f.file);
      }
      report.stage_seconds["fetch"] += since(tf);
    }
    std::vector<index::InputFile> files;
    for (auto& f : index::expand_inputs(inputs, source.exclude)) {
      // A file that failed before is read again only when its bytes changed.
      if (const auto q = state.quarantine.find(f.path); q != state.quarantine.end()) {
        if (file_hash(f.path) == q->second.hash) {
          ++sr.quarantined;
          sr.failures.push_back(Failure{f.path, q->second.reason, false});
          continue;
        }
      }
      files.push_back(std::move(f));
    }
    sr.files = files.size() + sr.quarantined;
    std::set<std::string> present;
    for (const auto& f : index::expand_inputs(inputs, source.exclude)) present.insert(f.path);

    if (options.dry_run) {
      for (const auto& f : files) sr.would_read.push_back(f.path);
      for (const auto& [path, ids] : manifest) {
        if (present.count(path) == 0 && source.remove_vanished) sr.would_remove.push_back(path);
      }
      sr.seconds = since(t0);
      report.sources.push_back(std::move(sr));
      continue;
    }

    index::IngestOptions io;
    io.index_path = config.index;
    io.read.jobs = config.jobs;
    io.read.format = *ingest::parse_input_format(source.format);
    io.read.dct = source.dct;
    io.read.list_meta_path = source.list_meta;
    io.knowledge = knowledge;
    io.writer.batch_size = config.batch;
    io.writer.shards = config.shards;
    io.writer.written_at = report.started;
    io.writer.force = options.force;
    std::size_t done = 0;
    const auto ti = Clock::now();
    const index::IngestReport r = index::run_ingest(files, io, [&](const index::FileReport& f) {
      ++done;
      if (options.progress) say("\r" + source.name + ": " + std::to_string(done) + "/" + std::to_string(files.size()) + " files");
      const std::string reason = reason_of(f);
      if (!reason.empty()) {
        ++sr.failed;
        sr.failures.push_back(Failure{f.path, reason, true});
        state.quarantine[f.path] = QuarantineEntry{file_hash(f.path), reason, report.started};
        say(source.name + ": rejected " + f.path + ": " + reason);
      } else {
        state.quarantine.erase(f.path);
      }
      if (f.error.empty()) manifest[f.path] = f.ids;
    });
    report.stage_seconds["ingest"] += since(ti);
    sr.added = r.added;
    sr.changed = r.replaced;
    sr.unchanged = r.unchanged;
    sr.duplicates = r.duplicates;
    sr.removed = r.removed;

    // Files gone since the last run: their documents go too, or stay, per source.
    const auto tr = Clock::now();
    std::vector<std::string> vanished;
    for (const auto& [path, ids] : manifest) {
      if (present.count(path) == 0) vanished.push_back(path);
    }
    if (!vanished.empty() && source.remove_vanished) {
      index::WriterOptions wo;
      wo.create = false;
      wo.batch_size = config.batch;
      index::Writer writer(config.index, wo);
      for (const auto& path : vanished) {
        for (const auto& id : manifest[path]) sr.removed += writer.remove(id) ? 1 : 0;
        manifest.erase(path);
        state.quarantine.erase(path);
        say(source.name + ": " + path + " is gone: its documents were removed");
      }
      writer.commit();
    }
    report.stage_seconds["remove"] += since(tr);
    sr.seconds = since(t0);
    say(source.name + ": " + std::to_string(sr.files) + " file(s), " + std::to_string(sr.added) + " new, " +
        std::to_string(sr.changed) + " changed, " + std::to_string(sr.unchanged) + " unchanged, " + std::to_string(sr.duplicates) + " duplicate, " +
        std::to_string(sr.failed) + " failed, " + std::to_string(sr.removed) + " removed");
    report.sources.push_back(std::move(sr));
  }

  if (!options.dry_run) {
    // Links of every new or stale measure.
    const auto tl = Clock::now();
    query::LinkOptions lo;
    lo.knowledge = knowledge;
    const query::RelinkReport links = query::relink_index(config.index, lo);
    report.relinked = links.measures;
    report.linked = links.linked;
    report.stage_seconds["link"] = since(tl);

    // The analysts' saved queries: what this run wrote that matches (everything on the
    // first run, or since the last completed run after a crash).
    const auto tw = Clock::now();
    const query::Searcher searcher(config.index);
    for (const WatchConfig& w : config.watchlist) {
      WatchReport wr;
      wr.name = w.name;
      wr.query = w.query;
      query::SearchOptions so;
      so.query = w.query;
      so.filters = w.filters;
      // Strictly after the last completed run began (its stamp + "0" sorts after every
      // document that run wrote and before any later stamp).
      so.written_since = state.last_started.empty() ? std::string() : state.last_started + "0";
      so.sort = query::SortOrder::date;
      so.limit = w.limit;
      try {
        const query::SearchResult res = searcher.search(so);
        wr.new_matches = res.total;
        wr.hits = res.hits;
      } catch (const UsageError& e) {
        wr.error = e.what();
      }
      report.watchlist.push_back(std::move(wr));
    }
    report.stage_seconds["watch"] = since(tw);
    report.index_documents = searcher.document_count();
    report.index_bytes = directory_bytes(config.index);

    report.finished = index::utc_stamp();
    state.last_started = report.started;
    state.last_finished = report.finished;
    state.save(state_dir);
  } else {
    report.finished = index::utc_stamp();
  }
  for (const auto& s : report.sources) {
    for (const auto& f : s.failures) report.new_failures += f.is_new ? 1 : 0;
  }
  report.exit_code = report.new_failures > 0 ? 1 : 0;
  return report;
}

}  // namespace dualdex::nightly
