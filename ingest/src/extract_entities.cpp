// EntityExtractor: builds the tables once (entity_knowledge.cpp), then runs the passes
// over each document: items and organisations (entity_items.cpp), agencies and persons
// (entity_people.cpp), codes and instruments (entity_codes.cpp), amounts
// (entity_amounts.cpp). Each pass's file documents its rules. Mention conventions:
//
// - agency: id "CN.MOFCOM"; value "".
// - organisation: id the slug of the name ("mitsubishi-heavy-industries"); value "".
// - item: id a slug ("rare-earths"); value the qualifier or compound written
//   ("medium and heavy", "GaN", "spherical") or "".
// - person: id the name in lower case with hyphens ("he-yadong"); text the name as written,
//   without honorific ("He Yadong", "Wu", "He"); value "role|agency"
//   ("spokesperson|CN.MOFCOM", "ambassador|", "|JP.CABINET"), "" when neither is known.
//   The role is a role id of roles.tsv ("vice-minister", "chief cabinet secretary").
// - amount: id "money" | "percent" | "count"; value "JPY 9e12", "3.8%", "1100 items".
// - code: id as written ("1C902", "3B001.f.1", "8112929010", "7440-55-3");
//   value "control" | "eccn" | "hs" | "cas".
// - instrument: id AUTHORITY-YEAR-NUMBER ("MOFCOM-2026-1"), orders
//   AUTHORITY-ORDER-[YEAR-]NUMBER ("STATECOUNCIL-ORDER-792").
// Mentions are appended in text order; begin/end are byte offsets into ExtractInput::text.
#include "dualdex/ingest/extract_entities.hpp"

#include <algorithm>
#include <tuple>
#include <unordered_set>

#include "entity_internal.hpp"

namespace dualdex::ingest {
namespace entity {

Doc::Doc(const ExtractInput& input, const Extraction& out, const Tables& tables)
    : in(input), text(input.text), tokens(input.tokens), t(tables), about(out.about_countries) {
  const std::size_t n = tokens.size();
  // Sentences: each token belongs to the sentence that ends after it.
  sentence_of.assign(n, 0);
  const auto& sentences = in.sentences;
  std::size_t s = 0;
  for (std::size_t i = 0; i < n; ++i) {
    while (s + 1 < sentences.size() && sentences[s].end <= tokens[i].begin) ++s;
    sentence_of[i] = static_cast<std::uint32_t>(s);
  }
  sentence_first.assign(std::max<std::size_t>(sentences.size(), 1), n);
  for (std::size_t i = n; i-- > 0;) sentence_first[sentence_of[i]] = i;
  m_title_case.assign(sentence_first.size(), -1);

  // Country mentions of the country extractor (only those found in this text).
  for (const Mention& m : out.mentions) {
    if (m.type != MentionType::country || m.begin == Mention::npos || m.end > text.size() ||
        m.begin >= m.end)
      continue;
    countries.push_back({m.begin, m.end, m.id});
  }
  std::sort(countries.begin(), countries.end(), [](const CountryRef& a, const CountryRef& b) {
    return std::tie(a.begin, a.end) < std::tie(b.begin, b.end);
  });
  country_at.assign(n, -1);
  for (std::size_t c = 0; c < countries.size(); ++c) {
    auto it = std::lower_bound(tokens.begin(), tokens.end(), countries[c].begin,
                               [](const Token& tok, std::size_t at) { return tok.end <= at; });
    for (; it != tokens.end() && it->begin < countries[c].end; ++it) {
      country_at[static_cast<std::size_t>(it - tokens.begin())] = static_cast<std::int32_t>(c);
    }
  }

  gaz = t.gazetteer.find(tokens, text);
  roles = t.role_matcher.find(tokens, text);
  role_at.assign(n, -1);
  for (std::size_t r = 0; r < roles.size(); ++r) {
    if (role_at[roles[r].first] < 0) role_at[roles[r].first] = static_cast<std::int32_t>(r);
  }
  covered.assign(n, 0);
  for (const PhraseMatch& m : gaz) {
    std::uint8_t kind = 0;
    switch (t.targets[m.value].kind) {
      case TargetKind::agency:
      case TargetKind::generic:
        kind = 1;
        break;
      case TargetKind::organisation:
        kind = 2;
        break;
      case TargetKind::item:
        kind = 3;
        break;
      case TargetKind::stop:
        kind = 4;
        break;
      case TargetKind::symbol:
        kind = 0;
        break;
    }
    for (std::size_t i = m.first; i <= m.last; ++i) covered[i] = std::max(covered[i], kind);
  }
  claimed.assign(n, false);
}

std::string_view Doc::gap(std::size_t i) const {
  if (i == 0 || i >= tokens.size()) return {};
  const std::size_t from = tokens[i - 1].end, to = tokens[i].begin;
  return to > from ? std::string_view(text).substr(from, to - from) : std::string_view();
}

std::string_view Doc::word(std::size_t i) const {
  return std::string_view(text).substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
}

bool Doc::sentence_start(std::size_t i) const {
  const std::uint32_t s = sentence_of[i];
  if (sentence_first[s] != i) return false;
  if (s >= in.sentences.size()) return i == 0;
  for (std::size_t b = in.sentences[s].begin; b < tokens[i].begin && b < text.size(); ++b) {
    const char c = text[b];
    if (c != '"' && c != '\'' && c != '(' && c != '[' && c != ' ' && c != '-') return false;
  }
  return true;
}

bool Doc::title_case(std::uint32_t sentence) const {
  if (sentence >= m_title_case.size()) return false;
  std::int8_t& cached = m_title_case[sentence];
  if (cached < 0) {
    // Title case: a heading block, or at least six longer words and none in lower case, apart from
    // the prepositions headline styles leave small ("Curbs on Exports from China").
    static const char* const kSmall[] = {"with",  "from",  "into", "over",    "after",
                                         "amid",  "about", "than", "that",    "this",
                                         "under", "upon",  "onto", "without", "against"};
    int words = 0;
    bool lower = false;
    for (std::size_t i = sentence_first[sentence];
         i < tokens.size() && sentence_of[i] == sentence && !lower; ++i) {
      if (tokens[i].numeric || tokens[i].end - tokens[i].begin < 4) continue;  // "of", "the", "to"
      ++words;
      if (!tokens[i].capitalized && !tokens[i].all_caps) {
        lower = std::none_of(std::begin(kSmall), std::end(kSmall),
                             [&](const char* w) { return tokens[i].folded == w; });
      }
    }
    cached = (words >= 6 && !lower) || in_heading(sentence) ? 1 : 0;
  }
  return cached == 1;
}

bool Doc::sentence_has(std::size_t token, SentenceFlag flag) const {
  if (m_flags.empty()) {
    m_flags.assign(sentence_first.size(), 0);
    static const std::pair<const char*, SentenceFlag> kWords[] = {
        {"eccn", kUsControlWords},
        {"eccns", kUsControlWords},
        {"ccl", kUsControlWords},
        {"ear", kUsControlWords},
        {"bis", kUsControlWords},
        {"hs", kCustomsWords},
        {"customs", kCustomsWords},
        {"tariff", kCustomsWords},
        {"harmonized", kCustomsWords},
        {"harmonised", kCustomsWords},
        {"commodity", kCustomsWords},
        {"announcement", kAnnouncementWords},
        {"announcements", kAnnouncementWords},
        {"notice", kAnnouncementWords},
        {"notices", kAnnouncementWords},
        {"element", kElementWords},
        {"elements", kElementWords},
        {"rare", kElementWords},
        {"metals", kElementWords},
        {"minerals", kElementWords}};
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      for (const auto& [w, f] : kWords) {
        if (tokens[i].folded == w) m_flags[sentence_of[i]] |= f;
      }
      if (country_at[i] >= 0 && countries[static_cast<std::size_t>(country_at[i])].id == "CN") {
        m_flags[sentence_of[i]] |= kChina;
      }
    }
  }
  return token < tokens.size() && (m_flags[sentence_of[token]] & flag) != 0;
}

bool Doc::in_heading(std::uint32_t sentence) const {
  if (sentence >= in.sentences.size() || in.doc.blocks.empty()) return false;
  // Blocks are joined by "\n\n" (Document::plain_text); if the text is not theirs, say no.
  std::size_t pos = 0;
  const std::size_t at = in.sentences[sentence].begin;
  for (const Block& b : in.doc.blocks) {
    if (at >= pos && at < pos + b.text.size())
      return b.kind == BlockKind::heading && pos + b.text.size() <= text.size();
    pos += b.text.size() + 2;
  }
  return false;
}

void Doc::add(MentionType type, std::string id, std::size_t first, std::size_t last,
              std::string value) {
  Mention m;
  m.type = type;
  m.id = canonical_id(type, id);
  m.begin = tokens[first].begin;
  m.end = tokens[last].end;
  m.text = text.substr(m.begin, m.end - m.begin);
  m.value = std::move(value);
  found.push_back(std::move(m));
}

std::string slug(const std::vector<std::string_view>& words) {
  std::string out;
  for (std::string_view w : words) {
    std::string piece;
    for (unsigned char c : w) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
        piece += static_cast<char>(c);
      } else if (c >= 'A' && c <= 'Z') {
        piece += static_cast<char>(c - 'A' + 'a');
      } else if (c == '-' || c == ' ') {
        if (!piece.empty() && piece.back() != '-') piece += '-';
      }
    }
    while (!piece.empty() && piece.back() == '-') piece.pop_back();
    if (piece.empty()) continue;
    if (!out.empty()) out += '-';
    out += piece;
  }
  return out;
}

bool is_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

namespace {

class Impl : public EntityExtractor {
 public:
  explicit Impl(Tables tables) : m_tables(std::move(tables)) {}

  void extract(const ExtractInput& in, Extraction& out) const override {
    if (in.tokens.empty()) return;
    Doc d(in, out, m_tables);
    find_items_and_organisations(d);
    find_agencies_and_persons(d);
    find_codes_and_instruments(d);
    find_amounts(d);
    std::stable_sort(d.found.begin(), d.found.end(), [](const Mention& a, const Mention& b) {
      return std::tie(a.begin, a.end) < std::tie(b.begin, b.end);
    });
    for (auto& m : d.found) out.mentions.push_back(std::move(m));
  }

  std::vector<std::string> item_codes(const std::string& item_id) const override {
    std::vector<std::string> codes;
    for (const Item& item : m_tables.items) {
      if (item.id == item_id) codes = item.codes;
    }
    if (!codes.empty()) return codes;
    // No codes of its own: the codes of the items below it, depth-first, in file order.
    std::vector<std::string> frontier{item_id};
    std::unordered_set<std::string> seen{item_id};
    while (!frontier.empty()) {
      const std::string parent = frontier.back();
      frontier.pop_back();
      for (const Item& item : m_tables.items) {
        if (item.parent != parent || !seen.insert(item.id).second) continue;
        for (const auto& c : item.codes) {
          if (std::find(codes.begin(), codes.end(), c) == codes.end()) codes.push_back(c);
        }
        frontier.push_back(item.id);
      }
    }
    return codes;
  }

 private:
  Tables m_tables;
};

}  // namespace
}  // namespace entity

std::unique_ptr<EntityExtractor> EntityExtractor::load(const std::filesystem::path& dir) {
  return std::make_unique<entity::Impl>(entity::load_entity_tables(dir));
}

}  // namespace dualdex::ingest
