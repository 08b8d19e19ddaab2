#include "dualdex/ingest/language.hpp"

#include <cstdio>  // before CLD2's header, which uses FILE without it
#include <cld2/public/compact_lang_det.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>

#include "dualdex/ingest/cjk.hpp"
#include "dualdex/ingest/document.hpp"

namespace dualdex::ingest {
namespace {

// Fewer letters than this and CLD2's guess is not worth a tag.
constexpr std::size_t kMinLetters = 12;

std::string lower_tag(std::string tag) {
  std::transform(tag.begin(), tag.end(), tag.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return tag;
}

// The primary subtag: "zh-hant" → "zh".
std::string_view primary(std::string_view tag) { return tag.substr(0, tag.find('-')); }

}  // namespace

ScriptCounts count_scripts(std::string_view text) {
  ScriptCounts n;
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const auto len = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < len;) {
    UChar32 c;
    U8_NEXT(p, i, len, c);
    if (c < 0 || !u_isalpha(c)) continue;
    UErrorCode status = U_ZERO_ERROR;
    switch (uscript_getScript(c, &status)) {
      case USCRIPT_HAN: ++n.han; break;
      case USCRIPT_HIRAGANA:
      case USCRIPT_KATAKANA: ++n.kana; break;
      case USCRIPT_HANGUL: ++n.hangul; break;
      case USCRIPT_LATIN: ++n.latin; break;
      default:
        // ー and 々 are "common" script but only written in Japanese and Chinese.
        if (is_cjk(static_cast<char32_t>(c))) ++n.kana; else ++n.other;
    }
  }
  return n;
}

std::string detect_language(std::string_view text) {
  const ScriptCounts s = count_scripts(text);
  if (s.letters() == 0) return "";
  // CJK characters carry a word each: a few of them are already a text.
  const std::size_t cjk = s.han + s.kana;
  // The script decides where it can: kana only in Japanese (a Chinese text quoting a
  // Japanese name has a few; a Japanese text has many), Hangul only in Korean.
  if (cjk * 2 >= s.letters() / 2 && cjk >= 2) {
    if (s.kana * 10 >= cjk) return "ja";
  }
  if (s.hangul * 2 > s.letters()) return "ko";
  if (s.letters() < kMinLetters && cjk < 2) return "";
  bool reliable = false;
  CLD2::Language top3[3];
  int percent3[3];
  int text_bytes = 0;
  const CLD2::Language lang = CLD2::ExtDetectLanguageSummary(
      text.data(), static_cast<int>(text.size()), true, top3, percent3, &text_bytes, &reliable);
  std::string tag =
      lang == CLD2::UNKNOWN_LANGUAGE ? std::string() : lower_tag(CLD2::LanguageCode(lang));
  if (tag == "un" || tag == "xxx") tag.clear();
  // Han without kana is Chinese, whatever CLD2 guessed from a few characters; CLD2 tells
  // traditional from simplified ("zh-hant").
  if (cjk * 2 >= s.letters() && s.kana * 10 < cjk) {
    return primary(tag) == "zh" ? tag : "zh";
  }
  if (!reliable && s.letters() < 3 * kMinLetters) return tag.empty() || primary(tag) == "ja" ? "" : tag;
  return tag;
}

std::vector<std::string> document_languages(const Document& doc, double min_share) {
  std::map<std::string, std::size_t> letters;  // language → letters of its blocks
  std::size_t total = 0;
  auto add = [&](std::string_view text) {
    const std::size_t n = count_scripts(text).letters();
    if (n == 0) return;
    total += n;
    const std::string lang = detect_language(text);
    if (!lang.empty()) letters[lang] += n;
  };
  add(doc.title);
  for (const Block& b : doc.blocks) add(b.text);
  std::vector<std::pair<std::string, std::size_t>> ranked(letters.begin(), letters.end());
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::string> out;
  const std::string given = lower_tag(doc.lang);
  if (ranked.empty()) {
    if (!given.empty()) out.push_back(given);
    return out;
  }
  // The source's tag stands when the text agrees with it, or is too short to say.
  const bool given_agrees = !given.empty() && std::any_of(ranked.begin(), ranked.end(), [&](const auto& r) {
    return primary(r.first) == primary(given) && r.second * 2 >= ranked.front().second;
  });
  out.push_back(given_agrees || (given.empty() ? false : total < kMinLetters) ? given : ranked.front().first);
  for (const auto& ranked_lang : ranked) {
    const std::string& lang = ranked_lang.first;  // (a named variable: lambdas capture it)
    if (static_cast<double>(ranked_lang.second) < min_share * static_cast<double>(total)) continue;
    if (std::none_of(out.begin(), out.end(), [&](const std::string& o) { return primary(o) == primary(lang); }))
      out.push_back(lang);
  }
  return out;
}

}  // namespace dualdex::ingest
