#pragma once
// Text normalization with ICU (DESIGN.md §2): invalid UTF-8 replaced (and counted),
// NFKC, Unicode hyphens/dashes (U+2010–U+2015, U+2212) folded to '-', curly quotes
// to straight ones, whitespace runs collapsed to one space, ends trimmed.
// Keeps a map from every output byte back to the input byte it came from.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dualdex/ingest/document.hpp"

namespace dualdex::ingest {

struct NormalizedText {
  std::string text;                  ///< normalized UTF-8
  std::vector<std::uint32_t> origin; ///< origin[i] = input byte offset of output byte i; size text.size()+1
  std::size_t invalid_bytes = 0;     ///< invalid UTF-8 sequences replaced by U+FFFD

  /// Input offset for an output offset (end offsets map to the end of their source).
  std::size_t to_input(std::size_t out_offset) const;
};

/// Normalizes one string. Never throws on bad input.
NormalizedText normalize_text(std::string_view input);

/// Normalizes title and every block of a document in place, dropping blocks that
/// become empty. Returns the number of invalid UTF-8 sequences replaced.
std::size_t normalize_document(Document& doc);

/// Appends one code point as UTF-8 (ICU's U8_APPEND); invalid code points append nothing.
void append_utf8(std::string& out, char32_t code_point);

/// Lower-cases and case-folds with ICU (for gazetteer keys and query values).
std::string fold_case(std::string_view utf8);

}  // namespace dualdex::ingest
