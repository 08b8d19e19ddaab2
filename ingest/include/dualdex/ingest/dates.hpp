#pragma once
// Dates as sources write them in metadata (not the free-text extractor): ISO 8601,
// RFC 822 (feeds), Reuters "26-FEB-1987 15:01:01.79", "January 8, 2026", and dates
// in file names. All return TIMEX3 calendar values: "2026-01-08", "2026-01", "2026".
#include <optional>
#include <string>
#include <string_view>

namespace dualdex::ingest {

/// Parses one metadata date; nullopt if it is not a date. Times and zones are
/// dropped: the calendar date is the one the source states.
std::optional<std::string> parse_metadata_date(std::string_view text);

/// Finds a YYYY-MM-DD date in a file name ("story-2026-01-08.txt"); nullopt if none.
std::optional<std::string> date_from_file_name(std::string_view path);

/// True if value is a valid TIMEX3 calendar date or partial date (YYYY, YYYY-MM, YYYY-MM-DD).
bool is_calendar_value(std::string_view value);

}  // namespace dualdex::ingest
