#pragma once
// Output formats shared by the commands: table (for people), JSON and CSV (for scripts).
#include <nlohmann/json.hpp>
#include <optional>
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
/// Adds a status's fields to a hit or measure object: status, status_as_of,
/// status_since, status_until, status_by, status_clauses, status_instrument,
/// status_source, in_force (and in_force_from when not yet in force); nulls when absent.
void add_status_json(nlohmann::ordered_json& obj, const std::optional<query::Status>& status);
/// One line for people: "suspended until 2026-11-10 by MOFCOM-2025-70 (since 2025-11-07)".
std::string status_text(const query::Status& status);
void print_search_table(std::ostream& out, const query::SearchResult& r, bool bold);
void print_search_csv(std::ostream& out, const query::SearchResult& r);

/// Mentions as the "entities" array of DESIGN.md §4.
nlohmann::ordered_json entities_json(const std::vector<ingest::Mention>& mentions);
nlohmann::ordered_json stored_json(const index::StoredDocument& d);
/// The document's text with each mention marked "[text]{type:id}".
std::string marked_text(const index::StoredDocument& d);

/// "partial result: shard X does not answer (--allow-partial)": said on stderr and in
/// tables when shards were left out.
std::string missing_shards_line(const std::vector<std::string>& missing);

}  // namespace dualdex::cli
