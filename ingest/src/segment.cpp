#include "dualdex/ingest/segment.hpp"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <cctype>
#include <map>
#include <memory>
#include <string>

namespace dualdex::ingest {
namespace {

// One sentence break iterator per thread and language: creating one (rules and the
// abbreviation suppressions) costs far more than splitting a story, and was half of the
// pipeline's time when made per call (docs/PERFORMANCE.md, issue 7 profile).
icu::BreakIterator* sentence_iterator(const char* lang) {
  thread_local std::map<std::string, std::unique_ptr<icu::BreakIterator>> by_lang;
  const std::string key = lang ? lang : "";
  auto it = by_lang.find(key);
  if (it == by_lang.end()) {
    UErrorCode status = U_ZERO_ERROR;
    // "@ss=standard" turns on ICU's abbreviation suppressions ("Mr.", "Jan.", "U.S.").
    std::unique_ptr<icu::BreakIterator> bi(
        icu::BreakIterator::createSentenceInstance(icu::Locale((key + "@ss=standard").c_str()), status));
    if (U_FAILURE(status)) bi.reset();
    it = by_lang.emplace(key, std::move(bi)).first;
  }
  return it->second.get();
}

}  // namespace

std::vector<Span> split_sentences(std::string_view text, const char* lang) {
  std::vector<Span> out;
  if (text.empty()) return out;
  UErrorCode status = U_ZERO_ERROR;
  icu::BreakIterator* it = sentence_iterator(lang);
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status) || !it) {
    if (ut) utext_close(ut);
    out.push_back({0, text.size()});
    return out;
  }
  it->setText(ut, status);
  // Break iterator positions on a UTF-8 UText are byte offsets.
  int32_t start = it->first();
  for (int32_t end = it->next(); end != icu::BreakIterator::DONE; start = end, end = it->next()) {
    std::size_t b = static_cast<std::size_t>(start);
    std::size_t e = static_cast<std::size_t>(end);
    while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
    if (e > b) out.push_back({b, e});
  }
  utext_close(ut);
  return out;
}

}  // namespace dualdex::ingest
