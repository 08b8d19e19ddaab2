#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <string_view>

#include "dualdex/index/database.hpp"
#include "dualdex/index/schema.hpp"
#include "dualdex/index/shards.hpp"
#include "dualdex/ingest/cjk.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/query/search.hpp"
#include "query_builder.hpp"

namespace dualdex::query {
namespace schema = index::schema;
namespace {

std::vector<std::pair<std::string, std::size_t>> facet_counts(const Xapian::ValueCountMatchSpy& spy,
                                                              bool multi) {
  std::map<std::string, std::size_t> counts;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
    const std::string value = *it;
    const auto n = static_cast<std::size_t>(it.get_termfreq());
    if (value.empty()) continue;
    if (!multi) {
      counts[value] += n;
      continue;
    }
    // A joined set of values: each member counts once per document.
    std::size_t start = 0;
    while (start <= value.size()) {
      const auto sep = value.find(schema::kMultiSep, start);
      const std::string v =
          value.substr(start, sep == std::string::npos ? std::string::npos : sep - start);
      if (!v.empty()) counts[v] += n;
      if (sep == std::string::npos) break;
      start = sep + 1;
    }
  }
  std::vector<std::pair<std::string, std::size_t>> out(counts.begin(), counts.end());
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

// True if the query filters on dup:ID: the copies of one story are what it asks for.
bool has_dup_filter(const Xapian::Query& q) {
  for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t) {
    if ((*t).rfind(schema::kDupOf, 0) == 0) return true;
  }
  return false;
}

// True if the query has words from the text (not only filter terms): Xapian's
// snippet then picks the best passage; otherwise the text's opening is shown.
bool has_text_terms(const Xapian::Query& q) {
  for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t) {
    std::string term = *t;
    if (!term.empty() && term[0] == 'Z') term.erase(0, 1);
    if (term.empty()) continue;
    const unsigned char c = static_cast<unsigned char>(term[0]);
    if (!std::isupper(c) || term[0] == schema::kTitle[0]) return true;
  }
  return false;
}

// Xapian's snippet of the best passage, highlighted. A text with Chinese or Japanese
// gets it from its marked copy (the words the indexer saw, ingest/cjk.hpp), then loses
// the marks again: highlights fall on whole words, and no space is added to the text.
// background: weigh the text's words by their frequency in the index (Xapian's
// background model): one term-frequency lookup per word, a round trip each on a remote
// shard, so remote indexes go without.
std::string snippet_of(const Xapian::MSet& mset, const std::string& text, std::size_t length,
                       const Xapian::Stem& stemmer, bool background) {
  const bool cjk = ingest::has_cjk(text);
  // A mark is three bytes: leave room for them in the length.
  std::string out = mset.snippet(cjk ? ingest::mark_words(text) : text,
                                 cjk ? length + length / 2 : length, stemmer,
                                 (background ? Xapian::MSet::SNIPPET_BACKGROUND_MODEL : 0) |
                                     Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                 "<b>", "</b>", "…");
  if (cjk) ingest::remove_marks(out);
  return out;
}

std::string html_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// The first `length` bytes of text, cut at a word and a UTF-8 character boundary.
std::string opening(const std::string& text, std::size_t length) {
  if (text.size() <= length) return html_escape(text);
  std::size_t cut = length;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  const auto space = text.rfind(' ', cut);
  if (space != std::string::npos && space > length / 2) cut = space;
  return html_escape(text.substr(0, cut)) + "…";
}

// A measure's or an instrument's status on date (instruments.hpp).
std::optional<Status> status_of(const InstrumentChain& chain, const index::StoredDocument& d,
                                const std::string& date) {
  if (d.kind == "measure") return measure_status(chain, measure_facts(d), date);
  std::string id = d.id.rfind("instrument:", 0) == 0 ? d.id.substr(11) : d.id;
  for (const auto& f : d.meta) {
    if (f.key == "instrument") id = f.value;
  }
  return chain.status_on(id, date);
}

std::string display_date(const std::string& slot) {
  if (slot.size() != 8) return {};
  std::string d = slot.substr(0, 4);
  if (slot.substr(4, 2) != "00") d += "-" + slot.substr(4, 2);
  if (slot.substr(6, 2) != "00") d += "-" + slot.substr(6, 2);
  return d;
}

}  // namespace

struct Searcher::Impl {
  std::string path;
  Xapian::Database db;
  std::vector<index::ShardSpec> shards, missing;
  std::shared_ptr<void> keep_alive;  ///< OpenedIndex::keep_alive
  bool remote = false;  ///< some shard is remote

  /// A query of filters alone ranks nothing: its hits come newest first.
  static bool filters_only(const Xapian::Query& query) {
    for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
      const std::string term = *t;
      // Free-text terms are unprefixed, stemmed (Z) or title (S) terms.
      if (term.empty() || !std::isupper(static_cast<unsigned char>(term[0])) || term[0] == 'Z' ||
          term[0] == 'S') {
        return false;
      }
    }
    return true;
  }

  SearchResult run(const SearchOptions& options) {
    const SearchOptions o = detail::resolve_in_force_on(options);
    Xapian::Enquire enquire(db);
    const Xapian::Query query = detail::build_query(db, o);
    enquire.set_query(query);
    // Near-duplicate articles share a collapse key (the first copy's id): one hit per
    // story. Xapian collapses across shards too.
    const bool collapse = !o.show_duplicates && !has_dup_filter(query);
    if (collapse) enquire.set_collapse_key(schema::kSlotDupKey);
    // Equal scores or dates are ordered by unique id, not by the internal document
    // number, which differs between one index and a set of shards. Value sorts only:
    // Xapian's remote backend takes no KeyMaker.
    if (o.sort == SortOrder::date || filters_only(query)) {
      enquire.set_sort_by_value_then_relevance(schema::kSlotDateOrder, true);
    } else {
      enquire.set_sort_by_relevance_then_value(schema::kSlotUid, false);
    }
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
    if (o.facets) {
      for (const auto& f : schema::kFacets) {
        spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(f.slot));
        enquire.add_matchspy(spies.back().get());
      }
    }
    // Xapian 1.4 never calls a collapsed total exact, even when the match saw every
    // document; a spy counts what it saw (a stock spy: remote shards run it too).
    std::unique_ptr<Xapian::ValueCountMatchSpy> seen;
    if (collapse && spies.empty()) {
      seen = std::make_unique<Xapian::ValueCountMatchSpy>(schema::kSlotKind);
      enquire.add_matchspy(seen.get());
    }
    // Counting a thousand matches past the page makes the total exact for most
    // queries at little cost; facets need every match.
    constexpr std::size_t kExactTotalMargin = 1000;
    const Xapian::doccount check =
        o.facets ? db.get_doccount()
                 : static_cast<Xapian::doccount>(o.offset + o.limit + kExactTotalMargin);
    Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(o.offset),
                                         static_cast<Xapian::doccount>(o.limit), check);
    SearchResult r;
    r.query = options.query;
    for (const auto& m : missing) r.missing_shards.push_back(m.name);
    r.offset = o.offset;
    r.in_force_on = o.in_force_on;
    r.status_as_of = o.in_force_on.empty() ? today() : date_period(o.in_force_on).last;
    std::optional<InstrumentChain> chain;  // loaded for the first measure or instrument hit
    r.total = mset.get_matches_estimated();
    r.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    if (collapse && !r.total_exact) {
      // Fewer documents seen than asked to check (or all there are): the match ran to
      // the end, so the lower bound, one per collapse key and one per document without
      // a key, is the total.
      const Xapian::doccount looked_at = (seen ? *seen : *spies.front()).get_total();
      if (looked_at < check || looked_at >= db.get_doccount()) {
        r.total = mset.get_matches_lower_bound();
        r.total_exact = true;
      }
    }
    const Xapian::Stem stemmer("english");
    const bool text_query = has_text_terms(query);
    const double best = mset.get_max_attained();
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const Xapian::Document xdoc = it.get_document();
      const index::StoredDocument d = index::parse_stored(xdoc.get_data());
      Hit h;
      h.id = d.id;
      h.kind = d.kind;
      h.title = d.title;
      h.date = d.published.empty() ? display_date(xdoc.get_value(schema::kSlotDate)) : d.published;
      h.source = d.source;
      h.url = d.url;
      // Xapian's percentages depend on how each shard optimised the query (a date range
      // that covers a whole shard counts differently), the weights do not.
      h.score = best > 0 ? it.get_weight() / best : 1.0;
      h.dup_of = d.dup_of;
      h.duplicates = it.get_collapse_count();
      h.snippet = text_query ? snippet_of(mset, d.text, o.snippet_length, stemmer, !remote)
                             : opening(d.text, o.snippet_length);
      // Blocks are separated by blank lines in the text; a snippet reads as one line.
      std::replace(h.snippet.begin(), h.snippet.end(), '\n', ' ');
      h.countries = d.filter_ids(ingest::MentionType::country);
      h.agencies = d.ids_of(ingest::MentionType::agency);
      h.items = d.ids_of(ingest::MentionType::item);
      h.codes = d.ids_of(ingest::MentionType::code);
      if (d.links.is_object()) {
        for (const auto& l : d.links.value("links", nlohmann::ordered_json::array())) {
          const auto code = l.value("code", nlohmann::ordered_json());
          h.links.push_back(l.value("list", std::string()) + ":" +
                            (code.is_string() ? code.get<std::string>() : "*"));
        }
      }
      if (d.kind == "measure" || d.kind == "instrument") {
        if (!chain) chain = detail::load_instruments(db);
        h.status = status_of(*chain, d, r.status_as_of);
      }
      r.hits.push_back(std::move(h));
    }
    for (std::size_t i = 0; i < spies.size(); ++i) {
      r.facets[schema::kFacets[i].name] = facet_counts(*spies[i], schema::kFacets[i].multi);
    }
    return r;
  }
};

namespace {
// Reopens at the latest revision; a failure (a shard gone meanwhile) is an IndexError.
template <typename Impl>
void reopen(Impl& impl) {
  try {
    impl.db.reopen();
  } catch (const Xapian::Error& e) {
    index::throw_index_error("reopening " + impl.path, e);
  }
}
}  // namespace

Searcher::Searcher(const std::string& index_path, const OpenOptions& options) : m_impl(std::make_unique<Impl>()) {
  m_impl->path = index_path;
  index::OpenedIndex opened = index::open_index(index_path, options.allow_partial, options.timeout_ms);
  m_impl->db = std::move(opened.db);
  m_impl->shards = std::move(opened.shards);
  m_impl->missing = std::move(opened.missing);
  m_impl->keep_alive = std::move(opened.keep_alive);
  m_impl->remote = std::any_of(m_impl->shards.begin(), m_impl->shards.end(),
                               [](const index::ShardSpec& s) { return s.remote; });
}

std::vector<std::string> Searcher::missing_shards() const {
  std::vector<std::string> out;
  for (const auto& s : m_impl->missing) out.push_back(s.name);
  return out;
}

std::size_t Searcher::shard_count() const { return m_impl->shards.empty() ? 1 : m_impl->shards.size(); }

Searcher::~Searcher() = default;

SearchResult Searcher::search(const SearchOptions& options) const {
  // A writer may commit while we read: reopen at the new revision and try again.
  for (int attempt = 0;; ++attempt) {
    try {
      return m_impl->run(options);
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt >= 3) index::throw_index_error("searching " + m_impl->path, e);
      reopen(*m_impl);
    } catch (const Xapian::Error& e) {
      index::throw_index_error("searching " + m_impl->path, e);
    }
  }
}

std::optional<index::StoredDocument> Searcher::get(const std::string& id) const {
  const std::string uid = schema::uid_term(id);
  for (int attempt = 0;; ++attempt) {
    try {
      auto p = m_impl->db.postlist_begin(uid);
      if (p == m_impl->db.postlist_end(uid)) return std::nullopt;
      return index::parse_stored(m_impl->db.get_document(*p).get_data());
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt >= 3) index::throw_index_error("reading " + id, e);
      reopen(*m_impl);
    } catch (const Xapian::Error& e) {
      index::throw_index_error("reading " + id, e);
    }
  }
}

InstrumentChain Searcher::instruments() const {
  for (int attempt = 0;; ++attempt) {
    try {
      return detail::load_instruments(m_impl->db);
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt >= 3) index::throw_index_error("reading instruments from " + m_impl->path, e);
      reopen(*m_impl);
    } catch (const Xapian::Error& e) {
      index::throw_index_error("reading instruments from " + m_impl->path, e);
    }
  }
}

std::size_t Searcher::document_count() const {
  return m_impl->db.get_doccount();
}

}  // namespace dualdex::query
