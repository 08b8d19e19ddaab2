#include "dualdex/ingest/cjk.hpp"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <memory>
#include <vector>

namespace dualdex::ingest {
namespace {

// One word break iterator per thread (ICU's root rules use the CJ dictionary for Han
// and kana).
icu::BreakIterator* word_iterator() {
  thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> bi(
        icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    return U_SUCCESS(status) ? std::move(bi) : nullptr;
  }();
  return it.get();
}

struct Segment {
  std::size_t begin = 0, end = 0;
  bool word = false;  ///< a word, number, kana or ideograph run (not space or punctuation)
  bool cjk = false;   ///< a word with a CJK character
};

bool span_has_cjk(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c >= 0 && is_cjk(static_cast<char32_t>(c))) return true;
  }
  return false;
}

bool punctuation(UChar32 c) { return u_ispunct(c) || u_isspace(c); }

// Splits a CJK word segment at punctuation: ICU's dictionary keeps characters it does
// not know together with an ideographic comma ("镓、锗" is one segment).
void split_at_punctuation(std::string_view text, const Segment& s, std::vector<Segment>& out) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(s.end);
  int32_t i = static_cast<int32_t>(s.begin);
  while (i < n) {
    Segment piece;
    piece.begin = static_cast<std::size_t>(i);
    UChar32 c;
    U8_NEXT(p, i, n, c);
    const bool punct = c >= 0 && punctuation(c);
    int32_t j = i;
    while (j < n) {
      int32_t k = j;
      UChar32 d;
      U8_NEXT(p, k, n, d);
      if ((d >= 0 && punctuation(d)) != punct) break;
      j = k;
    }
    i = j;
    piece.end = static_cast<std::size_t>(j);
    piece.word = !punct;
    piece.cjk = !punct && span_has_cjk(text.substr(piece.begin, piece.end - piece.begin));
    out.push_back(piece);
  }
}

// ICU word segments of the text, in order, covering it.
std::vector<Segment> segments(std::string_view text) {
  std::vector<Segment> out;
  icu::BreakIterator* it = word_iterator();
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (it == nullptr || U_FAILURE(status)) {
    if (ut) utext_close(ut);
    out.push_back({0, text.size(), false, false});
    return out;
  }
  it->setText(ut, status);
  int32_t start = it->first();
  for (int32_t end = it->next(); end != icu::BreakIterator::DONE; start = end, end = it->next()) {
    Segment s;
    s.begin = static_cast<std::size_t>(start);
    s.end = static_cast<std::size_t>(end);
    s.word = it->getRuleStatus() != UBRK_WORD_NONE;
    s.cjk = s.word && span_has_cjk(text.substr(s.begin, s.end - s.begin));
    if (s.cjk) {
      split_at_punctuation(text, s, out);
    } else {
      out.push_back(s);
    }
  }
  utext_close(ut);
  return out;
}

// Two adjacent word segments are separated when either is CJK.
bool separate(const Segment& a, const Segment& b) {
  return a.word && b.word && a.end == b.begin && (a.cjk || b.cjk);
}

}  // namespace

bool is_cjk(char32_t c) {
  if (c == 0x3005 || c == 0x3007 || c == 0x30FC) return true;  // 々 〇 ー
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &status);
  if (U_FAILURE(status)) return false;
  return script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA;
}

bool has_cjk(std::string_view text) {
  // CJK characters are three or four bytes in UTF-8: a text of ASCII only has none.
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0xE3) return span_has_cjk(text);
  }
  return false;
}

std::string mark_words(std::string_view text) {
  if (!has_cjk(text)) return std::string(text);
  const std::vector<Segment> segs = segments(text);
  std::string out;
  out.reserve(text.size() + text.size() / 2);
  for (std::size_t i = 0; i < segs.size(); ++i) {
    if (i > 0 && separate(segs[i - 1], segs[i])) out += kWordMark;
    out.append(text.substr(segs[i].begin, segs[i].end - segs[i].begin));
  }
  return out;
}

void remove_marks(std::string& text) {
  std::size_t w = 0;
  for (std::size_t r = 0; r < text.size();) {
    if (text.compare(r, kWordMark.size(), kWordMark) == 0) {
      r += kWordMark.size();
      continue;
    }
    text[w++] = text[r++];
  }
  text.resize(w);
}

void for_each_character_in_words(std::string_view text,
                                 const std::function<void(std::string_view)>& f) {
  if (!has_cjk(text)) return;
  for (const Segment& s : segments(text)) {
    if (!s.cjk) continue;
    const auto* p = reinterpret_cast<const uint8_t*>(text.data());
    const auto n = static_cast<int32_t>(s.end);
    std::vector<std::pair<int32_t, int32_t>> chars;
    for (int32_t i = static_cast<int32_t>(s.begin); i < n;) {
      const int32_t from = i;
      UChar32 c;
      U8_NEXT(p, i, n, c);
      if (c >= 0 && is_cjk(static_cast<char32_t>(c))) chars.emplace_back(from, i);
    }
    if (chars.size() < 2) continue;  // a one-character word is a term already
    for (const auto& [b, e] : chars) f(text.substr(static_cast<std::size_t>(b), static_cast<std::size_t>(e - b)));
  }
}

// The characters of a CJK word, spaced: "稀土" → "稀 土".
std::string characters_of(std::string_view word) {
  std::string out;
  const auto* p = reinterpret_cast<const uint8_t*>(word.data());
  const auto n = static_cast<int32_t>(word.size());
  for (int32_t i = 0; i < n;) {
    const int32_t from = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (!out.empty()) out += ' ';
    out.append(word.substr(static_cast<std::size_t>(from), static_cast<std::size_t>(i - from)));
  }
  return out;
}

std::string segment_query(std::string_view query, const std::function<bool(std::string_view)>& known) {
  if (!has_cjk(query)) return std::string(query);
  const std::vector<Segment> segs = segments(query);
  std::string out;
  bool in_quotes = false;
  for (std::size_t i = 0; i < segs.size();) {
    const Segment& s = segs[i];
    const std::string_view piece = query.substr(s.begin, s.end - s.begin);
    if (!s.word) {
      for (char c : piece) in_quotes = c == '"' ? !in_quotes : in_quotes;
      out.append(piece);
      ++i;
      continue;
    }
    // A run of adjacent words joined by CJK (no space or punctuation between them).
    std::size_t j = i + 1;
    while (j < segs.size() && separate(segs[j - 1], segs[j])) ++j;
    std::vector<std::string_view> words;
    for (std::size_t k = i; k < j; ++k) words.push_back(query.substr(segs[k].begin, segs[k].end - segs[k].begin));
    std::string spaced;
    bool replaced = false;
    for (std::size_t k = 0; k < words.size(); ++k) {
      std::string w(words[k]);
      // A word the index lacks: its characters (outside a phrase, which needs positions).
      if (!in_quotes && known && segs[i + k].cjk && words[k].size() > 4 && !known(w)) {
        w = "(" + characters_of(w) + ")";
        replaced = true;
      }
      spaced += (spaced.empty() ? "" : " ") + w;
    }
    if (words.size() == 1 || in_quotes) {
      out += spaced;
    } else if (replaced) {
      out += "(" + spaced + ")";
    } else if (!out.empty() && out.back() == ':') {
      out += "\"" + spaced + "\"";  // field:"w1 w2"
    } else {
      out += "(\"" + spaced + "\" OR (" + spaced + "))";
    }
    i = j;
  }
  return out;
}

}  // namespace dualdex::ingest
