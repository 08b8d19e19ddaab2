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

namespace {

using Json = nlohmann::json;

struct Gold {
  std::string list, code;
};

struct Case {
  std::string id, text, style;
  std::vector<Gold> gold;
  std::vector<std::string> accept;
  bool negative = false;
};

struct Score {
  std::size_t positives = 0, negatives = 0;
  double top1 = 0, top1_lenient = 0, recall3 = 0, mrr = 0, abstained_neg = 0, abstained_pos = 0;
};

/// Does link l name gold g (strict), or an accepted parent of it (lenient)?
bool names(const dualdex::query::Link& l, const Gold& g, const std::vector<std::string>& accept, bool lenient) {
  auto same = [&](const std::string& list, const std::string& code) {
    if (list != g.list) return false;
    if (code == g.code) return true;
    if (!lenient) return false;
    for (const auto& a : accept) {
      if (code == a && g.code.compare(0, a.size() + 1, a + ".") == 0) return true;
    }
    return false;
  };
  if (l.code.empty()) return false;
  if (same(l.list, l.code)) return true;
  for (const auto& a : l.also_in) {
    if (same(a.list, a.code)) return true;
  }
  return false;
}

void add(Score& s, const Case& c, const dualdex::query::LinkResult& r) {
  std::vector<const dualdex::query::Link*> links;
  for (const auto& l : r.links) {
    if (!l.code.empty()) links.push_back(&l);
  }
  if (c.negative) {
    ++s.negatives;
    if (r.links.empty()) s.abstained_neg += 1;
    return;
  }
  ++s.positives;
  if (links.empty()) {
    s.abstained_pos += 1;
    return;
  }
  auto any_gold = [&](const dualdex::query::Link* l, bool lenient) {
    for (const auto& g : c.gold) {
      if (names(*l, g, c.accept, lenient)) return true;
    }
    return false;
  };
  if (any_gold(links.front(), false)) s.top1 += 1;
  if (any_gold(links.front(), true)) s.top1_lenient += 1;
  for (std::size_t i = 0; i < links.size(); ++i) {
    if (any_gold(links[i], false)) {
      s.mrr += 1.0 / static_cast<double>(i + 1);
      break;
    }
  }
  double found = 0;
  for (const auto& g : c.gold) {
    for (std::size_t i = 0; i < links.size() && i < 3; ++i) {
      if (names(*links[i], g, c.accept, true)) {
        found += 1;
        break;
      }
    }
  }
  s.recall3 += found / static_cast<double>(c.gold.size());
}

void print(const char* name, const char* split, const Score& s) {
  const double p = s.positives == 0 ? 1 : static_cast<double>(s.positives);
  const double n = s.negatives == 0 ? 1 : static_cast<double>(s.negatives);
  std::printf("| %-14s | %-9s | %3zu | %5.3f | %5.3f | %5.3f | %5.3f | %5.3f (%zu/%zu) | %5.3f |\n", name, split,
              s.positives, s.top1 / p, s.top1_lenient / p, s.recall3 / p, s.mrr / p, s.abstained_neg / n,
              static_cast<std::size_t>(s.abstained_neg), s.negatives, s.abstained_pos / p);
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
  std::ifstream in(argv[2]);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const Json j = Json::parse(line);
    Case c;
    c.id = j["id"];
    c.text = j["text"];
    c.style = j["lang_style"];
    c.negative = j["negative"];
    for (const auto& g : j["gold"]) c.gold.push_back(Gold{g["list"], g["code"]});
    for (const auto& a : j["accept"]) c.accept.push_back(a);
    cases.push_back(std::move(c));
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
        for (const auto& l : r.links) std::cout << ' ' << l.list << ':' << (l.code.empty() ? "*" : l.code) << '(' << l.score << ')';
        if (!r.abstained.empty()) std::cout << " [" << r.abstained << ']';
        std::cout << " | bm25";
        for (std::size_t i = 0; i < rb.links.size() && i < 3; ++i) std::cout << ' ' << rb.links[i].code;
        std::cout << '\n';
      }
    }
    std::printf("| ranker         | split     |   n | top-1 | top-1 lenient | recall@3 | MRR | negatives abstained | positives abstained |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|\n");
    for (const auto& key : {"all", "dev (odd)", "held-out", "style:lay", "style:mixed", "style:regulatory"}) {
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
