#pragma once
// Fetching a URL over HTTP(S) with libcurl, for feed sources of the nightly job.
//
// Contract:
// - Only http:// and https:// URLs are fetched; any other scheme (file://, ftp://, …)
//   fails at once (attempts = 0), and redirects may only lead to http(s) too.
// - Conditional GET: the previous validators are sent as If-None-Match (etag) and
//   If-Modified-Since (last_modified), each only when not empty. A 304 answer is
//   Status::not_modified with an empty body.
// - Each attempt is bounded by connect_timeout and timeout (the whole transfer,
//   redirects included). Network errors (refused or reset connections, DNS failures,
//   timeouts, truncated answers) and HTTP 5xx and 429 are retried up to `retries`
//   times, waiting backoff, 2·backoff, 4·backoff … (each wait at most max_backoff, or
//   a server's Retry-After in seconds when that is longer, still at most max_backoff).
//   Other HTTP errors (4xx), a body over max_bytes, too many redirects and refused
//   schemes are not retried.
// - The body is decoded (gzip/deflate) and never grows past max_bytes: past it the
//   transfer is aborted and fails with a message that names the limit.
// - Redirects are followed, at most max_redirects of them.
// - fetch() never throws for what the network or the server does (only std::bad_alloc):
//   every failure is Status::failed with `error` naming the URL (credentials in it
//   masked) and the problem. It is safe to call from several threads at once; libcurl
//   is initialized once per process on first use.
// - Proxies come from the usual environment variables (http_proxy, https_proxy,
//   no_proxy), as in every libcurl program.
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace dualdex::fetch {

/// How one fetch() behaves. The defaults suit a nightly job reading news feeds.
struct FetchOptions {
  /// Whole transfer of one attempt (connecting, redirects, body); 0 = no limit. Default 60 s.
  std::chrono::milliseconds timeout{60'000};
  /// Connecting (DNS, TCP, TLS) of one attempt; 0 = libcurl's own 300 s (within `timeout`).
  /// Default 15 s.
  std::chrono::milliseconds connect_timeout{15'000};
  /// Attempts after the first one, for network errors, 5xx and 429. Default 2.
  int retries = 2;
  /// Wait before the first retry; doubled before each further one. Default 1 s.
  std::chrono::milliseconds backoff{1'000};
  /// Longest wait between two attempts. Default 60 s.
  std::chrono::milliseconds max_backoff{60'000};
  /// Largest body accepted, in bytes after decompression. Default 32 MiB.
  std::size_t max_bytes = 32u << 20;
  /// Redirects followed before giving up. Default 5.
  int max_redirects = 5;
  /// User-Agent header.
  std::string user_agent = "dualdex/0.1 (feed fetcher)";
  /// Accept header; "" sends none.
  std::string accept =
      "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
      "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";
};

/// HTTP cache validators, as the server sent them (kept by the caller between runs).
struct Validators {
  std::string etag;           ///< ETag header value, quotes and W/ prefix included
  std::string last_modified;  ///< Last-Modified header value (an HTTP date), verbatim

  bool empty() const { return etag.empty() && last_modified.empty(); }
};

/// What one fetch() gives.
struct FetchResult {
  enum class Status {
    ok,            ///< a 2xx answer; body holds it
    not_modified,  ///< 304: the previous copy is current; body is empty
    failed,        ///< see error
  };
  Status status = Status::failed;
  long http_code = 0;  ///< HTTP status of the last answer received (0: none)
  std::string body;    ///< the decoded body (ok only; empty otherwise)
  /// ok: the validators of the answer (empty when it sent none). not_modified: the
  /// answer's, or the previous ones where it repeated none. failed: empty.
  Validators validators;
  std::string error;          ///< failed: "<url>: <problem>" for a person; else ""
  int attempts = 0;           ///< requests made, retries included (0: refused before any)
  std::string effective_url;  ///< the URL last requested, after redirects
  std::string content_type;   ///< Content-Type of the answer, "" if none
};

/// "ok", "not-modified", "failed".
const char* to_string(FetchResult::Status status);

/// True if url has a scheme fetch() accepts (http or https, any case).
bool is_fetchable_url(std::string_view url);

/// Fetches url (see the contract above). Thread-safe.
FetchResult fetch(const std::string& url, const Validators& previous = {},
                  const FetchOptions& options = {});

}  // namespace dualdex::fetch
