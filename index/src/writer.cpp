#include "dualdex/index/writer.hpp"

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <set>

#include "dualdex/index/database.hpp"
#include "dualdex/ingest/cjk.hpp"
#include "dualdex/index/schema.hpp"
#include "dualdex/index/stored.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/hash.hpp"
#include "near_duplicates.hpp"

namespace dualdex::index {
namespace {

using ingest::MentionType;

std::string lower(std::string_view s) { return schema::normalize_filter_value("lower", s); }

}  // namespace

std::string utc_stamp() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t secs = std::chrono::system_clock::to_time_t(now);
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count() % 1000000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  const std::size_t n = std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%S", &tm);
  std::snprintf(buf + n, sizeof buf - n, ".%06lld", static_cast<long long>(micros));
  return buf;
}

namespace {

// The filter term(s) a mention contributes, by type. Dates and amounts are values,
// not filters.
void add_mention_terms(Xapian::Document& xdoc, const ingest::Mention& m) {
  auto add = [&xdoc](std::string_view prefix, const char* how, std::string_view v) {
    xdoc.add_boolean_term(schema::make_term(prefix, schema::normalize_filter_value(how, v)));
  };
  switch (m.type) {
    case MentionType::country: break;  // the document's countries come from StoredDocument::countries
    case MentionType::agency: add(schema::kAgency, "upper", m.id); break;
    case MentionType::organisation: add(schema::kOrganisation, "lower", m.id); break;
    case MentionType::person: add(schema::kPerson, "lower", m.id); break;
    case MentionType::item: add(schema::kItem, "lower", m.id); break;
    case MentionType::list: add(schema::kList, "lower", m.id); break;
    case MentionType::instrument: add(schema::kInstrument, "upper", m.id); break;
    case MentionType::code:
      for (const auto& c : schema::code_and_ancestors(m.id)) xdoc.add_boolean_term(schema::make_term(schema::kCode, c));
      break;
    case MentionType::date:
    case MentionType::amount: break;
  }
}

std::string join_multi(std::vector<std::string> ids) {
  std::string out;
  for (const auto& id : ids) {
    if (!out.empty()) out += schema::kMultiSep;
    out += id;
  }
  return out;
}

void add_source_terms(Xapian::Document& xdoc, const StoredDocument& d) {
  std::set<std::string> values;
  if (!d.source.empty()) {
    values.insert(lower(d.source));
    const auto slash = d.source.find('/');
    if (slash != std::string::npos && slash > 0) values.insert(lower(d.source.substr(0, slash)));
  }
  // Host of the canonical URL: "https://harbourtimes.example/a/b" → "harbourtimes.example".
  if (const auto scheme = d.url.find("://"); scheme != std::string::npos) {
    const auto start = scheme + 3;
    const auto end = d.url.find_first_of("/?#:", start);
    std::string host = lower(d.url.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (host.rfind("www.", 0) == 0) host = host.substr(4);
    if (!host.empty()) values.insert(host);
  }
  for (const auto& v : values) xdoc.add_boolean_term(schema::make_term(schema::kSource, v));
}

void add_date(Xapian::Document& xdoc, const std::string& published) {
  const std::string slot = schema::date_slot_value(published);
  if (slot.empty()) return;
  xdoc.add_value(schema::kSlotDate, slot);
  xdoc.add_boolean_term(std::string(schema::kYear) + slot.substr(0, 4));
  if (slot.substr(4, 2) != "00") {
    xdoc.add_boolean_term(std::string(schema::kMonth) + slot.substr(0, 6));
    xdoc.add_value(schema::kSlotMonth, slot.substr(0, 4) + "-" + slot.substr(4, 2));
  }
  if (slot.substr(6, 2) != "00") xdoc.add_boolean_term(std::string(schema::kDay) + slot);
}

// A measure's action term and the slots --in-force-on reads (schema.hpp).
void add_force(Xapian::Document& xdoc, const StoredDocument::Force& f) {
  if (!f.action.empty()) xdoc.add_boolean_term(schema::make_term(schema::kAction, lower(f.action)));
  auto add = [&xdoc](Xapian::valueno slot, const std::string& value) {
    if (!value.empty()) xdoc.add_value(slot, value);
  };
  add(schema::kSlotForceFrom, schema::date_slot_value(f.from));
  if (!f.suspended_from.empty() && !f.suspended_until.empty()) {
    add(schema::kSlotSuspendedFrom, schema::date_slot_value(f.suspended_from));
    add(schema::kSlotSuspendedUntil, schema::date_slot_value_upper(f.suspended_until));
  }
  add(schema::kSlotForceEnds, schema::date_slot_value_upper(f.ends));
}

}  // namespace

const char* to_string(WriteOutcome outcome) {
  switch (outcome) {
    case WriteOutcome::added: return "added";
    case WriteOutcome::replaced: return "replaced";
    case WriteOutcome::unchanged: return "unchanged";
  }
  return "added";
}

std::string content_hash(const std::string& data, const std::string& knowledge_version) {
  return dualdex::stable_hash(std::string(schema::kSchemaVersion) + '\0' + std::string(schema::kIndexRevision) + '\0' +
                              knowledge_version + '\0' + data);
}

struct Writer::Impl {
  std::string path;
  WriterOptions options;
  Xapian::WritableDatabase db;
  Xapian::TermGenerator termgen;
  std::size_t pending = 0;
  std::string last_dup_of;  ///< Writer::last_dup_of
  std::set<std::string> synonyms;  ///< acronym synonyms added by this writer

  // An agency written as its acronym ("MOFCOM", "METI", "BIS") makes the acronym a
  // synonym of the agency's filter term in the index's synonym table: a query for the
  // acronym (QueryParser FLAG_AUTO_SYNONYMS) also finds the documents that name the
  // agency otherwise — "the commerce ministry", 商务部, 経済産業省.
  void add_acronym_synonyms(const StoredDocument& stored) {
    for (const auto& m : stored.mentions) {
      if (m.type != MentionType::agency || m.text.size() < 2 || m.text.size() > 8) continue;
      if (!std::all_of(m.text.begin(), m.text.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) continue;
      std::string key = m.text;
      std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      const std::string term = schema::make_term(schema::kAgency, schema::normalize_filter_value("upper", m.id));
      if (!synonyms.insert(key + '\0' + term).second) continue;
      db.add_synonym(key, term);
      db.add_synonym("Z" + key, term);  // the query parser's stemmed form of a lower-case word
    }
  }

  Xapian::Document build(const std::vector<std::string>& blocks, const StoredDocument& stored,
                         const std::string& data, const std::string& hash) {
    Xapian::Document xdoc;
    xdoc.set_data(data);
    xdoc.add_value(schema::kSlotWrittenAt, options.written_at);
    termgen.set_document(xdoc);
    // Title: its own field (prefix S) and the body's words; a position gap keeps
    // phrases from running across field and block boundaries.
    // Chinese and Japanese words are marked apart first (ingest/cjk.hpp).
    const std::string title = ingest::mark_words(stored.title);
    termgen.index_text(title, 1, std::string(schema::kTitle));
    termgen.increase_termpos(100);
    termgen.index_text(title);
    for (const auto& block : blocks) {
      termgen.increase_termpos(100);
      termgen.index_text(ingest::mark_words(block));
    }
    // The characters of multi-character CJK words, without positions (ingest/cjk.hpp),
    // also in the stemmed form the query parser looks for (STEM_SOME: "Z" + the word,
    // which the English stemmer leaves as it is).
    auto add_character = [&xdoc](std::string_view c) {
      xdoc.add_term(std::string(c));
      xdoc.add_term("Z" + std::string(c));
    };
    ingest::for_each_character_in_words(stored.title, add_character);
    for (const auto& block : blocks) ingest::for_each_character_in_words(block, add_character);
    xdoc.add_boolean_term(schema::uid_term(stored.id));
    xdoc.add_boolean_term(schema::make_term(schema::kKind, lower(stored.kind)));
    std::vector<std::string> langs;
    for (const auto& l : stored.languages) langs.push_back(lower(l));
    if (!stored.lang.empty() && std::find(langs.begin(), langs.end(), lower(stored.lang)) == langs.end())
      langs.insert(langs.begin(), lower(stored.lang));
    for (const std::string& lang : langs) {
      xdoc.add_boolean_term(schema::make_term(schema::kLang, lang));
      const auto dash = lang.find('-');
      if (dash != std::string::npos) xdoc.add_boolean_term(schema::make_term(schema::kLang, lang.substr(0, dash)));
    }
    xdoc.add_value(schema::kSlotLang, join_multi(langs));
    if (!stored.parent.empty()) xdoc.add_boolean_term(schema::make_term(schema::kParent, stored.parent));
    add_source_terms(xdoc, stored);
    add_date(xdoc, stored.published);
    for (const auto& m : stored.mentions) add_mention_terms(xdoc, m);
    for (const auto& c : stored.filter_ids(MentionType::country)) {
      xdoc.add_boolean_term(schema::make_term(schema::kCountry, schema::normalize_filter_value("upper", c)));
    }
    xdoc.add_value(schema::kSlotKind, stored.kind);
    xdoc.add_value(schema::kSlotUid, stored.id);
    xdoc.add_value(schema::kSlotHash, hash);
    xdoc.add_value(schema::kSlotCountries, join_multi(stored.filter_ids(MentionType::country)));
    xdoc.add_value(schema::kSlotAgencies, join_multi(stored.ids_of(MentionType::agency)));
    xdoc.add_value(schema::kSlotItems, join_multi(stored.ids_of(MentionType::item)));
    xdoc.add_value(schema::kSlotCodes, join_multi(stored.ids_of(MentionType::code)));
    add_force(xdoc, stored.force);
    return xdoc;
  }
};

Writer::Writer(const std::string& path, WriterOptions options) : m_impl(std::make_unique<Impl>()) {
  m_impl->path = path;
  m_impl->options = options;
  if (m_impl->options.written_at.empty()) m_impl->options.written_at = utc_stamp();
  if (options.create) {
    // Xapian creates the index folder but not its parents (./var/index on a fresh checkout).
    std::error_code ec;
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  }
  try {
    m_impl->db = Xapian::WritableDatabase(path, options.create ? Xapian::DB_CREATE_OR_OPEN : Xapian::DB_OPEN);
    check_schema(m_impl->db, path);
    if (m_impl->db.get_metadata(schema::kSchemaKey).empty()) {
      m_impl->db.set_metadata(schema::kSchemaKey, std::string(schema::kSchemaVersion));
      m_impl->db.commit();
    }
  } catch (const Xapian::DatabaseLockError& e) {
    throw IndexError("index " + path + " is locked: another dualdex ingest or nightly run is writing to it (" +
                     e.get_msg() + ")");
  } catch (const Xapian::Error& e) {
    throw_index_error("opening index " + path + " for writing", e);
  }
  m_impl->termgen.set_stemmer(Xapian::Stem("english"));
  m_impl->termgen.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
}

Writer::~Writer() {
  try {
    commit();
  } catch (...) {
    // Destructors must not throw; the last commit stays searchable.
  }
}

WriteOutcome Writer::write(const ingest::AnnotatedDocument& a) {
  StoredDocument stored = to_stored(a);
  const std::string data = serialize(stored);  // hashed without dup_of, which depends on the index
  const std::string hash = content_hash(data, m_impl->options.knowledge_version);
  const std::string uid = schema::uid_term(stored.id);
  try {
    auto& db = m_impl->db;
    WriteOutcome outcome = WriteOutcome::added;
    m_impl->last_dup_of.clear();
    Xapian::docid own_docid = 0;
    Xapian::PostingIterator p = db.postlist_begin(uid);
    if (p != db.postlist_end(uid)) {
      own_docid = *p;
      if (!m_impl->options.force && db.get_document(*p).get_value(schema::kSlotHash) == hash)
        return WriteOutcome::unchanged;
      outcome = WriteOutcome::replaced;
      db.delete_document(schema::make_term(schema::kParent, stored.id));
    }
    std::vector<std::string> blocks;
    for (const auto& b : a.doc.blocks) blocks.push_back(b.text);
    Xapian::Document xdoc = m_impl->build(blocks, stored, data, hash);
    // Near-duplicates are looked for among articles only (not statements, measures,
    // entries or instruments, which are never collapsed).
    if (stored.kind == "article") m_impl->last_dup_of = detail::mark_near_duplicate(db, xdoc, stored, own_docid);
    m_impl->add_acronym_synonyms(stored);
    db.replace_document(uid, xdoc);
    for (const StoredDocument& child : children_of(a)) {
      const std::string child_data = serialize(child);
      db.replace_document(schema::uid_term(child.id),
                          m_impl->build({child.text}, child, child_data, content_hash(child_data, m_impl->options.knowledge_version)));
    }
    if (++m_impl->pending >= m_impl->options.batch_size) commit();
    return outcome;
  } catch (const Xapian::Error& e) {
    throw_index_error("writing " + stored.id + " to " + m_impl->path, e);
  }
}

bool Writer::remove(const std::string& id) {
  const std::string uid = schema::uid_term(id);
  try {
    auto& db = m_impl->db;
    if (!db.term_exists(uid)) return false;
    db.delete_document(uid);
    db.delete_document(schema::make_term(schema::kParent, id));
    if (++m_impl->pending >= m_impl->options.batch_size) commit();
    return true;
  } catch (const Xapian::Error& e) {
    throw_index_error("deleting " + id + " from " + m_impl->path, e);
  }
}

void Writer::commit() {
  if (m_impl->pending == 0) return;
  try {
    m_impl->db.commit();
    m_impl->pending = 0;
  } catch (const Xapian::Error& e) {
    throw_index_error("committing " + m_impl->path, e);
  }
}

std::vector<std::string> Writer::ids_with_all(const std::vector<std::string>& terms) const {
  std::vector<std::string> ids;
  try {
    std::vector<Xapian::Query> parts;
    for (const auto& t : terms) parts.emplace_back(t);
    Xapian::Enquire enquire(m_impl->db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end()));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::MSet mset = enquire.get_mset(0, m_impl->db.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(it.get_document().get_value(schema::kSlotUid));
  } catch (const Xapian::Error& e) {
    throw_index_error("reading " + m_impl->path, e);
  }
  return ids;
}

const std::string& Writer::last_dup_of() const { return m_impl->last_dup_of; }

std::size_t Writer::document_count() const { return m_impl->db.get_doccount(); }

}  // namespace dualdex::index
