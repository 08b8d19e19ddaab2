#pragma once
// The country extractor's tables (private to dualdex_ingest): one phrase matcher over
// every name of a country or place, the entries it points to, the ambiguity rules and
// the word lists. Built once by load_country_tables(), then only read.
#include <cstdint>
#include <filesystem>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "dualdex/ingest/phrase_matcher.hpp"

namespace dualdex::ingest::country {

/// What a phrase names. The order matters only for documentation.
enum class Kind : std::uint8_t {
  name,          ///< a country's name ("Japan", "United States", "Burma")
  official,      ///< an official form ("People's Republic of China")
  abbreviation,  ///< "US", "U.S.", "PRC", "UK", "EU"
  demonym,       ///< adjective or people ("Japanese", "Dutch", "Americans")
  capital,       ///< a capital that stands for a government ("Tokyo", "Brussels" for the EU)
  currency,      ///< a currency named after its country ("Swiss francs"), from ICU
  city,          ///< a city (places-news.tsv, time-zone exemplar cities)
  region,        ///< a subdivision (ISO 3166-2), or its abbreviation in datelines ("Calif.")
  organisation,  ///< an organisation whose name holds a country's ("China Daily"): no mention
  other,         ///< a phrase with a country's name that names none ("Indian Ocean")
  ambiguous,     ///< a place name of several countries: no mention, but blocks shorter names
};

const char* to_string(Kind kind);

/// Where an entry came from; when two sources give one phrase, the lower one wins.
enum class Source : std::uint8_t {
  organisations = 0,  ///< countries-orgs.tsv
  gazetteer = 1,      ///< countries.tsv
  icu = 2,            ///< ICU region display names, iso-codes official names
  currency = 3,       ///< ICU currency names
  news_places = 4,    ///< places-news.tsv
  time_zones = 5,     ///< ICU exemplar cities, tz zone.tab
  subdivisions = 6,   ///< iso-codes ISO 3166-2
};

enum Flag : std::uint8_t {
  kPerson = 1,        ///< also a person's name ("Jordan", "Chad"): checked against its neighbours
  kDatelineOnly = 2,  ///< only in a dateline ("Calif.", "Mass.")
};

struct Entry {
  std::string id;    ///< ISO 3166-1 alpha-2, EU, an ISO 3166-3 code, or "" (no country)
  std::string name;  ///< the place's or country's name for mention values
  std::string in;    ///< where the place lies when that differs from id ("Brussels": EU, in BE);
                     ///< datelines use it
  Kind kind = Kind::name;
  Source source = Source::gazetteer;
  std::uint8_t flags = 0;
  std::uint32_t rules_begin = 0, rules_end = 0;  ///< its ambiguity rules in Tables::rules
};

/// An ambiguity rule (countries-rules.tsv): when an entry's phrase is matched and the
/// context has one of the words, the mention is dropped, kept as is, or given another id.
struct Rule {
  enum class Action : std::uint8_t { keep, drop, reassign };
  enum class Scope : std::uint8_t { sentence, document };
  Action action = Action::keep;
  Scope scope = Scope::sentence;
  std::string id;                               ///< for reassign
  std::vector<std::vector<std::string>> words;  ///< folded token sequences
  std::vector<bool> words_exact;                ///< compare the sequence as written (has capitals)
  std::vector<std::vector<std::string>> surface;  ///< as written, for words_exact
  std::vector<std::string> datelines;             ///< "@dateline:US": the dateline's country
};

/// A state that no longer exists and the states now on its territory
/// (countries-history.tsv): before `until`, their names mean the former state.
struct Former {
  std::string id;     ///< "SU"
  std::string until;  ///< ISO date, exclusive
};

struct Tables {
  PhraseMatcher matcher;           ///< values index `entries`
  PhraseMatcher dateline_matcher;  ///< entries only a dateline uses ("Calif.", "MA")
  std::vector<Entry> entries;
  std::vector<Rule> rules;
  std::unordered_map<std::string, Former> former_of;  ///< successor id → former state
  std::unordered_set<std::string> stop_words;         ///< folded: common words, never a place
  std::unordered_set<std::string> person_titles;      ///< folded: "mr", "sen", "president"
  std::unordered_set<std::string> geo_words;          ///< folded: "river", "valley": still a place
  std::unordered_set<std::string> company_words;  ///< folded: "inc", "corp": end a company's name
  std::unordered_set<std::string> months;         ///< folded month names (dateline dates)
  std::unordered_map<std::string, std::string> country_name;  ///< id → display name
  std::size_t place_count = 0;  ///< place entries (for tests and reports)
};

/// Builds the tables from the gazetteers in dir and the system sources
/// (ICU, /usr/share/zoneinfo/zone.tab, /usr/share/iso-codes/json/iso_3166-2.json; a
/// missing system file is skipped). Throws KnowledgeError "file:line: message".
Tables load_country_tables(const std::filesystem::path& dir);

}  // namespace dualdex::ingest::country
