#pragma once
// Language identification: CLD2 (Debian's libcld2) on the text, checked against the
// scripts the text is written in, per document and per block.
#include <string>
#include <string_view>
#include <vector>

namespace dualdex::ingest {

struct Document;

/// Letters of a text counted by script.
struct ScriptCounts {
  std::size_t han = 0, kana = 0, hangul = 0, latin = 0, other = 0;
  std::size_t letters() const { return han + kana + hangul + latin + other; }
};
ScriptCounts count_scripts(std::string_view text);

/// The language of a text as a lower-case BCP 47 tag ("en", "zh", "zh-hant", "ja"), or
/// "" when there is too little text to tell. CLD2 decides, except where the script says
/// otherwise: kana make Japanese, Han without kana Chinese, Hangul Korean.
std::string detect_language(std::string_view text);

/// The languages of a document, the main one first (the language of most of its text),
/// then those of other blocks that hold at least min_share of its letters.
/// A language given by the source (doc.lang: an HTML lang attribute, a feed's language)
/// is kept as the main one unless the text's script contradicts it (a page tagged "en"
/// whose text is Chinese).
std::vector<std::string> document_languages(const Document& doc, double min_share = 0.2);

}  // namespace dualdex::ingest
