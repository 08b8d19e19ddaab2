#include "dualdex/ingest/near_duplicates.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <utility>

namespace dualdex::ingest {
namespace {

// splitmix64's finalizer: spreads FNV's weak low bits over all 64.
constexpr std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

std::uint64_t word_hash(std::string_view word) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a
  for (unsigned char c : word) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return mix(h);
}

// The kHashes hash functions h_i(x) = high 32 bits of (a_i x + b_i) mod 2^64, a_i odd:
// fixed constants (a stored fingerprint must mean the same on every run).
struct Permutations {
  std::array<std::uint64_t, Fingerprint::kHashes> a{}, b{};
  constexpr Permutations() {
    std::uint64_t state = 0x6475616c646578ULL;  // "dualdex"
    for (std::size_t i = 0; i < Fingerprint::kHashes; ++i) {
      state += 0x9e3779b97f4a7c15ULL;
      a[i] = mix(state) | 1;
      state += 0x9e3779b97f4a7c15ULL;
      b[i] = mix(state);
    }
  }
};
constexpr Permutations kPermutations;

constexpr char kVersion = '\x01';
constexpr char kHex[] = "0123456789abcdef";

void put_hex(std::string& out, std::uint64_t v, int digits) {
  for (int i = digits - 1; i >= 0; --i) out += kHex[(v >> (4 * i)) & 0xF];
}

}  // namespace

std::vector<std::string> Fingerprint::band_keys() const {
  std::vector<std::string> keys;
  keys.reserve(kBands);
  for (std::size_t band = 0; band < kBands; ++band) {
    std::uint64_t h = mix(band + 1);
    for (std::size_t r = 0; r < kRows; ++r) h = mix(h ^ minhash[band * kRows + r]);
    std::string key;
    put_hex(key, band, 1);
    put_hex(key, h >> 32, 8);
    keys.push_back(std::move(key));
  }
  return keys;
}

std::string Fingerprint::encode() const {
  std::string out(1, kVersion);
  out.reserve(1 + 2 * kHashes);
  for (std::uint16_t v : minhash) {
    out += static_cast<char>(v >> 8);
    out += static_cast<char>(v & 0xFF);
  }
  return out;
}

std::optional<Fingerprint> Fingerprint::decode(std::string_view bytes) {
  if (bytes.size() != 1 + 2 * kHashes || bytes[0] != kVersion) return std::nullopt;
  Fingerprint f;
  for (std::size_t i = 0; i < kHashes; ++i) {
    f.minhash[i] = static_cast<std::uint16_t>((static_cast<unsigned char>(bytes[1 + 2 * i]) << 8) |
                                              static_cast<unsigned char>(bytes[2 + 2 * i]));
  }
  return f;
}

std::optional<Fingerprint> fingerprint(const std::vector<Token>& tokens,
                                       const NearDuplicateOptions& options) {
  if (tokens.size() < std::max<std::size_t>(options.min_words, 1)) return std::nullopt;
  const std::size_t k = std::clamp<std::size_t>(options.shingle, 1, tokens.size());
  std::vector<std::uint64_t> words;
  words.reserve(tokens.size());
  for (const auto& t : tokens) words.push_back(word_hash(t.folded));
  // Shingle hashes, order-sensitive ("a b c d" ≠ "d c b a"), then each distinct one once.
  std::vector<std::uint64_t> shingles;
  shingles.reserve(words.size() - k + 1);
  for (std::size_t i = 0; i + k <= words.size(); ++i) {
    std::uint64_t h = 0;
    for (std::size_t j = 0; j < k; ++j) h = mix(h * 0x100000001b3ULL + words[i + j]);
    shingles.push_back(h);
  }
  std::sort(shingles.begin(), shingles.end());
  shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
  std::array<std::uint32_t, Fingerprint::kHashes> least;
  least.fill(std::numeric_limits<std::uint32_t>::max());
  for (std::uint64_t x : shingles) {
    for (std::size_t i = 0; i < Fingerprint::kHashes; ++i) {
      const auto v =
          static_cast<std::uint32_t>((x * kPermutations.a[i] + kPermutations.b[i]) >> 32);
      least[i] = std::min(least[i], v);
    }
  }
  // The least of 32 bits, so that big texts' minima stay apart; then its low bits.
  Fingerprint f;
  for (std::size_t i = 0; i < Fingerprint::kHashes; ++i)
    f.minhash[i] = static_cast<std::uint16_t>(least[i] & 0xFFFF);
  return f;
}

double resemblance(const Fingerprint& a, const Fingerprint& b) {
  std::size_t equal = 0;
  for (std::size_t i = 0; i < Fingerprint::kHashes; ++i)
    equal += a.minhash[i] == b.minhash[i] ? 1 : 0;
  return static_cast<double>(equal) / Fingerprint::kHashes;
}

namespace {

// Place of a number run → the runs found there: "rose 1.0 billion" → ("rose", "billion") → {"1.0"}.
// A run is consecutive numbers ("6-3/16" is 6, 3, 16), joined by spaces.
using Places = std::map<std::pair<std::string, std::string>, std::set<std::string>>;

// A number token as digits; English number words too, so that "six pct" differs from
// "6-3/16 pct" and equals "6 pct" (outlets spell small numbers differently). "" if none.
std::string number_of(const Token& t) {
  if (t.numeric) return t.folded;
  static const std::map<std::string, std::string, std::less<>> kWords = {
      {"zero", "0"},     {"one", "1"},        {"two", "2"},       {"three", "3"},
      {"four", "4"},     {"five", "5"},       {"six", "6"},       {"seven", "7"},
      {"eight", "8"},    {"nine", "9"},       {"ten", "10"},      {"eleven", "11"},
      {"twelve", "12"},  {"thirteen", "13"},  {"fourteen", "14"}, {"fifteen", "15"},
      {"sixteen", "16"}, {"seventeen", "17"}, {"eighteen", "18"}, {"nineteen", "19"},
      {"twenty", "20"},  {"thirty", "30"},    {"forty", "40"},    {"fifty", "50"},
      {"sixty", "60"},   {"seventy", "70"},   {"eighty", "80"},   {"ninety", "90"}};
  const auto it = kWords.find(t.folded);
  return it == kWords.end() ? std::string() : it->second;
}

Places number_places(const std::vector<Token>& tokens) {
  std::vector<std::string> numbers;
  numbers.reserve(tokens.size());
  for (const auto& t : tokens) numbers.push_back(number_of(t));
  Places places;
  std::size_t i = 0;
  while (i < tokens.size()) {
    if (numbers[i].empty()) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    std::string run;
    for (; i < tokens.size() && !numbers[i].empty(); ++i)
      run += (run.empty() ? "" : " ") + numbers[i];
    std::string before = start > 0 ? tokens[start - 1].folded : "^";
    std::string after = i < tokens.size() ? tokens[i].folded : "$";
    places[{std::move(before), std::move(after)}].insert(std::move(run));
  }
  return places;
}

}  // namespace

NumberAgreement compare_numbers(const std::vector<Token>& a, const std::vector<Token>& b) {
  const Places pa = number_places(a);
  const Places pb = number_places(b);
  NumberAgreement n;
  for (const auto& [place, runs] : pa) {
    const auto other = pb.find(place);
    if (other == pb.end()) continue;
    ++n.shared;
    const bool common = std::any_of(runs.begin(), runs.end(), [&](const std::string& r) {
      return other->second.count(r) != 0;
    });
    if (!common) ++n.conflicts;
  }
  return n;
}

bool numbers_agree(const NumberAgreement& n, const NearDuplicateOptions& options) {
  return static_cast<double>(n.conflicts) <=
         options.max_number_conflicts * static_cast<double>(n.shared);
}

std::string_view comparable_text(std::string_view text, const NearDuplicateOptions& options) {
  if (text.size() <= options.max_bytes) return text;
  std::size_t cut = options.max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  const auto space = text.rfind(' ', cut);
  if (space != std::string_view::npos && space > cut / 2) cut = space;
  return text.substr(0, cut);
}

bool near_duplicates(std::string_view a, std::string_view b, const NearDuplicateOptions& options) {
  const std::vector<Token> ta = tokenize(comparable_text(a, options));
  const std::vector<Token> tb = tokenize(comparable_text(b, options));
  const auto fa = fingerprint(ta, options);
  const auto fb = fingerprint(tb, options);
  if (!fa || !fb || resemblance(*fa, *fb) < options.min_resemblance) return false;
  return numbers_agree(compare_numbers(ta, tb), options);
}

}  // namespace dualdex::ingest
