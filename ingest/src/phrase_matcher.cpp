#include "dualdex/ingest/phrase_matcher.hpp"

#include <algorithm>

namespace dualdex::ingest {

bool PhraseMatcher::add(std::string_view phrase, std::uint32_t value, CaseRule rule) {
  Entry e;
  e.value = value;
  e.rule = rule;
  std::vector<Token> tokens = tokenize(phrase);
  bool any_capitalized = false;
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    Token& t = tokens[k];
    e.surface.emplace_back(phrase.substr(t.begin, t.end - t.begin));
    if (k > 0) e.gaps.emplace_back(phrase.substr(tokens[k - 1].end, t.begin - tokens[k - 1].end));
    e.must_cap.push_back(t.capitalized);
    any_capitalized = any_capitalized || t.capitalized;
    e.tokens.push_back(std::move(t.folded));
  }
  if (e.tokens.empty()) return false;
  // Lower-case words inside a name ("of", "and", "d'Ivoire") need not be capitalised;
  // a phrase written all in lower case asks for every word capitalised.
  if (!any_capitalized) e.must_cap.assign(e.tokens.size(), true);
  auto& bucket = m_by_first[e.tokens.front()];
  const auto pos = std::upper_bound(bucket.begin(), bucket.end(), e.tokens.size(),
                                    [](std::size_t n, const Entry& x) { return n > x.tokens.size(); });
  bucket.insert(pos, std::move(e));
  ++m_count;
  return true;
}

bool PhraseMatcher::matches(const Entry& e, const std::vector<Token>& tokens, std::size_t at,
                            std::string_view text) const {
  if (at + e.tokens.size() > tokens.size()) return false;
  for (std::size_t k = 0; k < e.tokens.size(); ++k) {
    const Token& t = tokens[at + k];
    if (t.folded != e.tokens[k]) return false;
    if (k > 0) {
      // A phrase does not run across punctuation: only spaces and hyphens between words.
      // Punctuation the phrase itself has there is fine ("St. Louis", "Trinidad & Tobago").
      const std::size_t gap_begin = tokens[at + k - 1].end;
      if (t.begin < gap_begin) return false;
      const std::string_view gap = text.substr(gap_begin, t.begin - gap_begin);
      if (gap != e.gaps[k - 1]) {
        if (gap.size() > 3) return false;
        for (char c : gap) {
          if (c != ' ' && c != '-') return false;
        }
      }
    }
    switch (e.rule) {
      case CaseRule::any: break;
      case CaseRule::capitalized:
        if (e.must_cap[k] && !t.capitalized && !t.numeric) return false;
        break;
      case CaseRule::exact:
        if (text.substr(t.begin, t.end - t.begin) != e.surface[k]) return false;
        break;
    }
  }
  return true;
}

std::vector<PhraseMatch> PhraseMatcher::find(const std::vector<Token>& tokens, std::string_view text) const {
  std::vector<PhraseMatch> out;
  for (std::size_t i = 0; i < tokens.size();) {
    const auto it = m_by_first.find(tokens[i].folded);
    std::size_t length = 0;
    if (it != m_by_first.end()) {
      for (const Entry& e : it->second) {
        if (length != 0 && e.tokens.size() < length) break;  // only the longest phrase's values
        if (!matches(e, tokens, i, text)) continue;
        length = e.tokens.size();
        out.push_back({i, i + length - 1, e.value});
      }
    }
    i += length == 0 ? 1 : length;
  }
  return out;
}

}  // namespace dualdex::ingest
