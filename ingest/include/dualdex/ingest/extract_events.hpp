#pragma once
// Statements (quotes and reported speech with their speaker) and measures (actions
// by an authority), built from the mentions the other extractors found.
#include <filesystem>
#include <memory>

#include "dualdex/ingest/extract.hpp"

namespace dualdex::ingest {

class EventExtractor {
 public:
  static std::unique_ptr<EventExtractor> load(const std::filesystem::path& dir);
  virtual ~EventExtractor() = default;

  /// Appends out.statements and out.measures. Runs last. Thread-safe.
  virtual void extract(const ExtractInput& in, Extraction& out) const = 0;
};

}  // namespace dualdex::ingest
