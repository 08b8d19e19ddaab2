#pragma once
// EntityExtractor's tables and per-document passes (private to dualdex_ingest).
// Tables are built once by load_entity_tables() and then only read; a Doc holds what
// one extract() call computes, so any number of threads can run passes at once.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "dualdex/ingest/extract.hpp"
#include "dualdex/ingest/phrase_matcher.hpp"

namespace dualdex::ingest::entity {

inline constexpr std::int32_t kNone = -1;
inline constexpr std::int32_t kAmbiguous = -2;

struct Agency {
  std::string id;       ///< "CN.MOFCOM"
  std::string country;  ///< "CN"
  std::string acronym;  ///< "MOFCOM": the id after the dot, used as an instrument's authority
  std::string name;     ///< display name
  std::vector<std::uint32_t> classes;  ///< indexes into Tables::classes
};

/// What a generic agency phrase needs right before it to count.
enum class Need : std::uint8_t { any, det, qualifier };

enum class TargetKind : std::uint8_t { agency, generic, organisation, item, symbol, stop };

/// What one gazetteer phrase stands for (the PhraseMatcher value indexes Tables::targets).
struct Target {
  TargetKind kind = TargetKind::stop;
  std::uint32_t ref = 0;          ///< agency, class, organisation or item index
  Need need = Need::any;          ///< generic only
  std::int32_t fallback = kNone;  ///< generic only: agency used when the context says nothing
  std::string value;              ///< item only: Mention::value ("GaN", "heavy")
};

struct Item {
  std::string id, parent, name;
  std::vector<std::string> codes;  ///< "cn-dual-use:1C902"
  bool element = false;            ///< has a chemical symbol
};

struct Organisation {
  std::string id, name;
};

struct Role {
  std::string id;               ///< "spokesperson", "vice-minister"
  std::int32_t agency = kNone;  ///< the body the role always belongs to
  std::int32_t cls = kNone;     ///< or the class of body, resolved from context
  bool named = true;            ///< the phrase names its body ("the ministry" may refer back to it)
};

struct Tables {
  std::vector<Agency> agencies;
  std::vector<std::string> classes;
  std::unordered_map<std::string, std::uint32_t> class_index;
  std::unordered_map<std::string, std::int32_t> agency_ids;  ///< id → index
  /// "CN/commerce" → agency index, or kAmbiguous when the country has two such bodies.
  std::unordered_map<std::string, std::int32_t> by_country_class;
  std::vector<Item> items;
  std::vector<Organisation> organisations;
  std::vector<Role> roles;
  std::vector<Target> targets;
  PhraseMatcher gazetteer;     ///< agencies, generic phrases, organisations, items, symbols, stops
  PhraseMatcher role_matcher;  ///< values index `roles`
  std::unordered_set<std::string> titles, verbs, nonname, nonperson, particles;  ///< folded words
  std::unordered_set<std::string> legal, suffix, head;                           ///< folded words

  /// The one agency of `cls` in `country`, else kNone (none or several).
  std::int32_t agency_for(std::string_view country, std::uint32_t cls) const;
};

/// Reads agencies.tsv, items.tsv, organisations.tsv and roles.tsv in dir.
/// Throws KnowledgeError "file:line: message".
Tables load_entity_tables(const std::filesystem::path& dir);

/// A country mention found by the country extractor.
struct CountryRef {
  std::size_t begin = 0, end = 0;
  std::string id;
};

/// An agency mention found in this document, by token.
struct AgencyHit {
  std::size_t first = 0, last = 0;
  std::int32_t agency = kNone;
};

/// One document being read: the input, derived indexes and what the passes found.
struct Doc {
  Doc(const ExtractInput& in, const Extraction& out, const Tables& tables);

  const ExtractInput& in;
  const std::string& text;
  const std::vector<Token>& tokens;
  const Tables& t;
  const std::vector<std::string>& about;

  std::vector<std::uint32_t> sentence_of;   ///< token → sentence index
  std::vector<std::size_t> sentence_first;  ///< sentence → its first token (tokens.size() if none)
  std::vector<CountryRef> countries;        ///< sorted by begin
  std::vector<std::int32_t> country_at;     ///< token → countries index, or -1
  std::vector<PhraseMatch> gaz;             ///< gazetteer matches (several per phrase possible)
  std::vector<PhraseMatch> roles;           ///< role matches
  std::vector<std::int32_t> role_at;        ///< token → index in roles of a match starting there
  /// token → what covers it: 0 nothing, 1 agency phrase, 2 organisation, 3 item, 4 stop phrase
  std::vector<std::uint8_t> covered;
  std::vector<bool> claimed;           ///< token used by a code, instrument or amount
  std::vector<AgencyHit> agency_hits;  ///< in text order
  std::vector<Mention> found;

  /// Text between token i-1 and token i ("" for i == 0).
  std::string_view gap(std::size_t i) const;
  std::string_view word(std::size_t i) const;
  bool same_sentence(std::size_t a, std::size_t b) const {
    return sentence_of[a] == sentence_of[b];
  }
  /// True if token i opens its sentence (only quotes or brackets before it).
  bool sentence_start(std::size_t i) const;
  /// True if the sentence is a headline: in a heading block, or written in title case.
  bool title_case(std::uint32_t sentence) const;
  bool in_heading(std::uint32_t sentence) const;
  void add(MentionType type, std::string id, std::size_t first, std::size_t last,
           std::string value = {});

  /// Context words a sentence has (computed for all sentences on first use: one pass).
  enum SentenceFlag : std::uint8_t {
    kUsControlWords = 1,     ///< ECCN, CCL, EAR, BIS
    kCustomsWords = 2,       ///< HS, customs, tariff, harmonized, commodity
    kAnnouncementWords = 4,  ///< announcement(s), notice(s)
    kElementWords = 8,       ///< element(s), rare, metals, minerals
    kChina = 16,             ///< a country mention of CN
  };
  bool sentence_has(std::size_t token, SentenceFlag flag) const;

 private:
  mutable std::vector<std::int8_t> m_title_case;  ///< per sentence: -1 unknown, 0, 1
  mutable std::vector<std::uint8_t> m_flags;      ///< per sentence, SentenceFlag bits
};

// The passes, in the order extract() runs them.
void find_items_and_organisations(Doc& d);
void find_agencies_and_persons(Doc& d);
void find_codes_and_instruments(Doc& d);
void find_amounts(Doc& d);

// Small helpers shared by the passes.
/// Lower-case slug of words: letters and digits kept, other characters dropped, words
/// joined by '-' ("Mitsubishi Heavy Industries" → "mitsubishi-heavy-industries").
std::string slug(const std::vector<std::string_view>& words);
bool is_digits(std::string_view s);

}  // namespace dualdex::ingest::entity
