#pragma once
// Near-duplicate detection for articles: the same story from two outlets, or re-posted
// at a new URL. Pure text processing on normalized, tokenized text (no ICU calls of its
// own, no Xapian); the writer stores the fingerprint and finds candidates by its bands
// (index/src/writer.cpp, schema.hpp kDupBand, kSlotDupSketch).
//
// Two texts are near-duplicates when
//   1. both have at least min_words word tokens (a short text is too little evidence),
//   2. the estimated Jaccard resemblance of their sets of `shingle`-word shingles
//      (case-folded tokens) is at least min_resemblance, and
//   3. their numbers agree: where both texts put a number in the same place (the same
//      word before and after it), it is the same number in all but max_number_conflicts
//      of those places. This keeps apart template stories that differ only in their
//      figures ("The Fed arranged 1.5 billion dlrs of repurchases" on Monday, "2.5
//      billion" on Tuesday), which are different news however alike their words.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dualdex/ingest/tokenize.hpp"

namespace dualdex::ingest {

struct NearDuplicateOptions {
  /// Texts with fewer word tokens (numbers included) never get a fingerprint.
  std::size_t min_words = 30;
  /// Words per shingle. 4 keeps an edited sentence from costing more than its own
  /// shingles, while stories on one topic share few 4-word runs.
  std::size_t shingle = 4;
  /// Least estimated Jaccard resemblance of the shingle sets, in [0,1].
  double min_resemblance = 0.5;
  /// Greatest share of the number places both texts have where their numbers differ.
  /// With fewer than 1 / share (10) such places, one difference is already too many.
  double max_number_conflicts = 0.1;
  /// Only a text's opening bytes are compared (comparable_text): a story is known by its
  /// first pages, and a 50 MB input must not cost its size in tokens.
  std::size_t max_bytes = 64 * 1024;
};

/// The part of a text that is fingerprinted and compared: its first options.max_bytes
/// bytes, cut at a space (or a UTF-8 character boundary) before the limit.
std::string_view comparable_text(std::string_view text, const NearDuplicateOptions& options = {});

/// A MinHash sketch of a text's shingle set.
///
/// Why MinHash and not a 64-bit simhash: a simhash within 3 bits of 64 needs a cosine
/// similarity above ~0.99; one sentence changed in a 150-word story moves it by ~10
/// bits, so a simhash at a small Hamming distance finds exact copies only. MinHash
/// estimates the Jaccard resemblance of the shingle sets directly (a changed sentence in
/// a 150-word story still leaves ~0.7), and its locality-sensitive bands give the
/// writer its candidates: kBands bands of kRows hashes; two texts of resemblance s share
/// at least one band with probability 1 - (1 - s^kRows)^kBands (0.88 at s = 0.5, 0.98 at
/// 0.6, 1 for copies; 0.016 at 0.1, so unrelated stories are seldom even looked at).
/// Each band is a term, so kBands is also what a fingerprint costs the index; each hash
/// keeps its low 16 bits (b-bit MinHash: a false match once in 65,536).
struct Fingerprint {
  static constexpr std::size_t kHashes = 48;
  static constexpr std::size_t kBands = 16;
  static constexpr std::size_t kRows = kHashes / kBands;
  /// The i-th value: the low 16 bits of the least of the shingles' i-th hash.
  std::array<std::uint16_t, kHashes> minhash{};

  /// Band keys, one per band: "<band, a hex digit><8 hex digits of its hashes>".
  /// Two fingerprints with a band in common are candidates.
  std::vector<std::string> band_keys() const;
  /// Binary form for a value slot (a version byte, then big-endian hashes).
  std::string encode() const;
  /// nullopt when the bytes are not an encoded fingerprint of this version.
  static std::optional<Fingerprint> decode(std::string_view bytes);
};

/// The fingerprint of a tokenized text; nullopt when it has fewer than
/// options.min_words tokens. Deterministic across runs and platforms.
std::optional<Fingerprint> fingerprint(const std::vector<Token>& tokens,
                                       const NearDuplicateOptions& options = {});

/// Estimated Jaccard resemblance of the two shingle sets: the share of equal hashes.
double resemblance(const Fingerprint& a, const Fingerprint& b);

/// Number places of two texts (a place: the words before and after a run of numbers;
/// English number words count as numbers: "six" = "6").
struct NumberAgreement {
  std::size_t shared = 0;     ///< places both texts have
  std::size_t conflicts = 0;  ///< shared places whose numbers have nothing in common
};
NumberAgreement compare_numbers(const std::vector<Token>& a, const std::vector<Token>& b);

/// Condition 3 above.
bool numbers_agree(const NumberAgreement& n, const NearDuplicateOptions& options = {});

/// Conditions 1–3 for two texts (tokenizes their comparable_text): what the writer
/// decides for a candidate, in one call.
bool near_duplicates(std::string_view a, std::string_view b,
                     const NearDuplicateOptions& options = {});

}  // namespace dualdex::ingest
