#pragma once
// The per-document stages after reading: normalize, segment, extract. Built once
// (knowledge loaded), then called from many threads without locks.
#include <string>
#include <vector>

#include "dualdex/ingest/document.hpp"

namespace dualdex::ingest {

/// A document with everything the extractors found; what the indexer writes.
struct AnnotatedDocument {
  Document doc;                    ///< normalized: offsets refer to doc.plain_text()
  std::string text;                ///< doc.plain_text(), computed once
  std::vector<Mention> mentions;   ///< declared by metadata and found in the text
  std::size_t invalid_utf8 = 0;    ///< invalid sequences replaced during normalization
};

struct PipelineOptions {
  /// Version string of the knowledge the pipeline was built from; part of every
  /// document's content hash so that a change of knowledge re-indexes documents.
  std::string knowledge_version = "spine-1";
};

class Pipeline {
 public:
  explicit Pipeline(PipelineOptions options = {});

  /// Normalizes and annotates one document. Thread-safe (const, no shared state).
  AnnotatedDocument process(Document doc) const;

  const PipelineOptions& options() const { return m_options; }

 private:
  PipelineOptions m_options;
};

}  // namespace dualdex::ingest
