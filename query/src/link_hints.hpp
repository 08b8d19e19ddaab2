#pragma once
// What the linker takes from a stored measure besides its sentence (shared by
// Linker::link_document and relink).
#include <xapian.h>

#include <optional>
#include <string>

#include "dualdex/index/stored.hpp"
#include "dualdex/query/link.hpp"

namespace dualdex::query {

/// Hints of a stored measure: its authority, items and codes, and the items of the
/// rest of its document (parent) with a sentence naming one.
/// The stored document with that unique id, if any ("" → none). Throws Xapian::Error.
std::optional<index::StoredDocument> stored_by_id(const Xapian::Database& db,
                                                  const std::string& id);

MeasureHints hints_of_measure(const index::StoredDocument& measure,
                              const std::optional<index::StoredDocument>& parent);

}  // namespace dualdex::query
