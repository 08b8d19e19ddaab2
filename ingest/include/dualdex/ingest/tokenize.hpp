#pragma once
// Word tokens with UTF-8 byte offsets, from ICU's word break iterator. Gazetteer
// matching works on these tokens, so that "rare-earth", "rare earth" and
// "Rare‑Earth" all meet the same entry.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dualdex::ingest {

struct Token {
  std::size_t begin = 0;  ///< UTF-8 byte offset in the text, inclusive
  std::size_t end = 0;    ///< exclusive
  std::string folded;     ///< case-folded form (ICU full case folding)
  bool numeric = false;   ///< a number ("1,100", "2026", "3.8")
  bool capitalized = false;  ///< first letter upper case ("Japan")
  bool all_caps = false;     ///< every cased letter upper case, at least two letters ("US", "MOFCOM")
  bool cjk = false;          ///< one Chinese or Japanese character (see tokenize())
};

/// Words and numbers of text (punctuation and spaces are not tokens); a possessive
/// "'s" is cut from its word ("Japan's" → "Japan"). Chinese and Japanese words come as
/// one token per character: gazetteer phrases then match whatever ICU's dictionary
/// made of their context (it splits 商务部 as 商务|部 in one sentence and keeps it
/// whole in another); the index gets ICU's words (cjk.hpp). Never throws.
std::vector<Token> tokenize(std::string_view text);

/// Tokens of a gazetteer phrase, folded ("Rare-Earth Magnets" → {"rare","earth","magnets"}).
std::vector<std::string> phrase_tokens(std::string_view phrase);

}  // namespace dualdex::ingest
