#pragma once
// What the index keeps of a document for display (Xapian document data, JSON):
// the query side reads it back to print hits, snippets and `show`.
#include <string>
#include <vector>

#include "dualdex/ingest/document.hpp"
#include "dualdex/ingest/pipeline.hpp"

namespace dualdex::index {

struct StoredDocument {
  std::string id;
  std::string kind;
  std::string parent;  ///< parent document id for statements and measures, else ""
  std::string title;
  std::string published;
  std::string source;
  std::string url;
  std::string lang;
  std::string format;
  std::string dateline;
  std::string text;  ///< normalized plain text; mention offsets refer to it
  std::vector<ingest::Mention> mentions;
  std::vector<ingest::MetaField> meta;

  /// Sorted unique ids of the mentions of one type.
  std::vector<std::string> ids_of(ingest::MentionType type) const;
};

/// Builds the stored form of an annotated document.
StoredDocument to_stored(const ingest::AnnotatedDocument& doc);

/// JSON (de)serialization of the document data. parse throws IndexError on corrupt data.
std::string serialize(const StoredDocument& doc);
StoredDocument parse_stored(const std::string& data);

}  // namespace dualdex::index
