#include <algorithm>
#include <cctype>

#include "dualdex/ingest/dates.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/query/search.hpp"

namespace dualdex::query {

std::string date_bound(const std::string& value, bool upper) {
  std::string v = value;
  // Accept the compact form too: 20260108, 202601.
  if ((v.size() == 8 || v.size() == 6) &&
      std::all_of(v.begin(), v.end(), [](unsigned char c) { return std::isdigit(c); })) {
    v = v.substr(0, 4) + "-" + v.substr(4, 2) + (v.size() == 8 ? "-" + v.substr(6, 2) : "");
  }
  if (!ingest::is_calendar_value(v)) {
    throw UsageError("bad date '" + value +
                     "': use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2025-12..2026)");
  }
  std::string out;
  for (char c : v) {
    if (c != '-') out.push_back(c);
  }
  while (out.size() < 8) out += upper ? "99" : "00";
  return out;
}

}  // namespace dualdex::query
