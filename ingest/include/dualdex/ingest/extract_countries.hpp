#pragma once
// Countries and places: ISO 3166 regions named from ICU's display names, demonyms,
// short and official forms, capitals used for governments, former states, cities and
// subdivisions (ICU time-zone exemplar cities, tz zone tables, ISO 3166-2), datelines;
// ambiguity rules; and the decision which countries a document is about.
#include <filesystem>
#include <memory>

#include "dualdex/ingest/extract.hpp"

namespace dualdex::ingest {

class CountryExtractor {
 public:
  /// Loads the gazetteers under dir (and the system sources named in the README).
  /// Throws KnowledgeError with file:line for a bad line.
  static std::unique_ptr<CountryExtractor> load(const std::filesystem::path& dir);
  virtual ~CountryExtractor() = default;

  /// Appends country mentions (type country, id ISO alpha-2 / EU / ISO 3166-3) and
  /// sets out.about_countries. Thread-safe.
  virtual void extract(const ExtractInput& in, Extraction& out) const = 0;
};

}  // namespace dualdex::ingest
