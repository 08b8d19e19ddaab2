// dualdex extract: read inputs and print what the pipeline finds, one JSON object
// per document (DESIGN.md §4); no index involved.
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "dualdex/index/ingest_job.hpp"
#include "dualdex/ingest/dates.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/pipeline.hpp"
#include "dualdex/ingest/reader.hpp"
#include "output.hpp"

namespace dualdex::cli {
namespace {

struct ExtractArgs {
  std::string input_format = "auto";
  std::string dct;
  std::string format = "jsonl";
  bool with_text = false;
  std::vector<std::string> paths;
};

std::string slurp(const std::string& path) {
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    return ss.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int run(const ExtractArgs& a) {
  if (a.format != "jsonl") throw UsageError("unknown --format '" + a.format + "': use jsonl");
  auto format = ingest::parse_input_format(a.input_format);
  if (!format) throw UsageError("unknown --input-format '" + a.input_format + "'");
  if (!a.dct.empty() && !ingest::is_calendar_value(a.dct)) throw UsageError("bad --dct '" + a.dct + "'");
  const ingest::Pipeline pipeline;
  int status = kOk;
  for (const auto& file : index::expand_inputs(a.paths)) {
    try {
      const std::string bytes = slurp(file.path);
      ingest::ReadResult result = ingest::read_input(bytes, {file.path, file.relative, a.dct}, *format);
      for (const auto& p : result.problems) {
        std::cerr << "rejected: " << p.input << ": " << p.message << '\n';
        status = kRejectedInputs;
      }
      for (auto& doc : result.documents) {
        const ingest::AnnotatedDocument ad = pipeline.process(std::move(doc));
        nlohmann::ordered_json j = {{"id", ad.doc.id},           {"source", ad.doc.source},
                                    {"title", ad.doc.title},     {"published", ad.doc.published},
                                    {"lang", ad.doc.lang},       {"entities", entities_json(ad.mentions)},
                                    {"statements", nlohmann::ordered_json::array()},
                                    {"measures", nlohmann::ordered_json::array()}};
        if (a.with_text) j["text"] = ad.text;
        std::cout << j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
      }
    } catch (const InputError& e) {
      std::cerr << "rejected: " << e.what() << '\n';
      status = kRejectedInputs;
    }
  }
  return status;
}

}  // namespace

Command add_extract(CLI::App& app) {
  auto a = std::make_shared<ExtractArgs>();
  CLI::App* sub = app.add_subcommand("extract", "Print the documents and mentions found in inputs (no index)");
  sub->add_option("--input-format", a->input_format, "auto (default), html, xml, text, reuters-sgml, timeml, jsonl");
  sub->add_option("--dct", a->dct, "Document date for documents that state none (YYYY-MM-DD)");
  sub->add_option("--format", a->format, "jsonl (default)");
  sub->add_flag("--with-text", a->with_text, "Include the normalized plain text");
  sub->add_option("PATH", a->paths, "Files or directories; '-' reads stdin")->required();
  return [a] { return run(*a); };
}

}  // namespace dualdex::cli
