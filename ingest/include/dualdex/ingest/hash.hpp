#pragma once
// A stable 64-bit hash (FNV-1a): the same on every run and platform, which std::hash
// is not. Used for content hashes, knowledge versions and over-long index terms.
#include <string>
#include <string_view>

namespace dualdex {

/// 16 lower-case hex digits.
std::string stable_hash(std::string_view bytes);

}  // namespace dualdex
