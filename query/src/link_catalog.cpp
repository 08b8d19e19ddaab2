#include "link_catalog.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "dualdex/index/schema.hpp"
#include "dualdex/index/stored.hpp"
#include "dualdex/ingest/hash.hpp"
#include "dualdex/ingest/reader.hpp"

namespace dualdex::query::link {
namespace schema = index::schema;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

namespace {

std::string meta_value(const index::StoredDocument& d, const char* key) {
  for (const auto& f : d.meta) {
    if (f.key == key) return f.value;
  }
  return {};
}

/// "having all of the following:", "both of the following": a heading whose sub-items are
/// conditions the item meets together. ("any of the following" lists alternatives: each
/// sub-item is a kind of the item of its own, 7A005.b.)
bool lists_conditions(std::string_view line) {
  const std::string low = lower(line);
  for (const char* q : {"all of the following", "both of the following", "each of the following"}) {
    if (low.find(q) != std::string::npos) return true;
  }
  return false;
}

/// Adds the words of one line (the text after its code) to the entry.
void add_line(Entry& e, std::string_view line, bool note, const WordMaker& maker) {
  const auto words = maker.words(line);
  const Word* previous = nullptr;
  e.heading_open = e.own.empty() && !note;
  for (const Word& w : words) {
    if (w.stop) {
      // "step and scan": a function word between two words keeps them a pair.
      continue;
    }
    if (note) {
      if (e.own.count(w.stem) == 0) e.notes.insert(w.stem);
    } else {
      if (e.heading_open) e.heading.insert(w.stem);
      e.own.insert(w.stem);
      e.notes.erase(w.stem);
      ++e.length;
      if (previous != nullptr) e.pairs.insert(previous->stem + ' ' + w.stem);
      previous = &w;
    }
    e.surface.emplace(w.stem, std::string(line.substr(w.begin, w.end - w.begin)));
  }
}

}  // namespace

Catalog::Catalog(const Xapian::Database& db, const WordMaker& maker) {
  const std::string kind_term = schema::filter_term(schema::kKind, "lower", "entry");
  std::vector<std::string> parent_codes;
  std::vector<std::string> hashes;  // "id hash" per entry
  for (auto it = db.postlist_begin(kind_term); it != db.postlist_end(kind_term); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    const index::StoredDocument d = index::parse_stored(doc.get_data());
    Entry e;
    e.list = meta_value(d, "list");
    e.code = meta_value(d, "code");
    if (e.list.empty() || e.code.empty()) continue;
    e.title = d.title;
    e.authority = meta_value(d, "authority");
    e.list_title = meta_value(d, "list_title");
    e.confirmed = meta_value(d, "confirmed") != "false";
    // The text is the entry's lines, one block each: "CODE words".
    std::size_t pos = 0;
    while (pos <= d.text.size()) {
      std::size_t nl = d.text.find('\n', pos);
      if (nl == std::string::npos) nl = d.text.size();
      std::string_view line(d.text.data() + pos, nl - pos);
      pos = nl + 1;
      if (line.empty()) continue;
      // "CODE words"; a line that does not start with the code continues the entry.
      const auto sp = line.find(' ');
      std::string_view rest = line;
      if (line.substr(0, sp) == e.code)
        rest = sp == std::string_view::npos ? std::string_view{} : line.substr(sp + 1);
      const bool note = ingest::is_control_list_note(rest);
      if (!note && e.own.empty() && lists_conditions(rest)) e.criteria = true;
      add_line(e, rest, note, maker);
    }
    hashes.push_back(d.id + ' ' + doc.get_value(schema::kSlotHash));
    m_lists.emplace(e.list, std::make_pair(e.authority, e.list_title));
    parent_codes.push_back(meta_value(d, "parent"));
    m_by_id.emplace(e.list + ':' + e.code, static_cast<std::int32_t>(m_entries.size()));
    m_entries.push_back(std::move(e));
  }
  std::sort(hashes.begin(), hashes.end());  // independent of document order
  std::string all;
  for (const auto& h : hashes) all += h + '\n';
  m_fingerprint = stable_hash(all);

  for (std::size_t i = 0; i < m_entries.size(); ++i) {
    Entry& e = m_entries[i];
    if (parent_codes[i].empty()) continue;
    e.parent = find(e.list, parent_codes[i]);
    if (e.parent == static_cast<std::int32_t>(i)) e.parent = kNoEntry;  // never a cycle
    if (e.parent != kNoEntry)
      m_entries[static_cast<std::size_t>(e.parent)].children.push_back(
          static_cast<std::int32_t>(i));
  }
  // Criteria are part of the item they qualify: their words count for it.
  for (std::size_t i = 0; i < m_entries.size(); ++i) {
    Entry& e = m_entries[i];
    std::int32_t item = kNoEntry;
    for (auto p = e.parent; p != kNoEntry; p = m_entries[static_cast<std::size_t>(p)].parent) {
      if (m_entries[static_cast<std::size_t>(p)].criteria) item = p;
    }
    if (item == kNoEntry) continue;
    e.criterion = true;
    Entry& owner = m_entries[static_cast<std::size_t>(item)];
    for (const auto& s : e.own) owner.own.insert(s);
    for (const auto& p : e.pairs) owner.pairs.insert(p);
    for (const auto& [stem, word] : e.surface) owner.surface.emplace(stem, word);
  }
  double total = 0;
  for (std::size_t i = 0; i < m_entries.size(); ++i) {
    Entry& e = m_entries[i];
    const auto idx = static_cast<std::int32_t>(i);
    m_by_code[lower(e.code)].push_back(idx);
    if (e.criterion) continue;  // reached through the item it qualifies
    for (const auto& s : e.notes) {
      if (e.own.count(s) == 0) m_postings[s].push_back(Posting{idx, false});
    }
    for (const auto& s : e.own) m_postings[s].push_back(Posting{idx, true});
    total += static_cast<double>(e.length);
  }
  if (!m_entries.empty())
    m_average_length = std::max(1.0, total / static_cast<double>(m_entries.size()));
}

const std::vector<Posting>* Catalog::postings(const std::string& stem) const {
  const auto it = m_postings.find(stem);
  return it == m_postings.end() ? nullptr : &it->second;
}

double Catalog::idf(const std::string& stem) const {
  const auto* p = postings(stem);
  const double n = static_cast<double>(m_entries.size());
  const double df = p == nullptr ? 0.0 : static_cast<double>(p->size());
  return std::log((n + 1.0) / (df + 0.5));
}

std::int32_t Catalog::find(const std::string& list, const std::string& code) const {
  const auto it = m_by_id.find(list + ':' + code);
  return it == m_by_id.end() ? kNoEntry : it->second;
}

const std::vector<std::int32_t>* Catalog::by_code(const std::string& code) const {
  const auto it = m_by_code.find(lower(code));
  return it == m_by_code.end() ? nullptr : &it->second;
}

}  // namespace dualdex::query::link
