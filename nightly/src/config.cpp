#include "dualdex/nightly/config.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/reader.hpp"

namespace dualdex::nightly {
namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

[[noreturn]] void fail(const fs::path& file, const std::string& what) {
  throw KnowledgeError(file.string() + ": " + what);
}

std::string text(const Json& j, const char* key, const fs::path& file, const std::string& where, std::string fallback = {}) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return fallback;
  if (!it->is_string()) fail(file, where + "\"" + key + "\" must be a string");
  return it->get<std::string>();
}

std::vector<std::string> strings(const Json& j, const char* key, const fs::path& file, const std::string& where) {
  std::vector<std::string> out;
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return out;
  if (it->is_string()) return {it->get<std::string>()};
  if (!it->is_array()) fail(file, where + "\"" + key + "\" must be a string or an array of strings");
  for (const auto& v : *it) {
    if (!v.is_string()) fail(file, where + "\"" + key + "\" must hold strings");
    out.push_back(v.get<std::string>());
  }
  return out;
}

template <typename T>
T number(const Json& j, const char* key, const fs::path& file, const std::string& where, T fallback) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return fallback;
  if (!it->is_number_integer() || it->get<long long>() < 0) fail(file, where + "\"" + key + "\" must be a whole number ≥ 0");
  return static_cast<T>(it->get<long long>());
}

/// A path of the configuration, taken from the configuration file's folder.
std::string resolve(const fs::path& base, const std::string& p) {
  if (p.empty() || p.find("://") != std::string::npos) return p;
  const fs::path path(p);
  return (path.is_absolute() ? path : base / path).lexically_normal().string();
}

}  // namespace

NightlyConfig load_config(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) fail(file, "cannot open the configuration");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  Json j;
  try {
    j = Json::parse(bytes.str());
  } catch (const Json::parse_error& e) {
    fail(file, std::string("not valid JSON: ") + e.what());
  }
  if (!j.is_object()) fail(file, "the configuration must be a JSON object");
  static const std::set<std::string> known{"index", "state", "knowledge", "jobs", "batch", "shards", "shard_by", "sources", "watchlist", "comment"};
  for (const auto& [k, v] : j.items()) {
    if (known.count(k) == 0) fail(file, "unknown key \"" + k + "\"");
  }
  const fs::path base = fs::absolute(file).parent_path();
  NightlyConfig c;
  c.file = file;
  c.index = resolve(base, text(j, "index", file, ""));
  if (c.index.empty()) fail(file, "\"index\" (the index directory) is required");
  c.state = resolve(base, text(j, "state", file, ""));
  if (c.state.empty()) fail(file, "\"state\" (a directory for the job's state and reports) is required");
  c.knowledge = resolve(base, text(j, "knowledge", file, ""));
  c.jobs = number<unsigned>(j, "jobs", file, "", 0);
  c.batch = std::max<std::size_t>(1, number<std::size_t>(j, "batch", file, "", 2000));
  // A new index: its shard layout (index/shards.hpp); an existing one must match it.
  const unsigned shards = number<unsigned>(j, "shards", file, "", 0);
  const std::string shard_by = text(j, "shard_by", file, "");
  if (shards > 0 || !shard_by.empty()) {
    index::ShardLayout layout;
    if (shard_by == "year") {
      layout.scheme = index::ShardScheme::year;
      if (shards > 0) fail(file, "\"shards\" is for \"shard_by\": \"hash\"; by year there is a shard per year");
    } else if (shard_by.empty() || shard_by == "hash") {
      if (shards == 0 || shards > 1024) fail(file, "\"shards\" must be 1 to 1024 for shards by hash");
      layout.count = shards;
    } else {
      fail(file, "\"shard_by\" must be \"hash\" or \"year\"");
    }
    c.shards = layout;
  }
  const auto sources = j.find("sources");
  if (sources == j.end() || !sources->is_array() || sources->empty()) fail(file, "\"sources\" must be a non-empty array");
  std::set<std::string> names;
  for (std::size_t i = 0; i < sources->size(); ++i) {
    const Json& s = (*sources)[i];
    const std::string where = "sources[" + std::to_string(i) + "]: ";
    if (!s.is_object()) fail(file, where + "must be an object");
    static const std::set<std::string> source_keys{"name", "paths", "feeds", "format", "exclude", "list_meta", "dct",
                                                   "on_vanish", "timeout_seconds", "retries", "max_bytes", "comment"};
    for (const auto& [k, v] : s.items()) {
      if (source_keys.count(k) == 0) fail(file, where + "unknown key \"" + k + "\"");
    }
    SourceConfig sc;
    sc.name = text(s, "name", file, where);
    if (sc.name.empty()) fail(file, where + "\"name\" is required");
    if (!names.insert(sc.name).second) fail(file, where + "two sources are named \"" + sc.name + "\"");
    for (const auto& p : strings(s, "paths", file, where)) sc.paths.push_back(resolve(base, p));
    sc.feeds = strings(s, "feeds", file, where);
    for (const auto& url : sc.feeds) {
      if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) fail(file, where + "feed \"" + url + "\" is not an http(s) URL");
    }
    if (sc.paths.empty() && sc.feeds.empty()) fail(file, where + "a source needs \"paths\" or \"feeds\"");
    sc.format = text(s, "format", file, where, "auto");
    if (!ingest::parse_input_format(sc.format)) fail(file, where + "unknown \"format\" \"" + sc.format + "\"");
    sc.exclude = strings(s, "exclude", file, where);
    sc.list_meta = resolve(base, text(s, "list_meta", file, where));
    sc.dct = text(s, "dct", file, where);
    const std::string vanish = text(s, "on_vanish", file, where, "remove");
    if (vanish != "remove" && vanish != "keep") fail(file, where + "\"on_vanish\" is \"remove\" or \"keep\"");
    sc.remove_vanished = vanish == "remove";
    sc.timeout_seconds = number<int>(s, "timeout_seconds", file, where, 30);
    sc.retries = number<int>(s, "retries", file, where, 3);
    sc.max_bytes = number<std::size_t>(s, "max_bytes", file, where, 20u << 20);
    c.sources.push_back(std::move(sc));
  }
  if (const auto watch = j.find("watchlist"); watch != j.end() && !watch->is_null()) {
    if (!watch->is_array()) fail(file, "\"watchlist\" must be an array");
    for (std::size_t i = 0; i < watch->size(); ++i) {
      const Json& w = (*watch)[i];
      const std::string where = "watchlist[" + std::to_string(i) + "]: ";
      if (!w.is_object()) fail(file, where + "must be an object");
      WatchConfig wc;
      wc.name = text(w, "name", file, where);
      wc.query = text(w, "query", file, where);
      if (wc.name.empty()) fail(file, where + "\"name\" is required");
      if (const auto f = w.find("filters"); f != w.end() && !f->is_null()) {
        if (!f->is_object()) fail(file, where + "\"filters\" must be an object of field → values");
        for (const auto& [field, values] : f->items()) {
          for (const auto& v : strings(*f, field.c_str(), file, where + "filters: ")) wc.filters.push_back({field, v});
        }
      }
      if (wc.query.empty() && wc.filters.empty()) fail(file, where + "a saved query needs \"query\" or \"filters\"");
      wc.limit = number<std::size_t>(w, "limit", file, where, 20);
      c.watchlist.push_back(std::move(wc));
    }
  }
  return c;
}

}  // namespace dualdex::nightly
