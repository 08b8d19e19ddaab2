#pragma once
// Extraction: what the extractors read and what they produce (DESIGN.md §2, §4).
// Extractors are free functions over an ExtractInput, each with its own part of the
// Knowledge; they run in a fixed order, and a later one sees what earlier ones found.
#include <memory>
#include <string>
#include <vector>

#include "dualdex/ingest/document.hpp"
#include "dualdex/ingest/segment.hpp"
#include "dualdex/ingest/tokenize.hpp"

namespace dualdex::ingest {

/// Who said what, when (quotes and reported speech).
struct Statement {
  std::string text;     ///< the words said, without quotation marks
  std::string speaker;  ///< person id ("he-yadong") or "" when only an agency speaks
  std::string role;     ///< "spokesperson", "Vice-Minister for Foreign Affairs", ...
  std::string agency;   ///< agency id or ""
  std::string country;  ///< country of the speaker or agency, or ""
  std::string date;     ///< TIMEX3 value or ""
  std::size_t begin = 0, end = 0;  ///< offsets of the statement's sentence(s) in the text
};

/// An action by an authority (DESIGN.md §2 "Measures").
struct Measure {
  std::string action;     ///< ban, licence-requirement, restriction, suspension, lifting, list-addition, protest, ...
  std::string authority;  ///< agency id (or country id when only the state is named)
  std::vector<std::string> targets;    ///< country ids
  std::vector<std::string> items;      ///< item ids
  std::vector<std::string> end_uses;   ///< "military", ...
  std::vector<std::string> end_users;  ///< "military", organisation ids, ...
  std::vector<std::string> exempt;     ///< who is explicitly not affected ("civilian")
  std::string instrument;  ///< instrument id or ""
  std::string announced, effective, suspended_until;  ///< TIMEX3 values or ""
  /// Status as of the document's date, from the measure's own dates: "announced" (not
  /// yet effective), "in-force", "suspended" (until suspended_until), "expired" (a
  /// suspension past its end), or "" without a document date. Later instruments can
  /// change it; this is what the document itself says.
  std::string status;
  std::string status_as_of;  ///< the date status refers to (the document date)
  std::string text;
  std::size_t begin = 0, end = 0;
};

/// What the extractors of one document read.
struct ExtractInput {
  const Document& doc;
  const std::string& text;                ///< doc.plain_text()
  const std::vector<Token>& tokens;       ///< tokenize(text)
  const std::vector<Span>& sentences;     ///< split_sentences(text)
  std::string dct;                        ///< document date (TIMEX3) or "" when unknown
};

/// Everything found in one document; extractors append to it in order.
struct Extraction {
  std::vector<Mention> mentions;
  /// Countries the document is about, most central first (document-level tags),
  /// decided by the country extractor; the index's country filter uses these.
  std::vector<std::string> about_countries;
  std::vector<Statement> statements;
  std::vector<Measure> measures;
};

}  // namespace dualdex::ingest
