#pragma once
// Dates written the Chinese and Japanese way, for the date extractor (extract_dates.cpp):
// 2026年1月8日, 2025年10月, 令和8年1月8日 (Japanese eras), and, against the document
// date, 1月8日 / 1月8号 and a lone day 8日 ("税関総署は15日、…"). Internal to dualdex_ingest.
#include "dualdex/ingest/extract.hpp"

namespace dualdex::ingest::timex {

/// Appends the CJK dates of in.text to out.mentions (type date, id "DATE", value
/// YYYY-MM-DD or YYYY-MM), replacing date mentions they overlap.
void cjk_dates(const ExtractInput& in, Extraction& out);

}  // namespace dualdex::ingest::timex
