// Amounts: money, percentages and counts.
//
// id "money"    value "<ISO 4217> <number>": "JPY 9e12" (nine trillion yen), "SGD 7.44e10"
//               (S$74.4 billion), "USD 1.2e9" (US$1.2bn), "USD 2015" ($2,015), "EUR 3e6".
// id "percent"  value "<number>%" ("3.8%" for "3.8 per cent"); percentage points "<number>pp".
// id "count"    value "<number> <noun>" ("1100 items", "7 categories"); the text includes a
//               qualifier before the number ("around 1,100 dual-use items").
// Numbers are exact decimals: plain below a million ("2015", "0.1"), else
// "<mantissa>e<exponent>" with the fewest digits ("9e12", "7.44e10", "1.5e6").
// The currency tables are ISO 4217 and stay in code; counts need a noun of count_nouns().
#include <algorithm>
#include <cctype>
#include <optional>
#include <unordered_map>

#include "entity_internal.hpp"

namespace dualdex::ingest::entity {
namespace {

/// digits × 10^exp; digits has no leading zeros ("0" for zero).
struct Number {
  std::string digits;
  int exp = 0;
};

bool digit(char c) {
  return c >= '0' && c <= '9';
}

/// "1,100", "3.8", "2,015", "0.1" (commas must group thousands).
std::optional<Number> parse_numeral(std::string_view w) {
  if (w.empty() || !digit(w[0])) return std::nullopt;
  Number x;
  std::size_t i = 0, group = 0;
  bool commas = false, point = false;
  int frac = 0;
  for (; i < w.size(); ++i) {
    const char c = w[i];
    if (digit(c)) {
      x.digits += c;
      ++group;
      if (point) ++frac;
    } else if (c == ',' && !point) {
      if ((commas && group != 3) || (!commas && (group == 0 || group > 3))) return std::nullopt;
      commas = true;
      group = 0;
    } else if (c == '.' && !point && i + 1 < w.size() && digit(w[i + 1])) {
      if (commas && group != 3) return std::nullopt;
      point = true;
    } else {
      return std::nullopt;
    }
  }
  if (commas && !point && group != 3) return std::nullopt;
  x.exp = -frac;
  const std::size_t nz = x.digits.find_first_not_of('0');
  x.digits = nz == std::string::npos ? "0" : x.digits.substr(nz);
  if (x.digits == "0") x.exp = 0;
  return x;
}

std::optional<Number> word_number(const std::string& f) {
  static const std::unordered_map<std::string, int> kWords = {
      {"one", 1},      {"two", 2},        {"three", 3},     {"four", 4},      {"five", 5},
      {"six", 6},      {"seven", 7},      {"eight", 8},     {"nine", 9},      {"ten", 10},
      {"eleven", 11},  {"twelve", 12},    {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15},
      {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20},
      {"thirty", 30},  {"forty", 40},     {"fifty", 50},    {"sixty", 60},    {"seventy", 70},
      {"eighty", 80},  {"ninety", 90},    {"hundred", 100}, {"dozen", 12}};
  const auto it = kWords.find(f);
  if (it == kWords.end()) return std::nullopt;
  return Number{std::to_string(it->second), 0};
}

int magnitude_of(const std::string& f) {
  if (f == "hundred") return 2;
  if (f == "thousand" || f == "k") return 3;
  if (f == "million" || f == "mn" || f == "mln" || f == "m") return 6;
  if (f == "billion" || f == "bn" || f == "bln") return 9;
  if (f == "trillion" || f == "tn" || f == "trn") return 12;
  return 0;
}

std::string format(Number x) {
  while (x.digits.size() > 1 && x.digits.back() == '0') {
    x.digits.pop_back();
    ++x.exp;
  }
  const int lead =
      static_cast<int>(x.digits.size()) - 1 + x.exp;  // power of ten of the first digit
  if (lead >= 6) {
    std::string out(1, x.digits[0]);
    if (x.digits.size() > 1) out += "." + x.digits.substr(1);
    return out + "e" + std::to_string(lead);
  }
  if (x.exp >= 0) return x.digits + std::string(static_cast<std::size_t>(x.exp), '0');
  const int point = static_cast<int>(x.digits.size()) + x.exp;  // digits before the point
  if (point > 0)
    return x.digits.substr(0, static_cast<std::size_t>(point)) + "." +
           x.digits.substr(static_cast<std::size_t>(point));
  return "0." + std::string(static_cast<std::size_t>(-point), '0') + x.digits;
}

/// The number at token i: "1,100", "3.8", "1.2bn" (magnitude inside), "nine", "twenty-five".
/// Sets `last` to its last token.
std::optional<Number> number_at(const Doc& d, std::size_t i, std::size_t& last) {
  last = i;
  const std::string_view w = d.word(i);
  if (!w.empty() && digit(w[0])) {
    std::size_t k = 0;
    while (k < w.size() && (digit(w[k]) || w[k] == ',' || w[k] == '.')) ++k;
    auto x = parse_numeral(w.substr(0, k));
    if (!x) return std::nullopt;
    if (k < w.size()) {  // "1.2bn", "5m"
      std::string suffix(w.substr(k));
      for (char& c : suffix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      const int m = magnitude_of(suffix);
      if (m == 0) return std::nullopt;
      x->exp += m;
    }
    return x;
  }
  auto x = word_number(d.tokens[i].folded);
  if (!x) return std::nullopt;
  // "twenty-five"
  if (x->digits.size() == 2 && x->digits[1] == '0' && x->digits != "10" &&
      i + 1 < d.tokens.size() && d.gap(i + 1) == "-") {
    if (auto unit = word_number(d.tokens[i + 1].folded); unit && unit->digits.size() == 1) {
      x->digits[1] = unit->digits[0];
      last = i + 1;
    }
  }
  return x;
}

struct Symbol {
  const char* text;
  const char* code;
};

/// Currency written before the number: "$", "US$", "S$", "€", "£", "¥". Returns the ISO code
/// and sets `begin` to where the currency starts; "" if none.
std::string currency_before(const Doc& d, std::size_t i, std::size_t& begin) {
  const std::string& text = d.text;
  std::size_t b = d.tokens[i].begin;
  static const Symbol kSigns[] = {{"\xE2\x82\xAC", "EUR"}, {"\xC2\xA3", "GBP"},
                                  {"\xC2\xA5", "JPY"},     {"\xEF\xBF\xA5", "JPY"},
                                  {"\xE2\x82\xA9", "KRW"}, {"\xE2\x82\xB9", "INR"}};
  for (const Symbol& s : kSigns) {
    const std::size_t len = std::char_traits<char>::length(s.text);
    if (b >= len && text.compare(b - len, len, s.text) == 0) {
      begin = b - len;
      return s.code;
    }
  }
  if (b >= 1 && text[b - 1] == '$') {
    std::size_t p = b - 1;
    std::size_t q = p;
    while (q > 0 && p - q < 3 && text[q - 1] >= 'A' && text[q - 1] <= 'Z') --q;
    const bool word_before = q > 0 && std::isalpha(static_cast<unsigned char>(text[q - 1]));
    const std::string letters = word_before ? std::string() : text.substr(q, p - q);
    static const std::unordered_map<std::string, std::string> kDollars = {
        {"", "USD"},  {"US", "USD"}, {"S", "SGD"},  {"HK", "HKD"}, {"A", "AUD"}, {"AU", "AUD"},
        {"C", "CAD"}, {"CA", "CAD"}, {"NZ", "NZD"}, {"NT", "TWD"}, {"R", "BRL"}, {"M", "MXN"}};
    const auto it = kDollars.find(letters);
    begin = it != kDollars.end() ? q : p;
    if (word_before) begin = p;
    return it != kDollars.end() ? it->second : "USD";
  }
  // "RMB 1.2 billion", "USD 5 million"
  if (i > 0 && d.gap(i) == " " && d.tokens[i - 1].all_caps &&
      d.gap(i - 1).find('/') == std::string_view::npos) {
    static const std::unordered_map<std::string, std::string> kCodes = {
        {"usd", "USD"}, {"eur", "EUR"}, {"jpy", "JPY"}, {"cny", "CNY"}, {"rmb", "CNY"},
        {"gbp", "GBP"}, {"sgd", "SGD"}, {"krw", "KRW"}, {"twd", "TWD"}, {"hkd", "HKD"},
        {"aud", "AUD"}, {"cad", "CAD"}, {"chf", "CHF"}, {"inr", "INR"}};
    const auto it = kCodes.find(d.tokens[i - 1].folded);
    if (it != kCodes.end()) {
      begin = d.tokens[i - 1].begin;
      return it->second;
    }
  }
  return {};
}

/// Currency word after token `last`: "yen", "yuan", "US dollars", "euros". Sets `end_token`.
std::string currency_after(const Doc& d, std::size_t last, bool large, std::size_t& end_token) {
  const std::size_t n = d.tokens.size();
  std::size_t j = last + 1;
  if (j >= n || d.gap(j) != " " || !d.same_sentence(last, j)) return {};
  const std::string& f = d.tokens[j].folded;
  auto take = [&](std::size_t to, const char* code) {
    end_token = to;
    return std::string(code);
  };
  if (f == "yen") return take(j, "JPY");
  if (f == "yuan" || f == "renminbi") return take(j, "CNY");
  if (f == "euros" || f == "euro") return take(j, "EUR");
  if (f == "rupees") return take(j, "INR");
  if (f == "ringgit") return take(j, "MYR");
  if (f == "baht") return take(j, "THB");
  if (f == "sterling") return take(j, "GBP");
  if (f == "won" && large) return take(j, "KRW");
  if (f == "dollars" || f == "dollar") return take(j, "USD");
  if (f == "pounds" && j + 1 < n && d.tokens[j + 1].folded == "sterling" && d.gap(j + 1) == " ")
    return take(j + 1, "GBP");
  // "<qualifier> dollars"
  static const std::unordered_map<std::string, std::string> kDollarOf = {
      {"us", "USD"},         {"u.s", "USD"},      {"american", "USD"}, {"singapore", "SGD"},
      {"australian", "AUD"}, {"canadian", "CAD"}, {"taiwan", "TWD"},   {"taiwanese", "TWD"},
      {"hk", "HKD"},         {"zealand", "NZD"}};
  std::size_t k = j;
  if (f == "hong" && k + 1 < n && d.tokens[k + 1].folded == "kong") {
    if (k + 2 < n && (d.tokens[k + 2].folded == "dollars" || d.tokens[k + 2].folded == "dollar"))
      return take(k + 2, "HKD");
    return {};
  }
  if (f == "new" && k + 1 < n && d.tokens[k + 1].folded == "taiwan") ++k;
  if (f == "new" && k + 1 < n && d.tokens[k + 1].folded == "zealand") ++k;
  if (f == "swiss" && k + 1 < n && d.tokens[k + 1].folded == "francs") return take(k + 1, "CHF");
  if (const auto it = kDollarOf.find(d.tokens[k].folded); it != kDollarOf.end()) {
    if (k + 1 < n && d.gap(k + 1) == " " &&
        (d.tokens[k + 1].folded == "dollars" || d.tokens[k + 1].folded == "dollar")) {
      return take(k + 1, it->second.c_str());
    }
  }
  return {};
}

const std::unordered_map<std::string, std::string>& count_nouns() {
  static const std::unordered_map<std::string, std::string> kNouns = [] {
    std::unordered_map<std::string, std::string> m;
    for (const char* w :
         {"items",       "item",          "entries",       "entry",     "categories",
          "category",    "elements",      "element",       "products",  "goods",
          "companies",   "company",       "firms",         "firm",      "entities",
          "entity",      "measures",      "announcements", "countries", "country",
          "minerals",    "metals",        "technologies",  "types",     "kinds",
          "users",       "people",        "officials",     "codes",     "licences",
          "licenses",    "applications",  "drones",        "chips",     "units",
          "exporters",   "suppliers",     "manufacturers", "members",   "states",
          "nations",     "lists",         "rules",         "controls",  "materials",
          "individuals", "organisations", "organizations", "parties",   "jobs",
          "workers",     "vessels",       "aircraft",      "missiles"}) {
      m.emplace(w, w);
    }
    m.emplace("earths", "rare earths");
    return m;
  }();
  return kNouns;
}

bool is_month(const std::string& f) {
  static const char* const kMonths[] = {
      "jan",  "january",   "feb",  "february", "mar",  "march",    "apr",    "april",
      "may",  "jun",       "june", "jul",      "july", "aug",      "august", "sep",
      "sept", "september", "oct",  "october",  "nov",  "november", "dec",    "december"};
  return std::any_of(std::begin(kMonths), std::end(kMonths), [&](const char* m) { return f == m; });
}

/// First token of a qualifier before token i ("around", "at least", "more than"), or i.
std::size_t qualifier_start(const Doc& d, std::size_t i) {
  if (i == 0 || d.gap(i) != " " || !d.same_sentence(i - 1, i)) return i;
  const std::string& f = d.tokens[i - 1].folded;
  static const char* const kOne[] = {"around", "about",  "approximately", "roughly", "some",
                                     "nearly", "almost", "over",          "only",    "just",
                                     "approx", "circa",  "exactly"};
  for (const char* w : kOne) {
    if (f == w) return i - 1;
  }
  if (i >= 2 && d.gap(i - 1) == " ") {
    const std::string& g = d.tokens[i - 2].folded;
    if ((g == "at" && (f == "least" || f == "most")) || (g == "more" && f == "than") ||
        (g == "fewer" && f == "than") || (g == "less" && f == "than") || (g == "up" && f == "to")) {
      return i - 2;
    }
  }
  return i;
}

void add_amount(Doc& d, const char* kind, std::size_t begin, std::size_t end, std::string value) {
  Mention m;
  m.type = MentionType::amount;
  m.id = kind;
  m.begin = begin;
  m.end = end;
  m.text = d.text.substr(begin, end - begin);
  m.value = std::move(value);
  d.found.push_back(std::move(m));
}

/// Words that end the modifiers between a number and its noun ("one of the items").
bool not_modifier(const std::string& f) {
  static const char* const kStops[] = {
      "of",   "the",   "a",      "an",     "to",         "in",         "for",   "by",     "with",
      "on",   "at",    "from",   "that",   "which",      "was",        "were",  "is",     "are",
      "have", "has",   "had",    "will",   "would",      "per",        "than",  "as",     "into",
      "its",  "their", "his",    "her",    "this",       "these",      "those", "year",   "years",
      "or",   "below", "above",  "series", "nanometres", "nanometers", "nm",    "layers", "tonnes",
      "tons", "kg",    "months", "days",   "weeks",      "times",      "than"};
  return std::any_of(std::begin(kStops), std::end(kStops), [&](const char* w) { return f == w; });
}

bool is_year_like(std::string_view w) {
  return w.size() == 4 && is_digits(w) && (w.substr(0, 2) == "19" || w.substr(0, 2) == "20");
}

}  // namespace

void find_amounts(Doc& d) {
  const std::size_t n = d.tokens.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (d.claimed[i]) continue;
    std::size_t last = i;
    auto number = number_at(d, i, last);
    if (!number) continue;
    // A magnitude word: "nine trillion", "74.4 billion".
    bool magnitude = false;
    if (last + 1 < n && d.gap(last + 1) == " " && d.same_sentence(last, last + 1)) {
      const std::string& f = d.tokens[last + 1].folded;
      const int m = f == "m" || f == "k" ? 0 : magnitude_of(f);  // a lone "m" is too often metres
      if (m > 0) {
        number->exp += m;
        magnitude = true;
        ++last;
      }
    }
    const bool large = magnitude || d.tokens[i].numeric;
    std::size_t begin = d.tokens[i].begin;
    std::size_t end_token = last;
    std::string currency = currency_before(d, i, begin);
    if (currency.empty()) {
      currency = currency_after(d, last, large, end_token);
    } else {
      // "S$74.4 billion", "$1.2 billion dollars": a currency word after may repeat it.
      std::size_t repeat = last;
      if (!currency_after(d, last, large, repeat).empty()) end_token = repeat;
    }
    if (!currency.empty()) {
      add_amount(d, "money", begin, d.tokens[end_token].end, currency + " " + format(*number));
      for (std::size_t k = i; k <= end_token; ++k) d.claimed[k] = true;
      i = end_token;
      continue;
    }
    // Percentages: "3.8%", "3.8 per cent", "3.8 percent", "2 percentage points".
    const std::size_t after = d.tokens[last].end;
    if (after < d.text.size() && (d.text[after] == '%' || d.text.compare(after, 2, " %") == 0)) {
      const std::size_t end = d.text.find('%', after) + 1;
      add_amount(d, "percent", d.tokens[i].begin, end, format(*number) + "%");
      i = last;
      continue;
    }
    if (last + 1 < n && d.gap(last + 1) == " ") {
      const std::string& f = d.tokens[last + 1].folded;
      std::size_t end_tok = 0;
      std::string unit;
      if (f == "percent" || f == "pct") {
        end_tok = last + 1;
        unit = "%";
      } else if (f == "per" && last + 2 < n && d.tokens[last + 2].folded == "cent" &&
                 d.gap(last + 2) == " ") {
        end_tok = last + 2;
        unit = "%";
      } else if (f == "percentage" && last + 2 < n && d.gap(last + 2) == " " &&
                 (d.tokens[last + 2].folded == "points" || d.tokens[last + 2].folded == "point")) {
        end_tok = last + 2;
        unit = "pp";
      }
      if (!unit.empty()) {
        add_amount(d, "percent", d.tokens[i].begin, d.tokens[end_tok].end, format(*number) + unit);
        i = end_tok;
        continue;
      }
    }
    // Counts: a number, up to five modifiers, a count noun ("1,100 dual-use items").
    if (magnitude && !d.tokens[i].numeric) continue;
    if (is_year_like(d.word(i)) && !magnitude) continue;
    if (i > 0 && (is_month(d.tokens[i - 1].folded) || d.tokens[i - 1].folded == "no")) continue;
    if (last + 1 < n && d.gap(last + 1) != " ") continue;  // "five-character codes", "two-year"
    const auto& nouns = count_nouns();
    std::size_t k = last + 1;
    std::string noun;
    while (k < n && k <= last + 6 && d.same_sentence(k, last)) {
      const std::string_view g = d.gap(k);
      if (!(g == " " || g == "-")) break;
      const Token& t = d.tokens[k];
      if (const auto it = nouns.find(t.folded); it != nouns.end()) {
        if (it->first == "earths" && !(k > 0 && d.tokens[k - 1].folded == "rare")) break;
        noun = it->second;
        break;
      }
      if (t.numeric || (t.capitalized && d.country_at[k] < 0) || not_modifier(t.folded)) break;
      ++k;
    }
    if (noun.empty()) continue;
    const std::size_t first = qualifier_start(d, i);
    add_amount(d, "count", d.tokens[first].begin, d.tokens[k].end, format(*number) + " " + noun);
    i = last;
  }
}

}  // namespace dualdex::ingest::entity
