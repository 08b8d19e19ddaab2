#include "near_duplicates.hpp"

#include <optional>
#include <unordered_set>
#include <vector>

#include "dualdex/index/schema.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/near_duplicates.hpp"
#include "dualdex/ingest/tokenize.hpp"

namespace dualdex::index::detail {
namespace {

// Bounds on the work for one article, against pathological bands (thousands of
// template stories sharing one): fingerprints read, and texts compared for numbers.
constexpr std::size_t kMaxCandidates = 1000;
constexpr std::size_t kMaxTextChecks = 20;

// Compares one article (its fingerprint and tokens) with documents already written.
class Comparer {
 public:
  Comparer(const ingest::Fingerprint& fp, const std::vector<ingest::Token>& tokens)
      : m_fp(fp), m_tokens(tokens) {}

  /// True if the document is a near-duplicate of the article; false too when the text
  /// checks are used up.
  bool matches(const Xapian::Document& doc) {
    const auto other = ingest::Fingerprint::decode(doc.get_value(schema::kSlotDupSketch));
    if (!other || ingest::resemblance(m_fp, *other) < m_options.min_resemblance) return false;
    if (++m_text_checks > kMaxTextChecks) return false;
    try {
      const auto other_tokens =
          ingest::tokenize(ingest::comparable_text(parse_stored(doc.get_data()).text));
      return ingest::numbers_agree(ingest::compare_numbers(m_tokens, other_tokens), m_options);
    } catch (const IndexError&) {
      return false;  // unreadable data: no evidence
    }
  }

 private:
  const ingest::Fingerprint& m_fp;
  const std::vector<ingest::Token>& m_tokens;
  const ingest::NearDuplicateOptions m_options;
  std::size_t m_text_checks = 0;
};

// The earliest document of one shard that is a copy of the article (its write order
// and its first copy's id), among those written before it. Candidates share a band.
struct FirstCopy {
  std::string order;  ///< the matching document's write order
  std::string key;    ///< its first copy's id
};

// True if the document with this unique id (a first copy) is in some shard, was written
// before the article and is not a copy of it. A first copy since deleted cannot be
// asked; its copy decides.
bool first_copy_disagrees(const std::vector<const Xapian::WritableDatabase*>& shards, const std::string& id,
                          const OwnPlace& own, Comparer& comparer) {
  const std::string uid = schema::uid_term(id);
  for (const Xapian::WritableDatabase* db : shards) {
    const auto p = db->postlist_begin(uid);
    if (p == db->postlist_end(uid)) continue;
    const Xapian::Document doc = db->get_document(*p);
    if (own.shard >= 0 && !(doc.get_value(schema::kSlotWriteOrder) < own.order)) return false;
    return !comparer.matches(doc);
  }
  return false;
}

std::optional<FirstCopy> first_copy_in_shard(const std::vector<const Xapian::WritableDatabase*>& shards,
                                             std::size_t shard, Comparer& comparer,
                                             const std::vector<std::string>& bands, const OwnPlace& own) {
  const Xapian::WritableDatabase& db = *shards[shard];
  const bool own_shard = own.shard >= 0 && static_cast<std::size_t>(own.shard) == shard;
  Xapian::docid best = 0;
  std::optional<FirstCopy> found;
  std::unordered_set<Xapian::docid> seen;
  for (const auto& band : bands) {
    const std::string term = schema::make_term(schema::kDupBand, band);
    if (db.get_termfreq(term) == 0) continue;  // cheap, and no postlist flush
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
      const Xapian::docid d = *it;
      // Posting lists are in document order, which is write order within a shard:
      // nothing further in this band is earlier.
      if ((own_shard && d >= own.docid) || (best != 0 && d >= best)) break;
      if (!seen.insert(d).second) continue;
      if (seen.size() > kMaxCandidates) return found;
      const Xapian::Document candidate = db.get_document(d);
      std::string order = candidate.get_value(schema::kSlotWriteOrder);
      if (own.shard >= 0 && !own_shard && !(order < own.order)) continue;
      if (!comparer.matches(candidate)) continue;
      std::string key = candidate.get_value(schema::kSlotDupKey);
      if (key.empty()) key = candidate.get_value(schema::kSlotUid);
      // A copy of a copy must match the first copy too: otherwise a chain of small
      // edits drifts to another story (a template story whose figures change one at a
      // time).
      if (key != candidate.get_value(schema::kSlotUid) && first_copy_disagrees(shards, key, own, comparer)) continue;
      best = d;
      found = FirstCopy{std::move(order), std::move(key)};
      break;
    }
  }
  return found;
}

// The id of the first copy of the article among the documents of every shard written
// before it, or "": the earliest in write order wins.
std::string find_first_copy(const std::vector<const Xapian::WritableDatabase*>& shards, Comparer& comparer,
                            const std::vector<std::string>& bands, const OwnPlace& own) {
  std::optional<FirstCopy> best;
  for (std::size_t s = 0; s < shards.size(); ++s) {
    auto found = first_copy_in_shard(shards, s, comparer, bands, own);
    if (found && (!best || found->order < best->order)) best = std::move(found);
  }
  return best ? best->key : std::string();
}

}  // namespace

Sketch sketch_of(const StoredDocument& stored) {
  Sketch s;
  s.tokens = ingest::tokenize(ingest::comparable_text(stored.text));
  s.fingerprint = ingest::fingerprint(s.tokens);
  return s;
}

std::string mark_near_duplicate(const std::vector<const Xapian::WritableDatabase*>& shards,
                                Xapian::Document& xdoc, StoredDocument& stored, const OwnPlace& own,
                                const Sketch& sketch) {
  stored.dup_of.clear();
  std::string key = stored.id;
  if (const auto& fp = sketch.fingerprint) {
    const std::vector<std::string> bands = fp->band_keys();
    Comparer comparer(*fp, sketch.tokens);
    const std::string original_id = find_first_copy(shards, comparer, bands, own);
    // A deleted original re-added after its duplicates finds them first; it is still
    // the first copy (their dup_of names it), not a duplicate of itself.
    if (!original_id.empty() && original_id != stored.id) {
      stored.dup_of = original_id;
      key = original_id;
      xdoc.add_boolean_term(schema::make_term(schema::kDupOf, original_id));
      xdoc.set_data(serialize(stored));
    }
    for (const auto& band : bands) xdoc.add_boolean_term(schema::make_term(schema::kDupBand, band));
    xdoc.add_value(schema::kSlotDupSketch, fp->encode());
  }
  // Deleting an original leaves its duplicates' dup_of and collapse key as they are:
  // they still collapse into one hit, and the id says where the story was first seen.
  xdoc.add_value(schema::kSlotDupKey, key);
  return stored.dup_of;
}

}  // namespace dualdex::index::detail
