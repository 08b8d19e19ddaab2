#include "dualdex/index/shards.hpp"

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "dualdex/index/database.hpp"
#include "dualdex/index/schema.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/hash.hpp"

namespace dualdex::index {
namespace fs = std::filesystem;
namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

std::string describe(const ShardSpec& s) {
  return "shard " + s.name + (s.remote ? " (remote " + s.location + ")" : " (" + s.location + ")");
}

}  // namespace

std::string stub_file_of(const std::string& path) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return path;
  const fs::path inside = fs::path(path) / kStubFileName;
  if (fs::is_regular_file(inside, ec)) return inside.string();
  return {};
}

std::vector<ShardSpec> read_stub(const std::string& stub_path) {
  std::ifstream in(stub_path);
  if (!in) throw IndexError("cannot read shard list " + stub_path);
  const fs::path base = fs::path(stub_path).parent_path();
  std::vector<ShardSpec> shards;
  std::string raw;
  for (int line = 1; std::getline(in, raw); ++line) {
    std::string text = trim(raw);
    if (text.empty() || text[0] == '#') continue;
    const auto space = text.find_first_of(" \t");
    const std::string word = text.substr(0, space);
    const std::string rest = space == std::string::npos ? std::string() : trim(text.substr(space));
    ShardSpec s;
    s.line = line;
    if (word == "remote") {
      if (rest.empty()) throw IndexError(stub_path + ":" + std::to_string(line) + ": 'remote' needs HOST:PORT or :PROGRAM");
      s.remote = true;
      s.location = rest;
      s.name = rest;
    } else if (word == "auto" || word == "glass" || word == "chert" || space == std::string::npos) {
      const std::string where = space == std::string::npos ? word : rest;
      if (where.empty()) throw IndexError(stub_path + ":" + std::to_string(line) + ": '" + word + "' needs a path");
      const fs::path p(where);
      s.location = (p.is_absolute() ? p : base / p).lexically_normal().string();
      s.name = p.filename().empty() ? where : p.filename().string();
    } else {
      throw IndexError(stub_path + ":" + std::to_string(line) + ": unknown shard line '" + text +
                       "' (expected 'auto PATH', 'remote HOST:PORT' or 'remote :PROGRAM ARGS')");
    }
    shards.push_back(std::move(s));
  }
  return shards;
}

Xapian::Database open_shard(const ShardSpec& shard, unsigned timeout_ms) {
  try {
    if (!shard.remote) {
      std::error_code ec;
      if (!fs::exists(shard.location, ec)) throw IndexError(describe(shard) + " does not exist");
      for (int attempt = 0;; ++attempt) {
        try {
          Xapian::Database db(shard.location);
          check_schema(db, shard.location);
          return db;
        } catch (const Xapian::DatabaseModifiedError&) {
          if (attempt >= 5) throw;  // a writer committing while we open: retry
        }
      }
    }
    if (shard.location[0] == ':') {
      const std::string command = shard.location.substr(1);
      const auto space = command.find(' ');
      Xapian::Database db = Xapian::Remote::open(
          command.substr(0, space), space == std::string::npos ? std::string() : command.substr(space + 1), timeout_ms);
      check_schema(db, shard.location);
      return db;
    }
    const auto colon = shard.location.rfind(':');
    unsigned long port = 0;
    try {
      port = colon == std::string::npos ? 0 : std::stoul(shard.location.substr(colon + 1));
    } catch (const std::exception&) {
      port = 0;
    }
    if (port == 0 || port > 65535) throw IndexError(describe(shard) + ": expected HOST:PORT");
    Xapian::Database db = Xapian::Remote::open(shard.location.substr(0, colon), static_cast<unsigned>(port),
                                               timeout_ms, timeout_ms);
    check_schema(db, shard.location);
    return db;
  } catch (const Xapian::Error& e) {
    throw IndexError(describe(shard) + " does not answer: " + e.get_type() + ": " + e.get_msg());
  }
}

OpenedIndex open_index(const std::string& path, bool allow_partial, unsigned timeout_ms) {
  const std::string stub = stub_file_of(path);
  OpenedIndex out;
  if (stub.empty()) {
    out.db = open_for_reading(path);
    return out;
  }
  out.shards = read_stub(stub);
  if (out.shards.empty()) {
    // A sharded folder before its first document: an empty index.
    if (fs::path(stub).filename() == kStubFileName && read_layout(fs::path(stub).parent_path().string())) return out;
    throw IndexError("shard list " + stub + " lists no shard");
  }
  std::string first_error;
  std::vector<Xapian::Database> remotes;
  for (const auto& shard : out.shards) {
    try {
      Xapian::Database db = open_shard(shard, timeout_ms);
      out.db.add_database(db);
      if (shard.remote) remotes.push_back(db);
    } catch (const IndexError& e) {
      if (!allow_partial) {
        throw IndexError(std::string(e.what()) + " (index " + path +
                         "; --allow-partial answers from the other shards)");
      }
      if (first_error.empty()) first_error = e.what();
      out.missing.push_back(shard);
    }
  }
  if (out.missing.size() == out.shards.size()) throw IndexError("no shard of " + path + " answers: " + first_error);
  // Xapian's remote backend reads no synonym table: a local database without documents
  // carries the remote shards' synonyms (the writer's kSynonymsKey copy), and the query
  // parser reads the union of the shards' tables. It lives in a private temporary
  // folder for as long as the index is open (a reopen reads its files again; the
  // in-memory backend has no synonym table).
  if (!remotes.empty()) {
    std::string tmpl = (fs::temp_directory_path() / "dualdex-synonyms-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) throw IndexError("cannot create a temporary folder for " + path + "'s synonyms");
    out.keep_alive = std::shared_ptr<void>(nullptr, [dir = tmpl](void*) {
      std::error_code ec;
      fs::remove_all(dir, ec);
    });
    try {
      Xapian::WritableDatabase synonyms(tmpl + "/db", Xapian::DB_CREATE);
      for (const auto& db : remotes) {
        const std::string all = db.get_metadata(schema::kSynonymsKey);
        std::istringstream lines(all);
        std::string line;
        while (std::getline(lines, line)) {
          const auto tab = line.find('\t');
          if (tab != std::string::npos && tab > 0) synonyms.add_synonym(line.substr(0, tab), line.substr(tab + 1));
        }
      }
      synonyms.commit();
      synonyms.close();
      out.db.add_database(Xapian::Database(tmpl + "/db"));
    } catch (const Xapian::Error& e) {
      throw IndexError("reading the synonyms of " + path + ": " + e.get_type() + ": " + e.get_msg());
    }
  }
  return out;
}

std::optional<ShardLayout> read_layout(const std::string& dir) {
  const fs::path file = fs::path(dir) / kLayoutFileName;
  std::error_code ec;
  if (!fs::exists(file, ec)) return std::nullopt;
  std::ifstream in(file);
  try {
    const auto j = nlohmann::json::parse(in);
    ShardLayout layout;
    layout.scheme = parse_shard_scheme(j.at("scheme").get<std::string>());
    layout.count = j.value("count", 1u);
    if (layout.scheme == ShardScheme::hash && layout.count == 0) throw IndexError("count is 0");
    return layout;
  } catch (const std::exception& e) {
    throw IndexError("unreadable shard layout " + file.string() + ": " + e.what());
  }
}

void create_layout(const std::string& dir, const ShardLayout& layout) {
  std::error_code ec;
  if (fs::exists(fs::path(dir) / "iamglass", ec) || fs::exists(fs::path(dir) / kStubFileName, ec)) {
    throw IndexError("index " + dir + " already exists: its shard layout cannot change (ingest into a new folder)");
  }
  fs::create_directories(dir, ec);
  if (ec) throw IndexError("cannot create index folder " + dir + ": " + ec.message());
  nlohmann::json j{{"scheme", to_string(layout.scheme)}};
  if (layout.scheme == ShardScheme::hash) j["count"] = layout.count;
  const fs::path file = fs::path(dir) / kLayoutFileName;
  std::ofstream(file) << j.dump(2) << '\n';
  if (!fs::exists(file, ec)) throw IndexError("cannot write " + file.string());
  write_stub(dir, {});
}

void write_stub(const std::string& dir, const std::vector<std::string>& names) {
  const fs::path file = fs::path(dir) / kStubFileName;
  const fs::path tmp = fs::path(dir) / (std::string(kStubFileName) + ".new");
  {
    std::ofstream out(tmp);
    out << "# Shards of this dualdex index (written by dualdex; see docs/SCALING.md)\n";
    for (const auto& n : names) out << "auto " << n << '\n';
    out.flush();
    if (!out) throw IndexError("cannot write " + tmp.string());
  }
  std::error_code ec;
  fs::rename(tmp, file, ec);
  if (ec) throw IndexError("cannot write " + file.string() + ": " + ec.message());
}

std::string shard_name_for(const ShardLayout& layout, const std::string& id, const std::string& published) {
  if (layout.scheme == ShardScheme::year) {
    const std::string slot = schema::date_slot_value(published);
    return slot.empty() ? "undated" : slot.substr(0, 4);
  }
  const unsigned long long h = std::stoull(dualdex::stable_hash(id).substr(0, 15), nullptr, 16);
  return "shard-" + std::to_string(h % layout.count);
}

std::vector<ShardStatus> shard_statuses(const std::string& path, unsigned timeout_ms) {
  std::vector<ShardSpec> specs;
  const std::string stub = stub_file_of(path);
  if (stub.empty()) {
    open_for_reading(path);  // a missing index is an error, with how to create one
    specs.push_back(ShardSpec{".", path, false, 0});
  } else {
    specs = read_stub(stub);
  }
  std::vector<ShardStatus> out;
  for (const auto& spec : specs) {
    ShardStatus st;
    st.spec = spec;
    try {
      const Xapian::Database db = open_shard(spec, timeout_ms);
      const std::size_t documents = db.get_doccount();
      if (spec.remote) {
        // The remote backend tells no revision: the writer's copy in the metadata.
        const std::string r = db.get_metadata(schema::kRevisionKey);
        try {
          st.revision = r.empty() ? 0 : std::stoull(r);
        } catch (const std::exception&) {
          st.revision = 0;  // not written by dualdex: unknown
        }
      } else {
        st.revision = db.get_revision();
        st.uuid = db.get_uuid();
      }
      st.committed_at = db.get_metadata(schema::kCommittedAtKey);
      st.documents = documents;
      st.answers = true;
      if (!spec.remote) {
        std::error_code ec;
        for (const auto& f : fs::recursive_directory_iterator(spec.location, ec)) {
          if (f.is_regular_file(ec)) st.bytes += f.file_size(ec);
        }
      }
    } catch (const IndexError& e) {
      st.error = e.what();
    } catch (const Xapian::Error& e) {
      st.error = std::string(e.get_type()) + ": " + e.get_msg();
    }
    out.push_back(std::move(st));
  }
  return out;
}

const char* to_string(ShardScheme scheme) { return scheme == ShardScheme::year ? "year" : "hash"; }

ShardScheme parse_shard_scheme(const std::string& name) {
  if (name == "hash") return ShardScheme::hash;
  if (name == "year") return ShardScheme::year;
  throw UsageError("unknown shard scheme '" + name + "': use hash or year");
}

}  // namespace dualdex::index
