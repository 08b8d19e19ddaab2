// libFuzzer target: the metadata date parser (dates.hpp): ISO 8601, RFC 822, Reuters
// dates, "January 8, 2026", dates in file names. Whatever they return must be a TIMEX3
// calendar value (the index's date slot and the range filters rely on it).
#include "dualdex/ingest/dates.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dualdex;
  const std::string_view text = fuzz::as_view(data, size);
  if (auto d = ingest::parse_metadata_date(text); d && !ingest::is_calendar_value(*d))
    fuzz::fail("parse_metadata_date returned a value that is not a calendar date");
  if (auto d = ingest::date_from_file_name(text); d && !ingest::is_calendar_value(*d))
    fuzz::fail("date_from_file_name returned a value that is not a calendar date");
  (void)ingest::is_calendar_value(text);
  return 0;
}
