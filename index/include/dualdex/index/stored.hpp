#pragma once
// What the index keeps of a document for display (Xapian document data, JSON):
// the query side reads it back to print hits, snippets and `show`.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dualdex/ingest/document.hpp"
#include "dualdex/ingest/pipeline.hpp"

namespace dualdex::index {

struct StoredDocument {
  std::string id;
  std::string kind;
  std::string parent;  ///< parent document id for statements and measures, else ""
  /// Articles: the id of the first copy when this one is a near-duplicate of it
  /// (set by the writer, index/src/near_duplicates.hpp), else "".
  std::string dup_of;
  std::string title;
  std::string published;
  std::string source;
  std::string url;
  std::string lang;
  /// Articles: every language of the text, lang first (blocks in other languages).
  std::vector<std::string> languages;
  std::string format;
  std::string dateline;
  std::string text;  ///< normalized plain text; mention offsets refer to it
  std::vector<ingest::Mention> mentions;
  /// Countries the document is about (its country filter and facet), not every
  /// country it names in passing.
  std::vector<std::string> countries;
  std::vector<ingest::MetaField> meta;
  /// A parent's statements and measures as JSON (DESIGN.md §4 "extract"), ids included.
  nlohmann::ordered_json statements = nlohmann::ordered_json::array();
  nlohmann::ordered_json measures = nlohmann::ordered_json::array();

  /// What a measure says of its own legal force, for the writer's action term and
  /// in-force slots (schema.hpp); TIMEX3 values or "". Filled by children_of for
  /// measures only; not part of the stored data (parse_stored leaves it empty).
  struct Force {
    std::string action;           ///< "ban", "suspension", "protest", ...
    std::string from;             ///< first day in force (effective, else announced, else document date)
    std::string suspended_from;   ///< a suspension the measure states: from (the document date) …
    std::string suspended_until;  ///< … through this day
    std::string ends;             ///< last day in force of a measure that is itself a suspension
  };
  Force force;
  /// A measure's control-list links as `dualdex link` prints them ({"links": […],
  /// "abstained": …}), written by the relink step after ingest; null until linked.
  nlohmann::ordered_json links;

  /// Sorted unique ids of the mentions of one type.
  std::vector<std::string> ids_of(ingest::MentionType type) const;
  /// Ids a filter and facet of that type use: `countries` for countries, else ids_of.
  std::vector<std::string> filter_ids(ingest::MentionType type) const;
};

/// Builds the stored form of an annotated document.
StoredDocument to_stored(const ingest::AnnotatedDocument& doc);

/// The statement and measure documents of an annotated document: ids "<doc>#s<n>"
/// and "<doc>#m<n>", kind statement / measure, parent set.
std::vector<StoredDocument> children_of(const ingest::AnnotatedDocument& doc);

/// JSON of one statement or measure (DESIGN.md §4), with its id.
nlohmann::ordered_json statement_json(const ingest::Statement& s, const std::string& id);
nlohmann::ordered_json measure_json(const ingest::Measure& m, const std::string& id);
/// JSON (de)serialization of the document data. parse throws IndexError on corrupt data.
std::string serialize(const StoredDocument& doc);
StoredDocument parse_stored(const std::string& data);

}  // namespace dualdex::index
