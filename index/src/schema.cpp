#include "dualdex/index/schema.hpp"

#include <algorithm>
#include <cctype>

#include "dualdex/ingest/dates.hpp"

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

}  // namespace dualdex::index::schema

namespace dualdex::index::schema {

namespace {
// FNV-1a, 64 bits: stable across runs and platforms, which std::hash is not.
std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}
}  // namespace

std::string hex64(std::uint64_t v) {
  static const char* digits = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) out[static_cast<std::size_t>(i)] = digits[v & 0xF];
  return out;
}

std::string stable_hash(std::string_view s) { return hex64(fnv1a(s)); }

std::string make_term(std::string_view prefix, std::string_view value) {
  std::string term(prefix);
  if (prefix.size() + value.size() <= kMaxTerm) {
    term += value;
    return term;
  }
  const std::size_t keep = kMaxTerm - prefix.size() - 17;
  term += value.substr(0, keep);
  term += '#';
  term += stable_hash(value);
  return term;
}

}  // namespace dualdex::index::schema
