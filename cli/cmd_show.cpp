// dualdex show: one document with its metadata and its mentions marked in its text.
#include <iostream>

#include "commands.hpp"
#include "dualdex/index/database.hpp"
#include "dualdex/ingest/error.hpp"
#include "output.hpp"

namespace dualdex::cli {
namespace {

struct ShowArgs {
  std::string index;
  std::string format = "table";
  std::string id;
};

int run(const ShowArgs& a) {
  const OutputFormat format = parse_output_format(a.format, false);
  query::Searcher searcher(index::resolve_index_path(a.index));
  const auto doc = searcher.get(a.id);
  if (!doc) {
    std::cerr << "dualdex: no document with id '" << a.id << "'\n";
    return kUsage;
  }
  if (format == OutputFormat::json) {
    std::cout << stored_json(*doc).dump(2) << '\n';
    return kOk;
  }
  auto line = [](const char* label, const std::string& v) {
    if (!v.empty()) std::cout << label << v << '\n';
  };
  line("id:        ", doc->id);
  line("kind:      ", doc->kind);
  line("parent:    ", doc->parent);
  line("title:     ", doc->title);
  line("published: ", doc->published);
  line("source:    ", doc->source);
  line("url:       ", doc->url);
  line("lang:      ", doc->lang);
  line("format:    ", doc->format);
  line("dateline:  ", doc->dateline);
  for (const auto& m : doc->meta) std::cout << "meta:      " << m.key << " = " << m.value << '\n';
  for (const auto& m : doc->mentions) {
    if (m.begin == ingest::Mention::npos) {
      std::cout << "declared:  " << ingest::to_string(m.type) << ' ' << m.id << '\n';
    }
  }
  if (!doc->countries.empty()) {
    std::cout << "countries: ";
    for (std::size_t i = 0; i < doc->countries.size(); ++i) std::cout << (i ? ", " : "") << doc->countries[i];
    std::cout << '\n';
  }
  std::cout << '\n' << marked_text(*doc) << '\n';
  for (const auto& s : doc->statements) {
    std::cout << "\nstatement " << s.value("id", "") << ": " << s.value("speaker", "") << " ("
              << s.value("role", "") << ", " << s.value("agency", "") << ") " << s.value("date", "") << "\n  \""
              << s.value("text", "") << "\"\n";
  }
  for (const auto& m : doc->measures) {
    std::cout << "\nmeasure " << m.value("id", "") << ": " << m.value("action", "") << " by "
              << m.value("authority", "") << "; targets " << m["targets"].dump() << "; items " << m["items"].dump()
              << "; end uses " << m["end_uses"].dump() << "; dates " << m["dates"].dump() << "\n  "
              << m.value("text", "") << "\n";
  }
  return kOk;
}

}  // namespace

Command add_show(CLI::App& app) {
  auto a = std::make_shared<ShowArgs>();
  CLI::App* sub = app.add_subcommand("show", "Print one document, its mentions marked in its text");
  sub->add_option("--index", a->index, "Index directory (default: $DUALDEX_INDEX, else ./var/index)");
  sub->add_option("--format", a->format, "table (default) or json");
  sub->add_option("ID", a->id, "Document id (reuters:1, file:seed/story.txt, a URL)")->required();
  return [a] { return run(*a); };
}

}  // namespace dualdex::cli
