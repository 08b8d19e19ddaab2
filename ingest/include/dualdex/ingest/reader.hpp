#pragma once
// Readers: bytes in, Documents out (DESIGN.md §2). One function per format plus
// detection. Readers never throw for bad content: a file that cannot be read at all
// yields an InputError from read_input(); a bad record inside a multi-record file
// becomes a Problem and the other records are kept.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dualdex/ingest/document.hpp"

namespace dualdex::ingest {

enum class InputFormat { automatic, html, xml, text, reuters_sgml, timeml, jsonl, rss, control_list, instruments };

/// Parses a --input-format name ("auto", "html", "reuters-sgml", ...). nullopt if unknown.
std::optional<InputFormat> parse_input_format(std::string_view name);
const char* to_string(InputFormat format);

/// Where a document came from, so that readers can build stable ids.
struct InputInfo {
  std::string path;      ///< path as given (for messages)
  std::string relative;  ///< path relative to the ingest root's parent ("seed/story.txt")
  std::string dct;       ///< --dct: date used when the document states none ("" = none)
  std::string list_meta{};  ///< JSON of the list's sidecar or --list-meta file ("" = none)
  std::string list_meta_source{};  ///< where list_meta came from, for messages ("x.list.json")
};

/// Result of reading one input: zero or more documents and the problems met.
struct ReadResult {
  std::vector<Document> documents;
  std::vector<Problem> problems;
};

/// Decides the format from the content first (magic, root element), then the file
/// extension. Never returns InputFormat::automatic.
InputFormat detect_format(std::string_view bytes, std::string_view path);

/// Reads bytes of the given format (automatic = detect). Fills id, source and,
/// where the document has none, the date from info.dct or from a date in the file
/// name (…-2026-01-08.txt). Throws InputError when nothing usable can be read
/// (empty file, binary junk, unparseable markup).
ReadResult read_input(std::string_view bytes, const InputInfo& info,
                      InputFormat format = InputFormat::automatic);

// Individual readers (used by read_input; public for tests). Each fills the content
// fields (title, published, lang, url, blocks, declared, meta); read_input fills the rest.
ReadResult read_html(std::string_view bytes, const InputInfo& info);
ReadResult read_text(std::string_view bytes, const InputInfo& info);
ReadResult read_xml(std::string_view bytes, const InputInfo& info);
ReadResult read_reuters_sgml(std::string_view bytes, const InputInfo& info);
ReadResult read_timeml(std::string_view bytes, const InputInfo& info);
ReadResult read_jsonl(std::string_view bytes, const InputInfo& info);
/// Feeds (input format "rss"): RSS 2.0 (rss/channel/item), RSS 1.0 (rdf:RDF) and Atom
/// (feed/entry). One `article` Document per item: id = the item's link (Atom: its
/// rel="alternate" href, made absolute), else its guid / Atom id as given, else
/// "file:<relative>#<n>"; source = the host of the feed's own link, else the feed's
/// title; published = pubDate / dc:date / Atom published, else updated, as the calendar
/// date the item states (its own zone); text = content:encoded or description (Atom:
/// content, else summary; type html, text or xhtml), HTML read by the HTML reader's
/// rules. meta: "feed", "feed_format" (rss-2.0, rss-1.0, atom), "author", "categories",
/// "guid" (when not the id), "updated", "published" (only when unparseable). An item with
/// neither a title nor text, or a second, different item under an id already read, is a
/// Problem "<path>#<n>" and the others are kept. InputError when the file is not
/// well-formed XML or its root is not rss, rdf:RDF or Atom's feed. No network, no
/// external entities or DTDs; declared entities are never expanded into the text.
ReadResult read_feed(std::string_view bytes, const InputInfo& info);
/// A control list as text (DESIGN.md §2, §4): one `entry` Document "<list>:<code>" per
/// code and sub-item code, with "parent", "children", "confirmed" and the list's metadata
/// in meta. The list id comes from info.list_meta (JSON: id, authority, title, version;
/// an InputError when it is invalid or has no id), else from the file name (a Problem).
ReadResult read_control_list(std::string_view bytes, const InputInfo& info);
/// Instrument records, one JSON object per line (corpus/instruments/README.md): each
/// becomes an `instrument` Document "instrument:<ID>" (title; text = title, note and one
/// sentence per action; published = issued, else effective; declared agencies, its own
/// id and its actions' targets as instruments, controls.items and controls.codes). Meta
/// keys the instrument chain reads back from the index (query/instruments.hpp):
/// "instrument" (the id), "issued", "effective" (YYYY-MM-DD or absent), "actions" (JSON:
/// [{"type", "targets", "clauses" (null or strings), "until" (null or a date)}]); also
/// "number", "year", "confirmed", "sources" (JSON array). A bad line is a Problem naming
/// file:line: invalid JSON, no id, a bad date, neither issued nor effective, an unknown
/// action type, an action without targets, a duplicate id.
ReadResult read_instruments(std::string_view bytes, const InputInfo& info);
/// True when one JSON Lines line is an instrument record (keys id, authorities, actions).
bool looks_like_instrument_record(std::string_view line);
/// True when the text after a list line's code is a note ("Note:", "Note 2:", "N.B.",
/// "Technical Note:", "Notes:"): notes stay with their entry but do not describe it.
bool is_control_list_note(std::string_view text_after_code);

}  // namespace dualdex::ingest
