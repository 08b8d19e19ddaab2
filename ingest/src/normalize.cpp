// Normalization in three passes, each keeping an output→input byte map that is
// composed at the end: (1) UTF-8 validation, (2) ICU NFKC with its Edits record,
// (3) dash/quote folding, invisible-character removal and whitespace collapsing.
#include "dualdex/ingest/normalize.hpp"

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>

namespace dualdex::ingest {
namespace {

using Map = std::vector<std::uint32_t>;

// Pass 1: invalid sequences become U+FFFD.
std::size_t validate_utf8(std::string_view in, std::string& out, Map& map) {
  std::size_t invalid = 0;
  out.reserve(in.size());
  map.reserve(in.size() + 1);
  const auto* s = reinterpret_cast<const uint8_t*>(in.data());
  const auto length = static_cast<int32_t>(in.size());
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    if (s[i] < 0x80) {
      out.push_back(static_cast<char>(s[i]));
      map.push_back(static_cast<std::uint32_t>(i));
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, length, c);
    const std::size_t before = out.size();
    if (c < 0) {
      ++invalid;
      c = 0xFFFD;
    }
    append_utf8(out, c);
    for (std::size_t k = before; k < out.size(); ++k)
      map.push_back(static_cast<std::uint32_t>(start));
  }
  map.push_back(static_cast<std::uint32_t>(in.size()));
  return invalid;
}

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Pass 2: NFKC. The fine Edits iterator tells which output spans replace which input spans.
void nfkc(const std::string& in, std::string& out, Map& map) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* norm = icu::Normalizer2::getNFKCInstance(status);
  icu::Edits edits;
  icu::StringByteSink<std::string> sink(&out);
  if (U_SUCCESS(status)) {
    norm->normalizeUTF8(0, icu::StringPiece(in.data(), static_cast<int32_t>(in.size())), sink,
                        &edits, status);
  }
  if (U_FAILURE(status)) {  // keep the text as it was rather than lose it
    out = in;
    map.resize(in.size() + 1);
    for (std::size_t i = 0; i <= in.size(); ++i) map[i] = static_cast<std::uint32_t>(i);
    return;
  }
  map.assign(out.size() + 1, static_cast<std::uint32_t>(in.size()));
  auto it = edits.getFineIterator();
  while (it.next(status)) {
    const auto src = static_cast<std::uint32_t>(it.sourceIndex());
    const auto dst = static_cast<std::size_t>(it.destinationIndex());
    for (int32_t k = 0; k < it.newLength(); ++k) {
      map[dst + static_cast<std::size_t>(k)] =
          it.hasChange() ? src : src + static_cast<std::uint32_t>(k);
    }
  }
}

// What pass 3 does with one code point.
enum class Fold { keep, space, drop };

Fold classify(UChar32 c, UChar32& replacement) {
  replacement = c;
  if (c == '\n' || c == '\r' || c == '\t' || c == ' ') return Fold::space;
  if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return Fold::space;  // control characters
  if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE58 || c == 0xFE63 || c == 0xFF0D) {
    replacement = '-';
    return Fold::keep;
  }
  if (c >= 0x2018 && c <= 0x201B) {
    replacement = '\'';
    return Fold::keep;
  }
  if (c >= 0x201C && c <= 0x201F) {
    replacement = '"';
    return Fold::keep;
  }
  if (c == 0x00AD || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF) return Fold::drop;
  if (u_isUWhiteSpace(c)) return Fold::space;
  return Fold::keep;
}

// Pass 3.
void fold(const std::string& in, std::string& out, Map& map) {
  out.reserve(in.size());
  map.reserve(in.size() + 1);
  const auto* s = reinterpret_cast<const uint8_t*>(in.data());
  const auto length = static_cast<int32_t>(in.size());
  bool pending_space = false;
  std::uint32_t space_origin = 0;
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    UChar32 r;
    switch (classify(c, r)) {
      case Fold::drop:
        continue;
      case Fold::space:
        if (!pending_space) space_origin = static_cast<std::uint32_t>(start);
        pending_space = true;
        continue;
      case Fold::keep:
        break;
    }
    if (pending_space && !out.empty()) {
      out.push_back(' ');
      map.push_back(space_origin);
    }
    pending_space = false;
    const std::size_t before = out.size();
    append_utf8(out, r);
    for (std::size_t k = before; k < out.size(); ++k) {
      map.push_back(static_cast<std::uint32_t>(start) + static_cast<std::uint32_t>(k - before));
    }
  }
  // End offsets of the last character map just past it in the input.
  map.push_back(out.empty() ? 0 : static_cast<std::uint32_t>(in.size()));
  if (pending_space && !out.empty()) {
    // trailing whitespace dropped: end maps to where it began
    map.back() = space_origin;
  }
}

}  // namespace

void append_utf8(std::string& out, char32_t code_point) {
  char buf[U8_MAX_LENGTH];
  int32_t len = 0;
  UBool err = false;
  U8_APPEND(buf, len, U8_MAX_LENGTH, static_cast<UChar32>(code_point), err);
  if (!err) out.append(buf, static_cast<std::size_t>(len));
}

std::size_t NormalizedText::to_input(std::size_t out_offset) const {
  if (origin.empty()) return out_offset;
  return origin[std::min(out_offset, origin.size() - 1)];
}

NormalizedText normalize_text(std::string_view input) {
  NormalizedText result;
  std::string valid;
  Map map1;
  result.invalid_bytes = validate_utf8(input, valid, map1);

  std::string composed;
  Map map2;
  if (is_ascii(valid)) {
    composed = std::move(valid);
    map2.resize(composed.size() + 1);
    for (std::size_t i = 0; i < map2.size(); ++i) map2[i] = static_cast<std::uint32_t>(i);
  } else {
    nfkc(valid, composed, map2);
  }

  Map map3;
  fold(composed, result.text, map3);
  result.origin.resize(map3.size());
  for (std::size_t i = 0; i < map3.size(); ++i) {
    result.origin[i] = map1[std::min<std::size_t>(
        map2[std::min<std::size_t>(map3[i], map2.size() - 1)], map1.size() - 1)];
  }
  return result;
}

std::size_t normalize_document(Document& doc) {
  std::size_t invalid = 0;
  auto norm = [&invalid](std::string& s) {
    NormalizedText n = normalize_text(s);
    invalid += n.invalid_bytes;
    s = std::move(n.text);
  };
  norm(doc.title);
  norm(doc.dateline);
  for (Block& b : doc.blocks) norm(b.text);
  std::erase_if(doc.blocks, [](const Block& b) { return b.text.empty(); });
  return invalid;
}

std::string fold_case(std::string_view utf8) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  u.foldCase();
  std::string out;
  u.toUTF8String(out);
  return out;
}

}  // namespace dualdex::ingest
