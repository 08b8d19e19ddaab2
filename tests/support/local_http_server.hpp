#pragma once
// A tiny HTTP/1.1 server on 127.0.0.1 for tests, started inside the test process (no
// python, no network beyond the loopback). One thread accepts, one thread serves each
// connection; every answer closes its connection. A handler scripts the answers:
//
//   LocalHttpServer server([](const HttpRequest& req, int nth) {
//     return nth == 1 ? HttpResponse{500, "Internal Server Error"} : HttpResponse{200, "OK", {},
//     "body"};
//   });
//   fetch(server.url("/feed.xml"));
//
// `nth` counts the requests for the same target (1 for the first). A response may
// stall (wait before answering, cut short when the server stops), or send its body
// without a Content-Length (the end of the body is the end of the connection).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace dualdex::test {

struct HttpRequest {
  std::string method;
  std::string target;                                        ///< "/feed.xml?x=1"
  std::vector<std::pair<std::string, std::string>> headers;  ///< names lower case

  /// Value of a header (name in any case), "" if absent.
  std::string header(std::string_view name) const {
    std::string key(name);
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& [k, v] : headers) {
      if (k == key) return v;
    }
    return {};
  }
};

struct HttpResponse {
  int status = 200;
  std::string reason = "OK";
  std::vector<std::pair<std::string, std::string>> headers{};
  std::string body{};
  bool content_length = true;          ///< false: no Content-Length, close ends the body
  std::chrono::milliseconds stall{0};  ///< wait this long before answering (or until stop)
};

class LocalHttpServer {
 public:
  using Handler = std::function<HttpResponse(const HttpRequest&, int nth)>;

  explicit LocalHttpServer(Handler handler) : m_handler(std::move(handler)) {
    m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_listen < 0) throw std::runtime_error("test server: socket() failed");
    int yes = 1;
    ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;  // any free port
    socklen_t len = sizeof addr;
    if (::bind(m_listen, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(m_listen, 64) != 0 ||
        ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      ::close(m_listen);
      throw std::runtime_error("test server: cannot listen on 127.0.0.1");
    }
    m_port = ntohs(addr.sin_port);
    m_acceptor = std::thread([this] { accept_loop(); });
  }

  ~LocalHttpServer() {
    {
      std::lock_guard lock(m_mutex);
      m_stop = true;
    }
    m_wake.notify_all();
    if (m_acceptor.joinable()) m_acceptor.join();
    std::vector<std::thread> workers;
    {
      std::lock_guard lock(m_mutex);
      workers.swap(m_workers);
    }
    for (auto& w : workers) w.join();
    ::close(m_listen);
  }

  LocalHttpServer(const LocalHttpServer&) = delete;
  LocalHttpServer& operator=(const LocalHttpServer&) = delete;

  int port() const { return m_port; }
  std::string base() const { return "http://127.0.0.1:" + std::to_string(m_port); }
  std::string url(std::string_view target) const { return base() + std::string(target); }

  /// Every request received so far, in order of arrival.
  std::vector<HttpRequest> requests() const {
    std::lock_guard lock(m_mutex);
    return m_requests;
  }

  /// Requests received for one target.
  int count(const std::string& target) const {
    std::lock_guard lock(m_mutex);
    const auto it = m_counts.find(target);
    return it == m_counts.end() ? 0 : it->second;
  }

 private:
  void accept_loop() {
    for (;;) {
      {
        std::lock_guard lock(m_mutex);
        if (m_stop) return;
      }
      pollfd p{m_listen, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      const int fd = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      std::lock_guard lock(m_mutex);
      m_workers.emplace_back([this, fd] { serve(fd); });
    }
  }

  static bool send_all(int fd, std::string_view data) {
    while (!data.empty()) {
      const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;  // the client went away (an aborted transfer)
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  static std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }

  static std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
      s.remove_suffix(1);
    return s;
  }

  static bool parse(const std::string& head, HttpRequest& req) {
    std::size_t pos = head.find("\r\n");
    const std::string_view first = std::string_view(head).substr(0, pos);
    const std::size_t sp1 = first.find(' ');
    const std::size_t sp2 = first.find(' ', sp1 + 1);
    if (sp1 == std::string_view::npos || sp2 == std::string_view::npos) return false;
    req.method = std::string(first.substr(0, sp1));
    req.target = std::string(first.substr(sp1 + 1, sp2 - sp1 - 1));
    while (pos != std::string::npos && pos + 2 < head.size()) {
      const std::size_t start = pos + 2;
      pos = head.find("\r\n", start);
      const std::string_view line = std::string_view(head).substr(start, pos - start);
      const std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      req.headers.emplace_back(lower(std::string(trim(line.substr(0, colon)))),
                               std::string(trim(line.substr(colon + 1))));
    }
    return true;
  }

  void serve(int fd) {
    timeval tv{5, 0};  // a client that sends nothing does not hold the thread forever
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    std::string head;
    char buf[4096];
    while (head.find("\r\n\r\n") == std::string::npos && head.size() < 65536) {
      const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      head.append(buf, static_cast<std::size_t>(n));
    }
    HttpRequest req;
    if (head.find("\r\n\r\n") == std::string::npos || !parse(head, req)) {
      ::close(fd);
      return;
    }
    int nth = 0;
    {
      std::lock_guard lock(m_mutex);
      m_requests.push_back(req);
      nth = ++m_counts[req.target];
    }
    const HttpResponse res = m_handler(req, nth);
    if (res.stall.count() > 0) {
      std::unique_lock lock(m_mutex);
      m_wake.wait_for(lock, res.stall, [this] { return m_stop; });
    }
    std::string out = "HTTP/1.1 " + std::to_string(res.status) + " " + res.reason + "\r\n";
    for (const auto& [k, v] : res.headers) out += k + ": " + v + "\r\n";
    if (res.content_length) out += "Content-Length: " + std::to_string(res.body.size()) + "\r\n";
    out += "Connection: close\r\n\r\n";
    if (send_all(fd, out)) {
      // In pieces, so that a client that stops reading is noticed on the way.
      std::string_view body = res.body;
      while (!body.empty() && send_all(fd, body.substr(0, 16384)))
        body.remove_prefix(std::min<std::size_t>(16384, body.size()));
    }
    ::shutdown(fd, SHUT_WR);
    ::close(fd);
  }

  Handler m_handler;
  int m_listen = -1;
  int m_port = 0;
  std::thread m_acceptor;
  mutable std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stop = false;
  std::vector<std::thread> m_workers;
  std::vector<HttpRequest> m_requests;
  std::map<std::string, int> m_counts;
};

}  // namespace dualdex::test
