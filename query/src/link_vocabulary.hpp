#pragma once
// The linker's vocabulary (corpus/linking/*.tsv): analysts' words for list entries,
// British → American spellings, stop words, the cues that tell an export control from
// a tariff, and the member states of a list's authority.
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace dualdex::query::link {

/// A phrase as folded words ("night", "vision", "goggles"); matching compares stems.
using Phrase = std::vector<std::string>;

struct Synonym {
  Phrase phrase;                   ///< the analysts' words
  std::string text;                ///< as written in the file, for evidence
  std::vector<Phrase> expansions;  ///< regulation words
  std::vector<std::string> expansion_texts;
};

struct Vocabulary {
  std::map<std::string, std::string> spelling;  ///< folded British word → American
  std::vector<Synonym> synonyms;
  std::vector<Phrase> export_cues, other_cues;
  std::vector<std::string> other_cue_texts;
  /// Phrases for everything a list controls ("all dual-use items"): such a measure
  /// links to the list of its authority as a whole.
  std::vector<Phrase> whole_list;
  /// Product groups a measure must name ("D" → software words, "E" → technology words).
  std::map<char, std::vector<Phrase>> groups;
  std::set<std::string> stop;                            ///< folded words that never link
  std::map<std::string, std::set<std::string>> members;  ///< "EU" → {"AT", "BE", …}
  std::string fingerprint;                               ///< hash of every file read

  /// Reads every *.tsv of dir (rows: KIND<TAB>PHRASES<TAB>VALUE). Throws KnowledgeError
  /// "file:line: message" on a bad row; a missing directory is a KnowledgeError too.
  static Vocabulary load(const std::filesystem::path& dir);
};

}  // namespace dualdex::query::link
