#pragma once
// Agencies, organisations, persons with roles, items, amounts, control codes, HS and
// CAS numbers, and legal instruments.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "dualdex/ingest/extract.hpp"

namespace dualdex::ingest {

class EntityExtractor {
 public:
  static std::unique_ptr<EntityExtractor> load(const std::filesystem::path& dir);
  virtual ~EntityExtractor() = default;

  /// Appends mentions of type agency, organisation, person, item, amount, code and
  /// instrument. Runs after the country extractor: a generic "the ministry" resolves
  /// to the agency of out.about_countries[0] when that is clear. Thread-safe.
  virtual void extract(const ExtractInput& in, Extraction& out) const = 0;

  /// The control-list entries ("cn-dual-use:1C902") items.tsv gives for an item; an
  /// item without codes of its own gets those of its narrower items ("rare-earths" →
  /// the samarium, gadolinium, … entries). Empty for an unknown item.
  virtual std::vector<std::string> item_codes(const std::string& item_id) const = 0;
};

}  // namespace dualdex::ingest
