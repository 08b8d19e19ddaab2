#include "dualdex/ingest/tokenize.hpp"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <memory>

#include "dualdex/ingest/normalize.hpp"

namespace dualdex::ingest {
namespace {

// One break iterator per thread: creating one costs far more than a short text.
icu::BreakIterator* word_iterator() {
  thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> bi(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    return U_SUCCESS(status) ? std::move(bi) : nullptr;
  }();
  return it.get();
}

void classify(std::string_view word, Token& t) {
  const auto* s = reinterpret_cast<const uint8_t*>(word.data());
  const auto n = static_cast<int32_t>(word.size());
  int32_t i = 0;
  int letters = 0, upper = 0, lower = 0, digits = 0;
  bool first = true;
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) continue;
    if (u_isdigit(c)) ++digits;
    if (u_isalpha(c)) {
      ++letters;
      if (u_isupper(c)) {
        ++upper;
        if (first) t.capitalized = true;
      } else if (u_islower(c)) {
        ++lower;
      }
    }
    first = false;
  }
  t.numeric = digits > 0 && letters == 0;
  t.all_caps = upper >= 2 && lower == 0;
}

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  if (text.empty()) return out;
  icu::BreakIterator* it = word_iterator();
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (it == nullptr || U_FAILURE(status)) {
    if (ut) utext_close(ut);
    return out;
  }
  it->setText(ut, status);
  int32_t start = it->first();
  for (int32_t end = it->next(); end != icu::BreakIterator::DONE; start = end, end = it->next()) {
    // Rule status: words, numbers, kana and ideographs are tokens; spaces and punctuation not.
    if (it->getRuleStatus() == UBRK_WORD_NONE) continue;
    Token t;
    t.begin = static_cast<std::size_t>(start);
    t.end = static_cast<std::size_t>(end);
    std::string_view word = text.substr(t.begin, t.end - t.begin);
    // A possessive belongs to the name: "Japan's" is the token "Japan".
    if (word.size() > 2 && (word.ends_with("'s") || word.ends_with("'S"))) {
      word.remove_suffix(2);
      t.end -= 2;
    }
    const int32_t status = it->getRuleStatus();
    if (status >= UBRK_WORD_KANA && status < UBRK_WORD_IDEO_LIMIT) {
      // Kana and ideographs: a token per character.
      const auto* p = reinterpret_cast<const uint8_t*>(word.data());
      const auto n = static_cast<int32_t>(word.size());
      for (int32_t i = 0; i < n;) {
        const int32_t from = i;
        UChar32 c;
        U8_NEXT(p, i, n, c);
        Token ch;
        ch.begin = t.begin + static_cast<std::size_t>(from);
        ch.end = t.begin + static_cast<std::size_t>(i);
        ch.folded = std::string(word.substr(static_cast<std::size_t>(from), static_cast<std::size_t>(i - from)));
        ch.cjk = true;
        out.push_back(std::move(ch));
      }
      continue;
    }
    classify(word, t);
    t.folded = fold_case(word);
    out.push_back(std::move(t));
  }
  utext_close(ut);
  return out;
}

std::vector<std::string> phrase_tokens(std::string_view phrase) {
  std::vector<std::string> out;
  for (Token& t : tokenize(phrase)) out.push_back(std::move(t.folded));
  return out;
}

}  // namespace dualdex::ingest
