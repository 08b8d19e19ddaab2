// Date extraction quality on TempEval-3 (docs/QUALITY.md, "Dates on TempEval-3").
//
//   quality_dates <tempeval3-dir> [--set platinum|tbaq] [--self-test] [--errors] [--quiet]
//   [--repeat N]
//
// Reads the gold .tml files (te3-platinum/ for the report, TBAQ-cleaned/{TimeBank,
// AQUAINT}/ for development), takes each document's tag-stripped TEXT and DCT with the
// project's TimeML reader, runs the date extractor on that text, and scores its
// TIMEX3s against the gold ones (the DCT timex excluded) as the TempEval-3 entity
// scorer (evaluate_entities.py) defines them:
//   strict match  = same extent, relaxed match = overlapping extents, each system
//   timex matched to at most one gold timex and the other way round;
//   P = matches / system timexes, R = matches / gold timexes, F1 their harmonic mean;
//   attribute (type, value) F1: over the relaxed matches, P = correct / system,
//   R = correct / gold. With one-to-one matching this equals the scorer's
//   "attribute accuracy × relaxed F1"; both are printed.
// --self-test scores the gold against itself (must give 100%) instead of the extractor.
// --errors lists every miss, false alarm, extent and value error. --repeat N runs the
// extractor N times per document for a steadier speed figure (scores use the first run).
// --timeml-out DIR writes the system's TimeML (to_timeml) for the official scorer.
// Prints a report, then one JSON line. Exit 0, or 1 when the data is missing or the
// self-test fails.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "dualdex/ingest/document.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/extract.hpp"
#include "dualdex/ingest/extract_dates.hpp"
#include "dualdex/ingest/normalize.hpp"
#include "dualdex/ingest/reader.hpp"
#include "dualdex/ingest/segment.hpp"
#include "dualdex/ingest/tokenize.hpp"

namespace fs = std::filesystem;
using namespace dualdex::ingest;

namespace {

struct Timex {
  std::size_t begin = 0, end = 0;
  std::string type, value, text;
};

struct GoldDoc {
  std::string text;  ///< TEXT with tags stripped and entities decoded
  std::vector<Timex> timexes;
};

std::string attribute(std::string_view tag, std::string_view name) {
  std::size_t pos = 0;
  while ((pos = tag.find(name, pos)) != std::string_view::npos) {
    const bool word_start =
        pos > 0 && (tag[pos - 1] == ' ' || tag[pos - 1] == '\t' || tag[pos - 1] == '\n');
    std::size_t p = pos + name.size();
    while (p < tag.size() && tag[p] == ' ') ++p;
    if (word_start && p < tag.size() && tag[p] == '=') {
      ++p;
      while (p < tag.size() && tag[p] == ' ') ++p;
      if (p < tag.size() && (tag[p] == '"' || tag[p] == '\'')) {
        const char q = tag[p];
        const std::size_t e = tag.find(q, p + 1);
        if (e != std::string_view::npos) return std::string(tag.substr(p + 1, e - p - 1));
      }
    }
    pos += name.size();
  }
  return {};
}

void append_decoded(std::string& out, std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\r') {  // XML end-of-line handling: CRLF and CR become LF
      out += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
      continue;
    }
    if (c != '&') {
      out += c;
      continue;
    }
    const std::size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += c;
      continue;
    }
    const std::string_view ent = s.substr(i + 1, semi - i - 1);
    if (ent == "amp")
      out += '&';
    else if (ent == "lt")
      out += '<';
    else if (ent == "gt")
      out += '>';
    else if (ent == "quot")
      out += '"';
    else if (ent == "apos")
      out += '\'';
    else if (!ent.empty() && ent[0] == '#') {
      unsigned long cp = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X')
                             ? std::stoul(std::string(ent.substr(2)), nullptr, 16)
                             : std::stoul(std::string(ent.substr(1)));
      dualdex::ingest::append_utf8(out, static_cast<char32_t>(cp));
    } else {
      out.append(s.substr(i, semi - i + 1));
    }
    i = semi;
  }
}

/// The gold TIMEX3s of a .tml file's TEXT, with offsets into the tag-stripped text.
GoldDoc parse_gold(std::string_view xml) {
  GoldDoc g;
  const std::size_t open = xml.find("<TEXT>");
  const std::size_t close = xml.rfind("</TEXT>");
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) return g;
  const std::string_view body = xml.substr(open + 6, close - open - 6);
  std::vector<Timex> stack;
  std::size_t i = 0;
  while (i < body.size()) {
    const std::size_t lt = body.find('<', i);
    append_decoded(g.text, body.substr(i, (lt == std::string_view::npos ? body.size() : lt) - i));
    if (lt == std::string_view::npos) break;
    const std::size_t gt = body.find('>', lt);
    if (gt == std::string_view::npos) break;
    const std::string_view tag = body.substr(lt, gt - lt + 1);
    if (tag.starts_with("<TIMEX3") && !tag.ends_with("/>")) {
      Timex t;
      t.begin = g.text.size();
      t.type = attribute(tag, "type");
      t.value = attribute(tag, "value");
      if (attribute(tag, "functionInDocument") == "CREATION_TIME") t.type = "#DCT";
      stack.push_back(std::move(t));
    } else if (tag.starts_with("</TIMEX3") && !stack.empty()) {
      Timex t = std::move(stack.back());
      stack.pop_back();
      t.end = g.text.size();
      t.text = g.text.substr(t.begin, t.end - t.begin);
      if (t.type != "#DCT") g.timexes.push_back(std::move(t));
    }
    i = gt + 1;
  }
  std::sort(g.timexes.begin(), g.timexes.end(), [](const Timex& a, const Timex& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  return g;
}

struct Counts {
  std::size_t gold = 0, system = 0, strict = 0, relaxed = 0, type_ok = 0, value_ok = 0;
  void add(const Counts& o) {
    gold += o.gold;
    system += o.system;
    strict += o.strict;
    relaxed += o.relaxed;
    type_ok += o.type_ok;
    value_ok += o.value_ok;
  }
};

struct Prf {
  double p = 0, r = 0, f = 0;
};
Prf prf(std::size_t correct, std::size_t system, std::size_t gold) {
  Prf x;
  x.p = system ? double(correct) / double(system) : (gold ? 0.0 : 1.0);
  x.r = gold ? double(correct) / double(gold) : 1.0;
  x.f = x.p + x.r > 0 ? 2 * x.p * x.r / (x.p + x.r) : 0.0;
  return x;
}

std::string one_line(std::string_view s) {
  std::string out;
  for (char c : s) out += (c == '\n' || c == '\t') ? ' ' : c;
  return out;
}

std::string context(const std::string& text, std::size_t b, std::size_t e) {
  const std::size_t cb = b > 40 ? b - 40 : 0;
  const std::size_t ce = std::min(text.size(), e + 40);
  return one_line(text.substr(cb, b - cb)) + "[[" + one_line(text.substr(b, e - b)) + "]]" +
         one_line(text.substr(e, ce - e));
}

/// One-to-one matching: each gold timex takes the unmatched system timex with the same
/// extent, else the one overlapping it most.
Counts score(const std::string& name, const std::string& text, const std::vector<Timex>& gold,
             const std::vector<Timex>& sys, bool show_errors) {
  Counts c;
  c.gold = gold.size();
  c.system = sys.size();
  std::vector<int> sys_match(sys.size(), -1);
  for (std::size_t g = 0; g < gold.size(); ++g) {
    int best = -1;
    std::size_t best_overlap = 0;
    for (std::size_t s = 0; s < sys.size(); ++s) {
      if (sys_match[s] >= 0) continue;
      const std::size_t lo = std::max(gold[g].begin, sys[s].begin),
                        hi = std::min(gold[g].end, sys[s].end);
      if (lo >= hi) continue;
      const bool exact = gold[g].begin == sys[s].begin && gold[g].end == sys[s].end;
      const std::size_t overlap = exact ? static_cast<std::size_t>(-1) : hi - lo;
      if (best < 0 || overlap > best_overlap) {
        best = static_cast<int>(s);
        best_overlap = overlap;
      }
    }
    if (best < 0) {
      if (show_errors)
        std::printf("MISS   %s\t%s\t%s\t%s\n", name.c_str(), gold[g].type.c_str(),
                    gold[g].value.c_str(), context(text, gold[g].begin, gold[g].end).c_str());
      continue;
    }
    sys_match[static_cast<std::size_t>(best)] = static_cast<int>(g);
    const Timex& s = sys[static_cast<std::size_t>(best)];
    ++c.relaxed;
    const bool exact = s.begin == gold[g].begin && s.end == gold[g].end;
    if (exact) ++c.strict;
    if (s.type == gold[g].type) ++c.type_ok;
    if (s.value == gold[g].value) {
      ++c.value_ok;
    } else if (show_errors) {
      std::printf("VALUE  %s\tgold %s %s\tsys %s %s\t%s\n", name.c_str(), gold[g].type.c_str(),
                  gold[g].value.c_str(), s.type.c_str(), s.value.c_str(),
                  context(text, gold[g].begin, gold[g].end).c_str());
    }
    if (!exact && show_errors) {
      std::printf("EXTENT %s\tgold \"%s\"\tsys \"%s\"\n", name.c_str(),
                  one_line(gold[g].text).c_str(), one_line(s.text).c_str());
    }
  }
  if (show_errors) {
    for (std::size_t s = 0; s < sys.size(); ++s) {
      if (sys_match[s] < 0)
        std::printf("FALSE  %s\t%s\t%s\t%s\n", name.c_str(), sys[s].type.c_str(),
                    sys[s].value.c_str(), context(text, sys[s].begin, sys[s].end).c_str());
    }
  }
  return c;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int usage() {
  std::fprintf(stderr,
               "usage: quality_dates <tempeval3-dir> [--set platinum|tbaq] [--self-test] "
               "[--errors] [--quiet]\n"
               "                     [--repeat N] [--timeml-out DIR]\n");
  return 2;
}

}  // namespace

static int run(int argc, char** argv) {
  std::string dir, set = "platinum";
  bool self_test = false, show_errors = false, quiet = false;
  int repeat = 1;
  std::string timeml_out;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--set" && i + 1 < argc) {
      set = argv[++i];
    } else if (a.rfind("--set=", 0) == 0) {
      set = a.substr(6);
    } else if (a == "--self-test") {
      self_test = true;
    } else if (a == "--errors") {
      show_errors = true;
    } else if (a == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--timeml-out" && i + 1 < argc) {
      timeml_out = argv[++i];
    } else if (a == "--quiet") {
      quiet = true;
    } else if (a == "--help" || a == "-h") {
      usage();
      return 0;
    } else if (!a.empty() && a[0] == '-') {
      return usage();
    } else {
      dir = a;
    }
  }
  if (dir.empty() || (set != "platinum" && set != "tbaq")) return usage();

  std::vector<fs::path> subdirs;
  if (set == "platinum") {
    subdirs = {fs::path(dir) / "te3-platinum"};
  } else {
    subdirs = {fs::path(dir) / "TBAQ-cleaned" / "TimeBank",
               fs::path(dir) / "TBAQ-cleaned" / "AQUAINT"};
  }
  std::vector<fs::path> files;
  for (const auto& sd : subdirs) {
    std::error_code ec;
    if (!fs::is_directory(sd, ec)) {
      std::printf("SKIPPED: %s not found (TempEval-3 data lives in ../shared/data/tempeval3)\n",
                  sd.c_str());
      return 1;
    }
    for (const auto& e : fs::directory_iterator(sd)) {
      if (e.path().extension() == ".tml") files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());

  // The date extractor reads no knowledge file: its tables are compiled in.
  const auto extractor = DateExtractor::load(fs::path());
  Counts total;
  std::size_t docs = 0, bytes = 0, text_mismatch = 0;
  double extract_seconds = 0, dates_seconds = 0;
  const auto t_start = std::chrono::steady_clock::now();
  for (const auto& path : files) {
    const std::string xml = read_file(path);
    ReadResult rr;
    try {
      rr = read_timeml(xml, InputInfo{path.string(), path.filename().string(), ""});
    } catch (const dualdex::Error& e) {
      std::fprintf(stderr, "%s: %s\n", path.c_str(), e.what());
      continue;
    }
    if (rr.documents.empty()) continue;
    const Document& doc = rr.documents.front();
    std::string text;
    for (const auto& m : doc.meta) {
      if (m.key == "timeml_text") text = m.value;
    }
    const GoldDoc gold = parse_gold(xml);
    if (gold.text != text) {
      ++text_mismatch;
      std::fprintf(stderr, "%s: the reader's TEXT differs from the gold parse; skipped\n",
                   path.c_str());
      continue;
    }
    ++docs;
    bytes += text.size();
    std::vector<Timex> sys;
    if (self_test) {
      sys = gold.timexes;
    } else {
      const auto t0 = std::chrono::steady_clock::now();
      const std::vector<Token> tokens = tokenize(text);
      const std::vector<Span> sentences = split_sentences(text, "en");
      const auto t1 = std::chrono::steady_clock::now();
      Extraction out;
      const ExtractInput in{doc, text, tokens, sentences, doc.published};
      extractor->extract(in, out);
      const auto t2 = std::chrono::steady_clock::now();
      for (int r = 1; r < repeat; ++r) {  // timing only
        Extraction again;
        extractor->extract(in, again);
      }
      const auto t3 = std::chrono::steady_clock::now();
      extract_seconds += std::chrono::duration<double>(t2 - t0).count();
      dates_seconds += std::chrono::duration<double>(t2 - t1).count() +
                       std::chrono::duration<double>(t3 - t2).count();
      for (const Mention& m : out.mentions) {
        if (m.type != MentionType::date) continue;
        sys.push_back(Timex{m.begin, m.end, m.id, m.value, m.text});
      }
      if (!timeml_out.empty()) {  // for the official TempEval-3 scorer
        std::error_code ec;
        fs::create_directories(timeml_out, ec);
        std::string docid = doc.id.rfind("timeml:", 0) == 0 ? doc.id.substr(7) : doc.id;
        std::ofstream(fs::path(timeml_out) / path.filename(), std::ios::binary)
            << to_timeml(docid, doc.published, text, out.mentions);
      }
    }
    total.add(score(path.filename().string(), text, gold.timexes, sys, show_errors));
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t_start).count();

  const Prf strict = prf(total.strict, total.system, total.gold);
  const Prf relaxed = prf(total.relaxed, total.system, total.gold);
  const Prf type = prf(total.type_ok, total.system, total.gold);
  const Prf value = prf(total.value_ok, total.system, total.gold);
  const auto ndocs = static_cast<double>(docs), nbytes = static_cast<double>(bytes);
  const double type_acc = total.relaxed ? double(total.type_ok) / double(total.relaxed) : 0.0;
  const double value_acc = total.relaxed ? double(total.value_ok) / double(total.relaxed) : 0.0;
  if (!quiet) {
    std::printf("TempEval-3 %s%s: %zu documents, %zu gold TIMEX3 (DCT excluded), %zu system\n",
                set.c_str(), self_test ? " (self-test: gold vs gold)" : "", docs, total.gold,
                total.system);
    std::printf("               P       R       F1\n");
    std::printf("strict     %6.2f  %6.2f  %6.2f\n", 100 * strict.p, 100 * strict.r, 100 * strict.f);
    std::printf("relaxed    %6.2f  %6.2f  %6.2f\n", 100 * relaxed.p, 100 * relaxed.r,
                100 * relaxed.f);
    std::printf("type       %6.2f  %6.2f  %6.2f   accuracy %.2f (x relaxed F1 = %.2f)\n",
                100 * type.p, 100 * type.r, 100 * type.f, 100 * type_acc,
                100 * type_acc * relaxed.f);
    std::printf("value      %6.2f  %6.2f  %6.2f   accuracy %.2f (x relaxed F1 = %.2f)\n",
                100 * value.p, 100 * value.r, 100 * value.f, 100 * value_acc,
                100 * value_acc * relaxed.f);
    std::printf(
        "time: %.3f s total, %.3f s extracting (tokenize + sentences + dates): %.0f docs/s, %.2f "
        "MB/s\n",
        seconds, extract_seconds, extract_seconds > 0 ? ndocs / extract_seconds : 0.0,
        extract_seconds > 0 ? nbytes / extract_seconds / 1e6 : 0.0);
    if (dates_seconds > 0)
      std::printf("date extractor alone: %.4f s for %d pass(es): %.0f docs/s, %.2f MB/s\n",
                  dates_seconds, repeat, ndocs * repeat / dates_seconds,
                  nbytes * repeat / dates_seconds / 1e6);
    if (text_mismatch)
      std::printf("WARNING: %zu documents skipped (TEXT mismatch)\n", text_mismatch);
  }
  nlohmann::json j = {
      {"benchmark", "dates-tempeval3"},
      {"set", set},
      {"self_test", self_test},
      {"documents", docs},
      {"gold", total.gold},
      {"system", total.system},
      {"strict", {{"p", strict.p}, {"r", strict.r}, {"f1", strict.f}}},
      {"relaxed", {{"p", relaxed.p}, {"r", relaxed.r}, {"f1", relaxed.f}}},
      {"type", {{"accuracy", type_acc}, {"f1", type.f}}},
      {"value", {{"accuracy", value_acc}, {"f1", value.f}}},
      {"seconds", seconds},
      {"extract_seconds", extract_seconds},
      {"docs_per_second", extract_seconds > 0 ? ndocs / extract_seconds : 0.0},
      {"date_extractor_docs_per_second", dates_seconds > 0 ? ndocs * repeat / dates_seconds : 0.0},
  };
  std::printf("%s\n", j.dump().c_str());
  if (docs == 0) return 1;
  if (self_test &&
      (total.strict != total.gold || total.value_ok != total.gold || total.system != total.gold))
    return 1;
  return 0;
}

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "quality_dates: %s\n", e.what());
    return 1;
  }
}
