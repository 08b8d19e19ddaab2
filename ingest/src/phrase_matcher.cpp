#include "dualdex/ingest/phrase_matcher.hpp"

#include <algorithm>

namespace dualdex::ingest {
namespace {

constexpr std::size_t kShortKatakana = 3;

// A katakana character token (loanwords and foreign names are written in katakana, with
// no space around them: マリ is Mali, but not inside サマリウム).
bool katakana(const Token& t) {
  if (!t.cjk || t.folded.size() != 3) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(t.folded.data());
  const char32_t c = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
  return (c >= 0x30A1 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF66 && c <= 0xFF9F);
}

// True if tokens a and b touch and are both katakana: one word, which a phrase may not
// start or end inside.
bool same_katakana_word(const Token& a, const Token& b) {
  return a.end == b.begin && katakana(a) && katakana(b);
}

}  // namespace

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
  // A short katakana phrase (マリ, タイ, ペルー) is a word of its own, not a piece of a
  // longer one (サマリウム, タイプ); a long one (サマリウム) may begin a compound
  // (サマリウムコバルト).
  const std::size_t last = at + e.tokens.size() - 1;
  if (e.tokens.size() <= kShortKatakana) {
    if (at > 0 && same_katakana_word(tokens[at - 1], tokens[at])) return false;
    if (last + 1 < tokens.size() && same_katakana_word(tokens[last], tokens[last + 1])) return false;
  }
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
    if (t.cjk) continue;  // Chinese and Japanese have no case
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
