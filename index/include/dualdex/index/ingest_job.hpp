#pragma once
// One ingest run: find the input files, read and annotate them on worker threads,
// write them in input order through the one Writer. One bad file is reported and
// the run goes on.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "dualdex/index/writer.hpp"
#include "dualdex/ingest/document.hpp"
#include "dualdex/ingest/pipeline.hpp"
#include "dualdex/ingest/reader.hpp"

namespace dualdex::index {

/// How inputs are read (shared by ingest and extract).
struct ReadOptions {
  unsigned jobs = 0;                           ///< worker threads; 0 = one per core
  ingest::InputFormat format = ingest::InputFormat::automatic;  ///< --input-format
  std::string dct;                             ///< --dct: date for documents that state none
  /// --list-meta: a control list's JSON metadata, used for every input ("" = look for a
  /// NAME.list.json sidecar beside each NAME.txt).
  std::string list_meta_path;
  /// A document with more text than this (title and blocks, in bytes) is not annotated
  /// but reported as a Problem naming its file: annotating and indexing take about 90
  /// bytes of memory per byte of text, so this keeps one document under ~400 MB. The
  /// longest story in the corpora is under 100 kB.
  std::size_t max_document_bytes = std::size_t{4} << 20;
};

struct IngestOptions {
  std::string index_path;                      ///< where the index lives (created if absent)
  ReadOptions read;
  std::vector<std::string> exclude;            ///< extra file-name globs to skip in directories
  /// Extractors; nullptr indexes text and declared metadata only.
  std::shared_ptr<const ingest::Knowledge> knowledge;
  WriterOptions writer;
};

/// What happened to one input file.
struct FileReport {
  std::string path;       ///< as found (for messages)
  std::string relative;   ///< InputFile::relative: the key of its InputState
  /// Same bytes, read the same way, as at the last ingest, and its documents are all in
  /// the index: not read again (its documents count as unchanged).
  bool skipped = false;
  std::string fingerprint;  ///< of the bytes and how they were read (InputState)
  std::string format;     ///< reader used ("" when it was rejected before reading)
  std::size_t documents = 0, added = 0, replaced = 0, unchanged = 0;
  /// Of the added and replaced: articles marked near-duplicates of an earlier copy.
  std::size_t duplicates = 0;
  std::size_t invalid_utf8 = 0;  ///< invalid UTF-8 sequences replaced
  std::vector<ingest::Problem> problems;  ///< records that could not be read
  std::vector<std::string> ids;           ///< the documents the file holds (written or unchanged)
  std::string error;      ///< non-empty when the whole file was rejected
};

struct IngestReport {
  std::vector<FileReport> files;
  std::size_t documents = 0, added = 0, replaced = 0, unchanged = 0;
  std::size_t duplicates = 0;  ///< of the added and replaced: near-duplicates (dup_of)
  std::size_t removed = 0;  ///< list entries the lists read in this run no longer have
  std::size_t rejected_files = 0, rejected_records = 0, invalid_utf8 = 0;
  std::size_t skipped_files = 0;  ///< unchanged since the last ingest: not read (FileReport::skipped)
  std::size_t index_documents = 0;  ///< documents in the index after the run
  double seconds = 0;
};

/// The files a PATH stands for, in a stable order: a file itself, or the document
/// files under a directory (hidden files, data-set documentation like README* and
/// SOURCE.md, and files without a document extension are skipped; see the README).
struct InputFile {
  std::string path;      ///< path to open ("-" for stdin)
  std::string relative;  ///< path relative to the ingest root's parent: "seed/story.txt"
};
std::vector<InputFile> expand_inputs(const std::vector<std::string>& paths,
                                     const std::vector<std::string>& exclude = {});

/// One input file read and annotated: its report and its documents (none if rejected).
struct PreparedInput {
  FileReport report;
  std::vector<ingest::AnnotatedDocument> docs;
  /// With build (for_each_prepared): the documents built for the writer instead of docs.
  std::vector<BuiltDocument> built;
};

/// Reads and annotates files on options.jobs worker threads and hands each result to
/// consume on the calling thread, in input order (so output is the same for any
/// number of jobs). Bad files come through with report.error set; never throws for
/// bad input. An exception from consume stops the workers and propagates.
///
/// known (optional): the index's input states (Writer::input_states). A file whose
/// fingerprint matches its state comes through unread, with report.skipped set.
///
/// build: the workers also build each document for the writer (build_document, with the
/// pipeline's knowledge version): PreparedInput::built is filled and docs left empty.
void for_each_prepared(const std::vector<InputFile>& files, const ReadOptions& options,
                       const ingest::Pipeline& pipeline, const std::function<void(PreparedInput&&)>& consume,
                       const std::map<std::string, InputState>* known = nullptr, bool build = false);

/// Runs one ingest. on_file (if set) is called on the calling thread after each
/// file is written. A file unchanged since the last ingest into this index (same bytes,
/// read the same way, same knowledge and index revision: its InputState) is not read
/// again unless options.writer.force. Throws IndexError if the index cannot be opened for writing;
/// never throws for bad inputs.
IngestReport run_ingest(const std::vector<std::string>& paths, const IngestOptions& options,
                        const std::function<void(const FileReport&)>& on_file = {});

/// The same on files already expanded (expand_inputs), so a caller can leave some out
/// (the nightly job's quarantine) and keep the ids the ingest root gives.
IngestReport run_ingest(const std::vector<InputFile>& files, const IngestOptions& options,
                        const std::function<void(const FileReport&)>& on_file = {});

}  // namespace dualdex::index
