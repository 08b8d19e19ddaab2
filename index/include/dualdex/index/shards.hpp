#pragma once
// An index as a set of shards (docs/SCALING.md). Xapian does the searching over
// several databases itself: a sharded index is a folder holding one Xapian database
// per shard and a stub file, XAPIANDB, that lists them (Xapian opens such a folder
// as one database). A stub file anywhere else may list local shards and remote ones
// served by xapian-tcpsrv ("remote HOST:PORT"): readers open it like an index.
//
// dualdex writes sharded folders only: dualdex-shards.json says how documents are
// routed (by a stable hash of the unique id, or by year of publication), so that a
// document re-ingested goes where it went before.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

namespace dualdex::index {

/// Xapian's name for a stub file inside a database folder.
inline constexpr const char* kStubFileName = "XAPIANDB";
/// dualdex's routing file in a sharded folder.
inline constexpr const char* kLayoutFileName = "dualdex-shards.json";

enum class ShardScheme { hash, year };

/// How a sharded folder routes documents.
struct ShardLayout {
  ShardScheme scheme = ShardScheme::hash;
  unsigned count = 1;  ///< shards of a hash layout; a year layout grows a shard per year
};

/// One line of a stub file.
struct ShardSpec {
  std::string name;      ///< "shard-1", "2024", "127.0.0.1:47011": how messages name it
  std::string location;  ///< local: the resolved path; remote: "HOST:PORT" or ":PROGRAM ARGS"
  bool remote = false;
  int line = 0;          ///< line in the stub file
};

/// The stub file path stands for: path itself when it is a file, path/XAPIANDB when
/// path is a folder holding one; "" when path is a plain database (or nothing).
std::string stub_file_of(const std::string& path);

/// The shards a stub file lists (Xapian's stub format: "auto|glass|chert PATH",
/// "remote HOST:PORT", "remote :PROGRAM ARGS", a bare PATH; '#' comments; relative
/// paths from the stub's folder). Throws IndexError naming the file and line of a
/// line it cannot read, or when it lists no shard.
std::vector<ShardSpec> read_stub(const std::string& stub_path);

/// Opens one shard (a local database, or a remote one with the given timeout).
/// Throws IndexError naming the shard.
Xapian::Database open_shard(const ShardSpec& shard, unsigned timeout_ms = 10000);

/// An index opened for reading: the combined database and the shards left out.
struct OpenedIndex {
  Xapian::Database db;
  std::vector<ShardSpec> shards;   ///< every shard the stub lists (empty: a plain database)
  std::vector<ShardSpec> missing;  ///< shards that did not open (only with allow_partial)
  /// What db needs while it is open (the remote shards' synonyms folder): keep a copy as
  /// long as db.
  std::shared_ptr<void> keep_alive;
};

/// Opens a plain index or a stub of shards, shard by shard (one dead remote fails
/// Xapian's own open of the whole stub). A shard that does not open throws
/// IndexError naming it; with allow_partial it is left out and listed in `missing`
/// (still an error when no shard opens).
OpenedIndex open_index(const std::string& path, bool allow_partial, unsigned timeout_ms = 10000);

/// The routing file of a sharded folder, if there is one. Throws IndexError when it is
/// unreadable.
std::optional<ShardLayout> read_layout(const std::string& dir);

/// Creates a sharded folder: routing file, empty shard list. Throws IndexError when the
/// folder already holds an index.
void create_layout(const std::string& dir, const ShardLayout& layout);

/// Writes the stub file of a sharded folder listing these shard folder names (atomic:
/// readers see the old list or the new one).
void write_stub(const std::string& dir, const std::vector<std::string>& names);

/// The shard folder a document goes to: "shard-K" (K = stable hash of the id mod
/// count) or the year of its publication date ("undated" without one).
std::string shard_name_for(const ShardLayout& layout, const std::string& id, const std::string& published);

/// What `dualdex shards` says of one shard.
struct ShardStatus {
  ShardSpec spec;
  bool answers = false;
  std::string error;            ///< why it does not answer
  std::size_t documents = 0;
  unsigned long long revision = 0;  ///< Xapian's revision: one per commit
  std::string uuid;             ///< local shards (the remote backend tells none)
  std::string committed_at;     ///< utc_stamp() of the last commit by dualdex
  std::uintmax_t bytes = 0;     ///< on disk (local shards)
};

/// Every shard of the index at path (a plain database is one shard named "."), each
/// opened alone: one that does not answer is reported, not thrown.
std::vector<ShardStatus> shard_statuses(const std::string& path, unsigned timeout_ms = 10000);

/// "hash" / "year"; parse throws UsageError on anything else.
const char* to_string(ShardScheme scheme);
ShardScheme parse_shard_scheme(const std::string& name);

}  // namespace dualdex::index
