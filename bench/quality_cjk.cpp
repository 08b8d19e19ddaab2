// Chinese and Japanese retrieval quality (see docs/QUALITY.md): dualdex (ICU word
// segmentation, ingest/cjk.hpp) against Xapian's own character n-grams (FLAG_CJK_NGRAM) on
// the same documents and queries, in the same run.
//
//   quality_cjk INDEX QUERIES.tsv WORK_DIR [--details]
//
// INDEX is a dualdex index of corpus/cjk and the Chinese passages of the cn-notices digests
// (bench/cjk_quality.sh builds it). The baseline index is built in WORK_DIR from the same
// articles as INDEX stores them (title and normalized text, read back from the index), so
// both systems see the same words; its document data is the dualdex id. Both are queried
// with AND between words, English stemming (STEM_SOME), top 20; dualdex lists
// near-duplicates one by one (show_duplicates) so that both are judged on every document.
// "dualdex collapsed" (the CLI's default, one hit per story) is shown for information.
//
// QUERIES.tsv: "id<TAB>lang<TAB>query<TAB>relevant paths separated by spaces", '#' lines
// are comments. A path corpus/cjk/F is the dualdex id file:cjk/F, cn-notices/P is
// file:cn-notices/P.txt (the passages file written for P).
//
// Prints P@5, R@20 (macro-averaged over queries, all and per language), queries with no
// hit, index bytes (after commit, and compacted) and the median query time; --details adds
// each query's hits and misses. Exit 0 on success, 1 on an index error, 2 on bad arguments.
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "dualdex/index/database.hpp"
#include "dualdex/index/schema.hpp"
#include "dualdex/index/stored.hpp"
#include "dualdex/ingest/cjk.hpp"
#include "dualdex/query/search.hpp"

namespace fs = std::filesystem;
namespace schema = dualdex::index::schema;

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kTop = 20;         // hits looked at (recall at 20)
constexpr std::size_t kPrecisionAt = 5;  // precision at 5

struct Judged {
  std::string id, lang, query;
  std::vector<std::string> relevant;  ///< dualdex ids, in the order of the file
};

struct Article {
  std::string id, title, text;
};

/// One system's answer to one query.
struct Answer {
  std::vector<std::string> ids;  ///< top kTop, best first
  std::size_t total = 0;         ///< Xapian's estimate of all matches
  double ms = 0;
  std::string parsed;  ///< what the query parser was given or made of it
};

struct Scores {
  std::size_t queries = 0, zero_hits = 0;
  double precision = 0, recall = 0;  ///< sums over queries
};

std::string judged_id(const std::string& path) {
  static const std::string kCorpus = "corpus/", kNotices = "cn-notices/";
  if (path.rfind(kCorpus, 0) == 0) return "file:" + path.substr(kCorpus.size());
  if (path.rfind(kNotices, 0) == 0) return "file:" + path + ".txt";
  throw std::runtime_error("judged path '" + path + "' is neither corpus/… nor cn-notices/…");
}

std::vector<Judged> load_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<Judged> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string field; std::getline(ss, field, '\t');) f.push_back(field);
    if (f.size() != 4) throw std::runtime_error(path + ": not 4 fields: " + line);
    Judged j{f[0], f[1], f[2], {}};
    std::stringstream rel(f[3]);
    for (std::string p; rel >> p;) j.relevant.push_back(judged_id(p));
    out.push_back(std::move(j));
  }
  return out;
}

// Every article of the dualdex index as it stores it.
std::vector<Article> load_articles(const std::string& index_path) {
  const Xapian::Database db = dualdex::index::open_for_reading(index_path);
  const std::string term = schema::filter_term(schema::kKind, "lower", "article");
  std::vector<Article> out;
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
    const auto d = dualdex::index::parse_stored(db.get_document(*it).get_data());
    out.push_back({d.id, d.title, d.text});
  }
  return out;
}

// The baseline index: dualdex's field layout (title prefixed S, then the title and each
// block of the text unprefixed, 100 positions apart), Xapian's n-grams instead of words.
void build_baseline(const std::vector<Article>& articles, const std::string& path) {
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator tg;
  tg.set_stemmer(Xapian::Stem("english"));
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  tg.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  for (const Article& a : articles) {
    Xapian::Document doc;
    doc.set_data(a.id);
    tg.set_document(doc);
    tg.index_text(a.title, 1, std::string(schema::kTitle));
    tg.increase_termpos(100);
    tg.index_text(a.title);
    for (std::size_t start = 0; start <= a.text.size();) {
      std::size_t end = a.text.find("\n\n", start);
      if (end == std::string::npos) end = a.text.size();
      tg.increase_termpos(100);
      tg.index_text(a.text.substr(start, end - start));
      start = end + 2;
    }
    const std::string uid = schema::uid_term(a.id);
    doc.add_boolean_term(uid);
    db.replace_document(uid, doc);
  }
  db.commit();
}

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// known: whether the dualdex index has a term, as the searcher asks segment_query.
Answer ask_dualdex(const dualdex::query::Searcher& searcher, const Xapian::Database& db,
                   const std::string& q, bool show_duplicates) {
  dualdex::query::SearchOptions o;  // default kinds: articles only, like the baseline
  o.query = q;
  o.limit = kTop;
  o.show_duplicates = show_duplicates;
  Answer a;
  const auto t = Clock::now();
  const auto r = searcher.search(o);
  a.ms = ms_since(t);
  a.total = r.total;
  for (const auto& h : r.hits) a.ids.push_back(h.id);
  // What the searcher gives Xapian's parser (query_builder.cpp does the same).
  a.parsed = dualdex::ingest::segment_query(
      q, [&db](std::string_view w) { return db.term_exists(std::string(w)); });
  return a;
}

Answer ask_ngram(const Xapian::Database& db, const std::string& q) {
  Answer a;
  const auto t = Clock::now();
  Xapian::QueryParser qp;
  qp.set_database(db);
  qp.set_stemmer(Xapian::Stem("english"));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  qp.set_default_op(Xapian::Query::OP_AND);
  const Xapian::Query query =
      qp.parse_query(q, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_CJK_NGRAM);
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  const Xapian::MSet mset = enquire.get_mset(0, kTop);
  for (auto it = mset.begin(); it != mset.end(); ++it)
    a.ids.push_back(it.get_document().get_data());
  a.ms = ms_since(t);
  a.total = mset.get_matches_estimated();
  a.parsed = query.get_description();
  return a;
}

std::size_t relevant_in(const Answer& a, const std::set<std::string>& relevant, std::size_t n) {
  std::size_t k = 0;
  for (std::size_t i = 0; i < a.ids.size() && i < n; ++i) k += relevant.count(a.ids[i]);
  return k;
}

void add(Scores& s, const Answer& a, const std::set<std::string>& relevant) {
  ++s.queries;
  if (a.ids.empty()) ++s.zero_hits;
  s.precision += static_cast<double>(relevant_in(a, relevant, kPrecisionAt)) / kPrecisionAt;
  s.recall += static_cast<double>(relevant_in(a, relevant, kTop)) / relevant.size();
}

double mean(double sum, std::size_t n) {
  return n == 0 ? 0 : sum / static_cast<double>(n);
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t m = v.size() / 2;
  return v.size() % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/// Bytes of each Xapian table of a database directory ("postlist", "position", ...), and
/// "total" for every file in it.
std::map<std::string, std::uintmax_t> table_bytes(const std::string& dir) {
  std::map<std::string, std::uintmax_t> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    const std::string name = e.path().filename().string();
    const std::string table = name.substr(0, name.find('.'));
    const bool known =
        table == "postlist" || table == "position" || table == "termlist" || table == "docdata";
    out[known ? table : "other"] += e.file_size();
    out["total"] += e.file_size();
  }
  return out;
}

std::map<std::string, std::uintmax_t> compacted_bytes(const std::string& from,
                                                      const std::string& to) {
  fs::remove_all(to);
  Xapian::Database(from).compact(to);
  return table_bytes(to);
}

std::string short_id(const std::string& id) {
  return id.rfind("file:", 0) == 0 ? id.substr(5) : id;
}

void print_details(const Judged& j, const std::string& name, const Answer& a,
                   const std::set<std::string>& relevant) {
  std::printf("  %-8s P@5 %.2f  R@20 %.2f  matches %zu  | %s\n", name.c_str(),
              static_cast<double>(relevant_in(a, relevant, kPrecisionAt)) / kPrecisionAt,
              static_cast<double>(relevant_in(a, relevant, kTop)) / relevant.size(), a.total,
              a.parsed.c_str());
  for (std::size_t i = 0; i < a.ids.size() && i < kPrecisionAt; ++i) {
    std::printf("      %zu %s %s\n", i + 1, relevant.count(a.ids[i]) ? "+" : "-",
                short_id(a.ids[i]).c_str());
  }
  for (std::size_t i = kPrecisionAt; i < a.ids.size(); ++i) {
    if (relevant.count(a.ids[i]))
      std::printf("     %2zu + %s\n", i + 1, short_id(a.ids[i]).c_str());
  }
  for (const auto& r : j.relevant) {
    if (std::find(a.ids.begin(), a.ids.end(), r) == a.ids.end())
      std::printf("      missed %s\n", short_id(r).c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: quality_cjk INDEX QUERIES.tsv WORK_DIR [--details]\n";
    return 2;
  }
  const std::string index = argv[1], work = argv[3];
  const bool details = argc > 4 && std::string(argv[4]) == "--details";
  std::vector<Judged> queries;
  try {
    queries = load_queries(argv[2]);
  } catch (const std::exception& e) {
    std::cerr << "quality_cjk: " << e.what() << '\n';
    return 2;
  }
  try {
    const std::vector<Article> articles = load_articles(index);
    std::set<std::string> known;
    for (const auto& a : articles) known.insert(a.id);
    for (const auto& j : queries) {
      for (const auto& r : j.relevant) {
        if (!known.count(r))
          std::cerr << "quality_cjk: " << j.id << ": " << r << " not in the index\n";
      }
    }
    const std::string baseline_path = (fs::path(work) / "xapian-ngram-index").string();
    build_baseline(articles, baseline_path);
    const Xapian::Database baseline(baseline_path);
    const dualdex::query::Searcher searcher(index);
    const Xapian::Database ours_db = dualdex::index::open_for_reading(index);

    const std::vector<std::string> systems = {"dualdex", "dualdex collapsed", "xapian ngram",
                                              "ideal"};
    std::map<std::string, std::map<std::string, Scores>> scores;  // system → all|zh|ja
    std::map<std::string, std::vector<double>> times;
    struct Shortfall {
      double ours, theirs;
      std::string id;
    };
    std::vector<Shortfall> shortfall;  // --details
    for (const auto& j : queries) {
      const std::set<std::string> relevant(j.relevant.begin(), j.relevant.end());
      // A first untimed run of each warms the caches; the second is timed.
      ask_dualdex(searcher, ours_db, j.query, true);
      ask_ngram(baseline, j.query);
      const std::map<std::string, Answer> answers = {
          {"dualdex", ask_dualdex(searcher, ours_db, j.query, true)},
          {"dualdex collapsed", ask_dualdex(searcher, ours_db, j.query, false)},
          {"xapian ngram", ask_ngram(baseline, j.query)}};
      // The best any ranking can do: every relevant document first.
      Answer ideal;
      ideal.ids = j.relevant;
      add(scores["ideal"]["all"], ideal, relevant);
      add(scores["ideal"][j.lang], ideal, relevant);
      for (const auto& [name, a] : answers) {
        add(scores[name]["all"], a, relevant);
        add(scores[name][j.lang], a, relevant);
        times[name].push_back(a.ms);
      }
      if (details) {
        std::printf("%s [%s] %s  (%zu relevant)\n", j.id.c_str(), j.lang.c_str(), j.query.c_str(),
                    relevant.size());
        print_details(j, "dualdex", answers.at("dualdex"), relevant);
        print_details(j, "ngram", answers.at("xapian ngram"), relevant);
        // How far each system is from the best ranking (P@5 and R@20 lost), to list the
        // worst queries and the differences at the end.
        auto lost = [&](const Answer& a) {
          return static_cast<double>(relevant_in(ideal, relevant, kPrecisionAt) -
                                     relevant_in(a, relevant, kPrecisionAt)) /
                     kPrecisionAt +
                 static_cast<double>(relevant_in(ideal, relevant, kTop) -
                                     relevant_in(a, relevant, kTop)) /
                     relevant.size();
        };
        shortfall.push_back({lost(answers.at("dualdex")), lost(answers.at("xapian ngram")), j.id});
      }
    }
    if (details) {
      std::sort(shortfall.begin(), shortfall.end(),
                [](const auto& a, const auto& b) { return a.ours > b.ours; });
      std::printf("\nP@5 + R@20 lost against the best ranking (dualdex / ngram), worst first:\n");
      for (const auto& s : shortfall) {
        if (s.ours > 0 || s.theirs > 0)
          std::printf("  %s  %.2f / %.2f%s\n", s.id.c_str(), s.ours, s.theirs,
                      s.ours < s.theirs   ? "  (dualdex better)"
                      : s.ours > s.theirs ? "  (ngram better)"
                                          : "");
      }
    }

    const auto ours = table_bytes(index), theirs = table_bytes(baseline_path);
    const auto ours_c = compacted_bytes(index, (fs::path(work) / "dualdex-compact").string());
    const auto theirs_c =
        compacted_bytes(baseline_path, (fs::path(work) / "xapian-ngram-compact").string());
    std::printf("\n%zu articles, %zu queries (zh %zu, ja %zu)\n\n", articles.size(),
                scores["dualdex"]["all"].queries, scores["dualdex"]["zh"].queries,
                scores["dualdex"]["ja"].queries);
    std::printf(
        "| system | P@5 | R@20 | zh P@5 | zh R@20 | ja P@5 | ja R@20 | zero-hit queries | "
        "p50 ms |\n|---|---|---|---|---|---|---|---|---|\n");
    nlohmann::ordered_json summary;
    for (const auto& name : systems) {
      auto& s = scores[name];
      auto p = [&](const char* k) { return mean(s[k].precision, s[k].queries); };
      auto r = [&](const char* k) { return mean(s[k].recall, s[k].queries); };
      char ms[32] = "-";
      if (!times[name].empty()) std::snprintf(ms, sizeof ms, "%.3f", median(times[name]));
      std::printf("| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %zu | %s |\n", name.c_str(),
                  p("all"), r("all"), p("zh"), r("zh"), p("ja"), r("ja"), s["all"].zero_hits, ms);
      summary[name] = {{"p5", p("all")},
                       {"r20", r("all")},
                       {"zh_p5", p("zh")},
                       {"zh_r20", r("zh")},
                       {"ja_p5", p("ja")},
                       {"ja_r20", r("ja")},
                       {"zero_hits", s["all"].zero_hits},
                       {"p50_ms", median(times[name])}};
    }
    std::printf(
        "\n| index | total bytes | postlist | position | termlist | docdata | other | "
        "compacted |\n|---|---|---|---|---|---|---|---|\n");
    auto row = [](const char* name, std::map<std::string, std::uintmax_t> b, std::uintmax_t c) {
      std::printf("| %s | %ju | %ju | %ju | %ju | %ju | %ju | %ju |\n", name, b["total"],
                  b["postlist"], b["position"], b["termlist"], b["docdata"], b["other"], c);
    };
    row("dualdex (articles + statements + measures)", ours, ours_c.at("total"));
    row("xapian ngram (articles)", theirs, theirs_c.at("total"));
    summary["index_bytes"] = {{"dualdex", ours.at("total")},
                              {"dualdex_compacted", ours_c.at("total")},
                              {"xapian_ngram", theirs.at("total")},
                              {"xapian_ngram_compacted", theirs_c.at("total")}};
    std::printf("\n%s\n", summary.dump().c_str());
  } catch (const Xapian::Error& e) {
    std::cerr << "quality_cjk: " << e.get_description() << '\n';
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "quality_cjk: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
