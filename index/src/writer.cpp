#include "dualdex/index/writer.hpp"

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <system_error>
#include <filesystem>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "dualdex/index/database.hpp"
#include "dualdex/ingest/cjk.hpp"
#include "dualdex/index/schema.hpp"
#include "dualdex/index/shards.hpp"
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

// One TermGenerator per thread: documents are built on the ingest's worker threads.
Xapian::TermGenerator& thread_termgen() {
  thread_local Xapian::TermGenerator termgen = [] {
    Xapian::TermGenerator t;
    t.set_stemmer(Xapian::Stem("english"));
    t.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    return t;
  }();
  return termgen;
}

// The Xapian document of a stored document: its text's terms and positions, filter
// terms and values (the writer adds the run's values: kSlotWrittenAt, kSlotWriteOrder).
Xapian::Document build(const std::vector<std::string>& blocks, const StoredDocument& stored,
                       const std::string& data, const std::string& hash) {
  Xapian::TermGenerator& termgen = thread_termgen();
  Xapian::Document xdoc;
  xdoc.set_data(data);
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
  xdoc.add_value(schema::kSlotDateOrder,
                 schema::date_order_value(schema::date_slot_value(stored.published), stored.id));
  xdoc.add_value(schema::kSlotHash, hash);
  xdoc.add_value(schema::kSlotCountries, join_multi(stored.filter_ids(MentionType::country)));
  xdoc.add_value(schema::kSlotAgencies, join_multi(stored.ids_of(MentionType::agency)));
  xdoc.add_value(schema::kSlotItems, join_multi(stored.ids_of(MentionType::item)));
  xdoc.add_value(schema::kSlotCodes, join_multi(stored.ids_of(MentionType::code)));
  add_force(xdoc, stored.force);
  // Documents are reference-counted without atomics: the generator lets go of this one
  // before it goes to the writer's thread.
  termgen.set_document(Xapian::Document());
  return xdoc;
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

struct BuiltDocument::Impl {
  StoredDocument stored;
  std::string data, hash;
  Xapian::Document xdoc;
  std::vector<std::pair<std::string, Xapian::Document>> children;  ///< unique-id term, document
  detail::Sketch sketch;  ///< articles only
  std::string list;       ///< control-list entries: their list
};

BuiltDocument::BuiltDocument() : impl(std::make_unique<Impl>()) {}
BuiltDocument::~BuiltDocument() = default;
BuiltDocument::BuiltDocument(BuiltDocument&&) noexcept = default;
BuiltDocument& BuiltDocument::operator=(BuiltDocument&&) noexcept = default;
const std::string& BuiltDocument::id() const { return impl->stored.id; }
const std::string& BuiltDocument::list() const { return impl->list; }
const std::string& BuiltDocument::hash() const { return impl->hash; }

BuiltDocument build_document(const ingest::AnnotatedDocument& a, const std::string& knowledge_version) {
  BuiltDocument out;
  auto& b = *out.impl;
  b.stored = to_stored(a);
  b.data = serialize(b.stored);  // hashed without dup_of, which depends on the index
  b.hash = content_hash(b.data, knowledge_version);
  for (const auto& f : a.doc.meta) {
    if (f.key == "list") b.list = f.value;
  }
  std::vector<std::string> blocks;
  for (const auto& block : a.doc.blocks) blocks.push_back(block.text);
  b.xdoc = build(blocks, b.stored, b.data, b.hash);
  if (b.stored.kind == "article") b.sketch = detail::sketch_of(b.stored);
  for (const StoredDocument& child : children_of(a)) {
    const std::string child_data = serialize(child);
    b.children.emplace_back(schema::uid_term(child.id),
                            build({child.text}, child, child_data, content_hash(child_data, knowledge_version)));
  }
  return out;
}

// One database of the index: the whole index, or one shard of a sharded folder.
struct Shard {
  std::string name;  ///< "" for a plain index
  std::string path;
  Xapian::WritableDatabase db;
  std::size_t pending = 0;  ///< changes since its last commit
  std::set<std::string> synonyms;  ///< schema::kSynonymsKey lines
  bool synonyms_changed = false;
};

std::set<std::string> read_synonym_lines(const Xapian::Database& db) {
  std::set<std::string> lines;
  const std::string all = db.get_metadata(schema::kSynonymsKey);
  std::size_t start = 0;
  while (start < all.size()) {
    auto end = all.find('\n', start);
    if (end == std::string::npos) end = all.size();
    if (end > start) lines.insert(all.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

Xapian::WritableDatabase open_writable(const std::string& path, bool create) {
  try {
    Xapian::WritableDatabase db(path, create ? Xapian::DB_CREATE_OR_OPEN : Xapian::DB_OPEN);
    check_schema(db, path);
    if (db.get_metadata(schema::kSchemaKey).empty()) {
      db.set_metadata(schema::kSchemaKey, std::string(schema::kSchemaVersion));
      commit_stamped(db);
    }
    return db;
  } catch (const Xapian::DatabaseLockError& e) {
    throw IndexError("index " + path + " is locked: another dualdex ingest or nightly run is writing to it (" +
                     e.get_msg() + ")");
  } catch (const Xapian::Error& e) {
    throw_index_error("opening index " + path + " for writing", e);
  }
}

struct Writer::Impl {
  std::string path;
  WriterOptions options;
  std::optional<ShardLayout> layout;  ///< set for a sharded folder
  std::vector<Shard> shards;
  /// The shard that holds the input states and commits last: shard-0, "undated" for a
  /// year layout (opened from the start), the only one otherwise.
  std::size_t home = 0;
  std::size_t pending = 0;
  unsigned long long written = 0;  ///< documents given a write order by this writer
  /// This writer's own stamp for write orders: two writers of one run (the nightly job
  /// opens one per source, with one written_at) never give two documents one order.
  std::string order_stamp;
  /// Input states set since the last commit (metadata key → value, "" to forget): written
  /// into the home shard only once every other shard has committed.
  std::map<std::string, std::string> pending_states;
  std::string last_dup_of;  ///< Writer::last_dup_of

  std::vector<const Xapian::WritableDatabase*> databases() const {
    std::vector<const Xapian::WritableDatabase*> out;
    for (const auto& s : shards) out.push_back(&s.db);
    return out;
  }

  // The shard a document belongs in, opened (a year layout creates it on first use).
  std::size_t shard_for(const StoredDocument& stored) {
    if (!layout) return 0;
    const std::string name = shard_name_for(*layout, stored.id, stored.published);
    for (std::size_t i = 0; i < shards.size(); ++i) {
      if (shards[i].name == name) return i;
    }
    open_shard_named(name);
    std::vector<std::string> names;
    for (const auto& s : shards) names.push_back(s.name);
    std::sort(names.begin(), names.end());
    write_stub(path, names);
    return shards.size() - 1;
  }

  void open_shard_named(const std::string& name) {
    const std::string shard_path = (std::filesystem::path(path) / name).string();
    add_shard(name, shard_path, true);
  }

  void add_shard(const std::string& name, const std::string& shard_path, bool create) {
    Shard s{name, shard_path, open_writable(shard_path, create)};
    s.synonyms = read_synonym_lines(s.db);
    shards.push_back(std::move(s));
  }

  // Commits one shard; returns the error ("" if none).
  static std::string commit_shard(Shard& shard) {
    try {
      if (shard.synonyms_changed) {
        std::string all;
        for (const auto& line : shard.synonyms) all += line + '\n';
        shard.db.set_metadata(schema::kSynonymsKey, all);
        shard.synonyms_changed = false;
      }
      commit_stamped(shard.db);
      shard.pending = 0;
      return {};
    } catch (const Xapian::Error& e) {
      return "committing " + shard.path + ": " + e.get_type() + ": " + e.get_msg();
    }
  }

  // Commits every shard with changes, on threads of their own. The first shard holds
  // the input states: it commits after the others (a crash in between leaves documents
  // newer than their fingerprints, which costs only a reread).
  void commit_all() {
    std::vector<Shard*> others;
    for (std::size_t i = 0; i < shards.size(); ++i) {
      if (i != home && shards[i].pending > 0) others.push_back(&shards[i]);
    }
    std::vector<std::string> errors(others.size());
    // At most one thread per core, each taking the next shard.
    std::atomic<std::size_t> next{0};
    auto work = [&errors, &others, &next] {
      for (std::size_t i; (i = next++) < others.size();) errors[i] = commit_shard(*others[i]);
    };
    const std::size_t threads_wanted =
        std::min<std::size_t>(others.size(), std::max(1u, std::thread::hardware_concurrency()));
    std::vector<std::thread> threads;
    try {
      for (std::size_t t = 1; t < threads_wanted; ++t) threads.emplace_back(work);
    } catch (const std::system_error&) {
      // No more threads: this one does the rest.
    }
    work();
    for (auto& t : threads) t.join();
    for (const auto& e : errors) {
      if (!e.empty()) throw IndexError(e);  // the input states stay unwritten
    }
    if (!pending_states.empty()) {
      Shard& h = shards[home];
      try {
        for (const auto& [key, value] : pending_states) h.db.set_metadata(key, value);
      } catch (const Xapian::Error& e) {
        throw IndexError("recording input states in " + h.path + ": " + e.get_type() + ": " + e.get_msg());
      }
      pending_states.clear();
      ++h.pending;
    }
    if (shards[home].pending > 0) {
      if (const std::string e = commit_shard(shards[home]); !e.empty()) throw IndexError(e);
    }
    pending = 0;
  }

  // An agency written as its acronym ("MOFCOM", "METI", "BIS") makes the acronym a
  // synonym of the agency's filter term in the index's synonym table: a query for the
  // acronym (QueryParser FLAG_AUTO_SYNONYMS) also finds the documents that name the
  // agency otherwise — "the commerce ministry", 商务部, 経済産業省.
  void add_acronym_synonyms(const StoredDocument& stored, Shard& shard) {
    for (const auto& m : stored.mentions) {
      if (m.type != MentionType::agency || m.text.size() < 2 || m.text.size() > 8) continue;
      if (!std::all_of(m.text.begin(), m.text.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) continue;
      std::string key = m.text;
      std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      const std::string term = schema::make_term(schema::kAgency, schema::normalize_filter_value("upper", m.id));
      if (!shard.synonyms.insert(key + '\t' + term).second) continue;
      shard.synonyms_changed = true;
      shard.db.add_synonym(key, term);
      shard.db.add_synonym("Z" + key, term);  // the query parser's stemmed form of a lower-case word
    }
  }

};

Writer::Writer(const std::string& path, WriterOptions options) : m_impl(std::make_unique<Impl>()) {
  m_impl->path = path;
  m_impl->options = options;
  if (m_impl->options.written_at.empty()) m_impl->options.written_at = utc_stamp();
  m_impl->order_stamp = utc_stamp();
  std::error_code ec;
  if (options.create) {
    // Xapian creates the index folder but not its parents (./var/index on a fresh checkout).
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  }
  const bool exists = std::filesystem::exists(path, ec);
  if (options.shards) {
    if (!exists || std::filesystem::is_empty(path, ec)) {
      if (!options.create) throw IndexError("no index at " + path);
      create_layout(path, *options.shards);
    }
  }
  m_impl->layout = read_layout(path);
  if (options.shards) {
    if (!m_impl->layout) {
      throw IndexError("index " + path + " is one database, not shards: its layout cannot change (ingest into a new folder)");
    }
    if (m_impl->layout->scheme != options.shards->scheme ||
        (m_impl->layout->scheme == ShardScheme::hash && m_impl->layout->count != options.shards->count)) {
      throw IndexError("index " + path + " has " +
                       (m_impl->layout->scheme == ShardScheme::hash ? std::to_string(m_impl->layout->count) + " shards by hash"
                                                                     : std::string("shards by year")) +
                       ": its layout cannot change (ingest into a new folder, or omit --shards)");
    }
  }
  if (m_impl->layout) {
    // Every shard the stub lists, and (hash) every shard there should be.
    std::vector<std::string> names;
    for (const auto& spec : read_stub(stub_file_of(path))) {
      if (spec.remote) throw IndexError("index " + path + " lists a remote shard (" + spec.location + "): write on the machine that holds it");
      names.push_back(std::filesystem::path(spec.location).filename().string());
    }
    std::vector<std::string> wanted;
    if (m_impl->layout->scheme == ShardScheme::hash) {
      for (unsigned k = 0; k < m_impl->layout->count; ++k) wanted.push_back("shard-" + std::to_string(k));
    } else {
      wanted.push_back("undated");
    }
    for (const auto& n : wanted) {
      if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    }
    std::sort(names.begin(), names.end());
    for (const auto& n : names) m_impl->open_shard_named(n);
    write_stub(path, names);
    m_impl->home = static_cast<std::size_t>(std::find(names.begin(), names.end(), wanted.front()) - names.begin());
  } else {
    m_impl->add_shard("", path, options.create);
  }
}

Writer::~Writer() {
  try {
    commit();
  } catch (...) {
    // Destructors must not throw; the last commit stays searchable.
  }
}

WriteOutcome Writer::write(const ingest::AnnotatedDocument& a) {
  return write(build_document(a, m_impl->options.knowledge_version));
}

WriteOutcome Writer::write(BuiltDocument&& built) {
  auto& b = *built.impl;
  StoredDocument& stored = b.stored;
  const std::string uid = schema::uid_term(stored.id);
  auto& impl = *m_impl;
  try {
    const std::size_t target = impl.shard_for(stored);
    WriteOutcome outcome = WriteOutcome::added;
    impl.last_dup_of.clear();
    detail::OwnPlace own;
    // The document where it is now: normally its own shard; a year layout moves a
    // document whose date changed (and a crash mid-move may leave two copies).
    // Copies outside the target shard go first (counted as changes, so they commit),
    // whatever the target's copy is: a crash mid-move must not leave two for good.
    for (std::size_t i = 0; i < impl.shards.size(); ++i) {
      if (i == target) continue;
      auto& db = impl.shards[i].db;
      Xapian::PostingIterator p = db.postlist_begin(uid);
      if (p == db.postlist_end(uid)) continue;
      if (own.order.empty()) own.order = db.get_document(*p).get_value(schema::kSlotWriteOrder);
      outcome = WriteOutcome::replaced;
      db.delete_document(schema::make_term(schema::kParent, stored.id));
      db.delete_document(uid);
      ++impl.shards[i].pending;
      ++impl.pending;
    }
    {
      auto& db = impl.shards[target].db;
      Xapian::PostingIterator p = db.postlist_begin(uid);
      if (p != db.postlist_end(uid)) {
        const Xapian::Document old = db.get_document(*p);
        if (!impl.options.force && old.get_value(schema::kSlotHash) == b.hash) return WriteOutcome::unchanged;
        const std::string old_order = old.get_value(schema::kSlotWriteOrder);
        if (!old_order.empty()) own.order = old_order;
        outcome = WriteOutcome::replaced;
        db.delete_document(schema::make_term(schema::kParent, stored.id));
        own.shard = static_cast<int>(target);
        own.docid = *p;
      }
    }
    if (own.order.empty()) own.order = schema::write_order_value(impl.order_stamp, impl.written++);
    Xapian::Document& xdoc = b.xdoc;
    xdoc.add_value(schema::kSlotWrittenAt, impl.options.written_at);
    xdoc.add_value(schema::kSlotWriteOrder, own.order);
    // Near-duplicates are looked for among articles only (not statements, measures,
    // entries or instruments, which are never collapsed).
    if (stored.kind == "article")
      impl.last_dup_of = detail::mark_near_duplicate(impl.databases(), xdoc, stored, own, b.sketch);
    Shard& shard = impl.shards[target];
    impl.add_acronym_synonyms(stored, shard);
    shard.db.replace_document(uid, xdoc);
    for (auto& [child_uid, cdoc] : b.children) {
      cdoc.add_value(schema::kSlotWrittenAt, impl.options.written_at);
      cdoc.add_value(schema::kSlotWriteOrder, own.order);
      shard.db.replace_document(child_uid, cdoc);
    }
    ++shard.pending;
    if (++impl.pending >= impl.options.batch_size) commit();
    return outcome;
  } catch (const Xapian::Error& e) {
    throw_index_error("writing " + stored.id + " to " + impl.path, e);
  }
}

bool Writer::remove(const std::string& id) {
  const std::string uid = schema::uid_term(id);
  bool found = false;
  try {
    for (auto& shard : m_impl->shards) {
      if (!shard.db.term_exists(uid)) continue;
      shard.db.delete_document(uid);
      shard.db.delete_document(schema::make_term(schema::kParent, id));
      ++shard.pending;
      found = true;
    }
    if (found && ++m_impl->pending >= m_impl->options.batch_size) commit();
    return found;
  } catch (const Xapian::Error& e) {
    throw_index_error("deleting " + id + " from " + m_impl->path, e);
  }
}

void Writer::commit() {
  if (m_impl->pending == 0) return;
  m_impl->commit_all();
}

std::vector<std::string> Writer::ids_with_all(const std::vector<std::string>& terms) const {
  std::vector<std::string> ids;
  try {
    std::vector<Xapian::Query> parts;
    for (const auto& t : terms) parts.emplace_back(t);
    const Xapian::Query query(Xapian::Query::OP_AND, parts.begin(), parts.end());
    for (const auto& shard : m_impl->shards) {
      Xapian::Enquire enquire(shard.db);
      enquire.set_query(query);
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      const Xapian::MSet mset = enquire.get_mset(0, shard.db.get_doccount());
      for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(it.get_document().get_value(schema::kSlotUid));
    }
  } catch (const Xapian::Error& e) {
    throw_index_error("reading " + m_impl->path, e);
  }
  return ids;
}

std::map<std::string, InputState> Writer::input_states() const {
  std::map<std::string, InputState> out;
  try {
    const Xapian::WritableDatabase& db = m_impl->shards[m_impl->home].db;
    const std::string prefix = schema::kInputKeyPrefix;
    for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
      const std::string value = db.get_metadata(*k);
      std::istringstream lines(value);
      InputState st;
      std::string relative, line;
      if (!std::getline(lines, st.fingerprint) || !std::getline(lines, relative)) continue;
      bool listed = false;
      while (std::getline(lines, line)) {
        // "id\thash\tlist"
        const auto t1 = line.find('\t');
        const auto t2 = t1 == std::string::npos ? std::string::npos : line.find('\t', t1 + 1);
        st.ids.push_back(line.substr(0, t1));
        st.hashes.push_back(t1 == std::string::npos ? std::string() : line.substr(t1 + 1, t2 - t1 - 1));
        st.lists.push_back(t2 == std::string::npos ? std::string() : line.substr(t2 + 1));
        listed = listed || !st.lists.back().empty();
      }
      if (!listed) st.lists.clear();
      out[relative] = std::move(st);
    }
  } catch (const Xapian::Error& e) {
    throw_index_error("reading the input states of " + m_impl->path, e);
  }
  return out;
}

void Writer::set_input_state(const std::string& relative, const InputState& state) {
  const std::string key = schema::kInputKeyPrefix + dualdex::stable_hash(relative);
  std::string value;
  if (!state.fingerprint.empty()) {
    value = state.fingerprint + '\n' + relative + '\n';
    for (std::size_t i = 0; i < state.ids.size(); ++i) {
      value += state.ids[i] + '\t' + (i < state.hashes.size() ? state.hashes[i] : std::string()) + '\t' +
               (i < state.lists.size() ? state.lists[i] : std::string()) + '\n';
    }
  }
  try {
    const auto p = m_impl->pending_states.find(key);
    const std::string current =
        p != m_impl->pending_states.end() ? p->second : m_impl->shards[m_impl->home].db.get_metadata(key);
    if (current == value) return;
    m_impl->pending_states[key] = value;
    if (++m_impl->pending >= m_impl->options.batch_size) commit();
  } catch (const Xapian::Error& e) {
    throw_index_error("recording the input state of " + relative + " in " + m_impl->path, e);
  }
}

std::string Writer::hash_of(const std::string& id) const {
  const std::string uid = schema::uid_term(id);
  try {
    for (const auto& shard : m_impl->shards) {
      const auto p = shard.db.postlist_begin(uid);
      if (p != shard.db.postlist_end(uid)) return shard.db.get_document(*p).get_value(schema::kSlotHash);
    }
  } catch (const Xapian::Error& e) {
    throw_index_error("reading " + m_impl->path, e);
  }
  return {};
}

const std::string& Writer::last_dup_of() const { return m_impl->last_dup_of; }

std::size_t Writer::document_count() const {
  std::size_t n = 0;
  for (const auto& shard : m_impl->shards) n += shard.db.get_doccount();
  return n;
}

std::vector<std::string> Writer::shard_names() const {
  std::vector<std::string> out;
  for (const auto& shard : m_impl->shards) out.push_back(shard.name);
  return out;
}

}  // namespace dualdex::index
