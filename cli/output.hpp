#pragma once
// Output formats shared by the commands: table (for people), JSON and CSV (for scripts).
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "dualdex/index/stored.hpp"
#include "dualdex/query/search.hpp"

namespace dualdex::cli {

enum class OutputFormat { table, json, csv };

/// Parses --format; throws UsageError naming the allowed values.
OutputFormat parse_output_format(const std::string& name, bool csv_allowed = true);

/// True if stdout is a terminal (table output may use bold then).
bool stdout_is_terminal();

/// Snippet HTML (<b>…</b>, escaped text) as plain text, with matches in ANSI bold if bold.
std::string snippet_to_text(const std::string& html, bool bold);

/// One CSV field, quoted per RFC 4180 when needed.
std::string csv_field(const std::string& value);

nlohmann::ordered_json search_result_json(const query::SearchResult& r);
void print_search_table(std::ostream& out, const query::SearchResult& r, bool bold);
void print_search_csv(std::ostream& out, const query::SearchResult& r);

/// Mentions as the "entities" array of DESIGN.md §4.
nlohmann::ordered_json entities_json(const std::vector<ingest::Mention>& mentions);
nlohmann::ordered_json stored_json(const index::StoredDocument& d);
/// The document's text with each mention marked "[text]{type:id}".
std::string marked_text(const index::StoredDocument& d);

}  // namespace dualdex::cli
