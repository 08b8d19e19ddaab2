#pragma once
// Chinese and Japanese words for search. Text in these scripts has no spaces between
// words; Xapian's TermGenerator and QueryParser find words at spaces and punctuation, and
// Xapian 1.4's only alternative is character n-grams (FLAG_CJK_NGRAM). dualdex segments
// CJK runs with ICU's dictionary-based word break iterator instead, the same way at
// index time (mark_words: the indexer's and the snippet's copy of the text) and at query
// time (segment_query), so that terms are words, phrases are phrases and highlights fall
// on whole words. The stored text is never changed.
#include <functional>
#include <string>
#include <string_view>

namespace dualdex::ingest {

/// Han ideographs (with 々 and 〇), hiragana, katakana (with ー): the scripts written
/// without spaces between words.
bool is_cjk(char32_t c);

/// True if the text has at least one CJK character.
bool has_cjk(std::string_view text);

/// The separator mark_words() puts between words: U+E000, a private-use character,
/// which Xapian's tokenizer treats as a non-word character and no real text contains.
inline constexpr std::string_view kWordMark = "\xEE\x80\x80";

/// The text with kWordMark between two adjacent words (ICU word boundaries) of which at
/// least one is CJK: "MOFCOM公告2026年第1号" → "MOFCOM|公告|2026|年|第|1|号" (| being the
/// mark). Text without CJK comes back unchanged.
std::string mark_words(std::string_view text);

/// Calls f for every CJK character that is part of a CJK word of two characters or more
/// ("锑" of "锑矿"). The indexer adds them as terms without positions, so that a query
/// for one character (an element: 镓, 锑, 钐) finds the words that hold it.
void for_each_character_in_words(std::string_view text,
                                 const std::function<void(std::string_view)>& f);

/// Removes every kWordMark (after Xapian has made a snippet of a marked text).
void remove_marks(std::string& text);

/// A query string with its CJK runs segmented the same way, for Xapian's QueryParser:
/// inside double quotes the words are separated by spaces (a phrase of words); a run of
/// several words outside quotes becomes `("w1 w2" OR (w1 w2))` — the words as typed,
/// adjacent, rank first, and all of them anywhere still match — or `"w1 w2"` after a
/// field prefix ("title:出口管制"). Operators, prefixes and non-CJK words are left as
/// they are.
/// known(word), when given, tells whether the index has a word: a CJK word it lacks (ICU
/// cut the query differently from the text: 稀土管制 vs 稀土|管制) is searched as its
/// characters, all of them (they are indexed by for_each_character_in_words).
std::string segment_query(std::string_view query,
                          const std::function<bool(std::string_view)>& known = {});

}  // namespace dualdex::ingest
