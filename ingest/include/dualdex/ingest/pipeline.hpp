#pragma once
// The per-document stages after reading: normalize, tokenize, segment, extract.
// Built once (knowledge loaded), then called from many threads without locks.
#include <memory>
#include <string>
#include <vector>

#include "dualdex/ingest/document.hpp"
#include "dualdex/ingest/extract.hpp"

namespace dualdex::ingest {

class Knowledge;

/// A document with everything the extractors found; what the indexer writes.
struct AnnotatedDocument {
  Document doc;                    ///< normalized: offsets refer to doc.plain_text()
  std::string text;                ///< doc.plain_text(), computed once
  /// Languages of the text, the main one (doc.lang) first (ingest/language.hpp).
  std::vector<std::string> languages;
  std::vector<Mention> mentions;   ///< declared by metadata and found in the text
  std::vector<std::string> about_countries;  ///< document-level countries (declared ones first)
  std::vector<Statement> statements;
  std::vector<Measure> measures;
  std::size_t invalid_utf8 = 0;    ///< invalid sequences replaced during normalization
};

struct PipelineOptions {
  /// Extractors to run; nullptr = none (declared metadata only).
  std::shared_ptr<const Knowledge> knowledge;
};

class Pipeline {
 public:
  explicit Pipeline(PipelineOptions options = {});

  /// Normalizes and annotates one document. Thread-safe (const, no shared state).
  /// An `instrument` document gets mentions but no statements or measures (it is one).
  AnnotatedDocument process(Document doc) const;

  /// Version of the knowledge in use ("none" without extractors); part of content hashes.
  std::string knowledge_version() const;

 private:
  PipelineOptions m_options;
};

}  // namespace dualdex::ingest
