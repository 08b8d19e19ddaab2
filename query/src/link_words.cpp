#include "link_words.hpp"

#include <cctype>
#include <unordered_set>

#include "dualdex/ingest/tokenize.hpp"

namespace dualdex::query::link {
namespace {

/// Function words of English: never terms (the vocabulary's `stop` rows add the
/// words of controlling rather than of what is controlled).
const std::unordered_set<std::string_view> kFunctionWords{
    "a",      "an",    "the",  "and",   "or",   "of",    "to",   "in",    "on",   "for",   "by",
    "with",   "from",  "at",   "as",    "into", "onto",  "than", "that",  "this", "these", "those",
    "which",  "who",   "whom", "whose", "what", "it",    "its",  "their", "they", "them",  "he",
    "she",    "his",   "her",  "we",    "our",  "is",    "are",  "was",   "were", "be",    "been",
    "being",  "has",   "have", "had",   "will", "would", "can",  "could", "may",  "might", "shall",
    "should", "must",  "not",  "no",    "nor",  "but",   "if",   "so",    "such", "all",   "any",
    "each",   "other", "some", "more",  "most", "also",  "only", "s"};

bool all_digits_or_punct(std::string_view w) {
  for (char c : w) {
    if (std::isalpha(static_cast<unsigned char>(c))) return false;
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

WordMaker::WordMaker(const Vocabulary& vocabulary)
    : m_vocabulary(vocabulary), m_stemmer("english") {}

std::string WordMaker::normalize(std::string_view folded) const {
  std::string w(folded);
  if (auto it = m_vocabulary.spelling.find(w); it != m_vocabulary.spelling.end()) return it->second;
  // The regular British endings; applied alike to the lists and the measures, so a rare
  // false rewrite ("detour" → "detor") still meets itself.
  auto swap_end = [&](std::string_view from, std::string_view to) {
    if (!ends_with(w, from)) return false;
    w = w.substr(0, w.size() - from.size()) + std::string(to);
    return true;
  };
  if (swap_end("isation", "ization") || swap_end("isations", "izations") ||
      swap_end("ised", "ized") || swap_end("ises", "izes") || swap_end("ising", "izing") ||
      swap_end("iser", "izer") || swap_end("isers", "izers") || swap_end("yse", "yze") ||
      swap_end("ysed", "yzed") || swap_end("ysing", "yzing") || swap_end("ogue", "og") ||
      swap_end("ogues", "ogs")) {
    return w;
  }
  if (w.size() > 5 &&
      (swap_end("our", "or") || swap_end("ours", "ors") || swap_end("oured", "ored")))
    return w;
  if (w.size() > 4 && (swap_end("tre", "ter") || swap_end("tres", "ters"))) return w;
  return w;
}

std::string WordMaker::stem(const std::string& normalized) const {
  return m_stemmer(normalized);
}

bool WordMaker::is_stop(const std::string& normalized) const {
  if (kFunctionWords.count(normalized) > 0) return true;
  return m_vocabulary.stop.count(normalized) > 0 || all_digits_or_punct(normalized);
}

std::vector<Word> WordMaker::words(std::string_view text) const {
  std::vector<Word> out;
  for (const auto& t : ingest::tokenize(text)) {
    Word w;
    w.folded = normalize(t.folded);
    w.stem = stem(w.folded);
    w.begin = t.begin;
    w.end = t.end;
    // A Chinese or Japanese character never meets the English lists by itself (the
    // vocabulary's CJK phrases still match: they compare stems, stop or not).
    w.stop = t.numeric || t.cjk || is_stop(w.folded);
    out.push_back(std::move(w));
  }
  return out;
}

std::vector<std::string> WordMaker::stems(const Phrase& phrase) const {
  std::vector<std::string> out;
  out.reserve(phrase.size());
  for (const auto& w : phrase) out.push_back(stem(normalize(w)));
  return out;
}

bool phrase_at(const std::vector<Word>& words, std::size_t i,
               const std::vector<std::string>& phrase) {
  if (phrase.empty() || i + phrase.size() > words.size()) return false;
  for (std::size_t k = 0; k < phrase.size(); ++k) {
    if (words[i + k].stem != phrase[k]) return false;
  }
  return true;
}

}  // namespace dualdex::query::link
