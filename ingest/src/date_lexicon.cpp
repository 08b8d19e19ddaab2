// Word tables of the date extractor (English). Every key is a string literal, so the
// map can key on string_view without owning copies.
#include "date_lexicon.hpp"

#include <initializer_list>

namespace dualdex::ingest::timex {
namespace {

struct Named {
  const char* word;
  int value;
  bool abbrev;
};

constexpr Named kMonths[] = {
    {"january", 1, false},   {"jan", 1, true},     {"february", 2, false},  {"feb", 2, true},
    {"march", 3, false},     {"mar", 3, true},     {"april", 4, false},     {"apr", 4, true},
    {"may", 5, false},       {"june", 6, false},   {"jun", 6, true},        {"july", 7, false},
    {"jul", 7, true},        {"august", 8, false}, {"aug", 8, true},        {"september", 9, false},
    {"sep", 9, true},        {"sept", 9, true},    {"october", 10, false},  {"oct", 10, true},
    {"november", 11, false}, {"nov", 11, true},    {"december", 12, false}, {"dec", 12, true},
};

constexpr Named kWeekdays[] = {
    {"monday", 1, false}, {"mon", 1, true},        {"tuesday", 2, false}, {"tue", 2, true},
    {"tues", 2, true},    {"wednesday", 3, false}, {"wed", 3, true},      {"thursday", 4, false},
    {"thu", 4, true},     {"thur", 4, true},       {"thurs", 4, true},    {"friday", 5, false},
    {"fri", 5, true},     {"saturday", 6, false},  {"sat", 6, true},      {"sunday", 7, false},
    {"sun", 7, true},
};
constexpr Named kWeekdayPlurals[] = {
    {"mondays", 1, false},   {"tuesdays", 2, false}, {"wednesdays", 3, false},
    {"thursdays", 4, false}, {"fridays", 5, false},  {"saturdays", 6, false},
    {"sundays", 7, false},
};

constexpr Named kNumbers[] = {
    {"zero", 0, false},      {"one", 1, false},       {"two", 2, false},
    {"three", 3, false},     {"four", 4, false},      {"five", 5, false},
    {"six", 6, false},       {"seven", 7, false},     {"eight", 8, false},
    {"nine", 9, false},      {"ten", 10, false},      {"eleven", 11, false},
    {"twelve", 12, false},   {"thirteen", 13, false}, {"fourteen", 14, false},
    {"fifteen", 15, false},  {"sixteen", 16, false},  {"seventeen", 17, false},
    {"eighteen", 18, false}, {"nineteen", 19, false}, {"twenty", 20, false},
    {"thirty", 30, false},   {"forty", 40, false},    {"fifty", 50, false},
    {"sixty", 60, false},    {"seventy", 70, false},  {"eighty", 80, false},
    {"ninety", 90, false},   {"hundred", 100, false}, {"dozen", 12, false},
};

constexpr Named kOrdinals[] = {
    {"first", 1, false},       {"second", 2, false},       {"third", 3, false},
    {"fourth", 4, false},      {"fifth", 5, false},        {"sixth", 6, false},
    {"seventh", 7, false},     {"eighth", 8, false},       {"ninth", 9, false},
    {"tenth", 10, false},      {"eleventh", 11, false},    {"twelfth", 12, false},
    {"thirteenth", 13, false}, {"fourteenth", 14, false},  {"fifteenth", 15, false},
    {"sixteenth", 16, false},  {"seventeenth", 17, false}, {"eighteenth", 18, false},
    {"nineteenth", 19, false}, {"twentieth", 20, false},   {"thirtieth", 30, false},
};

struct UnitWord {
  const char* word;
  Unit unit;
  bool plural;
};
constexpr UnitWord kUnits[] = {
    {"second", Unit::second, false},
    {"seconds", Unit::second, true},
    {"minute", Unit::minute, false},
    {"minutes", Unit::minute, true},
    {"hour", Unit::hour, false},
    {"hours", Unit::hour, true},
    {"day", Unit::day, false},
    {"days", Unit::day, true},
    {"week", Unit::week, false},
    {"weeks", Unit::week, true},
    {"weekend", Unit::weekend, false},
    {"weekends", Unit::weekend, true},
    {"fortnight", Unit::fortnight, false},
    {"fortnights", Unit::fortnight, true},
    {"month", Unit::month, false},
    {"months", Unit::month, true},
    {"quarter", Unit::quarter, false},
    {"quarters", Unit::quarter, true},
    {"year", Unit::year, false},
    {"years", Unit::year, true},
    {"decade", Unit::decade, false},
    {"decades", Unit::decade, true},
    {"century", Unit::century, false},
    {"centuries", Unit::century, true},
};

constexpr Named kSeasons[] = {
    {"spring", 1, false}, {"summer", 2, false}, {"fall", 3, false},
    {"autumn", 3, false}, {"winter", 4, false},
};
constexpr Named kParts[] = {
    {"morning", 1, false}, {"mornings", 1, true}, {"afternoon", 2, false}, {"afternoons", 2, true},
    {"evening", 3, false}, {"evenings", 3, true}, {"night", 4, false},     {"nights", 4, true},
};
constexpr Named kDecadeWords[] = {
    {"twenties", 2, false}, {"thirties", 3, false},  {"forties", 4, false},  {"fifties", 5, false},
    {"sixties", 6, false},  {"seventies", 7, false}, {"eighties", 8, false}, {"nineties", 9, false},
};

struct FlagWords {
  std::uint32_t flag;
  std::initializer_list<const char*> words;
};

}  // namespace

Lexicon::Lexicon() {
  for (const auto& w : kMonths) {
    Lex& l = m_words[w.word];
    l.month = static_cast<std::uint8_t>(w.value);
    l.abbrev = w.abbrev;
  }
  for (const auto& w : kWeekdays) {
    Lex& l = m_words[w.word];
    l.weekday = static_cast<std::uint8_t>(w.value);
    l.abbrev = w.abbrev;
  }
  for (const auto& w : kWeekdayPlurals) {
    Lex& l = m_words[w.word];
    l.weekday = static_cast<std::uint8_t>(w.value);
    l.plural = true;
  }
  for (const auto& w : kNumbers) m_words[w.word].number = w.value;
  for (const auto& w : kOrdinals) m_words[w.word].ordinal = static_cast<std::uint8_t>(w.value);
  for (const auto& w : kUnits) {
    Lex& l = m_words[w.word];
    l.unit = w.unit;
    l.plural = w.plural;
  }
  for (const auto& w : kSeasons) m_words[w.word].season = static_cast<std::uint8_t>(w.value);
  for (const auto& w : kParts) {
    Lex& l = m_words[w.word];
    l.part = static_cast<std::uint8_t>(w.value);
    l.plural = w.abbrev;
  }
  for (const auto& w : kDecadeWords) m_words[w.word].decade = static_cast<std::uint8_t>(w.value);

  const FlagWords flags[] = {
      {kLast, {"last", "past", "previous", "prior", "preceding"}},
      {kNext, {"next", "coming", "following", "upcoming", "ensuing"}},
      {kThis, {"this", "current"}},
      {kVague, {"several", "few", "many", "numerous"}},
      {kEvery, {"every", "each"}},
      {kEarly, {"early", "beginning", "start"}},
      {kLate, {"late", "end", "close"}},
      {kMid, {"mid", "middle"}},
      {kZone, {"gmt", "utc", "est", "edt",  "cst", "cdt", "mst", "mdt", "pst", "pdt",  "et",
               "pt",  "bst", "cet", "cest", "jst", "kst", "hkt", "sgt", "ist", "aest", "msk"}},
      {kCountNoun,
       {"items",      "item",       "tonnes",     "tonne",     "tons",       "ton",
        "people",     "persons",    "workers",    "employees", "troops",     "soldiers",
        "jobs",       "units",      "pieces",     "products",  "companies",  "firms",
        "entities",   "cars",       "vehicles",   "barrels",   "shares",     "kilometres",
        "kilometers", "km",         "miles",      "metres",    "meters",     "feet",
        "kg",         "kilograms",  "pounds",     "ounces",    "dollars",    "yuan",
        "yen",        "euros",      "points",     "cases",     "deaths",     "children",
        "students",   "families",   "homes",      "houses",    "households", "residents",
        "members",    "votes",      "seats",      "copies",    "pages",      "words",
        "acres",      "hectares",   "megawatts",  "mw",        "bottles",    "containers",
        "flights",    "passengers", "patients",   "ships",     "vessels",    "aircraft",
        "planes",     "drones",     "missiles",   "tanks",     "rounds",     "species",
        "sites",      "stores",     "categories", "licences",  "licenses",   "applications",
        "exporters",  "tons",       "kw",         "mt",        "bpd",        "percent",
        "cent",       "pct",        "lb",         "lbs",       "m",          "ft",
        "mm",         "cm",         "gw",         "twh",       "mwh",        "hp",
        "rpm",        "mph",        "kph",        "bytes",     "gb",         "tb",
        "mb",         "euro",       "dollar",     "won",       "rupees",     "francs",
        "marks",      "lire",       "pesos",      "rubles",    "roubles",    "baht",
        "ringgit",    "bbl",        "oz",         "cubic",     "square",     "sq",
        "metric",     "tonnage"}},
      {kCodeWord, {"hs",          "code",    "codes",    "heading",    "headings", "subheading",
                   "subheadings", "chapter", "tariff",   "cas",        "eccn",     "no",
                   "nos",         "number",  "article",  "section",    "rule",     "regulation",
                   "paragraph",   "annex",   "item",     "box",        "flight",   "route",
                   "model",       "room",    "suite",    "unit",       "page",     "pages",
                   "line",        "lines",   "tel",      "fax",        "phone",    "ref",
                   "reference",   "id",      "category", "catalogue",  "catalog",  "serial",
                   "version",     "v",       "iso",      "en",         "gb",       "din",
                   "astm",        "ieee",    "highway",  "interstate", "street",   "st",
                   "avenue",      "ave",     "road",     "rd",         "po",       "zip",
                   "apt"}},
      {kFuture,
       {"will", "shall", "'ll", "won't", "scheduled", "expected", "expects", "expect", "plans",
        "plan", "due", "upcoming", "intends", "intend", "aims", "tomorrow", "next", "slated"}},
      {kPast,
       {"said",    "was",     "were",   "had",    "did",      "told",     "made",      "took",
        "came",    "went",    "met",    "gave",   "got",      "began",    "sold",      "fell",
        "rose",    "won",     "lost",   "left",   "held",     "saw",      "found",     "became",
        "brought", "bought",  "paid",   "sent",   "spent",    "struck",   "thought",   "knew",
        "led",     "ran",     "wrote",  "spoke",  "broke",    "chose",    "drove",     "flew",
        "grew",    "threw",   "drew",   "fought", "caught",   "taught",   "sought",    "meant",
        "felt",    "kept",    "built",  "stood",  "heard",    "sat",      "stole",     "shot",
        "fled",    "swore",   "tore",   "wore",   "froze",    "ago",      "yesterday", "last",
        "earlier", "since",   "hit",    "shut",   "quit",     "slid",     "sank",      "swam",
        "sang",    "rang",    "arose",  "forgot", "forgave",  "overtook", "undertook", "withdrew",
        "wasn't",  "weren't", "didn't", "hadn't", "recently", "already",  "lent",      "dealt",
        "bore",    "beat"}},
      {kPresentTense, {"is", "are", "says", "say", "isn't", "aren't", "does", "has", "have"}},
      {kMonthCue,
       {"in",        "since",     "until",   "till", "through", "throughout", "by",     "from",
        "to",        "during",    "early",   "late", "mid",     "last",       "next",   "this",
        "before",    "after",     "between", "and",  "or",      "of",         "end",    "beginning",
        "start",     "middle",    "on",      "for",  "each",    "every",      "until",  "starting",
        "beginning", "effective", "as",      "into", "past",    "coming",     "within", "around",
        "about",     "before",    "until"}},
      {kStarter,
       {"the",          "a",          "an",           "now",      "today",     "yesterday",
        "tomorrow",     "tonight",    "currently",    "recently", "noon",      "midnight",
        "midday",       "daily",      "annually",     "nowadays", "lately",    "weekly",
        "monthly",      "quarterly",  "yearly",       "hourly",   "nightly",   "biweekly",
        "fortnightly",  "biannually", "semiannually", "present",  "per",       "latest",
        "recent",       "final",      "initial",      "fiscal",   "couple",    "future",
        "these",        "that",       "same",         "half",     "while",     "near",
        "immediate",    "short",      "fy",           "o'clock",  "christmas", "new",
        "thanksgiving", "halloween",  "valentine",    "easter",   "good",      "labor",
        "labour",       "memorial",   "boxing",       "turn",     "rest",      "earlier",
        "later"}},
      {kApprox,
       {"nearly", "almost", "about", "around", "approximately", "roughly", "some", "more", "less",
        "fewer", "at", "up", "no", "just", "well"}},
      {kFiller,
       {"more", "additional", "full", "straight", "consecutive", "long", "extra", "successive",
        "further", "other", "calendar", "working", "business", "trading", "running"}},
  };
  for (const auto& f : flags) {
    for (const char* w : f.words) m_words[w].flags |= f.flag;
  }
}

}  // namespace dualdex::ingest::timex
