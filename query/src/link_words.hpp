#pragma once
// Words for linking: ICU word tokens, case-folded, British spellings made American,
// stemmed with Xapian's English stemmer, so "drones", "drone" and the list's
// "Drones" meet, and "fibre" meets "fiber".
#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "link_vocabulary.hpp"

namespace dualdex::query::link {

struct Word {
  std::string folded;  ///< case-folded, spelling normalized
  std::string stem;
  std::size_t begin = 0, end = 0;  ///< byte offsets in the text
  bool stop = false;               ///< a stop word or a number: never a search term
};

class WordMaker {
 public:
  explicit WordMaker(const Vocabulary& vocabulary);

  /// Every word of text in order (stop words included, marked).
  std::vector<Word> words(std::string_view text) const;

  /// The stems of a phrase of folded words (spelling normalized first).
  std::vector<std::string> stems(const Phrase& phrase) const;

  /// One folded word → its normalized form and stem.
  std::string normalize(std::string_view folded) const;
  std::string stem(const std::string& normalized) const;
  bool is_stop(const std::string& normalized) const;

 private:
  const Vocabulary& m_vocabulary;
  mutable Xapian::Stem m_stemmer;
};

/// Whether `phrase` (stems) occurs in `words` starting at i.
bool phrase_at(const std::vector<Word>& words, std::size_t i,
               const std::vector<std::string>& phrase);

}  // namespace dualdex::query::link
