#pragma once
// Opening an index for reading, with the schema check and Xapian errors turned
// into dualdex errors (Xapian::Error is not a std::exception).
#include <string>

#include <xapian.h>

namespace dualdex::index {

/// Opens the index at path read-only. Throws IndexError when it is missing (the
/// message says how to create one), of another schema version, or unusable.
Xapian::Database open_for_reading(const std::string& path);

/// Throws IndexError if the database's stored schema version is not ours.
void check_schema(const Xapian::Database& db, const std::string& path);

/// Rethrows a Xapian::Error as IndexError with context ("opening /x: ...").
[[noreturn]] void throw_index_error(const std::string& context, const Xapian::Error& e);

/// Commits one database, with the revision the commit makes and its time
/// (utc_stamp) in the metadata (schema::kRevisionKey, kCommittedAtKey): Xapian's
/// remote backend tells no revision, `dualdex shards` reads these.
void commit_stamped(Xapian::WritableDatabase& db);

/// The index path from an explicit value, else $DUALDEX_INDEX, else "./var/index".
std::string resolve_index_path(const std::string& explicit_path);

}  // namespace dualdex::index
