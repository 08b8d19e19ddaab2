#pragma once
// Small string helpers shared by the HTML and text readers and the boilerplate rules.
// Header-only so that adding it needs no change to the library's source list.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dualdex::ingest::detail {

inline bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// Trims ASCII whitespace, NBSP (U+00A0) and the ideographic space (U+3000).
inline std::string_view trim(std::string_view s) {
  for (;;) {
    if (!s.empty() && is_ascii_space(s.front())) {
      s.remove_prefix(1);
    } else if (s.starts_with("\xC2\xA0")) {
      s.remove_prefix(2);
    } else if (s.starts_with("\xE3\x80\x80")) {
      s.remove_prefix(3);
    } else {
      break;
    }
  }
  for (;;) {
    if (!s.empty() && is_ascii_space(s.back())) {
      s.remove_suffix(1);
    } else if (s.ends_with("\xC2\xA0")) {
      s.remove_suffix(2);
    } else if (s.ends_with("\xE3\x80\x80")) {
      s.remove_suffix(3);
    } else {
      break;
    }
  }
  return s;
}

inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

/// Collapses runs of ASCII whitespace and NBSP to one space and trims the ends.
inline std::string collapse_whitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool space = is_ascii_space(s[i]);
    if (!space && s[i] == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
      space = true;
      ++i;
    }
    if (space) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += s[i];
  }
  return out;
}

/// Splits on ASCII whitespace.
inline std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_ascii_space(s[i])) ++i;
    std::size_t start = i;
    while (i < s.size() && !is_ascii_space(s[i])) ++i;
    if (i > start) words.push_back(s.substr(start, i - start));
  }
  return words;
}

/// True for Han, kana and fullwidth forms: scripts written without spaces between words.
inline bool is_unspaced_script(UChar32 c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF);
}

/// Number of code points (invalid bytes count one each).
inline std::size_t code_point_count(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

/// Words for length rules: space-separated tokens, plus one per two characters of
/// unspaced scripts (a Chinese sentence has no spaces but is not "one word").
inline std::size_t word_count(std::string_view s) {
  std::size_t words = 0;
  std::size_t unspaced = 0;
  bool in_word = false;
  std::int32_t i = 0;
  const auto len = static_cast<std::int32_t>(s.size());
  while (i < len) {
    UChar32 c;
    U8_NEXT(s.data(), i, len, c);
    if (c >= 0 && is_unspaced_script(c)) {
      ++unspaced;
      in_word = false;
    } else if (c >= 0 && c < 0x80 && is_ascii_space(static_cast<char>(c))) {
      in_word = false;
    } else if (!in_word) {
      in_word = true;
      ++words;
    }
  }
  return words + (unspaced + 1) / 2;
}

/// Last code point of s (U_SENTINEL if none or invalid).
inline UChar32 last_code_point(std::string_view s) {
  if (s.empty()) return U_SENTINEL;
  auto i = static_cast<std::int32_t>(s.size());
  UChar32 c;
  U8_PREV(s.data(), 0, i, c);
  return c;
}

/// First code point of s (U_SENTINEL if none or invalid).
inline UChar32 first_code_point(std::string_view s) {
  if (s.empty()) return U_SENTINEL;
  std::int32_t i = 0;
  UChar32 c;
  U8_NEXT(s.data(), i, static_cast<std::int32_t>(s.size()), c);
  return c;
}

/// True if s ends a sentence: . ! ? … or their CJK forms, possibly before closing quotes
/// or brackets.
inline bool ends_sentence(std::string_view s) {
  s = trim(s);
  for (;;) {
    UChar32 c = last_code_point(s);
    if (c == '"' || c == '\'' || c == ')' || c == 0x201D || c == 0x2019 || c == 0x300D ||
        c == 0x300F || c == 0xFF09) {
      s.remove_suffix(static_cast<std::size_t>(U8_LENGTH(c)));
      continue;
    }
    return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x3002 || c == 0xFF01 ||
           c == 0xFF1F || c == 0xFF0E;
  }
}

}  // namespace dualdex::ingest::detail
