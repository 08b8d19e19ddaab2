#include "dualdex/index/database.hpp"

#include <cstdlib>
#include <filesystem>

#include "dualdex/index/schema.hpp"
#include "dualdex/index/writer.hpp"
#include "dualdex/ingest/error.hpp"

namespace dualdex::index {

void throw_index_error(const std::string& context, const Xapian::Error& e) {
  throw IndexError(context + ": " + e.get_type() + ": " + e.get_msg());
}

void check_schema(const Xapian::Database& db, const std::string& path) {
  const std::string version = db.get_metadata(schema::kSchemaKey);
  if (version.empty() && db.get_doccount() == 0) return;  // new, empty index
  if (version != schema::kSchemaVersion) {
    throw IndexError("index " + path + " has schema version '" + (version.empty() ? "none" : version) +
                     "', this dualdex writes version " + std::string(schema::kSchemaVersion) +
                     ": ingest into a new index (dualdex ingest --index NEWDIR ...) and remove the old one");
  }
}

Xapian::Database open_for_reading(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw IndexError("no index at " + path + ": create one with 'dualdex ingest --index " + path +
                     " PATH...' (or set DUALDEX_INDEX)");
  }
  try {
    // A writer committing twice while we open recycles the revision being read: retry.
    for (int attempt = 0;; ++attempt) {
      try {
        Xapian::Database db(path);
        check_schema(db, path);
        return db;
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt >= 5) throw;
      }
    }
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw IndexError("cannot open index " + path + " (" + e.get_msg() +
                     "): create one with 'dualdex ingest --index " + path + " PATH...'");
  } catch (const Xapian::Error& e) {
    throw_index_error("opening index " + path, e);
  }
}

void commit_stamped(Xapian::WritableDatabase& db) {
  db.set_metadata(schema::kRevisionKey, std::to_string(db.get_revision() + 1));
  db.set_metadata(schema::kCommittedAtKey, utc_stamp());
  db.commit();
}

std::string resolve_index_path(const std::string& explicit_path) {
  if (!explicit_path.empty()) return explicit_path;
  if (const char* env = std::getenv("DUALDEX_INDEX"); env != nullptr && *env) return env;
  return "./var/index";
}

}  // namespace dualdex::index
