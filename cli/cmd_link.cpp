// dualdex link: the control-list entries a measure concerns, with scores and evidence.
#include <filesystem>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "dualdex/index/database.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/knowledge.hpp"
#include "dualdex/query/link.hpp"
#include "output.hpp"

namespace dualdex::cli {
namespace {

struct LinkArgs {
  std::string index;
  bool allow_partial = false;
  std::string format = "table";
  std::size_t limit = 5;
  std::string text, doc;
  std::string knowledge;
  bool baseline = false;
};

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::string also_in(const query::Link& l) {
  std::vector<std::string> v;
  for (const auto& a : l.also_in) v.push_back(a.list + ":" + a.code);
  return join(v, ", ");
}

void print_table(std::ostream& out, const query::LinkResult& r) {
  out << "measure: " << r.measure << '\n';
  if (!r.missing_shards.empty()) out << missing_shards_line(r.missing_shards) << '\n';
  if (r.links.empty()) {
    out << (r.abstained.empty() ? std::string("no entry fits") : r.abstained) << '\n';
    return;
  }
  std::size_t n = 0;
  for (const auto& l : r.links) {
    out << ++n << ". " << l.list << ':' << (l.code.empty() ? "(whole list)" : l.code) << "  score "
        << l.score;
    if (l.scope != "entry") out << "  [" << l.scope << ']';
    if (!l.confirmed) out << "  [code not confirmed]";
    out << "\n   " << l.title << '\n';
    if (!l.parents.empty()) out << "   parents: " << join(l.parents, " < ") << '\n';
    if (!l.also_in.empty()) out << "   also in: " << also_in(l) << '\n';
    for (const auto& e : l.evidence) {
      out << "   - " << e.why << ": \"" << e.matched << '"';
      if (!e.entry.empty()) out << " → " << e.entry;
      out << '\n';
    }
  }
}

void print_csv(std::ostream& out, const query::LinkResult& r) {
  // One row per link; a measure with no link gets one row saying why (CRLF as in query).
  out << "measure,rank,list,code,score,scope,confirmed,parents,also_in,title,evidence,"
         "abstained\r\n";
  if (r.links.empty())
    out << csv_field(r.measure) << ",0,,,,,,,,,," << csv_field(r.abstained) << "\r\n";
  std::size_t n = 0;
  for (const auto& l : r.links) {
    std::vector<std::string> ev;
    for (const auto& e : l.evidence)
      ev.push_back(e.why + ":" + e.matched + (e.entry.empty() ? "" : "=>" + e.entry));
    out << csv_field(r.measure) << ',' << ++n << ',' << csv_field(l.list) << ','
        << csv_field(l.code) << ',' << l.score << ',' << l.scope << ','
        << (l.confirmed ? "true" : "false") << ',' << csv_field(join(l.parents, " ")) << ','
        << csv_field(also_in(l)) << ',' << csv_field(l.title) << ',' << csv_field(join(ev, "; "))
        << ",\r\n";
  }
}

int run(const LinkArgs& a) {
  if (a.text.empty() == a.doc.empty())
    throw UsageError("give exactly one of --text TEXT or --doc ID");
  const OutputFormat format = parse_output_format(a.format);
  query::LinkOptions o;
  if (a.limit == 0) throw UsageError("--limit must be at least 1");
  o.limit = a.limit;
  o.baseline = a.baseline;
  o.allow_partial = a.allow_partial;
  o.knowledge = ingest::Knowledge::load(a.knowledge.empty() ? ingest::Knowledge::default_dir()
                                                            : std::filesystem::path(a.knowledge));
  const query::Linker linker(index::resolve_index_path(a.index), o);
  const query::LinkResult r =
      a.doc.empty() ? linker.link_text(a.text) : linker.link_document(a.doc);
  if (!r.missing_shards.empty() && format != OutputFormat::table)
    std::cerr << "dualdex: " << missing_shards_line(r.missing_shards) << '\n';
  switch (format) {
    case OutputFormat::json:
      std::cout << query::to_json(r).dump(2, ' ', false,
                                          nlohmann::ordered_json::error_handler_t::replace)
                << '\n';
      break;
    case OutputFormat::csv:
      print_csv(std::cout, r);
      break;
    case OutputFormat::table:
      print_table(std::cout, r);
      break;
  }
  return kOk;
}

}  // namespace

Command add_link(CLI::App& app) {
  auto a = std::make_shared<LinkArgs>();
  CLI::App* sub =
      app.add_subcommand("link", "Link a measure to the control-list entries it concerns");
  sub->add_option("--index", a->index,
                  "Index directory or shard stub file (default: $DUALDEX_INDEX, else ./var/index)");
  sub->add_flag("--allow-partial", a->allow_partial,
                "When a shard does not answer, link with the others and name it (else exit 3)");
  sub->add_option("--text", a->text, "The measure as text");
  sub->add_option("--doc", a->doc, "An indexed document: a measure (<doc>#m1) or a story");
  sub->add_option("--limit", a->limit, "Entries to return at most (default 5)");
  sub->add_option("--format", a->format, "table (default), json or csv");
  sub->add_option("--knowledge", a->knowledge, "Gazetteer directory (default: corpus/gazetteers)");
  sub->add_flag("--baseline", a->baseline, "Plain BM25 over the entries (for comparison)");
  return [a] { return run(*a); };
}

}  // namespace dualdex::cli
