// quality_countries: document-level country tagging measured on Reuters-21578.
//
//   quality_countries <reuters-dir> [--split train|test] [--pipeline] [--errors N]
//
// Gold = each story's PLACES. The stories scored are those of the ModApte split asked for
// (LEWISSPLIT="TEST" or "TRAIN", and TOPICS="YES") that have PLACES and a BODY (the test
// split has 2,996). The prediction is AnnotatedDocument::about_countries (the country
// extractor's decision). Reuters' place names map to ISO codes through ICU's English
// region names (slugged: "south-korea", "hong-kong") and the exception table below.
// The European Union is no Reuters place (the EC is one of its ORGS), so predicted EU
// tags are counted apart and not scored.
//
// Prints a readable report, then one JSON line with the figures. Exit 0 on success,
// 2 on bad arguments, 3 when the data is missing.
#include <unicode/locdspnm.h>
#include <unicode/locid.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "dualdex/ingest/document.hpp"
#include "dualdex/ingest/extract.hpp"
#include "dualdex/ingest/extract_countries.hpp"
#include "dualdex/ingest/knowledge.hpp"
#include "dualdex/ingest/normalize.hpp"
#include "dualdex/ingest/pipeline.hpp"
#include "dualdex/ingest/reader.hpp"
#include "dualdex/ingest/segment.hpp"
#include "dualdex/ingest/tokenize.hpp"

namespace fs = std::filesystem;
using namespace dualdex::ingest;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// Reuters place names whose slugged ICU name differs: old names, short forms, and the
// states that no longer exist (DESIGN.md §4: ISO 3166-3 codes; West Germany is DE).
const std::map<std::string, std::string> kExceptions = {
    {"usa", "US"},
    {"uk", "GB"},
    {"ussr", "SU"},
    {"west-germany", "DE"},
    {"east-germany", "DD"},
    {"czechoslovakia", "CS"},
    {"yugoslavia", "YU"},
    {"burma", "MM"},
    {"zaire", "CD"},
    {"kampuchea", "KH"},
    {"ivory-coast", "CI"},
    {"uae", "AE"},
    {"vatican", "VA"},
    {"western-samoa", "WS"},
    {"trinidad-tobago", "TT"},
    {"netherlands-antilles", "AN"},
    {"yemen-arab-republic", "YE"},
    {"yemen-demo-republic", "YD"},
    {"congo", "CG"},
    {"swaziland", "SZ"},
    {"antigua", "AG"},
    {"macao", "MO"},
};

std::string slug(const std::string& name, icu::Transliterator* ascii) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(name);
  if (ascii != nullptr) ascii->transliterate(u);
  std::string s;
  u.toUTF8String(s);
  std::string out;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    } else if ((c == ' ' || c == '-') && !out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

/// Reuters place name -> ISO code, generated from ICU's English region names.
std::map<std::string, std::string> place_codes() {
  std::map<std::string, std::string> m;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> ascii(
      icu::Transliterator::createInstance("Latin-ASCII", UTRANS_FORWARD, status));
  UDisplayContext ctx[] = {UDISPCTX_LENGTH_SHORT};
  std::unique_ptr<icu::LocaleDisplayNames> short_names(
      icu::LocaleDisplayNames::createInstance(icu::Locale::getEnglish(), ctx, 1));
  for (const char* const* c = icu::Locale::getISOCountries(); *c != nullptr; ++c) {
    icu::UnicodeString full, brief;
    icu::Locale("", *c).getDisplayCountry(icu::Locale::getEnglish(), full);
    std::string f;
    full.toUTF8String(f);
    m.emplace(slug(f, ascii.get()), *c);
    if (short_names) {
      short_names->regionDisplayName(*c, brief);
      std::string s;
      brief.toUTF8String(s);
      m.emplace(slug(s, ascii.get()), *c);
    }
  }
  for (const auto& [name, code] : kExceptions) m[name] = code;
  return m;
}

std::string meta(const Document& d, const std::string& key) {
  for (const auto& f : d.meta) {
    if (f.key == key) return f.value;
  }
  return {};
}

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

struct Scored {
  std::string id;
  std::string dateline;
  std::string title;
  std::vector<std::string> gold, predicted;  // ISO codes
  std::string dateline_country;              // the extractor's country for the dateline alone
  std::set<std::string> named;               // countries with a mention in the text
};

void usage() {
  std::cerr
      << "usage: quality_countries <reuters-dir> [--split train|test] [--pipeline] [--errors N]\n"
         "  --split     ModApte split to score (default: test)\n"
         "  --pipeline  run the whole extraction pipeline (all extractors) instead of the\n"
         "              country extractor alone\n"
         "  --errors N  print N documents with a wrong tag (default 0)\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir, split = "test";
  bool pipeline_mode = false;
  long errors_to_show = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--split" && i + 1 < argc) {
      split = argv[++i];
    } else if (a == "--pipeline") {
      pipeline_mode = true;
    } else if (a == "--errors" && i + 1 < argc) {
      errors_to_show = std::atol(argv[++i]);
    } else if (a == "--help" || a == "-h") {
      usage();
      return 0;
    } else if (!a.empty() && a[0] != '-' && dir.empty()) {
      dir = a;
    } else {
      usage();
      return 2;
    }
  }
  if (dir.empty() || (split != "test" && split != "train")) {
    usage();
    return 2;
  }
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("reut2-", 0) == 0 && e.path().extension() == ".sgm") files.push_back(e.path());
  }
  if (ec || files.empty()) {
    std::cerr << "quality_countries: no reut2-*.sgm files in " << dir << "\n";
    return 3;
  }
  std::sort(files.begin(), files.end());
  const std::string want_split = split == "test" ? "TEST" : "TRAIN";

  const auto t_load = Clock::now();
  std::unique_ptr<CountryExtractor> countries;
  std::shared_ptr<const Knowledge> knowledge;
  if (pipeline_mode) {
    knowledge = Knowledge::load(Knowledge::default_dir());
  } else {
    countries = CountryExtractor::load(Knowledge::default_dir());
  }
  const double load_seconds = seconds_since(t_load);
  Pipeline pipeline(PipelineOptions{knowledge});

  const auto codes = place_codes();
  std::map<std::string, int> unmapped;
  std::vector<Scored> scored;
  double extract_seconds = 0;
  std::size_t text_bytes = 0;
  const auto t_all = Clock::now();
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    const std::string bytes = ss.str();
    InputInfo info;
    info.path = f.string();
    info.relative = "reuters21578/" + f.filename().string();
    ReadResult rr = read_reuters_sgml(bytes, info);
    for (Document& doc : rr.documents) {
      if (meta(doc, "lewissplit") != want_split || meta(doc, "topics_attribute") != "YES") continue;
      const std::vector<std::string> places = split_commas(meta(doc, "places"));
      // A story with a BODY is a normal one: briefs and unprocessed tables carry a TYPE.
      if (places.empty() || !meta(doc, "text_type").empty() || doc.blocks.empty()) continue;
      Scored s;
      s.id = doc.id;
      s.dateline = doc.dateline;
      s.title = doc.title;
      for (const auto& p : places) {
        const auto it = codes.find(p);
        if (it == codes.end()) {
          ++unmapped[p];
          s.gold.push_back("?" + p);
        } else {
          s.gold.push_back(it->second);
        }
      }
      {
        // For the error breakdown only: the dateline's country, from the dateline alone.
        Document probe;
        probe.dateline = doc.dateline;
        probe.published = doc.published;
        const std::string empty;
        const std::vector<Token> no_tokens;
        const std::vector<Span> no_sentences;
        Extraction e;
        if (countries) {
          countries->extract(ExtractInput{probe, empty, no_tokens, no_sentences, doc.published}, e);
        } else {
          e = knowledge->extract(
              ExtractInput{probe, empty, no_tokens, no_sentences, doc.published});
        }
        if (!e.about_countries.empty()) s.dateline_country = e.about_countries.front();
      }
      const auto t0 = Clock::now();
      if (pipeline_mode) {
        AnnotatedDocument a = pipeline.process(std::move(doc));
        text_bytes += a.text.size();
        s.predicted = a.about_countries;
        for (const auto& m : a.mentions) {
          if (m.type == MentionType::country) s.named.insert(m.id);
        }
      } else {
        normalize_document(doc);
        const std::string text = doc.plain_text();
        const std::vector<Token> tokens = tokenize(text);
        const std::vector<Span> sentences = split_sentences(text, "en");
        const auto t1 = Clock::now();
        Extraction out;
        countries->extract(ExtractInput{doc, text, tokens, sentences, doc.published}, out);
        extract_seconds += seconds_since(t1);
        text_bytes += text.size();
        s.predicted = out.about_countries;
        for (const auto& m : out.mentions) s.named.insert(m.id);
      }
      if (pipeline_mode) extract_seconds += seconds_since(t0);
      scored.push_back(std::move(s));
    }
  }
  const double total_seconds = seconds_since(t_all);

  std::size_t tp = 0, fp = 0, fn = 0, eu = 0, exact_docs = 0;
  // Error breakdown: misses never named in the text (nor the dateline's country), misses
  // named but judged passing; false tags that are the dateline's country, or named ones.
  std::size_t fn_unnamed = 0, fn_passing = 0, fp_dateline = 0, fp_named = 0, no_dateline = 0;
  std::map<std::string, int> fn_by, fp_by, tp_by;
  std::vector<const Scored*> wrong;
  for (const Scored& s : scored) {
    std::set<std::string> gold(s.gold.begin(), s.gold.end());
    std::set<std::string> pred;
    for (const auto& p : s.predicted) {
      if (p == "EU") {
        ++eu;
      } else {
        pred.insert(p);
      }
    }
    if (s.dateline_country.empty()) ++no_dateline;
    for (const auto& p : pred) {
      if (gold.count(p)) {
        ++tp;
        ++tp_by[p];
      } else {
        ++fp;
        ++fp_by[p];
        ++(p == s.dateline_country ? fp_dateline : fp_named);
      }
    }
    for (const auto& g : gold) {
      if (!pred.count(g)) {
        ++fn;
        ++fn_by[g];
        ++(s.named.count(g) ? fn_passing : fn_unnamed);
      }
    }
    if (gold == pred) {
      ++exact_docs;
    } else {
      wrong.push_back(&s);
    }
  }
  const double precision = tp + fp ? static_cast<double>(tp) / static_cast<double>(tp + fp) : 0;
  const double recall = tp + fn ? static_cast<double>(tp) / static_cast<double>(tp + fn) : 0;
  const double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;

  auto top = [](const std::map<std::string, int>& m, std::size_t n) {
    std::vector<std::pair<std::string, int>> v(m.begin(), m.end());
    std::stable_sort(v.begin(), v.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    if (v.size() > n) v.resize(n);
    return v;
  };
  std::printf(
      "Countries on Reuters-21578, ModApte %s split (TOPICS=\"YES\", with PLACES and a BODY)\n",
      split.c_str());
  std::printf("  mode:         %s\n", pipeline_mode ? "whole pipeline" : "country extractor");
  std::printf("  documents:    %zu (all tags right: %zu)\n", scored.size(), exact_docs);
  std::printf("  gold tags:    %zu   predicted (scored): %zu   predicted EU (not scored): %zu\n",
              tp + fn, tp + fp, eu);
  std::printf("  precision:    %.4f\n  recall:       %.4f\n  F1:           %.4f\n", precision,
              recall, f1);
  std::printf("  knowledge load: %.3f s\n", load_seconds);
  std::printf("  extraction:   %.3f s for %.1f MB of text (%.1f MB/s%s)\n", extract_seconds,
              static_cast<double>(text_bytes) / 1e6,
              extract_seconds > 0 ? static_cast<double>(text_bytes) / 1e6 / extract_seconds : 0.0,
              pipeline_mode ? ", whole pipeline" : ", country extractor alone");
  std::printf("  run time:     %.3f s (reading, normalizing, tokenizing and extracting)\n",
              total_seconds);
  std::printf(
      "\n  misses: %zu never named in the text (title and dateline aside), %zu named but judged "
      "passing\n",
      fn_unnamed, fn_passing);
  std::printf("  false tags: %zu the dateline's country, %zu named in the text or title\n",
              fp_dateline, fp_named);
  std::printf("  stories whose dateline gives no country: %zu\n", no_dateline);
  std::printf("\n  most frequent false negatives (gold tag missed):\n");
  for (const auto& [id, n] : top(fn_by, 15))
    std::printf("    %-4s %5d   (found %d)\n", id.c_str(), n, tp_by[id]);
  std::printf("\n  most frequent false positives (tag not in gold):\n");
  for (const auto& [id, n] : top(fp_by, 15)) std::printf("    %-4s %5d\n", id.c_str(), n);
  if (!unmapped.empty()) {
    std::printf("\n  Reuters places without an ISO code (counted as misses):");
    for (const auto& [p, n] : unmapped) std::printf(" %s(%d)", p.c_str(), n);
    std::printf("\n");
  }
  for (long i = 0; i < errors_to_show && i < static_cast<long>(wrong.size()); ++i) {
    const Scored& s = *wrong[static_cast<std::size_t>(i)];
    std::string g, p;
    for (const auto& x : s.gold) g += (g.empty() ? "" : " ") + x;
    for (const auto& x : s.predicted) p += (p.empty() ? "" : " ") + x;
    std::printf("  %-14s gold [%s] predicted [%s]  %s | %s\n", s.id.c_str(), g.c_str(), p.c_str(),
                s.dateline.c_str(), s.title.c_str());
  }
  nlohmann::json j = {{"benchmark", "countries-reuters21578"},
                      {"split", split},
                      {"mode", pipeline_mode ? "pipeline" : "country-extractor"},
                      {"documents", scored.size()},
                      {"tp", tp},
                      {"fp", fp},
                      {"fn", fn},
                      {"eu_predicted_unscored", eu},
                      {"fn_never_named", fn_unnamed},
                      {"fn_named_passing", fn_passing},
                      {"fp_dateline", fp_dateline},
                      {"fp_named", fp_named},
                      {"no_dateline_country", no_dateline},
                      {"precision", std::round(precision * 10000) / 10000},
                      {"recall", std::round(recall * 10000) / 10000},
                      {"f1", std::round(f1 * 10000) / 10000},
                      {"load_seconds", std::round(load_seconds * 1000) / 1000},
                      {"extract_seconds", std::round(extract_seconds * 1000) / 1000},
                      {"text_mb", std::round(static_cast<double>(text_bytes) / 1e4) / 100},
                      {"run_seconds", std::round(total_seconds * 1000) / 1000}};
  std::printf("\n%s\n", j.dump().c_str());
  return 0;
}
