#pragma once
// A synthetic news corpus written at test time for the reliability tests (crash safety,
// queries during an ingest): thousands of small stories in our own made-up wording that
// the extractors still read as export-control news (agencies, items, measures, quotes),
// a few JSON Lines feeds, a few exact re-posts, and a small control list so that an
// ingest ends with a real relink of its measures. Deterministic for a given seed.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace dualdex::test {

struct SyntheticCorpusOptions {
  std::size_t stories = 1000;          ///< plain-text story files
  std::size_t stories_per_dir = 100;   ///< text files per sub-folder
  std::size_t feeds = 1;               ///< JSON Lines files
  std::size_t records_per_feed = 200;  ///< stories per JSON Lines file
  /// Every n-th text story is followed by an exact copy under another name (0 = none):
  /// near-duplicates that must stay in the count.
  std::size_t repost_every = 97;
  bool control_list = true;  ///< write lists/rt-list.txt and its sidecar
  std::string tag = "rt";    ///< distinguishes corpora (file names, URLs, titles)
  std::uint32_t seed = 20260108;
};

struct SyntheticCorpus {
  std::size_t files = 0;    ///< input files written (stories, feeds, list)
  std::size_t stories = 0;  ///< story documents (text + feed records + re-posts)
};

namespace synthetic_detail {

struct Words {
  std::mt19937 rng;
  explicit Words(std::uint32_t seed) : rng(seed) {}

  std::size_t below(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  }
  int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
  template <std::size_t N>
  const char* pick(const char* const (&xs)[N]) {
    return xs[below(N)];
  }

  std::string name_part() {
    static const char* const a[] = {"Var", "Kes", "Lum", "Tor", "Osk", "Bel", "Mar",
                                    "Dun", "Hal", "Ren", "Sol", "Tav", "Wen", "Yar",
                                    "Cor", "Fen", "Gal", "Ist", "Jor", "Nev"};
    static const char* const b[] = {"ro",  "sel", "bra", "vik", "ard", "mont", "ley",
                                    "ov",  "ina", "esk", "und", "ari", "holt", "wyn",
                                    "ado", "ric", "ton", "ela", "ust", "orn"};
    return std::string(pick(a)) + pick(b);
  }
  std::string firm() {
    static const char* const kinds[] = {"Partners",   "Analytics", "Metals",  "Institute",
                                        "Advisory",   "Research",  "Trading", "Logistics",
                                        "Consulting", "Capital"};
    return name_part() + " " + pick(kinds);
  }
  std::string person() {
    static const char* const first[] = {"Anna",  "Tomas", "Mei",   "Kenji",  "Ola",
                                        "Priya", "Lars",  "Ines",  "Rafael", "Yuki",
                                        "Hana",  "Piotr", "Amara", "Jonas",  "Lina"};
    return std::string(pick(first)) + " " + name_part();
  }
  std::string town() {
    static const char* const ends[] = {"port", "burg", "ville", "haven", "field"};
    return name_part() + pick(ends);
  }
};

// Countries and their adjectives, as the stories use them.
struct Country {
  const char* name;
  const char* adjective;
};
inline constexpr Country kCountries[] = {
    {"Japan", "Japanese"},        {"the United States", "American"}, {"Germany", "German"},
    {"the Netherlands", "Dutch"}, {"South Korea", "South Korean"},   {"India", "Indian"},
    {"Brazil", "Brazilian"},      {"Vietnam", "Vietnamese"},         {"Poland", "Polish"},
    {"Canada", "Canadian"}};
inline constexpr const char* kItems[] = {
    "gallium",    "germanium",     "samarium", "antimony",    "graphite",
    "tungsten",   "indium",        "drones",   "rare earths", "lithography equipment",
    "gadolinium", "machine tools", "bismuth",  "dysprosium",  "rare-earth magnets"};
inline constexpr const char* kAgencies[] = {
    "China's Ministry of Commerce", "The Ministry of Commerce", "China's commerce ministry",
    "MOFCOM", "China's Ministry of Commerce and the General Administration of Customs"};
inline constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};
inline constexpr const char* kWeekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"};

inline std::string two(int n) {
  return (n < 10 ? "0" : "") + std::to_string(n);
}

/// One story: title and paragraphs, and its date (YYYY-MM-DD).
struct Story {
  std::string title, date;
  std::vector<std::string> paragraphs;
  std::string text() const {
    std::string t = title + "\n";
    for (const auto& p : paragraphs) t += p + "\n";
    return t;
  }
  std::string body() const {
    std::string t;
    for (const auto& p : paragraphs) t += (t.empty() ? "" : "\n\n") + p;
    return t;
  }
};

inline Story make_story(Words& w, std::size_t n, const std::string& tag) {
  Story s;
  const int year = w.between(2023, 2026);
  const int month = w.between(1, 12), day = w.between(1, 28);
  s.date = std::to_string(year) + "-" + two(month) + "-" + two(day);
  const Country& c = kCountries[w.below(std::size(kCountries))];
  const std::string item = w.pick(kItems);
  std::string item2 = w.pick(kItems);
  if (item2 == item) item2 = "gallium" == item ? "germanium" : "gallium";
  const std::string agency = w.pick(kAgencies);
  const int number = w.between(1, 90);
  const std::string when = w.pick(kWeekdays);
  const std::string effective =
      std::to_string(w.between(1, 28)) + " " + w.pick(kMonths) + " " + std::to_string(year);

  switch (w.below(6)) {
    case 0:
      s.title = "Beijing bans " + item + " sales to " + c.adjective + " military users";
      break;
    case 1:
      s.title = "Licences now needed for " + item + " and " + item2 + " shipments";
      break;
    case 2:
      s.title = std::string(c.adjective) + " buyers brace for tighter " + item + " rules";
      break;
    case 3:
      s.title = "What the new " + item + " notice means for " + w.town() + " traders";
      break;
    case 4:
      s.title = std::string(c.name) + " protests curbs on " + item;
      break;
    default:
      s.title = "Export rules on " + item + " tightened again";
      break;
  }
  s.title += " (" + tag + " " + std::to_string(n) + ")";

  // The lead: one measure sentence in one of several wordings.
  switch (w.below(5)) {
    case 0:
      s.paragraphs.push_back(
          agency + " said on " + when + " it would ban exports of " + item + " and " + item2 +
          " to " + c.adjective + " military end users under Announcement No. " +
          std::to_string(number) + " of " + std::to_string(year) + ", effective immediately.");
      break;
    case 1:
      s.paragraphs.push_back(agency + " will require export licences for " + item + " from " +
                             effective + ", according to Announcement No. " +
                             std::to_string(number) + " of " + std::to_string(year) +
                             " published on " + when + ".");
      break;
    case 2:
      s.paragraphs.push_back(agency + " announced on " + when + " a ban on exports of " + item +
                             " to " + c.name + " for military uses, citing national security.");
      break;
    case 3:
      s.paragraphs.push_back(agency + " suspended the licence requirement for " + item +
                             " exports to " + c.name + " until " + effective +
                             ", in Announcement No. " + std::to_string(number) + " of " +
                             std::to_string(year) + ".");
      break;
    default:
      s.paragraphs.push_back(std::string(c.name) + " lodged a protest on " + when + " after " +
                             agency + " prohibited shipments of " + item +
                             " to its defence companies.");
      break;
  }
  // Background paragraphs, three to six of them, in random order of templates.
  const std::size_t extra = 3 + w.below(4);
  for (std::size_t i = 0; i < extra; ++i) {
    const std::string firm = w.firm(), person = w.person(), town = w.town();
    const int pct = w.between(2, 60), qty = w.between(10, 9000);
    switch (w.below(10)) {
      case 0:
        s.paragraphs.push_back("Shipments of " + item + " through " + town + " fell by " +
                               std::to_string(pct) + " percent in " + w.pick(kMonths) + ", " +
                               firm + " estimated.");
        break;
      case 1:
        s.paragraphs.push_back("\"Nobody in " + town +
                               " planned for a stop of this length,\" said " + person +
                               ", a trade lawyer at " + firm + ".");
        break;
      case 2:
        s.paragraphs.push_back("Analysts at " + firm + " expect " + item2 + " prices to climb by " +
                               std::to_string(pct) + " percent over the next " +
                               std::to_string(w.between(2, 18)) + " months.");
        break;
      case 3:
        s.paragraphs.push_back(std::string("The ") + c.adjective +
                               " government asked companies to report their " + item +
                               " inventories by the end of " + w.pick(kMonths) + ".");
        break;
      case 4:
        s.paragraphs.push_back(firm + " said it held " + std::to_string(w.between(2, 30)) +
                               " weeks of stock and was looking for suppliers in " + town + ".");
        break;
      case 5:
        s.paragraphs.push_back("About " + std::to_string(qty) + " tonnes of " + item2 + " left " +
                               town + " last quarter, customs figures compiled by " + firm +
                               " show.");
        break;
      case 6:
        s.paragraphs.push_back(
            "\"We will keep our promises to customers where the rules allow it,\" " + person +
            ", who heads purchasing at " + firm + ", told reporters in " + town + ".");
        break;
      case 7:
        s.paragraphs.push_back("Refiners in " + town + " have idled " +
                               std::to_string(w.between(1, 12)) + " of their lines, and " + firm +
                               " cut its forecast for the year.");
        break;
      case 8:
        s.paragraphs.push_back("The notice did not name the companies affected; " + person +
                               " of " + firm + " said the list could run to " +
                               std::to_string(qty) + " entries.");
        break;
      default:
        s.paragraphs.push_back("Trade between " + std::string(c.name) + " and its neighbours in " +
                               item + " was worth " + std::to_string(qty) +
                               " million dollars last year, " + firm + " calculated.");
        break;
    }
  }
  return s;
}

inline void write_file(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + p.string());
}

// A small control list in the EU structure, in our own words, on the items the stories
// name: the linker has entries to link the stories' measures to.
inline constexpr const char* kControlList =
    "1C901 Gallium items, as follows:\n"
    "1C901.a Gallium metal in any form;\n"
    "1C901.b Gallium nitride and gallium arsenide wafers;\n"
    "1C902 Samarium items, as follows:\n"
    "1C902.a Samarium metal and samarium-cobalt permanent magnets;\n"
    "1C902.b Samarium oxide;\n"
    "1C903 Gadolinium metal, alloys and compounds;\n"
    "1C904 Dysprosium metal, alloys and compounds;\n"
    "1C905 Germanium items, as follows:\n"
    "1C905.a Germanium metal and zone-refined germanium ingots;\n"
    "1C905.b Germanium dioxide;\n"
    "1C906 Antimony ingots, antimony oxide and antimony ores;\n"
    "1C907 Graphite items, as follows:\n"
    "1C907.a Spherical graphite for battery anodes;\n"
    "1C907.b High-purity artificial graphite;\n"
    "1C908 Tungsten, bismuth and indium metals and compounds;\n"
    "2B901 Machine tools for grinding, having a positioning accuracy better than the threshold;\n"
    "3B901 Lithography equipment for exposing wafers;\n"
    "9A901 Unmanned aerial vehicles and drones with a range of more than 50 km;\n";

}  // namespace synthetic_detail

/// Writes the corpus under dir (created): dir/stories-NN/<tag>-NNNNN-<date>.txt, dir/feeds/
/// <tag>-feed-N.jsonl and, if asked, dir/lists/rt-list.txt with rt-list.list.json.
inline SyntheticCorpus write_synthetic_corpus(const std::filesystem::path& dir,
                                              const SyntheticCorpusOptions& o) {
  using namespace synthetic_detail;
  namespace fs = std::filesystem;
  SyntheticCorpus out;
  Words w(o.seed);
  for (std::size_t i = 0; i < o.stories; ++i) {
    const Story s = make_story(w, i, o.tag);
    const fs::path folder = dir / ("stories-" + two(static_cast<int>(i / o.stories_per_dir)));
    const std::string stem = o.tag + "-" + std::to_string(100000 + i).substr(1);
    write_file(folder / (stem + "-" + s.date + ".txt"), s.text());
    ++out.files;
    ++out.stories;
    if (o.repost_every > 0 && i % o.repost_every == o.repost_every - 1) {
      write_file(folder / (stem + "-repost-" + s.date + ".txt"), s.text());
      ++out.files;
      ++out.stories;
    }
  }
  for (std::size_t f = 0; f < o.feeds; ++f) {
    std::string lines;
    for (std::size_t r = 0; r < o.records_per_feed; ++r) {
      const std::size_t n = o.stories + f * o.records_per_feed + r;
      const Story s = make_story(w, n, o.tag);
      const nlohmann::json j = {
          {"url", "https://synthetic-wire.example/" + o.tag + "/" + std::to_string(n)},
          {"title", s.title},
          {"published", s.date},
          {"lang", "en"},
          {"body", s.body()}};
      lines += j.dump() + "\n";
      ++out.stories;
    }
    write_file(dir / "feeds" / (o.tag + "-feed-" + std::to_string(f) + ".jsonl"), lines);
    ++out.files;
  }
  if (o.control_list) {
    write_file(dir / "lists" / "rt-list.txt", kControlList);
    write_file(
        dir / "lists" / "rt-list.list.json",
        R"({"id": "rt-list", "authority": "EU", "title": "Reliability test list", "version": "1"})"
        "\n");
    ++out.files;
  }
  return out;
}

}  // namespace dualdex::test
