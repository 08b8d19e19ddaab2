#pragma once
// Every control-list entry of the index in memory, as the linker scores them: the
// code tree, each entry's own words (its heading and text lines), its notes' words and
// the pairs of adjacent words of its own text, with document frequencies over entries.
#include <xapian.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "link_words.hpp"

namespace dualdex::query::link {

inline constexpr std::int32_t kNoEntry = -1;

struct Entry {
  std::string list, code, title, authority, list_title;
  bool confirmed = true;
  std::int32_t parent = kNoEntry;
  std::vector<std::int32_t> children;
  std::unordered_set<std::string> own;      ///< stems of the heading and text lines
  std::unordered_set<std::string> heading;  ///< stems of the first line: what the entry is
  std::unordered_set<std::string> notes;    ///< stems only in notes
  std::unordered_set<std::string> pairs;    ///< "stem1 stem2" adjacent in the own text
  std::unordered_map<std::string, std::string>
      surface;             ///< stem → a word of the entry, for evidence
  std::size_t length = 0;  ///< content words of the own text
  /// The heading lists conditions met together ("having all of the following:"): its
  /// sub-items are criteria of this item, not items of their own.
  bool criteria = false;
  /// A criterion below such an entry: its words count for that entry, it is no candidate.
  bool criterion = false;
  bool heading_open = false;  ///< while reading: the line being read is the first
};

struct Posting {
  std::int32_t entry;
  bool own;  ///< in the own text (else only in notes)
};

class Catalog {
 public:
  /// Reads every `entry` document of db. Throws IndexError on corrupt data.
  Catalog(const Xapian::Database& db, const WordMaker& words);

  const std::vector<Entry>& entries() const { return m_entries; }
  const std::vector<Posting>* postings(const std::string& stem) const;
  /// Inverse document frequency of a stem over entries (own text or notes).
  double idf(const std::string& stem) const;
  double average_length() const { return m_average_length; }
  /// Entry by "list:code", or kNoEntry.
  std::int32_t find(const std::string& list, const std::string& code) const;
  /// Entries whose code is `code` (any list, case-insensitive).
  const std::vector<std::int32_t>* by_code(const std::string& code) const;
  /// Lists: id → {authority, title}.
  const std::unordered_map<std::string, std::pair<std::string, std::string>>& lists() const {
    return m_lists;
  }
  /// Hash of every entry's content hash: changes when a list is loaded or replaced.
  const std::string& fingerprint() const { return m_fingerprint; }

 private:
  std::vector<Entry> m_entries;
  std::unordered_map<std::string, std::vector<Posting>> m_postings;
  std::unordered_map<std::string, std::int32_t> m_by_id;
  std::unordered_map<std::string, std::vector<std::int32_t>> m_by_code;
  std::unordered_map<std::string, std::pair<std::string, std::string>> m_lists;
  double m_average_length = 1;
  std::string m_fingerprint;
};

/// Lower-case ASCII copy (codes are ASCII).
std::string lower(std::string_view s);

}  // namespace dualdex::query::link
