#pragma once
// Dates and times as TIMEX3 values, resolved against the document date, and the
// TimeML writer (the input text reproduced with only TIMEX3 tags added).
#include <filesystem>
#include <memory>
#include <string>

#include "dualdex/ingest/extract.hpp"

namespace dualdex::ingest {

class DateExtractor {
 public:
  static std::unique_ptr<DateExtractor> load(const std::filesystem::path& dir);
  virtual ~DateExtractor() = default;

  /// Appends mentions of type date: id the TIMEX3 type (DATE, TIME, DURATION, SET),
  /// value the TIMEX3 value ("2026-01-08", "2025-12", "P2Y", "FY2026"), text and offsets. A relative date without a
  /// document date is left out rather than guessed. Thread-safe.
  virtual void extract(const ExtractInput& in, Extraction& out) const = 0;
};

/// TimeML for a text and its date mentions: the text reproduced character for
/// character with <TIMEX3 tid type value> tags around each date mention, inside
/// <TimeML><DOCID/><DCT/><TEXT>…</TEXT></TimeML>. Overlapping mentions: the first wins.
std::string to_timeml(const std::string& docid, const std::string& dct, const std::string& text,
                      const std::vector<Mention>& mentions);

}  // namespace dualdex::ingest
