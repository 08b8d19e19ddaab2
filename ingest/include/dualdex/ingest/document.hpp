#pragma once
// The typed values that flow from readers to the indexer (DESIGN.md §2).
// Readers fill Document; nothing here knows about Xapian.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dualdex::ingest {

/// What a block of text is in its source document.
enum class BlockKind { heading, paragraph, quote, list_item, table_cell };

/// Lower-case name of a block kind ("heading", "list-item", ...).
const char* to_string(BlockKind kind);

/// One ordered piece of a document's text, as the reader found it.
struct Block {
  BlockKind kind = BlockKind::paragraph;
  std::string text;  ///< UTF-8, not yet normalized
};

/// The types of things a mention can refer to (DESIGN.md §4 "entities").
enum class MentionType {
  country,
  agency,
  organisation,
  person,
  item,
  code,
  list,
  date,
  amount,
  instrument,
};

/// Lower-case name used in JSON and in query prefixes ("country", "agency", ...).
const char* to_string(MentionType type);

/// The canonical spelling of an id of that type (DESIGN.md §4): countries, agencies
/// and instruments upper case ("JP", "CN.MOFCOM"), items, persons, organisations and
/// lists lower case, codes as the list writes them; surrounding spaces removed.
std::string canonical_id(MentionType type, std::string_view id);

/// A thing named in (or declared for) a document.
/// begin/end are UTF-8 byte offsets into Document::plain_text() of the
/// normalized document; both are npos for mentions declared by metadata
/// (e.g. a JSON Lines feed's "countries" field) rather than found in the text.
struct Mention {
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  MentionType type = MentionType::country;
  std::string id;     ///< canonical id: "JP", "CN.MOFCOM", "gallium", "eu-2021-821:3B001"
  std::string text;   ///< surface text as it stands in the document
  std::string value;  ///< normalized value where the type has one (dates, amounts)
  std::size_t begin = npos;
  std::size_t end = npos;
};

/// A named field a reader kept but that has no slot of its own (JSON Lines extras,
/// Reuters TOPICS/PLACES, XML attributes of an announcement).
struct MetaField {
  std::string key;
  std::string value;
};

/// One document as a reader produces it.
struct Document {
  std::string id;         ///< unique id, DESIGN.md §4: "reuters:1", "file:seed/x.txt", a URL
  std::string source;     ///< source name: path relative to the ingest root's parent, or host
  std::string url;        ///< canonical URL when the source has one
  std::string kind = "article";  ///< article | statement | measure | entry | instrument
  std::string format;     ///< reader that produced it ("html", "reuters-sgml", ...)
  std::string title;
  std::string published;  ///< TIMEX3 calendar date (YYYY-MM-DD, YYYY-MM or YYYY) or ""
  std::string lang;       ///< BCP 47 tag ("en", "zh") or "" when unknown
  std::string dateline;   ///< e.g. "SALVADOR, Feb 26" (Reuters, news text) or ""
  std::vector<Block> blocks;
  std::vector<Mention> declared;  ///< mentions declared by metadata, offsets npos
  std::vector<MetaField> meta;

  /// The document's plain text: blocks joined by "\n\n". Mention offsets refer to it.
  std::string plain_text() const;
};

/// A problem met while reading one input; the run goes on.
struct Problem {
  std::string input;    ///< file path (and ":line" or "#record" where known)
  std::string message;  ///< what was wrong, for a person
};

}  // namespace dualdex::ingest
