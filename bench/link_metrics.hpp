#pragma once
// Scoring the linker against bench/link-gold (docs/QUALITY.md): read the labelled
// measures, and add one ranked answer to a running score. Shared by the quality
// benchmark (bench/quality_link.cpp) and the shared-data test of the linker.
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "dualdex/query/link.hpp"

namespace dualdex::bench {

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
inline bool names(const dualdex::query::Link& l, const Gold& g,
                  const std::vector<std::string>& accept, bool lenient) {
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

inline void add(Score& s, const Case& c, const dualdex::query::LinkResult& r) {
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

/// Reads bench/link-gold/measures.jsonl. Throws std::runtime_error on a bad line.
inline std::vector<Case> load_cases(const std::string& path) {
  std::vector<Case> cases;
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto j = nlohmann::json::parse(line);
    Case c;
    c.id = j.at("id");
    c.text = j.at("text");
    c.style = j.at("lang_style");
    c.negative = j.at("negative");
    for (const auto& g : j.at("gold")) c.gold.push_back(Gold{g.at("list"), g.at("code")});
    for (const auto& a : j.at("accept")) c.accept.push_back(a);
    cases.push_back(std::move(c));
  }
  return cases;
}

}  // namespace dualdex::bench
