#pragma once
// Linking a measure to the control-list entries it concerns (DESIGN.md §4 "link").
//
// The linker reads every `entry` document of the index into memory (the code tree,
// each entry's own words, its notes and its ancestors' headings) and scores entries
// for a measure text with the words of the text, an analysts' vocabulary
// (corpus/linking/vocabulary.tsv: drones → unmanned aerial vehicles, British and
// American spellings), the items the extractors found and the codes the text names.
// It prefers the most specific entry that fits, folds the same Wassenaar code in two
// lists into one link (`also_in`), and returns no link when nothing fits or when the
// text is not about export control at all (a tariff, an import ban).
#include <cstddef>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace dualdex::ingest {
class Knowledge;
}

namespace dualdex::query {

/// Why an entry was linked: one matched piece of the measure.
struct LinkEvidence {
  /// "code" (the text names the code), "item" (a known item → entry link of the
  /// knowledge), "synonym" (analysts' words for the entry's words), "words" (the
  /// entry's own words), "context" (words of the entry's parent headings), "scope"
  /// (a measure over all dual-use items of the list's authority).
  std::string why;
  std::string matched;   ///< the measure's words, as written (an item of the story: its id)
  std::string entry;     ///< the entry's words they met ("unmanned aerial vehicle")
  std::string sentence;  ///< the measure's sentence holding them
};

struct ListCode {
  std::string list, code;
};

struct Link {
  std::string list;
  std::string code;  ///< "" for a link to the list as a whole
  std::string title;
  double score = 0;  ///< in [0, 1]
  bool confirmed = true;
  /// "entry": the text describes the entry; "list": the measure covers the whole
  /// list; "pointed": an entry the document points at (its items) under a whole-list
  /// measure or outside the measure's sentence.
  std::string scope = "entry";
  std::vector<std::string> parents;  ///< nearest first
  std::vector<ListCode> also_in;     ///< the same code in other lists
  std::vector<LinkEvidence> evidence;
};

struct LinkResult {
  std::string measure;  ///< the text or the document id linked
  std::vector<Link> links;
  /// Why there is no link, when links is empty: "not an export control: tariff", "no
  /// entry fits", "no control list in the index".
  std::string abstained;
  /// Shards left out (LinkOptions::allow_partial): entries there were not considered.
  std::vector<std::string> missing_shards;
};

/// What the linker knows about a measure beyond its words.
struct MeasureHints {
  std::string authority;           ///< agency or country id ("CN.MOFCOM", "US", "NL")
  std::string action;  ///< the measure's action; a protest or a retaliation links nothing
  std::vector<std::string> items;  ///< item ids of the measure's sentence
  std::vector<std::string> codes;  ///< control codes the measure names
  /// Items of the rest of the document: their entries are "pointed" links.
  std::vector<std::string> context_items;
  std::string context_sentence;  ///< a sentence naming the context items, for evidence
  /// Link only if the text speaks of exports or names a controlled item or a code: set
  /// for measures the extractors found in news, which are not all export controls
  /// ("Brazil suspended interest payments").
  bool require_export_context = false;
};

struct LinkOptions {
  std::size_t limit = 5;
  /// The vocabulary directory (every *.tsv in it); empty = default_vocabulary_path().
  std::filesystem::path vocabulary;
  /// Extractors for --text (authority, items and codes of the text); may be null.
  std::shared_ptr<const ingest::Knowledge> knowledge;
  /// Plain ranking (no vocabulary, no hierarchy, no abstention): the baseline of the
  /// quality report.
  bool baseline = false;
  /// A shard of a stub index that does not open is left out (LinkResult::missing_shards)
  /// instead of failing the open.
  bool allow_partial = false;
};

/// The JSON of DESIGN.md §4 "link --format json" (plus "scope", evidence "entry" and
/// "abstained").
nlohmann::ordered_json to_json(const LinkResult& result);

/// $DUALDEX_LINK_VOCABULARY, else the directory corpus/linking of the source tree.
std::filesystem::path default_vocabulary_path();

/// Not thread-safe (a stemmer and an open database inside): one Linker per thread.
class Linker {
 public:
  /// Reads the entries of the open index at index_path and the vocabulary. Throws
  /// IndexError (index) or KnowledgeError (vocabulary, file:line).
  Linker(const std::string& index_path, LinkOptions options);
  ~Linker();
  Linker(const Linker&) = delete;
  Linker& operator=(const Linker&) = delete;

  /// Links a free text; the knowledge (if any) supplies authority, items and codes.
  LinkResult link_text(const std::string& text) const;

  /// Links a text with hints already known (a stored measure).
  LinkResult link(const std::string& text, const MeasureHints& hints) const;

  /// Links an indexed document: a measure by its sentence and its document's items;
  /// another document by its measures' sentences (else its title and text). Throws
  /// UsageError when the id is not in the index.
  LinkResult link_document(const std::string& id) const;

  /// The same code in the other lists where it names the same item (a Wassenaar code in
  /// the EU list and the CCL with the same wording): `eu-2021-821:3B001` → `us-ccl:3B001`.
  std::vector<ListCode> also_in(const std::string& list, const std::string& code) const;

  /// Number of entries read; 0 when no list is loaded.
  std::size_t entry_count() const;

  /// A fingerprint of the entries and the vocabulary: stored links made under another
  /// fingerprint are stale.
  const std::string& fingerprint() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

/// Brings the links stored on the index's measures up to date: measures written since
/// the last run, or all of them when the lists or the vocabulary changed (so the order
/// in which lists and news are loaded does not matter). Returns how many measures were
/// (re)linked. Needs the index unlocked. Throws IndexError.
struct RelinkReport {
  std::size_t measures = 0;  ///< measures (re)linked
  std::size_t linked = 0;    ///< of them, with at least one link
  bool full = false;         ///< every measure was relinked (lists or vocabulary changed)
  std::size_t errors = 0;    ///< measures that could not be linked (recorded as such)
};
RelinkReport relink_index(const std::string& index_path, const LinkOptions& options);

}  // namespace dualdex::query
