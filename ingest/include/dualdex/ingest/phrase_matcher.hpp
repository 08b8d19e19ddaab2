#pragma once
// Longest-match lookup of multi-token phrases over a token sequence: the engine of
// every gazetteer (countries, agencies, items, organisations). Built once, then
// read concurrently without locks.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dualdex/ingest/tokenize.hpp"

namespace dualdex::ingest {

/// How an entry must look in the text to match.
enum class CaseRule : std::uint8_t {
  any,          ///< any case ("rare earths", "Rare Earths")
  capitalized,  ///< every token the entry writes capitalised starts upper case in the text
                ///< ("Jordan", not "jordan"; "Isle of Man" also as "Isle Of Man"); an entry
                ///< written all in lower case needs every token capitalised
  exact,        ///< tokens as written in the entry ("US", not "us"; "MOFCOM")
};

struct PhraseMatch {
  std::size_t first = 0;  ///< index of the first token
  std::size_t last = 0;   ///< index of the last token, inclusive
  std::uint32_t value = 0;  ///< what was added with the phrase
};

class PhraseMatcher {
 public:
  /// Adds a phrase (split into tokens like the text is). Returns false for a phrase
  /// with no tokens. The same phrase may carry several values (all are reported).
  /// Between two tokens the text may have spaces and hyphens (at most 3 characters), or
  /// exactly what the phrase has there ("St. Louis", "Trinidad & Tobago").
  bool add(std::string_view phrase, std::uint32_t value, CaseRule rule = CaseRule::any);

  /// Leftmost-longest, non-overlapping matches over tokens (of `text`, needed for
  /// CaseRule::exact). All values of the longest phrase at a position are returned.
  std::vector<PhraseMatch> find(const std::vector<Token>& tokens, std::string_view text) const;

  std::size_t size() const { return m_count; }

 private:
  struct Entry {
    std::vector<std::string> tokens;  ///< folded
    std::vector<std::string> surface; ///< as written (for CaseRule::exact)
    std::vector<std::string> gaps;    ///< text between token k and k+1 as written
    std::vector<bool> must_cap;       ///< CaseRule::capitalized: token k must be capitalised
    std::uint32_t value;
    CaseRule rule;
  };
  bool matches(const Entry& e, const std::vector<Token>& tokens, std::size_t at, std::string_view text) const;
  /// Entries by their first folded token, longest first.
  std::unordered_map<std::string, std::vector<Entry>> m_by_first;
  std::size_t m_count = 0;
};

}  // namespace dualdex::ingest
