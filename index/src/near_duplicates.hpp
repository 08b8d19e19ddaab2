#pragma once
// The writer's side of near-duplicate detection (ingest/near_duplicates.hpp has the
// fingerprint): band terms, the fingerprint and collapse-key slots of an article, and
// the lookup of its first copy among the documents written before it.
#include <xapian.h>

#include <string>

#include "dualdex/index/stored.hpp"

namespace dualdex::index::detail {

/// Marks an article about to be written: adds its band terms and fingerprint value
/// (texts of enough words only) and its collapse key (schema::kSlotDupKey). When an
/// earlier document is a near-duplicate, the article is marked as a duplicate of that
/// document's first copy: stored.dup_of is set, xdoc's data is re-serialized with it,
/// a kDupOf term is added and the collapse key is the first copy's id. Returns
/// stored.dup_of ("" for an original).
///
/// "Earlier" is by Xapian document number: replace_document keeps a document's number,
/// so own_docid (the number of the copy being replaced, 0 for a new document) keeps a
/// replaced original before its duplicates: a document is never its own duplicate, and
/// a changed original keeps its duplicates pointing at it. Throws Xapian::Error.
std::string mark_near_duplicate(const Xapian::WritableDatabase& db, Xapian::Document& xdoc,
                                StoredDocument& stored, Xapian::docid own_docid);

}  // namespace dualdex::index::detail
