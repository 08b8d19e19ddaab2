// fetch() against a local HTTP server on 127.0.0.1 started inside the test: conditional
// GET, retries with backoff, no retry on 4xx, the size cap, timeouts, redirects and
// refused schemes. Nothing here leaves the loopback, and no expectation depends on
// speed beyond generous limits (a stalled server stalls until the test ends).
#define BOOST_TEST_MODULE test_fetch
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "dualdex/fetch/fetch.hpp"
#include "local_http_server.hpp"

using dualdex::fetch::fetch;
using dualdex::fetch::FetchOptions;
using dualdex::fetch::FetchResult;
using dualdex::fetch::Validators;
using dualdex::test::HttpRequest;
using dualdex::test::HttpResponse;
using dualdex::test::LocalHttpServer;
using namespace std::chrono_literals;

namespace {

const std::string kFeed =
    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title></channel></rss>";
const std::string kEtag = "\"v1-abc\"";
const std::string kLastModified = "Thu, 08 Jan 2026 09:30:00 GMT";

// A proxy from the environment must not carry requests meant for the loopback.
struct NoProxy {
  NoProxy() {
    ::setenv("no_proxy", "127.0.0.1,localhost", 1);
    ::setenv("NO_PROXY", "127.0.0.1,localhost", 1);
  }
};
BOOST_TEST_GLOBAL_FIXTURE(NoProxy);

/// Short waits between attempts, generous limits on everything else.
FetchOptions quick(int retries = 2) {
  FetchOptions o;
  o.retries = retries;
  o.backoff = 5ms;
  o.max_backoff = 50ms;
  o.timeout = 30s;
  o.connect_timeout = 30s;
  return o;
}

/// The feed with validators; 304 when the request carries both of them.
HttpResponse conditional(const HttpRequest& req, int) {
  if (req.header("If-None-Match") == kEtag && req.header("If-Modified-Since") == kLastModified)
    return {304, "Not Modified", {{"ETag", kEtag}}};
  return {
      200,
      "OK",
      {{"ETag", kEtag}, {"Last-Modified", kLastModified}, {"Content-Type", "application/rss+xml"}},
      kFeed};
}

struct Row {
  std::string name;
  std::function<HttpResponse(const HttpRequest&, int)> handler;
  std::string target;  ///< requested path ("/feed")
  Validators previous;
  FetchOptions options;
  FetchResult::Status status;
  long http_code;
  int attempts;
  std::string body;       ///< expected body (ok)
  std::string error_has;  ///< a piece of the error message ("" = no error)
};

std::string big(std::size_t n) {
  return std::string(n, 'x');
}

}  // namespace

BOOST_AUTO_TEST_CASE(scripted_servers) {
  FetchOptions tiny_cap = quick();
  tiny_cap.max_bytes = 1000;
  FetchOptions short_timeout = quick(1);
  short_timeout.timeout = 400ms;
  FetchOptions one_redirect = quick();
  one_redirect.max_redirects = 1;

  const Row rows[] = {
      {"200 with validators",
       conditional,
       "/feed",
       {},
       quick(),
       FetchResult::Status::ok,
       200,
       1,
       kFeed,
       ""},
      {"304 on the conditional request",
       conditional,
       "/feed",
       {kEtag, kLastModified},
       quick(),
       FetchResult::Status::not_modified,
       304,
       1,
       "",
       ""},
      {"500, then 200: one retry",
       [](const HttpRequest&, int nth) {
         return nth == 1 ? HttpResponse{500, "Internal Server Error", {}, "oops"}
                         : HttpResponse{200, "OK", {}, kFeed};
       },
       "/flaky",
       {},
       quick(),
       FetchResult::Status::ok,
       200,
       2,
       kFeed,
       ""},
      {"429, then 503, then 200",
       [](const HttpRequest&, int nth) {
         if (nth == 1) return HttpResponse{429, "Too Many Requests", {{"Retry-After", "0"}}};
         if (nth == 2) return HttpResponse{503, "Service Unavailable"};
         return HttpResponse{200, "OK", {}, kFeed};
       },
       "/busy",
       {},
       quick(),
       FetchResult::Status::ok,
       200,
       3,
       kFeed,
       ""},
      {"503 for ever: gives up after 1 + retries",
       [](const HttpRequest&, int) {
         return HttpResponse{503, "Service Unavailable"};
       },
       "/down",
       {},
       quick(2),
       FetchResult::Status::failed,
       503,
       3,
       "",
       "HTTP 503 Service Unavailable (gave up after 3 attempts)"},
      {"404: no retry",
       [](const HttpRequest&, int) {
         return HttpResponse{404, "Not Found", {}, "no"};
       },
       "/gone",
       {},
       quick(3),
       FetchResult::Status::failed,
       404,
       1,
       "",
       "/gone: HTTP 404 Not Found"},
      {"403: no retry",
       [](const HttpRequest&, int) {
         return HttpResponse{403, "Forbidden"};
       },
       "/private",
       {},
       quick(3),
       FetchResult::Status::failed,
       403,
       1,
       "",
       "HTTP 403"},
      {"body over the cap, with Content-Length",
       [](const HttpRequest&, int) {
         return HttpResponse{200, "OK", {}, big(5000)};
       },
       "/big",
       {},
       tiny_cap,
       FetchResult::Status::failed,
       200,
       1,
       "",
       "larger than the limit of 1000 bytes"},
      {"body over the cap, streamed without Content-Length",
       [](const HttpRequest&, int) {
         HttpResponse r{200, "OK", {}, big(4 << 20)};
         r.content_length = false;
         return r;
       },
       "/stream",
       {},
       tiny_cap,
       FetchResult::Status::failed,
       200,
       1,
       "",
       "larger than the limit of 1000 bytes"},
      {"body exactly at the cap",
       [](const HttpRequest&, int) {
         return HttpResponse{200, "OK", {}, big(1000)};
       },
       "/edge",
       {},
       tiny_cap,
       FetchResult::Status::ok,
       200,
       1,
       big(1000),
       ""},
      {"a server that stalls: timeout, retried once",
       [](const HttpRequest&, int) {
         HttpResponse r{200, "OK", {}, kFeed};
         r.stall = 120s;  // cut short when the server stops at the end of the row
         return r;
       },
       "/stall",
       {},
       short_timeout,
       FetchResult::Status::failed,
       0,
       2,
       "",
       "timed out"},
      {"a redirect is followed",
       [](const HttpRequest& req, int) {
         if (req.target == "/old")
           return HttpResponse{301, "Moved Permanently", {{"Location", "/new"}}};
         return HttpResponse{200, "OK", {}, "moved here"};
       },
       "/old",
       {},
       quick(),
       FetchResult::Status::ok,
       200,
       1,
       "moved here",
       ""},
      {"a redirect loop ends",
       [](const HttpRequest& req, int) {
         return HttpResponse{302, "Found", {{"Location", req.target == "/a" ? "/b" : "/a"}}};
       },
       "/a",
       {},
       one_redirect,
       FetchResult::Status::failed,
       302,
       1,
       "",
       "/a: "},
      {"a redirect to file:// is refused",
       [](const HttpRequest&, int) {
         return HttpResponse{302, "Found", {{"Location", "file:///etc/passwd"}}};
       },
       "/sneaky",
       {},
       quick(),
       FetchResult::Status::failed,
       302,
       1,
       "",
       "refused"},
  };
  for (const Row& row : rows) {
    BOOST_TEST_CONTEXT(row.name) {
      LocalHttpServer server(row.handler);
      const FetchResult r = fetch(server.url(row.target), row.previous, row.options);
      BOOST_TEST(dualdex::fetch::to_string(r.status) == dualdex::fetch::to_string(row.status));
      BOOST_TEST(r.http_code == row.http_code);
      BOOST_TEST(r.attempts == row.attempts);
      BOOST_TEST(server.count(row.target) == row.attempts);
      BOOST_TEST(r.body == row.body);
      if (row.error_has.empty()) {
        BOOST_TEST(r.error == "");
      } else {
        BOOST_TEST(r.error.find(row.error_has) != std::string::npos, r.error);
        BOOST_TEST(r.error.rfind(server.url(row.target), 0) == 0, r.error);  // names the URL
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(conditional_get_sends_and_keeps_validators) {
  LocalHttpServer server(conditional);
  const FetchResult first = fetch(server.url("/feed"), {}, quick());
  BOOST_TEST(first.validators.etag == kEtag);
  BOOST_TEST(first.validators.last_modified == kLastModified);
  BOOST_TEST(first.content_type == "application/rss+xml");
  const FetchResult second = fetch(server.url("/feed"), first.validators, quick());
  BOOST_TEST(dualdex::fetch::to_string(second.status) == std::string("not-modified"));
  BOOST_TEST(second.body.empty());
  // The 304 repeated only the ETag: the previous Last-Modified is kept.
  BOOST_TEST(second.validators.etag == kEtag);
  BOOST_TEST(second.validators.last_modified == kLastModified);
  const auto requests = server.requests();
  BOOST_REQUIRE(requests.size() == 2u);
  BOOST_TEST(requests[0].header("If-None-Match") == "");
  BOOST_TEST(requests[0].header("If-Modified-Since") == "");
  BOOST_TEST(requests[1].header("If-None-Match") == kEtag);
  BOOST_TEST(requests[1].header("If-Modified-Since") == kLastModified);
  BOOST_TEST(requests[1].header("User-Agent").rfind("dualdex/", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(redirect_reports_the_final_url) {
  LocalHttpServer server([](const HttpRequest& req, int) {
    if (req.target == "/old") return HttpResponse{302, "Found", {{"Location", "/new"}}};
    return HttpResponse{200, "OK", {}, "here"};
  });
  const FetchResult r = fetch(server.url("/old"), {}, quick());
  BOOST_TEST(r.effective_url == server.url("/new"));
  BOOST_TEST(server.count("/new") == 1);
}

BOOST_AUTO_TEST_CASE(refuses_other_schemes_before_any_request) {
  struct SchemeRow {
    std::string url;
    std::string error_has;
  };
  const SchemeRow rows[] = {
      {"file:///etc/passwd", "scheme 'file'"},
      {"FILE:///etc/passwd", "scheme 'file'"},
      {"ftp://127.0.0.1/feed.xml", "scheme 'ftp'"},
      {"gopher://127.0.0.1/", "scheme 'gopher'"},
      {"/etc/passwd", "no scheme"},
      {"127.0.0.1:8080/feed", "no scheme"},
      {"localhost:8080/feed", "scheme 'localhost'"},
      {"", "no scheme"},
  };
  for (const auto& row : rows) {
    BOOST_TEST_CONTEXT(row.url) {
      const FetchResult r = fetch(row.url, {}, quick());
      BOOST_TEST(dualdex::fetch::to_string(r.status) == std::string("failed"));
      BOOST_TEST(r.attempts == 0);
      BOOST_TEST(r.body.empty());
      BOOST_TEST(r.error.rfind(row.url + ": refused", 0) == 0u, r.error);
      BOOST_TEST(r.error.find(row.error_has) != std::string::npos, r.error);
    }
  }
  BOOST_TEST(dualdex::fetch::is_fetchable_url("HTTPS://example.org/feed"));
  BOOST_TEST(!dualdex::fetch::is_fetchable_url("file:///etc/passwd"));
}

BOOST_AUTO_TEST_CASE(connection_refused_is_retried_and_named) {
  int port = 0;
  {
    LocalHttpServer closed([](const HttpRequest&, int) { return HttpResponse{}; });
    port = closed.port();
  }  // nothing listens there any more
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/feed";
  const FetchResult r = fetch(url, {}, quick(2));
  BOOST_TEST(dualdex::fetch::to_string(r.status) == std::string("failed"));
  BOOST_TEST(r.attempts == 3);
  BOOST_TEST(r.error.rfind(url + ": ", 0) == 0u, r.error);
  BOOST_TEST(r.error.find("gave up after 3 attempts") != std::string::npos, r.error);
}

BOOST_AUTO_TEST_CASE(credentials_are_masked_in_messages) {
  LocalHttpServer server([](const HttpRequest&, int) { return HttpResponse{401, "Unauthorized"}; });
  const std::string url =
      "http://reader:s3cret@127.0.0.1:" + std::to_string(server.port()) + "/feed";
  const FetchResult r = fetch(url, {}, quick());
  BOOST_TEST(r.http_code == 401);
  BOOST_TEST(r.error.find("s3cret") == std::string::npos, r.error);
  BOOST_TEST(r.error.find("http://***@127.0.0.1:") == 0u, r.error);
}

BOOST_AUTO_TEST_CASE(many_threads_at_once) {
  LocalHttpServer server(conditional);
  std::vector<FetchResult> results(8);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] { results[i] = fetch(server.url("/feed"), {}, quick()); });
  }
  for (auto& t : threads) t.join();
  for (const auto& r : results) {
    BOOST_TEST(dualdex::fetch::to_string(r.status) == std::string("ok"));
    BOOST_TEST(r.body == kFeed);
  }
}
