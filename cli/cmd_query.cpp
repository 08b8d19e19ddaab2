// dualdex query: search with filters, facets and snippets; table, JSON or CSV.
#include <iostream>

#include "commands.hpp"
#include "dualdex/index/database.hpp"
#include "dualdex/ingest/error.hpp"
#include "output.hpp"

namespace dualdex::cli {
namespace {

struct QueryArgs {
  std::string index;
  std::map<std::string, std::vector<std::string>> filters;
  std::string since, until;
  std::string in_force_on;
  std::string sort = "relevance";
  std::size_t limit = 10, offset = 0;
  bool facets = false;
  bool show_duplicates = false;
  bool allow_partial = false;
  std::string format = "table";
  std::vector<std::string> words;
};

int run(const QueryArgs& a) {
  query::SearchOptions o;
  for (const auto& w : a.words) o.query += (o.query.empty() ? "" : " ") + w;
  for (const auto& [field, values] : a.filters) {
    for (const auto& v : values) o.filters.push_back({field, v});
  }
  o.since = a.since;
  o.until = a.until;
  o.in_force_on = a.in_force_on;
  if (a.sort == "date") {
    o.sort = query::SortOrder::date;
  } else if (a.sort != "relevance") {
    throw UsageError("unknown --sort '" + a.sort + "': use relevance or date");
  }
  o.limit = a.limit;
  o.offset = a.offset;
  o.facets = a.facets;
  o.show_duplicates = a.show_duplicates;
  const OutputFormat format = parse_output_format(a.format);
  query::OpenOptions open;
  open.allow_partial = a.allow_partial;
  query::Searcher searcher(index::resolve_index_path(a.index), open);
  const query::SearchResult r = searcher.search(o);
  if (!r.missing_shards.empty() && format != OutputFormat::table)
    std::cerr << "dualdex: " << missing_shards_line(r.missing_shards) << '\n';
  switch (format) {
    case OutputFormat::json: std::cout << search_result_json(r).dump(2) << '\n'; break;
    case OutputFormat::csv: print_search_csv(std::cout, r); break;
    case OutputFormat::table: print_search_table(std::cout, r, stdout_is_terminal()); break;
  }
  return kOk;
}

}  // namespace

Command add_query(CLI::App& app) {
  auto a = std::make_shared<QueryArgs>();
  CLI::App* sub = app.add_subcommand("query", "Search the index (see README: query syntax)");
  sub->add_option("--index", a->index,
                  "Index directory or shard stub file (default: $DUALDEX_INDEX, else ./var/index)");
  sub->add_flag("--allow-partial", a->allow_partial,
                "When a shard does not answer, search the others and name it (else exit 3)");
  const std::pair<const char*, const char*> flags[] = {
      {"kind", "article, statement, measure, entry, instrument or any"}, {"country", "ISO 3166 alpha-2 code (CN, JP, EU)"},
      {"agency", "agency id (CN.MOFCOM)"},               {"item", "item id (gallium, rare-earths)"},
      {"person", "person id (he-yadong)"},              {"code", "control code; matches its sub-items"},
      {"list", "control-list id"},                       {"lang", "language (en, zh, ja)"},
      {"source", "source name or host"},                 {"org", "organisation id"},
      {"instrument", "instrument id (MOFCOM-2026-1)"},   {"dup", "id of a story's first copy: its near-duplicates"}};
  for (const auto& [field, help] : flags) {
    sub->add_option(std::string("--") + field, a->filters[field], std::string("Filter: ") + help + " (repeatable: OR)")
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
        ->allow_extra_args(false);
  }
  sub->add_option("--since", a->since, "From this date, inclusive (YYYY, YYYY-MM or YYYY-MM-DD)");
  sub->add_option("--until", a->until, "Up to this date, inclusive (YYYY, YYYY-MM or YYYY-MM-DD)");
  sub->add_option("--in-force-on", a->in_force_on,
                  "Only measures and instruments in force on this date (YYYY, YYYY-MM or YYYY-MM-DD: on some day "
                  "of it), by the chain of instruments; statuses are then as of this date (default: today)");
  sub->add_option("--sort", a->sort, "relevance (default) or date (newest first)");
  sub->add_option("--limit", a->limit, "Hits to return (default 10)");
  sub->add_option("--offset", a->offset, "Hits to skip (paging)");
  sub->add_flag("--facets", a->facets, "Count country, agency, item, kind and month over all matches");
  sub->add_flag("--show-duplicates", a->show_duplicates,
                "List near-duplicate articles (the same story from another outlet or URL) one by one "
                "instead of one hit per story");
  sub->add_option("--format", a->format, "table (default), json or csv");
  sub->add_option("QUERY", a->words, "Query: words, \"phrases\", AND/OR/NOT, field:value, D1..D2");
  return [a] { return run(*a); };
}

}  // namespace dualdex::cli
