#pragma once
// Sentence segmentation with ICU's break iterator, on UTF-8 byte offsets.
#include <cstddef>
#include <string_view>
#include <vector>

namespace dualdex::ingest {

struct Span {
  std::size_t begin = 0;  ///< UTF-8 byte offset, inclusive
  std::size_t end = 0;    ///< UTF-8 byte offset, exclusive
};

/// Sentences of text (trailing whitespace excluded), using ICU's sentence rules for
/// the given language ("" = root). Newlines separating blocks always end a sentence.
std::vector<Span> split_sentences(std::string_view text, const char* lang = "");

}  // namespace dualdex::ingest
