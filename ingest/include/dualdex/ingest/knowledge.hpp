#pragma once
// The knowledge the extractors are built from (corpus/gazetteers/: countries, places,
// agencies, items, organisations, roles, action words), loaded once and shared
// read-only by every thread.
#include <filesystem>
#include <memory>
#include <string>

#include "dualdex/ingest/extract.hpp"

namespace dualdex::ingest {

class CountryExtractor;
class DateExtractor;
class EntityExtractor;
class EventExtractor;

class Knowledge {
 public:
  /// Loads every extractor from dir. Throws KnowledgeError (file:line) on a bad file.
  static std::shared_ptr<const Knowledge> load(const std::filesystem::path& dir);

  /// $DUALDEX_KNOWLEDGE, else corpus/gazetteers of the source tree dualdex was built from.
  static std::filesystem::path default_dir();

  ~Knowledge();

  /// A hash of every knowledge file: part of each document's content hash, so a
  /// change of knowledge re-extracts documents on the next ingest.
  const std::string& version() const { return m_version; }

  /// Runs the extractors in order (countries, dates, entities, events). Thread-safe.
  Extraction extract(const ExtractInput& in) const;

  /// Control-list entries known for an item ("cn-dual-use:1C902"); see EntityExtractor.
  std::vector<std::string> item_codes(const std::string& item_id) const;

  /// Only the date mentions of a text (offsets into that exact text), for TimeML output.
  std::vector<Mention> dates_in(const std::string& text, const std::string& dct) const;

 private:
  Knowledge();
  std::string m_version;
  std::unique_ptr<CountryExtractor> m_countries;
  std::unique_ptr<DateExtractor> m_dates;
  std::unique_ptr<EntityExtractor> m_entities;
  std::unique_ptr<EventExtractor> m_events;
};

}  // namespace dualdex::ingest
