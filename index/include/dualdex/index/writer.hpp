#pragma once
// The one place that writes Xapian documents (omega's convention: parsers fill
// plain fields, one indexer writes). Re-ingest is idempotent: a document whose
// content hash is unchanged is skipped without touching the index.
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dualdex/index/shards.hpp"
#include "dualdex/ingest/pipeline.hpp"

namespace dualdex::index {

struct WriterOptions {
  /// Documents changed before an automatic commit. A crash loses at most one batch,
  /// and the index stays at its last commit. Counted over all shards; at a commit each
  /// shard with changes commits, on threads of their own.
  std::size_t batch_size = 2000;
  /// Create the index if it does not exist.
  bool create = true;
  /// Version of the knowledge files; part of the content hash (Pipeline::knowledge_version).
  std::string knowledge_version = "none";
  /// The run's time, utc_stamp(), stored in kSlotWrittenAt of every document
  /// written; empty = the time the Writer was opened.
  std::string written_at;
  /// Rewrite documents even when their content hash is unchanged (`dualdex reindex`).
  bool force = false;
  /// Shards of a new index (shards.hpp): a sharded folder routed by this layout. An
  /// existing index keeps its layout (a different one here is an error); unset: the
  /// existing layout, or one database for a new index.
  std::optional<ShardLayout> shards;
};

enum class WriteOutcome { added, replaced, unchanged };

/// What the index remembers of one input file it was written from: a fingerprint of the
/// file's bytes and of how it was read (content_hash, so a new schema, index revision or
/// knowledge version changes it) and the documents it gave. An ingest that finds the same
/// fingerprint skips the file without reading it (ingest_job.hpp).
struct InputState {
  std::string fingerprint;
  std::vector<std::string> ids;    ///< its documents, in order
  std::vector<std::string> hashes; ///< their content hashes as written (kSlotHash)
  std::vector<std::string> lists;  ///< control-list files: each entry's list id (else empty)
};
const char* to_string(WriteOutcome outcome);

/// A document ready for the writer: its stored form, content hash and Xapian terms and
/// values, with its statements and measures, built without the index so that the
/// ingest's worker threads do it (build_document) and the one writer thread only looks
/// up, marks near-duplicates and writes.
class BuiltDocument {
 public:
  BuiltDocument();
  ~BuiltDocument();
  BuiltDocument(BuiltDocument&&) noexcept;
  BuiltDocument& operator=(BuiltDocument&&) noexcept;
  const std::string& id() const;
  const std::string& list() const;  ///< a control-list entry's list id, else ""
  const std::string& hash() const;  ///< its content hash (kSlotHash)

 private:
  friend class Writer;
  friend BuiltDocument build_document(const ingest::AnnotatedDocument&, const std::string&);
  struct Impl;
  std::unique_ptr<Impl> impl;
};

/// Builds a document for Writer::write; thread-safe. knowledge_version as in
/// WriterOptions (the content hash depends on it).
BuiltDocument build_document(const ingest::AnnotatedDocument& doc, const std::string& knowledge_version);

class Writer {
 public:
  /// Opens (or creates) the index at path for writing. Throws IndexError when it is
  /// locked by another writer, of another schema version, or cannot be opened.
  explicit Writer(const std::string& path, WriterOptions options = {});
  /// Commits pending changes (errors are swallowed: call commit() to see them).
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  /// Adds or replaces one document (and drops its old children). Throws IndexError
  /// on a Xapian failure.
  WriteOutcome write(const ingest::AnnotatedDocument& doc);
  /// The same for a document built already (with this writer's knowledge_version).
  WriteOutcome write(BuiltDocument&& doc);

  /// When the last write() added or replaced an article that is a near-duplicate of an
  /// earlier one: the id of its first copy (its dup_of); else "".
  const std::string& last_dup_of() const;

  /// Deletes a document and its children. Returns false if it was not there.
  bool remove(const std::string& id);

  /// Unique ids of the documents that have every one of these terms (committed or
  /// not), e.g. the entries of one control list.
  std::vector<std::string> ids_with_all(const std::vector<std::string>& terms) const;

  /// Every input state the index holds, by the input's relative path (InputFile).
  std::map<std::string, InputState> input_states() const;
  /// Records (or, with an empty fingerprint, forgets) an input's state. It is written
  /// into the home shard only after every other shard has committed (and not at all if
  /// one fails), so a fingerprint is never ahead of its documents.
  void set_input_state(const std::string& relative, const InputState& state);

  /// The content hash of the document with this unique id (committed or not); "" if it
  /// is not in the index.
  std::string hash_of(const std::string& id) const;

  /// Commits pending changes; does nothing (and makes no new revision) if none.
  void commit();

  /// Number of documents in the index, committed or not.
  std::size_t document_count() const;

  /// The shard folder names of a sharded index, in order; {""} for one database.
  std::vector<std::string> shard_names() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

/// The time now as "YYYYMMDDTHHMMSS.uuuuuu", UTC, to the microsecond (kSlotWrittenAt):
/// two runs never share a stamp, and stamps sort in time order.
std::string utc_stamp();

/// The content hash the writer stores for a document (hex, 16 digits).
std::string content_hash(const std::string& data, const std::string& knowledge_version);

}  // namespace dualdex::index
