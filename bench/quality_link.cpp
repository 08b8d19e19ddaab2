// Linking quality on the labelled measures of bench/link-gold (see docs/QUALITY.md):
// dualdex's linker and plain BM25 (Xapian's default ranking, the measure as the query)
// over the same entries, in the same run.
//
//   quality_link INDEX GOLD.jsonl [--details]
//
// INDEX holds the control lists (bench/link_quality.sh builds it). A link counts for a
// gold entry when its list and code are the gold's, or when it names the gold code in
// another list (also_in). "strict" wants the gold code itself; "lenient" also takes an
// accepted parent (the labeller's `accept`, e.g. 3B001.f for 3B001.f.1).
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dualdex/ingest/knowledge.hpp"
#include "dualdex/query/link.hpp"
#include "link_metrics.hpp"

namespace {

using namespace dualdex::bench;

void print(const char* name, const char* split, const Score& s) {
  const double p = s.positives == 0 ? 1 : static_cast<double>(s.positives);
  const double n = s.negatives == 0 ? 1 : static_cast<double>(s.negatives);
  std::printf("| %-14s | %-9s | %3zu | %5.3f | %5.3f | %5.3f | %5.3f | %5.3f (%zu/%zu) | %5.3f |\n",
              name, split, s.positives, s.top1 / p, s.top1_lenient / p, s.recall3 / p, s.mrr / p,
              s.abstained_neg / n, static_cast<std::size_t>(s.abstained_neg), s.negatives,
              s.abstained_pos / p);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: quality_link INDEX GOLD.jsonl [--details]\n";
    return 2;
  }
  const std::string index = argv[1];
  const bool details = argc > 3 && std::string(argv[3]) == "--details";
  std::vector<Case> cases;
  try {
    cases = load_cases(argv[2]);
  } catch (const std::exception& e) {
    std::cerr << "quality_link: " << e.what() << '\n';
    return 2;
  }
  if (cases.empty()) {
    std::cerr << argv[2] << ": no labelled measures\n";
    return 2;
  }
  try {
    dualdex::query::LinkOptions o;
    o.limit = 5;
    o.knowledge = dualdex::ingest::Knowledge::load(dualdex::ingest::Knowledge::default_dir());
    const dualdex::query::Linker linker(index, o);
    dualdex::query::LinkOptions b = o;
    b.baseline = true;
    const dualdex::query::Linker bm25(index, b);
    std::map<std::string, Score> ours, base;
    for (const auto& c : cases) {
      const auto r = linker.link_text(c.text);
      const auto rb = bm25.link_text(c.text);
      // Odd ids were looked at while tuning the weights; even ids are held out.
      const int number = std::stoi(c.id.substr(1));
      const std::string split = number % 2 == 1 ? "dev (odd)" : "held-out";
      for (const auto& key : {std::string("all"), split, std::string("style:") + c.style}) {
        add(ours[key], c, r);
        add(base[key], c, rb);
      }
      if (details) {
        std::cout << c.id << (c.negative ? " NEG" : "") << " gold";
        for (const auto& g : c.gold) std::cout << ' ' << g.list << ':' << g.code;
        std::cout << " | ours";
        for (const auto& l : r.links)
          std::cout << ' ' << l.list << ':' << (l.code.empty() ? "*" : l.code) << '(' << l.score
                    << ')';
        if (!r.abstained.empty()) std::cout << " [" << r.abstained << ']';
        std::cout << " | bm25";
        for (std::size_t i = 0; i < rb.links.size() && i < 3; ++i)
          std::cout << ' ' << rb.links[i].code;
        std::cout << '\n';
      }
    }
    std::printf(
        "| ranker         | split     |   n | top-1 | top-1 lenient | recall@3 | MRR | negatives "
        "abstained | positives abstained |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|\n");
    for (const auto& key :
         {"all", "dev (odd)", "held-out", "style:lay", "style:mixed", "style:regulatory"}) {
      print("dualdex link", key, ours[key]);
      print("BM25 (Xapian)", key, base[key]);
    }
    std::printf("\nentries: %zu\n", linker.entry_count());
  } catch (const std::exception& e) {
    std::cerr << "quality_link: " << e.what() << '\n';
    return 3;
  }
  return 0;
}
