// dualdex extract: read inputs and print what the pipeline finds, one JSON object
// per document (DESIGN.md §4); no index involved.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "dualdex/index/ingest_job.hpp"
#include "dualdex/ingest/dates.hpp"
#include "dualdex/index/stored.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/extract_dates.hpp"
#include "dualdex/ingest/knowledge.hpp"
#include "dualdex/ingest/pipeline.hpp"
#include "dualdex/ingest/reader.hpp"
#include "output.hpp"

namespace dualdex::cli {
namespace {

struct ExtractArgs {
  std::string input_format = "auto";
  std::string dct;
  std::string list_meta;
  std::string format = "jsonl";
  bool with_text = false;
  unsigned jobs = 0;
  std::string knowledge;
  std::vector<std::string> paths;
};

// TimeML of a document. A TimeML input keeps its DOCID, DCT and its TEXT character
// for character: the date extractor runs again on that exact text, since the
// pipeline's offsets refer to the normalized text.
std::string timeml_of(const ingest::Knowledge& knowledge, const ingest::AnnotatedDocument& ad) {
  std::string text = ad.text;
  for (const auto& m : ad.doc.meta) {
    if (m.key == "timeml_text") text = m.value;
  }
  const std::string docid = ad.doc.id.rfind("timeml:", 0) == 0 ? ad.doc.id.substr(7) : ad.doc.id;
  return ingest::to_timeml(docid, ad.doc.published, text, knowledge.dates_in(text, ad.doc.published));
}

int run(const ExtractArgs& a) {
  if (a.format != "jsonl" && a.format != "timeml") throw UsageError("unknown --format '" + a.format + "': use jsonl or timeml");
  auto format = ingest::parse_input_format(a.input_format);
  if (!format) throw UsageError("unknown --input-format '" + a.input_format + "'");
  if (!a.dct.empty() && !ingest::is_calendar_value(a.dct)) throw UsageError("bad --dct '" + a.dct + "'");
  for (const auto& p : a.paths) {
    std::error_code ec;
    if (p != "-" && !std::filesystem::exists(p, ec)) throw UsageError("no such file or directory: " + p);
  }
  const auto knowledge = ingest::Knowledge::load(a.knowledge.empty() ? ingest::Knowledge::default_dir() : std::filesystem::path(a.knowledge));
  const ingest::Pipeline pipeline(ingest::PipelineOptions{knowledge});
  int status = kOk;
  if (!a.list_meta.empty() && !std::filesystem::is_regular_file(a.list_meta)) {
    throw UsageError("no such --list-meta file: " + a.list_meta);
  }
  index::ReadOptions read{a.jobs, *format, a.dct, a.list_meta};
  index::for_each_prepared(index::expand_inputs(a.paths), read, pipeline, [&](index::PreparedInput&& p) {
    if (!p.report.error.empty()) {
      std::cerr << "rejected: " << p.report.error << '\n';
      status = kRejectedInputs;
    }
    for (const auto& problem : p.report.problems) {
      std::cerr << "rejected: " << problem.input << ": " << problem.message << '\n';
      status = kRejectedInputs;
    }
    for (const auto& ad : p.docs) {
      if (a.format == "timeml") {
        std::cout << timeml_of(*knowledge, ad) << '\n';
        continue;
      }
      const index::StoredDocument stored = index::to_stored(ad);
      nlohmann::ordered_json j = {{"id", ad.doc.id},       {"source", ad.doc.source},
                                  {"title", ad.doc.title}, {"published", ad.doc.published},
                                  {"lang", ad.doc.lang},   {"countries", ad.about_countries},
                                  {"entities", entities_json(ad.mentions)},
                                  {"statements", stored.statements},
                                  {"measures", stored.measures}};
      if (a.with_text) j["text"] = ad.text;
      std::cout << j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
    }
  });
  return status;
}

}  // namespace

Command add_extract(CLI::App& app) {
  auto a = std::make_shared<ExtractArgs>();
  CLI::App* sub = app.add_subcommand("extract", "Print the documents and mentions found in inputs (no index)");
  sub->add_option("--input-format", a->input_format, "auto (default), html, xml, text, reuters-sgml, timeml, jsonl, control-list, instruments");
  sub->add_option("--dct", a->dct, "Document date for documents that state none (YYYY-MM-DD)");
  sub->add_option("--list-meta", a->list_meta,
                  "Control-list metadata (JSON: id, authority, title, version) for every input; "
                  "default: a NAME.list.json sidecar beside each NAME.txt");
  sub->add_option("--format", a->format, "jsonl (default) or timeml (the text with TIMEX3 tags)");
  sub->add_option("--knowledge", a->knowledge, "Gazetteer directory (default: $DUALDEX_KNOWLEDGE, else corpus/gazetteers)");
  sub->add_option("--jobs", a->jobs, "Worker threads (default: one per core); output order is the same for any value");
  sub->add_flag("--with-text", a->with_text, "Include the normalized plain text");
  sub->add_option("PATH", a->paths, "Files or directories; '-' reads stdin")->required();
  return [a] { return run(*a); };
}

}  // namespace dualdex::cli
