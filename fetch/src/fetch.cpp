// libcurl behind fetch(): one easy handle per attempt, the policy (what is retried,
// how long to wait, what the messages say) here rather than in curl's options.
#include "dualdex/fetch/fetch.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

namespace dualdex::fetch {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

/// The scheme of url, lower case ("" if it has none).
std::string scheme_of(std::string_view url) {
  url = trim(url);
  const std::size_t colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0) return {};
  const std::string_view scheme = url.substr(0, colon);
  const bool valid =
      std::isalpha(static_cast<unsigned char>(scheme.front())) &&
      std::all_of(scheme.begin(), scheme.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
      });
  return valid ? lower(scheme) : std::string();
}

/// url for messages: a password in it ("https://user:secret@host/") is masked.
std::string shown(std::string_view url) {
  const std::size_t start = url.find("://");
  if (start == std::string_view::npos) return std::string(url);
  const std::size_t host_end = url.find_first_of("/?#", start + 3);
  const std::size_t at = url.substr(0, host_end).rfind('@');
  if (at == std::string_view::npos || at < start) return std::string(url);
  return std::string(url.substr(0, start + 3)) + "***" + std::string(url.substr(at));
}

// curl_global_init is not thread-safe in older libcurl and must run once before any
// handle exists; later failures to initialize are reported by every fetch.
CURLcode global_init() {
  static std::once_flag once;
  static CURLcode code = CURLE_OK;
  std::call_once(once, [] { code = curl_global_init(CURL_GLOBAL_DEFAULT); });
  return code;
}

struct EasyFree {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct ListFree {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

/// What one attempt collected through curl's callbacks.
struct Transfer {
  std::size_t max_bytes = 0;
  bool too_large = false;
  std::string body;
  // Headers of the latest answer; a new status line (a redirect, "100 Continue")
  // starts over.
  std::string reason;
  std::string etag;
  std::string last_modified;
  std::string content_type;
  long retry_after_seconds = -1;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  if (n > t->max_bytes - std::min(t->max_bytes, t->body.size())) {
    t->too_large = true;
    return 0;  // curl aborts with CURLE_WRITE_ERROR
  }
  t->body.append(data, n);
  return n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  const std::string_view line = trim(std::string_view(data, n));
  if (line.starts_with("HTTP/")) {
    t->body.clear();  // a body before this status line belonged to an earlier answer
    t->reason.clear();
    t->etag.clear();
    t->last_modified.clear();
    t->content_type.clear();
    t->retry_after_seconds = -1;
    const std::size_t code_end = line.find(' ', line.find(' ') + 1);
    if (code_end != std::string_view::npos)
      t->reason = std::string(trim(line.substr(code_end + 1)));
    return n;
  }
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return n;
  const std::string name = lower(trim(line.substr(0, colon)));
  const std::string value(trim(line.substr(colon + 1)));
  if (name == "etag") {
    t->etag = value;
  } else if (name == "last-modified") {
    t->last_modified = value;
  } else if (name == "content-type") {
    t->content_type = value;
  } else if (name == "retry-after") {
    // Seconds only; the HTTP-date form is rare on feeds and is treated as absent.
    if (!value.empty() && value.size() < 9 &&
        std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      t->retry_after_seconds = std::stol(value);
    }
  }
  return n;
}

/// One attempt's outcome before the retry policy looks at it.
struct Attempt {
  CURLcode code = CURLE_OK;
  long http_code = 0;
  std::string curl_message;  // curl's error buffer, else curl_easy_strerror
  std::string effective_url;
  Transfer transfer;
};

void set_protocols(CURL* h) {
#if LIBCURL_VERSION_NUM >= 0x075500  // 7.85: the string forms; the bitmasks are deprecated
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
  curl_easy_setopt(h, CURLOPT_PROTOCOLS, CURLPROTO_HTTP | CURLPROTO_HTTPS);
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS, CURLPROTO_HTTP | CURLPROTO_HTTPS);
#endif
}

Attempt attempt_once(const std::string& url, const Validators& previous,
                     const FetchOptions& options) {
  Attempt a;
  a.transfer.max_bytes = options.max_bytes;
  std::unique_ptr<CURL, EasyFree> handle(curl_easy_init());
  if (!handle) {
    a.code = CURLE_FAILED_INIT;
    a.curl_message = "could not create a libcurl handle";
    return a;
  }
  CURL* h = handle.get();
  char error_buffer[CURL_ERROR_SIZE] = {};
  std::unique_ptr<curl_slist, ListFree> headers;
  auto add_header = [&](const std::string& header) {
    curl_slist* next = curl_slist_append(headers.get(), header.c_str());
    if (next == nullptr) throw std::bad_alloc();
    headers.release();
    headers.reset(next);
  };
  if (!previous.etag.empty()) add_header("If-None-Match: " + previous.etag);
  if (!previous.last_modified.empty()) add_header("If-Modified-Since: " + previous.last_modified);
  if (!options.accept.empty()) add_header("Accept: " + options.accept);

  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  set_protocols(h);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: safe in threads
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(h, CURLOPT_MAXREDIRS, static_cast<long>(std::max(0, options.max_redirects)));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl decodes
  // Refuses early when the server announces a larger body; the write callback enforces
  // the limit on what actually arrives (no Content-Length, compressed bodies).
  if (options.max_bytes < static_cast<std::size_t>(std::numeric_limits<curl_off_t>::max()))
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_bytes));
  curl_easy_setopt(h, CURLOPT_USERAGENT, options.user_agent.c_str());
  if (headers) curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &a.transfer);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &a.transfer);

  a.code = curl_easy_perform(h);
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &a.http_code);
  char* effective = nullptr;
  if (curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK && effective != nullptr)
    a.effective_url = effective;
  if (a.code != CURLE_OK) {
    a.curl_message =
        error_buffer[0] != '\0' ? std::string(error_buffer) : curl_easy_strerror(a.code);
    while (!a.curl_message.empty() &&
           (a.curl_message.back() == '\n' || a.curl_message.back() == ' '))
      a.curl_message.pop_back();
  }
  return a;
}

/// Curl errors that another attempt cannot mend: the request itself is wrong, or the
/// server's answer is (too big, a redirect loop, a refused scheme, a bad certificate).
bool is_permanent(CURLcode code) {
  switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_TOO_MANY_REDIRECTS:
    case CURLE_FILESIZE_EXCEEDED:
    case CURLE_WRITE_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_OUT_OF_MEMORY:
    case CURLE_FAILED_INIT:
    case CURLE_NOT_BUILT_IN:
    case CURLE_LOGIN_DENIED:
      return true;
    default:
      return false;
  }
}

std::string http_problem(const Attempt& a) {
  std::string text = "HTTP " + std::to_string(a.http_code);
  if (!a.transfer.reason.empty()) text += " " + a.transfer.reason;
  return text;
}

std::string size_problem(const FetchOptions& options) {
  return "the answer is larger than the limit of " + std::to_string(options.max_bytes) +
         " bytes (max_bytes); transfer aborted";
}

}  // namespace

const char* to_string(FetchResult::Status status) {
  switch (status) {
    case FetchResult::Status::ok:
      return "ok";
    case FetchResult::Status::not_modified:
      return "not-modified";
    case FetchResult::Status::failed:
      return "failed";
  }
  return "failed";
}

bool is_fetchable_url(std::string_view url) {
  const std::string scheme = scheme_of(url);
  return scheme == "http" || scheme == "https";
}

FetchResult fetch(const std::string& url, const Validators& previous, const FetchOptions& options) {
  FetchResult result;
  const std::string name = shown(url);
  if (!is_fetchable_url(url)) {
    const std::string scheme = scheme_of(url);
    result.error = name + ": refused: only http and https URLs are fetched" +
                   (scheme.empty() ? std::string(" (no scheme)") : " (scheme '" + scheme + "')");
    return result;
  }
  if (const CURLcode init = global_init(); init != CURLE_OK) {
    result.error = name + ": libcurl could not be initialized: " + curl_easy_strerror(init);
    return result;
  }
  const int max_attempts = 1 + std::max(0, options.retries);
  auto wait = options.backoff;
  for (int n = 1; n <= max_attempts; ++n) {
    result.attempts = n;
    Attempt a = attempt_once(url, previous, options);
    result.http_code = a.http_code;
    result.effective_url = a.effective_url;
    result.content_type = a.transfer.content_type;
    bool retry = false;
    if (a.code == CURLE_OK && a.http_code >= 200 && a.http_code < 300) {
      result.status = FetchResult::Status::ok;
      result.body = std::move(a.transfer.body);
      result.validators = {a.transfer.etag, a.transfer.last_modified};
      result.error.clear();
      return result;
    }
    if (a.code == CURLE_OK && a.http_code == 304) {
      result.status = FetchResult::Status::not_modified;
      result.validators = {
          a.transfer.etag.empty() ? previous.etag : a.transfer.etag,
          a.transfer.last_modified.empty() ? previous.last_modified : a.transfer.last_modified};
      result.error.clear();
      return result;
    }
    if (a.code == CURLE_OK) {
      result.error = name + ": " + http_problem(a);
      retry = a.http_code >= 500 || a.http_code == 429;
    } else if (a.transfer.too_large || a.code == CURLE_FILESIZE_EXCEEDED) {
      result.error = name + ": " + size_problem(options);
    } else if (a.code == CURLE_UNSUPPORTED_PROTOCOL) {
      result.error = name + ": refused: a redirect led to a scheme other than http or https (" +
                     a.curl_message + ")";
    } else {
      result.error = name + ": " + a.curl_message;
      retry = !is_permanent(a.code);
    }
    if (!retry) break;
    if (n == max_attempts) {
      result.error += " (gave up after " + std::to_string(n) + " attempts)";
      break;
    }
    auto pause = std::min(wait, options.max_backoff);
    if (a.transfer.retry_after_seconds >= 0) {
      const std::chrono::milliseconds asked = std::chrono::seconds(a.transfer.retry_after_seconds);
      pause = std::min(std::max(pause, asked), options.max_backoff);
    }
    if (pause.count() > 0) std::this_thread::sleep_for(pause);
    wait = wait.count() > options.max_backoff.count() / 2 ? options.max_backoff : wait * 2;
  }
  result.status = FetchResult::Status::failed;
  result.body.clear();
  result.validators = {};
  return result;
}

}  // namespace dualdex::fetch
