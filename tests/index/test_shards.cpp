// Shards (issue 8): one database, 3 local shards (by hash and by year) and 3 shards
// behind 3 xapian-tcpsrv processes on 127.0.0.1 give the same results; a shard server
// killed: the error naming it, then --allow-partial; a nightly run into shards.
#define BOOST_TEST_MODULE shards
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

#include "dualdex/index/shards.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/query/link.hpp"
#include "dualdex/query/search.hpp"
#include "reliability.hpp"
#include "test_support.hpp"

using namespace dualdex;
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

constexpr const char* kTcpsrv = "/usr/bin/xapian-tcpsrv";

// The shipped corpus, ingested like the README's main job.
std::string corpus_args() {
  const fs::path c = test::source_dir() / "corpus";
  std::string args;
  for (const char* d : {"lists", "news", "regulatory", "statements", "feeds", "instruments", "cjk"})
    args += " " + test::quote((c / d).string());
  return args;
}

void ingest(const fs::path& index, const std::string& layout) {
  const auto r = test::run_cli("ingest --quiet --index " + test::quote(index.string()) + " " + layout + corpus_args());
  BOOST_TEST_REQUIRE(r.exit_code == 0, "ingest " << layout << ": " << r.err);
}

// A port nobody listens on now (the kernel's pick for a socket bound to port 0).
unsigned free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t n = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &n);
  ::close(fd);
  return ntohs(a.sin_port);
}

// One xapian-tcpsrv serving a shard on 127.0.0.1, stopped with the object.
struct Server {
  unsigned port = 0;
  std::unique_ptr<test::Child> child;
  Server(const fs::path& shard, const fs::path& logs) {
    port = free_port();
    child = std::make_unique<test::Child>(
        std::vector<std::string>{kTcpsrv, "--interface", "127.0.0.1", "--port", std::to_string(port), shard.string()},
        logs / ("tcpsrv-" + std::to_string(port) + ".out"), logs / ("tcpsrv-" + std::to_string(port) + ".err"));
    index::ShardSpec spec{"probe", "127.0.0.1:" + std::to_string(port), true, 0};
    const bool up = test::wait_until(
        [&] {
          try {
            index::open_shard(spec, 2000);
            return true;
          } catch (const std::exception&) {
            return false;
          }
        },
        std::chrono::seconds(20), std::chrono::milliseconds(50));
    BOOST_TEST_REQUIRE(up, "xapian-tcpsrv on port " << port << " did not start");
  }
  std::string line() const { return "remote 127.0.0.1:" + std::to_string(port); }
};

// Everything a search answers, for comparison, but the snippet's passage: Xapian picks
// it by bounds on term weights that each shard computes for itself (docs/SCALING.md,
// limits). Whether a snippet highlights is compared.
Json as_json(const query::SearchResult& r) {
  Json hits = Json::array();
  for (const auto& h : r.hits) {
    hits.push_back({{"id", h.id}, {"kind", h.kind}, {"title", h.title}, {"date", h.date}, {"score", h.score},
                    {"highlights", h.snippet.find("<b>") != std::string::npos}, {"dup_of", h.dup_of}, {"duplicates", h.duplicates},
                    {"countries", h.countries}, {"agencies", h.agencies}, {"items", h.items}, {"codes", h.codes},
                    {"links", h.links}, {"status", h.status ? h.status->status + "|" + h.status->since + "|" + h.status->by : std::string()}});
  }
  Json facets = Json::object();
  for (const auto& [name, counts] : r.facets) {
    Json c = Json::array();
    for (const auto& [v, n] : counts) c.push_back({v, n});
    facets[name] = c;
  }
  return {{"total", r.total}, {"exact", r.total_exact}, {"hits", hits}, {"facets", facets}};
}

query::SearchOptions make(const std::string& q, std::vector<query::FilterValue> filters = {}, std::string since = "",
                          std::string until = "", query::SortOrder sort = query::SortOrder::relevance,
                          bool facets = false, std::size_t limit = 10, std::size_t offset = 0) {
  query::SearchOptions o;
  o.query = q;
  o.filters = std::move(filters);
  o.since = std::move(since);
  o.until = std::move(until);
  o.sort = sort;
  o.facets = facets;
  o.limit = limit;
  o.offset = offset;
  return o;
}

// The fixed set: words, phrases, boolean operators, every filter kind, date ranges,
// both sort orders, facets, paging, collapsed and listed near-duplicates, CJK.
std::vector<query::SearchOptions> fixed_queries() {
  using query::SortOrder;
  std::vector<query::SearchOptions> q = {
      make("gallium"),
      make("rare earths", {}, "", "", SortOrder::relevance, true),
      make("\"export control\""),
      make("export ban", {}, "", "", SortOrder::relevance, true, 20),
      make("MOFCOM"),
      make("semiconductor OR chips", {}, "", "", SortOrder::date, false, 15),
      make("licence NOT gallium"),
      make("", {{"country", "JP"}}, "", "", SortOrder::date, true, 25),
      make("", {{"kind", "measure"}}, "", "", SortOrder::relevance, true, 30),
      make("", {{"kind", "statement"}}, "2025", "", SortOrder::date, true),
      make("export", {{"agency", "CN.MOFCOM"}}, "2025-01", "2026-06", SortOrder::relevance, true),
      make("", {{"item", "gallium"}}, "", "", SortOrder::date, true, 40),
      make("", {{"item", "rare-earths"}}, "2024", "2025", SortOrder::date),
      make("", {{"code", "3B001"}}),
      make("", {{"list", "eu-2021-821"}}, "", "", SortOrder::relevance, true, 20, 10),
      make("", {{"lang", "zh"}}, "", "", SortOrder::date, true),
      make("", {{"lang", "ja"}}, "", "", SortOrder::relevance, true),
      make("", {{"source", "harbourtimes.example"}}, "", "", SortOrder::date, false, 50),
      make("", {{"instrument", "MOFCOM-2026-1"}}),
      make("drones", {{"country", "CN"}}, "2024-06", "", SortOrder::relevance, true),
      make("military end users", {{"country", "JP"}, {"kind", "measure"}}),
      make("title:gallium"),
      make("germanium", {}, "2023-07", "2023-08", SortOrder::date),
      make("antimony", {}, "", "", SortOrder::relevance, false, 10, 0),
      make("export", {}, "", "", SortOrder::relevance, false, 10, 20),
      make("export", {}, "", "", SortOrder::date, true, 10, 5),
      make("商务部"),
      make("稀土 出口", {}, "", "", SortOrder::relevance, true),
      make("輸出管理"),
      make("graphite anode", {}, "2023", "2026"),
      make("Netherlands lithography"),
      make("", {}, "2026-01-01", "2026-01-31", SortOrder::date, true, 50),
      make("", {{"kind", "entry"}}, "", "", SortOrder::relevance, true, 20, 40),
      make("in-force-on:2026-02-01 gallium"),
      make("ministry said", {}, "", "", SortOrder::relevance, true, 100),
  };
  query::SearchOptions dups = make("gallium");
  dups.show_duplicates = true;
  q.push_back(dups);
  return q;
}

// Where two results part: "hits/3/id: a | b".
std::string first_difference(const Json& a, const Json& b) {
  const auto patch = nlohmann::json::diff(nlohmann::json::parse(a.dump()), nlohmann::json::parse(b.dump()));
  if (patch.empty()) return "none";
  const std::string path = patch[0]["path"];
  const auto ptr = nlohmann::json::json_pointer(path);
  const auto ja = nlohmann::json::parse(a.dump()), jb = nlohmann::json::parse(b.dump());
  return path + ": " + (ja.contains(ptr) ? ja[ptr].dump() : "-") + " | " + (jb.contains(ptr) ? jb[ptr].dump() : "-");
}

void expect_same(const std::string& reference, const std::string& other, const std::vector<query::SearchOptions>& queries,
                 const query::OpenOptions& open = {}) {
  const query::Searcher a(reference), b(other, open);
  for (std::size_t i = 0; i < queries.size(); ++i) {
    const Json ja = as_json(a.search(queries[i])), jb = as_json(b.search(queries[i]));
    BOOST_TEST(ja == jb, "query " << i << " '" << queries[i].query << "' differs on " << other << ": "
                                  << first_difference(ja, jb));
  }
}

// Set up once: one database, 3 shards by hash, shards by year.
struct Indexes {
  test::TempDir dir;
  fs::path one, three, years;
  Indexes() : one(dir.path / "one"), three(dir.path / "three"), years(dir.path / "years") {
    ingest(one, "");
    ingest(three, "--shards 3");
    ingest(years, "--shard-by year");
  }
};

Indexes& indexes() {
  static Indexes i;
  return i;
}

std::string write_stub(const fs::path& file, const std::vector<std::string>& lines) {
  std::ofstream out(file);
  for (const auto& l : lines) out << l << '\n';
  return file.string();
}

}  // namespace

BOOST_AUTO_TEST_CASE(queries_fixed_set_has_thirty_or_more) { BOOST_TEST(fixed_queries().size() >= 30u); }

BOOST_AUTO_TEST_CASE(shard_routing_is_stable_and_spread) {
  const index::ShardLayout three{index::ShardScheme::hash, 3};
  std::map<std::string, int> seen;
  for (int i = 0; i < 300; ++i) {
    const std::string id = "file:news/story-" + std::to_string(i) + ".html";
    const std::string s = index::shard_name_for(three, id, "");
    BOOST_TEST(s == index::shard_name_for(three, id, "2026-01-08"));  // the date plays no part
    ++seen[s];
  }
  BOOST_TEST(seen.size() == 3u);
  for (const auto& [name, n] : seen) BOOST_TEST(n > 60, name << " holds " << n << " of 300");
  const index::ShardLayout years{index::ShardScheme::year, 1};
  BOOST_TEST(index::shard_name_for(years, "x", "2025-12-01") == "2025");
  BOOST_TEST(index::shard_name_for(years, "x", "2024") == "2024");
  BOOST_TEST(index::shard_name_for(years, "x", "") == "undated");
}

BOOST_AUTO_TEST_CASE(stub_lines_are_read_like_xapian) {
  test::TempDir dir;
  const std::string stub = write_stub(dir.path / "index.stub",
                                      {"# comment", "auto shard-0", "glass /srv/x/shard-1", "remote 10.0.0.5:33333",
                                       "remote :ssh box xapian-progsrv /srv/s2", "", "plain-path"});
  const auto shards = index::read_stub(stub);
  BOOST_TEST_REQUIRE(shards.size() == 5u);
  BOOST_TEST(shards[0].location == (dir.path / "shard-0").string());
  BOOST_TEST(shards[1].location == "/srv/x/shard-1");
  BOOST_TEST(shards[2].remote);
  BOOST_TEST(shards[2].location == "10.0.0.5:33333");
  BOOST_TEST(shards[3].location == ":ssh box xapian-progsrv /srv/s2");
  BOOST_TEST(shards[4].location == (dir.path / "plain-path").string());
  BOOST_TEST(shards[4].line == 7);
  write_stub(dir.path / "bad.stub", {"auto a", "tcp 10.0.0.5 33333"});
  BOOST_CHECK_EXCEPTION(index::read_stub((dir.path / "bad.stub").string()), IndexError, [](const IndexError& e) {
    return std::string(e.what()).find("bad.stub:2") != std::string::npos;
  });
}

BOOST_AUTO_TEST_CASE(local_shards_answer_like_one_database) {
  auto& ix = indexes();
  BOOST_TEST(index::read_stub((ix.three / index::kStubFileName).string()).size() == 3u);
  BOOST_TEST(index::read_stub((ix.years / index::kStubFileName).string()).size() > 3u);
  const query::Searcher one(ix.one.string()), three(ix.three.string()), years(ix.years.string());
  BOOST_TEST(one.document_count() == three.document_count());
  BOOST_TEST(one.document_count() == years.document_count());
  expect_same(ix.one.string(), ix.three.string(), fixed_queries());
  expect_same(ix.one.string(), ix.years.string(), fixed_queries());
}

BOOST_AUTO_TEST_CASE(reingest_goes_to_the_same_shards) {
  auto& ix = indexes();
  const auto before = index::shard_statuses(ix.three.string());
  const auto r = test::run_cli("ingest --index " + test::quote(ix.three.string()) + corpus_args());
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.err.find(" 0 added, 0 replaced") != std::string::npos, r.err);
  const auto after = index::shard_statuses(ix.three.string());
  BOOST_TEST_REQUIRE(before.size() == after.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    BOOST_TEST(before[i].documents == after[i].documents);
    BOOST_TEST(before[i].revision == after[i].revision, before[i].spec.name << ": nothing changed, no commit");
  }
  // A layout cannot change under an existing index.
  const auto other = test::run_cli("ingest --quiet --shards 4 --index " + test::quote(ix.three.string()) + corpus_args());
  BOOST_TEST(other.exit_code == 3);
  BOOST_TEST(other.err.find("3 shards by hash") != std::string::npos, other.err);
}

BOOST_AUTO_TEST_CASE(remote_shards_answer_like_one_database_then_one_dies) {
  auto& ix = indexes();
  test::TempDir logs;
  std::vector<std::unique_ptr<Server>> servers;
  std::vector<std::string> lines;
  for (int k = 0; k < 3; ++k) {
    servers.push_back(std::make_unique<Server>(ix.three / ("shard-" + std::to_string(k)), logs.path));
    lines.push_back(servers.back()->line());
  }
  const std::string stub = write_stub(logs.path / "remote.stub", lines);
  expect_same(ix.one.string(), stub, fixed_queries());
  // A local and remote mix is one index too.
  const std::string mixed = write_stub(logs.path / "mixed.stub", {"auto " + (ix.three / "shard-0").string(), lines[1], lines[2]});
  expect_same(ix.one.string(), mixed, fixed_queries());

  // Links over remote shards: the same entries, scores and evidence.
  {
    const query::Linker a(ix.one.string(), {}), b(stub, {});
    for (const char* text : {"China bans exports of dual-use items to Japanese military end users",
                             "export licences for gallium and germanium", "unmanned aerial vehicles and their engines"}) {
      BOOST_TEST(query::to_json(a.link_text(text)) == query::to_json(b.link_text(text)), text);
    }
  }
  const auto listed = test::run_cli("shards --format json --index " + test::quote(stub));
  BOOST_TEST(listed.exit_code == 0, listed.err);
  const auto lj = nlohmann::json::parse(listed.out);
  BOOST_TEST(lj["documents"].get<std::size_t>() == query::Searcher(ix.one.string()).document_count());
  for (const auto& s : lj["shards"]) BOOST_TEST(s["revision"].get<unsigned long long>() > 0u);

  // One server dies: a clear error naming it (exit 3), then the others with --allow-partial.
  const std::string dead = "127.0.0.1:" + std::to_string(servers[1]->port);
  servers[1]->child->kill9();
  BOOST_CHECK_EXCEPTION(query::Searcher{stub}, IndexError, [&](const IndexError& e) {
    return std::string(e.what()).find(dead) != std::string::npos;
  });
  const auto failed = test::run_cli("query --index " + test::quote(stub) + " gallium");
  BOOST_TEST(failed.exit_code == 3);
  BOOST_TEST(failed.err.find(dead) != std::string::npos, failed.err);
  BOOST_TEST(failed.err.find("--allow-partial") != std::string::npos, failed.err);

  query::OpenOptions partial;
  partial.allow_partial = true;
  const query::Searcher some(stub, partial);
  BOOST_TEST(some.missing_shards() == std::vector<std::string>{dead});
  const auto all = query::Searcher(ix.one.string()).search(make("", {{"kind", "any"}}, "", "", query::SortOrder::date, true));
  const auto part = some.search(make("", {{"kind", "any"}}, "", "", query::SortOrder::date, true));
  BOOST_TEST(part.missing_shards == std::vector<std::string>{dead});
  BOOST_TEST(part.total > 0u);
  BOOST_TEST(part.total < all.total);
  // What answers is exactly the other two shards.
  const std::string two = write_stub(logs.path / "two.stub", {"auto " + (ix.three / "shard-0").string(), "auto " + (ix.three / "shard-2").string()});
  BOOST_TEST(as_json(part) == as_json(query::Searcher(two).search(make("", {{"kind", "any"}}, "", "", query::SortOrder::date, true))));

  const auto table = test::run_cli("query --allow-partial --index " + test::quote(stub) + " gallium");
  BOOST_TEST(table.exit_code == 0, table.err);
  BOOST_TEST(table.out.find("partial result: shard " + dead + " does not answer") != std::string::npos, table.out);
  const auto json = test::run_cli("query --allow-partial --format json --index " + test::quote(stub) + " gallium");
  BOOST_TEST(json.exit_code == 0);
  BOOST_TEST(nlohmann::json::parse(json.out)["missing_shards"] == nlohmann::json::array({dead}));
  const auto link = test::run_cli("link --allow-partial --format json --index " + test::quote(stub) + " --text 'gallium export licences'");
  BOOST_TEST(link.exit_code == 0, link.err);
  BOOST_TEST(nlohmann::json::parse(link.out)["missing_shards"] == nlohmann::json::array({dead}));
  const auto status = test::run_cli("shards --index " + test::quote(stub));
  BOOST_TEST(status.exit_code == 3);
  BOOST_TEST(status.out.find(dead + "") != std::string::npos);
  BOOST_TEST(status.out.find("DOES NOT ANSWER") != std::string::npos, status.out);
  for (auto& s : servers) s->child->kill9();
  BOOST_CHECK_EXCEPTION(query::Searcher(stub, partial), IndexError, [](const IndexError& e) {
    return std::string(e.what()).find("no shard") != std::string::npos;
  });
}

BOOST_AUTO_TEST_CASE(nightly_into_shards_answers_like_one_database) {
  test::TempDir dir;
  const fs::path c = test::source_dir() / "corpus";
  auto config = [&](const std::string& name, const std::string& layout) {
    const fs::path file = dir.path / (name + ".json");
    std::ofstream(file) << R"({"index": ")" << (dir.path / name / "index").string() << R"(", "state": ")"
                        << (dir.path / name / "state").string() << "\"" << layout << R"(, "sources": [
      {"name": "lists", "paths": [")" << (c / "lists").string() << R"("], "format": "control-list"},
      {"name": "instruments", "paths": [")" << (c / "instruments/instruments.jsonl").string() << R"("]},
      {"name": "news", "paths": [")" << (c / "news").string() << R"(", ")" << (c / "cjk").string() << R"("]},
      {"name": "regulatory", "paths": [")" << (c / "regulatory").string() << R"("]},
      {"name": "statements", "paths": [")" << (c / "statements").string() << R"("]},
      {"name": "wire", "paths": [")" << (c / "feeds").string() << R"("]}]})";
    return test::quote(file.string());
  };
  const std::string plain = config("plain", ""), sharded = config("sharded", R"(, "shards": 3)");
  BOOST_TEST_REQUIRE(test::run_cli("nightly --quiet --config " + plain).exit_code == 0);
  const auto first = test::run_cli("nightly --quiet --config " + sharded);
  BOOST_TEST_REQUIRE(first.exit_code == 0, first.err);
  BOOST_TEST(index::read_stub((dir.path / "sharded/index" / index::kStubFileName).string()).size() == 3u);
  expect_same((dir.path / "plain/index").string(), (dir.path / "sharded/index").string(), fixed_queries());
  // The second run touches no shard.
  const auto before = index::shard_statuses((dir.path / "sharded/index").string());
  BOOST_TEST(test::run_cli("nightly --quiet --config " + sharded).exit_code == 0);
  const auto after = index::shard_statuses((dir.path / "sharded/index").string());
  for (std::size_t i = 0; i < before.size(); ++i) BOOST_TEST(before[i].revision == after[i].revision);
}

BOOST_AUTO_TEST_CASE(a_story_whose_year_changes_moves_shard) {
  test::TempDir dir;
  const fs::path in = dir.path / "in", idx = dir.path / "idx";
  fs::create_directories(in);
  auto page = [&](const std::string& date) {
    std::ofstream(in / "story.html") << "<html><head><title>Gallium licences</title><meta name=\"date\" content=\"" << date
                                     << "\"></head><body><h1>Gallium licences</h1><p>Exporters of gallium need "
                                        "licences, the commerce ministry said.</p></body></html>";
  };
  page("2024-03-01");
  BOOST_TEST_REQUIRE(test::run_cli("ingest --quiet --shard-by year --index " + test::quote(idx.string()) + " " +
                                   test::quote(in.string())).exit_code == 0);
  auto docs_in = [&](const std::string& shard) {
    for (const auto& s : index::shard_statuses(idx.string())) {
      if (s.spec.name == shard) return s.documents;
    }
    return std::size_t{0};
  };
  BOOST_TEST(docs_in("2024") >= 1u);
  page("2025-03-01");
  const auto r = test::run_cli("ingest --quiet --index " + test::quote(idx.string()) + " " + test::quote(in.string()));
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
  BOOST_TEST(docs_in("2024") == 0u);
  BOOST_TEST(docs_in("2025") >= 1u);
  BOOST_TEST(query::Searcher(idx.string()).search(make("gallium")).total == 1u);
}
