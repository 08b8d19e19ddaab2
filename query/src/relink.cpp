// Relinking the measures of an index (link.hpp, relink_index).
//
// Every measure carries the fingerprint of the entries and vocabulary it was linked
// under (schema::kLinkState). After an ingest, the measures without the current
// fingerprint are linked again: the new ones, or all of them when a list was loaded,
// replaced or removed or the vocabulary changed. Links are stored as terms (so
// `code:3B001` finds the measure) and in the document data (so `show` prints them).
#include <xapian.h>

#include <optional>

#include "dualdex/index/database.hpp"
#include "dualdex/index/schema.hpp"
#include "dualdex/index/shards.hpp"
#include "dualdex/index/stored.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/query/link.hpp"
#include "link_hints.hpp"

namespace dualdex::query {
namespace schema = index::schema;

namespace {

constexpr Xapian::doccount kCommitEvery = 2000;

void remove_prefixed(Xapian::Document& doc, std::string_view prefix) {
  std::vector<std::string> old;
  auto t = doc.termlist_begin();
  t.skip_to(std::string(prefix));
  for (; t != doc.termlist_end(); ++t) {
    const std::string term = *t;
    if (term.compare(0, prefix.size(), prefix) != 0) break;
    old.push_back(term);
  }
  for (const auto& term : old) doc.remove_term(term);
}

void relink_shard(const std::string& path, const Linker& linker, const std::string& state, RelinkReport& report,
                  std::size_t& stale_total) {
  try {
    Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
    index::check_schema(db, path);
    const Xapian::Query stale(Xapian::Query::OP_AND_NOT,
                              Xapian::Query(schema::filter_term(schema::kKind, "lower", "measure")),
                              Xapian::Query(state));
    Xapian::Enquire enquire(db);
    enquire.set_query(stale);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::MSet all = enquire.get_mset(0, db.get_doccount());
    const std::string measure_term = schema::filter_term(schema::kKind, "lower", "measure");
    report.full = report.full && all.size() == db.get_termfreq(measure_term);
    stale_total += all.size();
    std::vector<Xapian::docid> ids;
    for (auto it = all.begin(); it != all.end(); ++it) ids.push_back(*it);
    Xapian::doccount pending = 0;
    for (const Xapian::docid id : ids) {
      Xapian::Document doc = db.get_document(id);
      index::StoredDocument m;
      LinkResult r;
      try {
        m = index::parse_stored(doc.get_data());
        r = linker.link(m.text, hints_of_measure(m, stored_by_id(db, m.parent)));
      } catch (const std::exception& e) {
        // One measure that cannot be linked is recorded as such; the others go on, and it
        // is not retried until the lists or the vocabulary change.
        r = LinkResult{};
        r.measure = m.id;
        r.abstained = std::string("error: ") + e.what();
        ++report.errors;
      }
      remove_prefixed(doc, schema::kLinkedCode);
      remove_prefixed(doc, schema::kLinkState);
      for (const Link& l : r.links) {
        if (l.code.empty()) continue;
        for (const auto& c : schema::code_and_ancestors(l.code))
          doc.add_boolean_term(schema::make_term(schema::kLinkedCode, c));
        for (const auto& a : l.also_in) {
          for (const auto& c : schema::code_and_ancestors(a.code))
            doc.add_boolean_term(schema::make_term(schema::kLinkedCode, c));
        }
      }
      doc.add_boolean_term(state);
      if (!m.id.empty()) {
        m.links = to_json(r);
        doc.set_data(index::serialize(m));
      }
      db.replace_document(id, doc);
      ++report.measures;
      if (!r.links.empty()) ++report.linked;
      if (++pending >= kCommitEvery) {
        index::commit_stamped(db);
        pending = 0;
      }
    }
    if (!ids.empty()) index::commit_stamped(db);  // nothing stale: no new revision
  } catch (const Xapian::DatabaseLockError& e) {
    throw IndexError("relinking " + path + ": the index is locked by another writer (" + e.get_msg() + ")");
  } catch (const Xapian::Error& e) {
    index::throw_index_error("relinking " + path, e);
  }
}

}  // namespace

RelinkReport relink_index(const std::string& index_path, const LinkOptions& options) {
  RelinkReport report;
  const Linker linker(index_path, options);
  const std::string state = schema::make_term(schema::kLinkState, linker.fingerprint());
  // Shard by shard: a measure and the story it came from are in the same shard.
  std::vector<std::string> paths;
  if (const std::string stub = index::stub_file_of(index_path); !stub.empty()) {
    for (const auto& shard : index::read_stub(stub)) {
      if (shard.remote) throw IndexError("relinking " + index_path + ": shard " + shard.name + " is remote: relink on the machine that holds it");
      paths.push_back(shard.location);
    }
  } else {
    paths.push_back(index_path);
  }
  report.full = true;
  std::size_t stale_total = 0;
  for (const auto& path : paths) relink_shard(path, linker, state, report, stale_total);
  report.full = report.full && stale_total > 0;
  return report;
}

}  // namespace dualdex::query
