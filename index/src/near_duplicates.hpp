#pragma once
// The writer's side of near-duplicate detection (ingest/near_duplicates.hpp has the
// fingerprint): band terms, the fingerprint and collapse-key slots of an article, and
// the lookup of its first copy among the documents written before it.
#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

#include "dualdex/index/stored.hpp"
#include "dualdex/ingest/near_duplicates.hpp"
#include "dualdex/ingest/tokenize.hpp"

namespace dualdex::index::detail {

/// What the comparison needs of an article's text, computed without the index (so on
/// any thread, before the writer's turn): its tokens and fingerprint (none for a text
/// of too few words).
struct Sketch {
  std::vector<ingest::Token> tokens;
  std::optional<ingest::Fingerprint> fingerprint;
};
Sketch sketch_of(const StoredDocument& stored);

/// Where the article being written already is: its shard and document number, and
/// its write order (schema::kSlotWriteOrder). shard < 0: a new document.
struct OwnPlace {
  int shard = -1;
  Xapian::docid docid = 0;
  std::string order;
};

/// Marks an article about to be written: adds its band terms and fingerprint value
/// (texts of enough words only) and its collapse key (schema::kSlotDupKey). When an
/// earlier document of any shard is a near-duplicate, the article is marked as a
/// duplicate of that document's first copy: stored.dup_of is set, xdoc's data is
/// re-serialized with it, a kDupOf term is added and the collapse key is the first
/// copy's id. Returns stored.dup_of ("" for an original).
///
/// "Earlier" is by write order (kSlotWriteOrder, kept when a document is replaced; in
/// one shard also the Xapian document number): a replaced original stays before its
/// duplicates, so a document is never its own duplicate, and a changed original keeps
/// its duplicates pointing at it. Throws Xapian::Error.
std::string mark_near_duplicate(const std::vector<const Xapian::WritableDatabase*>& shards,
                                Xapian::Document& xdoc, StoredDocument& stored, const OwnPlace& own,
                                const Sketch& sketch);

}  // namespace dualdex::index::detail
