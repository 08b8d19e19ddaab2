#include "dualdex/index/schema.hpp"

#include <algorithm>
#include <cstdio>
#include <cctype>

#include "dualdex/ingest/dates.hpp"
#include "dualdex/ingest/hash.hpp"

namespace dualdex::index::schema {

std::string normalize_filter_value(std::string_view how, std::string_view value) {
  std::string v(value);
  // Values are ASCII ids; a stray non-ASCII byte is kept as is.
  if (how == "upper") {
    for (char& c : v) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  } else if (how == "lower" || how == "code") {
    for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return v;
}

std::string filter_term(std::string_view prefix, std::string_view how, std::string_view value) {
  return std::string(prefix) + normalize_filter_value(how, value);
}

std::vector<std::string> code_and_ancestors(std::string_view code) {
  std::vector<std::string> out;
  std::string c = normalize_filter_value("code", code);
  while (!c.empty()) {
    out.push_back(c);
    const auto dot = c.rfind('.');
    if (dot == std::string::npos) break;
    c.resize(dot);
  }
  return out;
}

std::string date_slot_value(std::string_view timex) {
  if (!ingest::is_calendar_value(timex)) return {};
  std::string v;
  for (char c : timex) {
    if (c != '-') v.push_back(c);
  }
  while (v.size() < 8) v += "00";
  return v;
}

std::string date_slot_value_upper(std::string_view timex) {
  std::string v = date_slot_value(timex);
  if (v.empty()) return v;
  const std::size_t known = timex.size() == 4 ? 4 : timex.size() == 7 ? 6 : 8;
  for (std::size_t i = known; i < 8; ++i) v[i] = '9';
  return v;
}

std::string date_order_value(std::string_view date_slot, std::string_view id) {
  std::string v = date_slot.size() == 8 ? std::string(date_slot) : std::string(8, '0');
  for (char c : id) v.push_back(static_cast<char>(~static_cast<unsigned char>(c)));
  v.push_back('\xff');  // ends the id: "a" sorts before "ab" in the descending order
  return v;
}

std::string write_order_value(std::string_view stamp, unsigned long long counter) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%012llu", counter);
  return std::string(stamp) + '/' + buf;
}

}  // namespace dualdex::index::schema

namespace dualdex::index::schema {

std::string make_term(std::string_view prefix, std::string_view value) {
  std::string term(prefix);
  if (prefix.size() + value.size() <= kMaxTerm) {
    term += value;
    return term;
  }
  const std::size_t keep = kMaxTerm - prefix.size() - 17;
  term += value.substr(0, keep);
  term += '#';
  term += dualdex::stable_hash(value);
  return term;
}

}  // namespace dualdex::index::schema
