// make_big_corpus: N news stories as JSON Lines for the scale and query benchmarks
// (bench/query_latency.sh, bench/ingest_scale.sh), made by varying the Reuters-21578
// stories and the shipped stories of corpus/news (English) and corpus/cjk (Chinese and
// Japanese).
//
//   make_big_corpus N OUT_DIR [--per-file K] [--seed S] [--reuters DIR] [--corpus DIR]
//                             [--mix P] [--news-share F] [--cjk-share F]
//
// Each story starts from a random base story (Reuters; corpus/news with probability
// --news-share, default 0.02; corpus/cjk with --cjk-share, default 0.005), then:
//  - each sentence after the first is replaced, with probability --mix (default 0.4), by
//    a random sentence of another story of the same language, and the sentences after the
//    first are lightly shuffled (a few swaps), then regrouped into paragraphs of 1–3;
//  - every country name or adjective of a fixed list (Japan/Japanese, Brazil/Brazilian …,
//    also in capitals) is mapped to another one, the same way throughout the story (title
//    included);
//  - every number gets new digits of the same length, never a leading zero (years 1900–2030 move
//  with the date);
//  - the date is a random day of 1987–2026.
// Two variants of one base story share well under half of their word 4-grams and their
// figures differ, so near-duplicate detection keeps them apart (README "Near-duplicates").
// Output: OUT_DIR/part-00000.jsonl … with K stories each (default 1000), one JSON object
// per line with id ("bench-<n>"), title, published, body (paragraphs separated by blank
// lines). Deterministic for a given seed (default 1).
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "bench_corpus.hpp"

namespace fs = std::filesystem;
using namespace dualdex;

namespace {

struct Story {
  std::string title;
  std::vector<std::string> sentences;
};

bool starts_with_utf8(std::string_view s, std::size_t i, std::string_view what) {
  return s.substr(i, what.size()) == what;
}

/// Sentences of one paragraph: split after . ! ? followed by a space and an upper-case
/// letter, digit or quote, and after the CJK full stops 。！？.
void split_sentences(std::string_view text, std::vector<std::string>& out) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::size_t end = std::string_view::npos;
    const char c = text[i];
    if ((c == '.' || c == '!' || c == '?') && i + 2 < text.size() && text[i + 1] == ' ') {
      const unsigned char n = static_cast<unsigned char>(text[i + 2]);
      if ((n >= 'A' && n <= 'Z') || (n >= '0' && n <= '9') || n == '"') end = i + 1;
    } else if (starts_with_utf8(text, i, "\u3002") || starts_with_utf8(text, i, "\uff01") ||
               starts_with_utf8(text, i, "\uff1f")) {
      end = i + 3;
    }
    if (end == std::string_view::npos) continue;
    std::string_view s = text.substr(start, end - start);
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    if (!s.empty()) out.emplace_back(s);
    start = end;
    i = end - 1;
  }
  std::string_view s = text.substr(std::min(start, text.size()));
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.remove_suffix(1);
  if (!s.empty()) out.emplace_back(s);
}

Story to_story(const ingest::Document& d) {
  Story s;
  s.title = d.title;
  for (const ingest::Block& b : d.blocks) {
    if (b.kind == ingest::BlockKind::heading && b.text == d.title) continue;
    split_sentences(b.text, s.sentences);
  }
  return s;
}

// Country names and adjectives swapped as whole words (pairs kept together: a story's
// "Brazil" and "Brazilian" become "Kenya" and "Kenyan").
const std::vector<std::pair<std::string, std::string>> kCountries = {
    {"Japan", "Japanese"},       {"China", "Chinese"},          {"Brazil", "Brazilian"},
    {"France", "French"},        {"Germany", "German"},         {"Britain", "British"},
    {"Canada", "Canadian"},      {"Mexico", "Mexican"},         {"India", "Indian"},
    {"Indonesia", "Indonesian"}, {"Australia", "Australian"},   {"Argentina", "Argentine"},
    {"Italy", "Italian"},        {"Spain", "Spanish"},          {"Malaysia", "Malaysian"},
    {"Thailand", "Thai"},        {"Philippines", "Philippine"}, {"Egypt", "Egyptian"},
    {"Nigeria", "Nigerian"},     {"Kenya", "Kenyan"},           {"Iran", "Iranian"},
    {"Iraq", "Iraqi"},           {"Kuwait", "Kuwaiti"},         {"Venezuela", "Venezuelan"},
    {"Ecuador", "Ecuadorean"},   {"Colombia", "Colombian"},     {"Chile", "Chilean"},
    {"Peru", "Peruvian"},        {"Poland", "Polish"},          {"Sweden", "Swedish"},
    {"Norway", "Norwegian"},     {"Denmark", "Danish"},         {"Finland", "Finnish"},
    {"Switzerland", "Swiss"},    {"Austria", "Austrian"},       {"Greece", "Greek"},
    {"Turkey", "Turkish"},       {"Pakistan", "Pakistani"},     {"Bangladesh", "Bangladeshi"},
    {"Vietnam", "Vietnamese"},   {"Singapore", "Singaporean"},  {"Russia", "Russian"},
    {"Taiwan", "Taiwanese"},     {"Belgium", "Belgian"},        {"Portugal", "Portuguese"},
    {"Hungary", "Hungarian"},    {"Israel", "Israeli"},         {"Morocco", "Moroccan"},
};

class Variator {
 public:
  explicit Variator(std::mt19937_64& rng) : m_rng(rng) {}

  /// A fresh country mapping and date shift for the next story.
  void new_story(int year_shift) {
    m_map.clear();
    m_year_shift = year_shift;
    std::vector<std::size_t> perm(kCountries.size());
    for (std::size_t i = 0; i < perm.size(); ++i) perm[i] = i;
    std::shuffle(perm.begin(), perm.end(), m_rng);
    for (std::size_t i = 0; i < perm.size(); ++i) {
      for (int form = 0; form < 2; ++form) {
        const std::string& from = form ? kCountries[i].second : kCountries[i].first;
        const std::string& to = form ? kCountries[perm[i]].second : kCountries[perm[i]].first;
        m_map[from] = to;
        m_map[upper(from)] = upper(to);  // wire headlines are in capitals
      }
    }
  }

  /// text with its countries mapped and its numbers redrawn.
  std::string vary(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    std::size_t i = 0;
    while (i < text.size()) {
      const unsigned char c = static_cast<unsigned char>(text[i]);
      if (c >= '0' && c <= '9') {
        std::size_t j = i;
        while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
        out += redraw(text.substr(i, j - i));
        i = j;
      } else if ((c >= 'A' && c <= 'Z') && (i == 0 || !is_word(text[i - 1]))) {
        std::size_t j = i;
        while (j < text.size() && is_word(text[j])) ++j;
        const std::string word(text.substr(i, j - i));
        const auto it = m_map.find(word);
        out += it == m_map.end() ? word : it->second;
        i = j;
      } else {
        out += text[i++];
      }
    }
    return out;
  }

 private:
  static std::string upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
  }

  static bool is_word(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  std::string redraw(std::string_view digits) {
    if (digits.size() == 4) {
      const int value = std::atoi(std::string(digits).c_str());
      if (value >= 1900 && value <= 2030) return std::to_string(value + m_year_shift);
    }
    std::string out(digits);
    for (std::size_t k = 0; k < out.size(); ++k) {
      const int low = k == 0 ? 1 : 0;
      out[k] = static_cast<char>('0' + low + static_cast<int>(m_rng() % (10 - low)));
    }
    return out;
  }

  std::mt19937_64& m_rng;
  std::map<std::string, std::string> m_map;
  int m_year_shift = 0;
};

bool has_kana(std::string_view s) {
  // Hiragana and katakana are U+3040–U+30FF: UTF-8 E3 81 80 – E3 83 BF.
  for (std::size_t i = 0; i + 1 < s.size(); ++i)
    if (static_cast<unsigned char>(s[i]) == 0xE3) {
      const unsigned char n = static_cast<unsigned char>(s[i + 1]);
      if (n >= 0x81 && n <= 0x83) return true;
    }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> positional;
  std::size_t per_file = 1000;
  unsigned long long seed = 1;
  const char* shared_env = std::getenv("DUALDEX_SHARED");
  fs::path reuters =
      fs::path(shared_env ? shared_env : DUALDEX_BENCH_SHARED) / "data" / "reuters21578";
  fs::path corpus = DUALDEX_BENCH_CORPUS;
  double mix = 0.4, news_share = 0.02, cjk_share = 0.005;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--per-file" && has_value)
      per_file = std::strtoull(argv[++i], nullptr, 10);
    else if (a == "--seed" && has_value)
      seed = std::strtoull(argv[++i], nullptr, 10);
    else if (a == "--reuters" && has_value)
      reuters = argv[++i];
    else if (a == "--corpus" && has_value)
      corpus = argv[++i];
    else if (a == "--mix" && has_value)
      mix = std::atof(argv[++i]);
    else if (a == "--news-share" && has_value)
      news_share = std::atof(argv[++i]);
    else if (a == "--cjk-share" && has_value)
      cjk_share = std::atof(argv[++i]);
    else if (!a.empty() && a[0] != '-')
      positional.push_back(a);
    else
      positional.clear(), positional.resize(9);
  }
  if (positional.size() != 2 || per_file == 0) {
    std::fprintf(stderr,
                 "usage: %s N OUT_DIR [--per-file K] [--seed S] [--reuters DIR] [--corpus DIR]\n"
                 "       [--mix P] [--news-share F] [--cjk-share F]\n",
                 argv[0]);
    return 2;
  }
  const std::size_t n = std::strtoull(positional[0].c_str(), nullptr, 10);
  const fs::path out_dir = positional[1];
  if (!fs::is_directory(reuters)) {
    std::printf("SKIPPED: %s not found\n", reuters.c_str());
    return 3;
  }

  // Base stories and sentence pools per language group: 0 English, 1 Chinese, 2 Japanese.
  std::vector<Story> reuters_stories, news_stories, cjk_stories[2];
  for (const auto& d : bench::read_reuters(reuters)) {
    Story s = to_story(d);
    if (!s.sentences.empty()) reuters_stories.push_back(std::move(s));
  }
  for (const auto& d : bench::read_folder(corpus / "news")) {
    Story s = to_story(d);
    if (!s.sentences.empty()) news_stories.push_back(std::move(s));
  }
  for (const auto& d : bench::read_folder(corpus / "cjk")) {
    Story s = to_story(d);
    if (s.sentences.empty()) continue;
    cjk_stories[has_kana(d.title + d.plain_text()) ? 1 : 0].push_back(std::move(s));
  }
  std::vector<std::string> pools[3];
  for (const auto* group : {&reuters_stories, &news_stories})
    for (const Story& s : *group)
      pools[0].insert(pools[0].end(), s.sentences.begin(), s.sentences.end());
  for (int g = 0; g < 2; ++g)
    for (const Story& s : cjk_stories[g])
      pools[1 + g].insert(pools[1 + g].end(), s.sentences.begin(), s.sentences.end());

  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Variator variator(rng);
  fs::create_directories(out_dir);
  std::ofstream out;
  std::size_t bytes = 0, counts[3] = {0, 0, 0};
  for (std::size_t i = 0; i < n; ++i) {
    if (i % per_file == 0) {
      char name[32];
      std::snprintf(name, sizeof name, "part-%05zu.jsonl", i / per_file);
      out.close();
      out.open(out_dir / name, std::ios::binary | std::ios::trunc);
    }
    const double pick = unit(rng);
    const Story* base;
    int group = 0;
    if (pick < cjk_share && !(cjk_stories[0].empty() && cjk_stories[1].empty())) {
      group = cjk_stories[1].empty()   ? 1
              : cjk_stories[0].empty() ? 2
                                       : 1 + static_cast<int>(rng() % 2);
      const auto& stories = cjk_stories[group - 1];
      base = &stories[rng() % stories.size()];
    } else if (pick < cjk_share + news_share && !news_stories.empty()) {
      base = &news_stories[rng() % news_stories.size()];
    } else {
      base = &reuters_stories[rng() % reuters_stories.size()];
    }
    ++counts[group];
    const int year = 1987 + static_cast<int>(rng() % 40);
    const int month = 1 + static_cast<int>(rng() % 12);
    const int day = 1 + static_cast<int>(rng() % 28);
    variator.new_story(year - 1987);

    std::vector<std::string> sentences = base->sentences;
    const auto& pool = pools[group];
    for (std::size_t k = 1; k < sentences.size(); ++k)
      if (unit(rng) < mix) sentences[k] = pool[rng() % pool.size()];
    for (std::size_t swaps = sentences.size() / 3; swaps > 0 && sentences.size() > 2; --swaps) {
      const std::size_t a = 1 + rng() % (sentences.size() - 1),
                        b = 1 + rng() % (sentences.size() - 1);
      std::swap(sentences[a], sentences[b]);
    }
    std::string body;
    const char* space = group == 0 ? " " : "";
    for (std::size_t k = 0; k < sentences.size();) {
      const std::size_t take = 1 + rng() % 3;
      if (!body.empty()) body += "\n\n";
      for (std::size_t m = 0; m < take && k < sentences.size(); ++m, ++k) {
        if (m) body += space;
        body += variator.vary(sentences[k]);
      }
    }
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
    nlohmann::json j = {{"id", "bench-" + std::to_string(i)},
                        {"title", variator.vary(base->title)},
                        {"published", date},
                        {"body", body}};
    const std::string line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out << line << '\n';
    bytes += line.size() + 1;
  }
  out.close();
  std::printf(
      "%zu stories (%zu English, %zu Chinese, %zu Japanese), %.1f MB in %zu file(s) under %s\n", n,
      counts[0], counts[1], counts[2], static_cast<double>(bytes) / 1e6,
      (n + per_file - 1) / per_file, out_dir.c_str());
  return 0;
}
