#include "feeds.hpp"

#include <fstream>

#include "dualdex/fetch/fetch.hpp"
#include "dualdex/ingest/hash.hpp"

namespace dualdex::nightly {
namespace fs = std::filesystem;

FeedOutcome fetch_feed(const std::string& url, const SourceConfig& source, const fs::path& state_dir, FeedState& feed,
                       bool dry_run) {
  FeedOutcome out;
  std::error_code ec;
  const bool have_copy = !feed.file.empty() && fs::exists(feed.file, ec);
  if (dry_run) {
    if (have_copy) out.file = feed.file;
    return out;
  }
  fetch::FetchOptions o;
  o.timeout = std::chrono::seconds(source.timeout_seconds > 0 ? source.timeout_seconds : 30);
  o.retries = source.retries;
  o.max_bytes = source.max_bytes;
  const fetch::Validators previous = have_copy ? fetch::Validators{feed.etag, feed.last_modified} : fetch::Validators{};
  const fetch::FetchResult r = fetch::fetch(url, previous, o);
  switch (r.status) {
    case fetch::FetchResult::Status::ok: {
      // One file per URL, named by its hash: the same feed keeps the same ids.
      const fs::path dir = state_dir / "feeds" / source.name;
      fs::create_directories(dir, ec);
      const fs::path file = dir / (stable_hash(url) + ".xml");
      const fs::path tmp = dir / (stable_hash(url) + ".xml.tmp");
      {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        f << r.body;
        if (!f) {
          out.error = tmp.string() + ": cannot write the fetched feed";
          if (have_copy) out.file = feed.file;
          return out;
        }
      }
      fs::rename(tmp, file, ec);
      if (ec) {
        out.error = file.string() + ": " + ec.message();
        return out;
      }
      feed.file = file.string();
      feed.etag = r.validators.etag;
      feed.last_modified = r.validators.last_modified;
      out.file = feed.file;
      out.fetched = true;
      return out;
    }
    case fetch::FetchResult::Status::not_modified:
      out.not_modified = true;
      if (!r.validators.empty()) {
        feed.etag = r.validators.etag;
        feed.last_modified = r.validators.last_modified;
      }
      out.file = feed.file;
      return out;
    case fetch::FetchResult::Status::failed:
      out.error = r.error;
      if (have_copy) out.file = feed.file;
      return out;
  }
  return out;
}

}  // namespace dualdex::nightly
