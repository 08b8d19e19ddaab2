#include "dualdex/index/ingest_job.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "dualdex/index/schema.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/hash.hpp"
#include "dualdex/ingest/pipeline.hpp"

namespace dualdex::index {
namespace fs = std::filesystem;
namespace {

constexpr const char* kDocumentExtensions[] = {".html",   ".htm", ".xhtml", ".xml", ".txt",
                                               ".text",   ".sgm", ".sgml",  ".tml", ".jsonl",
                                               ".ndjson", ".rss", ".atom",  ".md"};
// Documentation that ships with data sets, not documents of the archive.
constexpr const char* kDefaultExcludes[] = {"README*", "LICENSE*", "COPYING*", "SOURCE.md",
                                            "CHANGELOG*"};

bool has_document_extension(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return std::any_of(std::begin(kDocumentExtensions), std::end(kDocumentExtensions),
                     [&ext](const char* e) { return ext == e; });
}

bool excluded(const std::string& name, const std::vector<std::string>& extra) {
  if (name.empty() || name[0] == '.') return true;
  auto match = [&name](const std::string& glob) {
    return fnmatch(glob.c_str(), name.c_str(), 0) == 0;
  };
  return std::any_of(std::begin(kDefaultExcludes), std::end(kDefaultExcludes),
                     [&match](const char* g) { return match(g); }) ||
         std::any_of(extra.begin(), extra.end(), match);
}

// "../shared/seed/" → absolute, normalized, no trailing separator.
fs::path clean_path(const std::string& p) {
  fs::path abs = fs::absolute(p).lexically_normal();
  if (abs.filename().empty()) abs = abs.parent_path();
  return abs;
}

std::string read_all(std::istream& in) {
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string read_text_file(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open " + what + ": " + std::strerror(errno));
  std::string bytes = read_all(in);
  if (in.bad()) throw InputError(path + ": read error");
  return bytes;
}

// A control list's metadata (DESIGN.md §4): --list-meta FILE for every input, else the
// sidecar NAME.list.json beside NAME.txt (or NAME.list.txt).
void read_list_meta(const InputFile& file, const ReadOptions& options, ingest::InputInfo& info) {
  if (!options.list_meta_path.empty()) {
    info.list_meta = read_text_file(options.list_meta_path, "--list-meta file");
    if (info.list_meta.empty())
      throw InputError(file.path + ": list metadata " + options.list_meta_path + ": empty file");
    info.list_meta_source = options.list_meta_path;
    return;
  }
  if (file.path == "-") return;
  fs::path sidecar(file.path);
  std::string ext = sidecar.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (ext != ".txt") return;
  sidecar.replace_extension();
  std::string stem_ext = sidecar.extension().string();
  std::transform(stem_ext.begin(), stem_ext.end(), stem_ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (stem_ext == ".list") sidecar.replace_extension();
  sidecar += ".list.json";
  std::error_code ec;
  if (!fs::is_regular_file(sidecar, ec)) return;
  info.list_meta = read_text_file(sidecar.string(), "list sidecar");
  if (info.list_meta.empty())
    throw InputError(file.path + ": list metadata " + sidecar.string() + ": empty file");
  info.list_meta_source = sidecar.string();
}

// What an input's documents depend on besides the knowledge and the index revision
// (content_hash adds those): its bytes, its relative path (the ids), how it was read.
std::string input_fingerprint(const InputFile& file, const ReadOptions& options, ingest::InputFormat requested,
                              const ingest::InputInfo& info, const std::string& bytes,
                              const std::string& knowledge_version) {
  return content_hash(file.relative + '\0' + ingest::to_string(requested) + '\0' + options.dct + '\0' +
                          std::to_string(options.max_document_bytes) + '\0' + dualdex::stable_hash(info.list_meta) +
                          '\0' + dualdex::stable_hash(bytes),
                      knowledge_version);
}

PreparedInput prepare(const InputFile& file, const ReadOptions& options, const ingest::Pipeline& pipeline,
                      const std::map<std::string, InputState>* known, bool build) {
  PreparedInput out;
  out.report.path = file.path;
  out.report.relative = file.relative;
  try {
    std::string bytes;
    if (file.path == "-") {
      bytes = read_all(std::cin);
    } else {
      std::ifstream in(file.path, std::ios::binary);
      if (!in) throw InputError(file.path + ": cannot open: " + std::strerror(errno));
      bytes = read_all(in);
      if (in.bad()) throw InputError(file.path + ": read error");
    }
    ingest::InputInfo info{file.path, file.relative, options.dct};
    ingest::InputFormat format = options.format;
    if (format == ingest::InputFormat::automatic || format == ingest::InputFormat::control_list) {
      read_list_meta(file, options, info);
    }
    if (format == ingest::InputFormat::automatic && !info.list_meta.empty())
      format = ingest::InputFormat::control_list;
    const ingest::InputFormat requested = format;
    if (file.path != "-") {
      out.report.fingerprint =
          input_fingerprint(file, options, requested, info, bytes, pipeline.knowledge_version());
      if (known != nullptr) {
        const auto k = known->find(file.relative);
        if (k != known->end() && k->second.fingerprint == out.report.fingerprint) {
          out.report.skipped = true;
          return out;
        }
      }
    }
    if (format == ingest::InputFormat::automatic && !bytes.empty()) {
      format = ingest::detect_format(bytes, file.path);
    }
    out.report.format = ingest::to_string(format);
    ingest::ReadResult result = ingest::read_input(bytes, info, requested);
    out.report.problems = std::move(result.problems);
    out.docs.reserve(result.documents.size());
    for (auto& doc : result.documents) {
      std::size_t text_bytes = doc.title.size();
      for (const auto& b : doc.blocks) text_bytes += b.text.size();
      if (text_bytes > options.max_document_bytes) {
        out.report.problems.push_back(
            {file.path, doc.id + ": too long to index (" + std::to_string(text_bytes) +
                            " bytes of text; the limit is " + std::to_string(options.max_document_bytes) + ")"});
        continue;
      }
      out.docs.push_back(pipeline.process(std::move(doc)));
      out.report.invalid_utf8 += out.docs.back().invalid_utf8;
      if (build) {
        out.built.push_back(build_document(out.docs.back(), pipeline.knowledge_version()));
        out.docs.pop_back();  // only the built form waits for the writer
      }
    }
  } catch (const std::exception& e) {
    out.report.error = e.what();
    out.docs.clear();
    out.built.clear();
  }
  return out;
}

}  // namespace

std::vector<InputFile> expand_inputs(const std::vector<std::string>& paths,
                                     const std::vector<std::string>& exclude) {
  std::vector<InputFile> files;
  for (const auto& p : paths) {
    if (p == "-") {
      files.push_back({"-", "stdin"});
      continue;
    }
    const fs::path root = clean_path(p);
    std::error_code ec;
    if (fs::is_directory(root, ec)) {
      std::vector<InputFile> found;
      for (auto it = fs::recursive_directory_iterator(
               root, fs::directory_options::skip_permission_denied, ec);
           it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        const std::string name = it->path().filename().string();
        if (excluded(name, exclude)) {
          if (it->is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        if (!it->is_regular_file(ec) || !has_document_extension(it->path())) continue;
        found.push_back(
            {it->path().string(), it->path().lexically_relative(root.parent_path()).string()});
      }
      std::sort(found.begin(), found.end(),
                [](const InputFile& a, const InputFile& b) { return a.relative < b.relative; });
      files.insert(files.end(), found.begin(), found.end());
    } else {
      // A file named on the command line is always read, whatever its name.
      files.push_back({p, (root.parent_path().filename() / root.filename()).string()});
    }
  }
  return files;
}

void for_each_prepared(const std::vector<InputFile>& files, const ReadOptions& options,
                       const ingest::Pipeline& pipeline, const std::function<void(PreparedInput&&)>& consume,
                       const std::map<std::string, InputState>* known, bool build) {
  unsigned jobs =
      options.jobs != 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = std::min<unsigned>(jobs, std::max<std::size_t>(1, files.size()));
  // Workers read and annotate ahead of the consumer, at most `window` files ahead, so
  // memory stays bounded; the consumer takes files in input order for determinism.
  const std::size_t window = 4 * static_cast<std::size_t>(jobs);
  // Built documents carry their terms and positions (tens of kB each): beyond this many
  // waiting for the writer, workers wait too (a file of 1,000 stories counts 1,000).
  constexpr std::size_t kMaxWaitingBuilt = 1000;
  std::size_t waiting_built = 0;
  std::vector<std::optional<PreparedInput>> slots(files.size());
  std::mutex mutex;
  std::condition_variable ready, room;
  std::size_t next_to_claim = 0, next_to_consume = 0;

  auto worker = [&] {
    for (;;) {
      std::size_t i;
      {
        std::unique_lock lock(mutex);
        room.wait(lock, [&] {
          return next_to_claim >= files.size() ||
                 (next_to_claim < next_to_consume + window && waiting_built < kMaxWaitingBuilt);
        });
        if (next_to_claim >= files.size()) return;
        i = next_to_claim++;
      }
      PreparedInput p = prepare(files[i], options, pipeline, known, build);
      {
        std::lock_guard lock(mutex);
        waiting_built += p.built.size();
        slots[i] = std::move(p);
      }
      ready.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker);
  auto stop_and_join = [&] {
    {
      std::lock_guard lock(mutex);
      next_to_claim = files.size();
      next_to_consume = files.size();
    }
    room.notify_all();
    for (auto& t : threads) {
      if (t.joinable()) t.join();
    }
  };
  try {
    for (std::size_t i = 0; i < files.size(); ++i) {
      PreparedInput p;
      {
        std::unique_lock lock(mutex);
        ready.wait(lock, [&] { return slots[i].has_value(); });
        p = std::move(*slots[i]);
        slots[i].reset();
        waiting_built -= p.built.size();
        next_to_consume = i + 1;
      }
      room.notify_all();
      consume(std::move(p));
    }
  } catch (...) {
    stop_and_join();
    throw;
  }
  stop_and_join();
}

IngestReport run_ingest(const std::vector<std::string>& paths, const IngestOptions& options,
                        const std::function<void(const FileReport&)>& on_file) {
  return run_ingest(expand_inputs(paths, options.exclude), options, on_file);
}

IngestReport run_ingest(const std::vector<InputFile>& files, const IngestOptions& options,
                        const std::function<void(const FileReport&)>& on_file) {
  const auto started = std::chrono::steady_clock::now();
  ingest::Pipeline pipeline(ingest::PipelineOptions{options.knowledge});
  WriterOptions writer_options = options.writer;
  writer_options.knowledge_version = pipeline.knowledge_version();
  Writer writer(options.index_path, writer_options);

  IngestReport report;
  std::map<std::string, std::set<std::string>> kept_entries;  // list id → entry ids read
  bool list_file_failed = false;
  const std::map<std::string, InputState> known =
      writer_options.force ? std::map<std::string, InputState>{} : writer.input_states();
  std::map<std::string, const InputFile*> by_relative;
  for (const auto& f : files) by_relative[f.relative] = &f;
  for_each_prepared(files, options.read, pipeline, [&](PreparedInput&& p) {
    if (p.report.skipped) {
      // Unread: its documents must all still be there as it wrote them (none deleted,
      // none rewritten since from another file with the same ids); else read it.
      const InputState& state = known.at(p.report.relative);
      bool intact = state.hashes.size() == state.ids.size();
      for (std::size_t i = 0; intact && i < state.ids.size(); ++i) {
        intact = !state.hashes[i].empty() && writer.hash_of(state.ids[i]) == state.hashes[i];
      }
      if (intact) {
        FileReport& fr = p.report;
        fr.documents = fr.unchanged = state.ids.size();
        fr.ids = state.ids;
        for (std::size_t i = 0; i < state.lists.size() && i < state.ids.size(); ++i) {
          if (!state.lists[i].empty()) kept_entries[state.lists[i]].insert(state.ids[i]);
        }
        report.documents += fr.documents;
        report.unchanged += fr.unchanged;
        ++report.skipped_files;
        if (on_file) on_file(fr);
        report.files.push_back(std::move(fr));
        return;
      }
      p = prepare(*by_relative.at(p.report.relative), options.read, pipeline, nullptr, true);
    }
    FileReport& fr = p.report;
    InputState state;
    state.fingerprint = fr.fingerprint;
    for (auto& doc : p.built) {
      const std::string id = doc.id(), list = doc.list();
      state.hashes.push_back(doc.hash());
      switch (writer.write(std::move(doc))) {
        case WriteOutcome::added:
          ++fr.added;
          if (!writer.last_dup_of().empty()) ++fr.duplicates;
          break;
        case WriteOutcome::replaced:
          ++fr.replaced;
          if (!writer.last_dup_of().empty()) ++fr.duplicates;
          break;
        case WriteOutcome::unchanged:
          ++fr.unchanged;
          break;
      }
      ++fr.documents;
      fr.ids.push_back(id);
      if (fr.format == "control-list") {
        state.lists.push_back(list);
        if (!list.empty()) kept_entries[list].insert(id);
      }
    }
    // Remembered only when the whole file was read without a problem: one with rejected
    // records is read again next time.
    if (!fr.relative.empty() && fr.path != "-") {
      if (fr.error.empty() && fr.problems.empty() && !fr.fingerprint.empty()) {
        state.ids = fr.ids;
        writer.set_input_state(fr.relative, state);
      } else {
        writer.set_input_state(fr.relative, InputState{});
      }
    }
    // Entries of the lists read in this run (a list may come in several files) are
    // gathered above; a list file that failed leaves its list's entries unknown.
    if (fr.format == "control-list" && !fr.error.empty()) list_file_failed = true;
    report.documents += fr.documents;
    report.added += fr.added;
    report.replaced += fr.replaced;
    report.unchanged += fr.unchanged;
    report.duplicates += fr.duplicates;
    report.invalid_utf8 += fr.invalid_utf8;
    report.rejected_records += fr.problems.size();
    if (!fr.error.empty()) ++report.rejected_files;
    if (on_file) on_file(fr);
    report.files.push_back(std::move(fr));
  }, &known, true);
  // A list read in full replaces the entries it had: an entry its new text no longer has
  // is deleted (and the linker relinks every measure). Not when a list file failed: its
  // entries are unknown, and keeping stale entries beats losing good ones.
  if (!list_file_failed) {
    for (const auto& [list, ids] : kept_entries) {
      for (const auto& id :
           writer.ids_with_all({schema::filter_term(schema::kKind, "lower", "entry"),
                                schema::filter_term(schema::kList, "lower", list)})) {
        if (ids.count(id) == 0 && writer.remove(id)) ++report.removed;
      }
    }
  }
  writer.commit();
  report.index_documents = writer.document_count();
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace dualdex::index
