// Agencies (named, and generic phrases resolved from context) and persons with roles.
//
// Both are read in one left-to-right walk because each depends on the other: "a commerce
// ministry spokesperson" takes its agency from the phrase before it, and after "Japanese
// Vice-Foreign Minister Takehiro Funakoshi ..." a "the ministry said" means his ministry.
// The walk keeps a memory of the bodies named so far (the document's declared authority,
// named agencies, resolved generic phrases, and the bodies that roles such as
// "Vice-Foreign Minister" name).
//
// A generic phrase of a class ("the commerce ministry", "Japan's foreign ministry")
// resolves, in this order, to: the agency of that class of a country written next to it
// ("Japan's", "Chinese", "of Japan"); the last agency of that class named in the story;
// the one of the country the story is about (about_countries[0]); the one of the nearest
// country before it in the sentence; the phrase's default. Otherwise it gives no mention.
// Roles use the same order but stop after the story's memory unless the story is about a
// single country: a title names a person whose country stories often leave implicit. Roles
// whose body is only implied (ambassador, envoy) take a country only from the text next to
// them ("China's ambassador", "at the Chinese embassy"): an envoy is often the other side's.
#include <algorithm>
#include <map>
#include <unordered_map>

#include "entity_internal.hpp"

namespace dualdex::ingest::entity {
namespace {

bool is_det(const std::string& f) {
  static const char* const kDets[] = {"the",  "a",   "an",  "its", "their", "this",
                                      "that", "his", "her", "our", "whose"};
  return std::any_of(std::begin(kDets), std::end(kDets), [&](const char* w) { return f == w; });
}

bool is_connector(const std::string& f) {
  return f == "of" || f == "at" || f == "for" || f == "from" || f == "in" || f == "to";
}

/// Words a bare surname may also be ("He did not say"): linked only at a sentence start
/// and only when that person is the last one mentioned.
bool pronoun_like(const std::string& f) {
  return f == "he" || f == "she" || f == "it" || f == "we" || f == "you" || f == "they" ||
         f == "i" || f == "so" || f == "an" || f == "no" || f == "do" || f == "go" || f == "us";
}

bool has_digit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct Person {
  std::size_t first = 0, last = 0;  ///< the name's tokens
  std::int32_t title = -1;          ///< token of an honorific before the name
  std::int32_t role = -1;           ///< index into Doc::roles
  std::string id;
  std::int32_t full = -1;  ///< a one-word name: the full name it refers to (index)
  std::int32_t agency = kNone;
  std::int32_t agency_after = -1;  ///< first token of an agency phrase after the role
  bool explicit_agency = false;    ///< agency from the text around the role, not from memory
};

class Walker {
 public:
  explicit Walker(Doc& d) : m_d(d), m_n(m_d.tokens.size()) {}

  void run() {
    collect_groups();
    collect_persons();
    link_names();
    walk();
    emit_persons();
    find_bare_surnames();
  }

 private:
  Doc& m_d;
  const std::size_t m_n;
  struct Group {
    std::size_t first, last, begin, end;  ///< tokens; range in Doc::gaz
  };
  std::vector<Group> m_agency_groups;
  std::vector<std::int32_t> m_agency_group_at;  ///< token → m_agency_groups index
  std::map<std::size_t, Person> m_people;       ///< by the name's first token
  std::vector<Person*> m_order;                 ///< m_people in text order
  std::vector<std::pair<std::int32_t, std::uint32_t>> m_memory;  ///< agency, sentence
  std::unordered_map<std::string, std::vector<std::size_t>>
      m_by_part;  ///< folded name part → full names (order idx)
  std::vector<std::pair<std::size_t, std::size_t>>
      m_person_spans;  ///< emitted (token, order idx), in order

  // --- gazetteer groups with an agency or a generic phrase -----------------------------------
  void collect_groups() {
    m_agency_group_at.assign(m_n, -1);
    for (std::size_t i = 0; i < m_d.gaz.size();) {
      std::size_t j = i;
      bool agency = false, stop = false;
      while (j < m_d.gaz.size() && m_d.gaz[j].first == m_d.gaz[i].first) {
        const TargetKind k = m_d.t.targets[m_d.gaz[j].value].kind;
        agency = agency || k == TargetKind::agency || k == TargetKind::generic;
        stop = stop || k == TargetKind::stop;
        ++j;
      }
      if (agency && !stop) {
        m_agency_group_at[m_d.gaz[i].first] = static_cast<std::int32_t>(m_agency_groups.size());
        m_agency_groups.push_back({m_d.gaz[i].first, m_d.gaz[i].last, i, j});
      }
      i = j;
    }
  }

  // --- names ---------------------------------------------------------------------------------
  bool name_word(std::size_t i) const {
    const Token& t = m_d.tokens[i];
    if (!t.capitalized || t.all_caps || t.numeric || t.end - t.begin < 2) return false;
    if (m_d.covered[i] != 0 || m_d.country_at[i] >= 0 || m_d.role_at[i] >= 0) return false;
    if (m_d.t.titles.count(t.folded) || m_d.t.nonname.count(t.folded) ||
        m_d.t.nonperson.count(t.folded))
      return false;
    return !has_digit(m_d.word(i));
  }

  bool title_at(std::size_t i) const {
    return i + 1 < m_n && m_d.tokens[i].capitalized && m_d.t.titles.count(m_d.tokens[i].folded) &&
           (m_d.gap(i + 1) == " " || m_d.gap(i + 1) == ". ") && m_d.same_sentence(i, i + 1);
  }

  /// Number of name tokens from token j (0 if none): up to three name words (two in a
  /// headline), with particles between them ("Richard von Weizsaecker").
  std::size_t read_name(std::size_t j) const {
    if (j >= m_n) return 0;
    const std::size_t max = m_d.title_case(m_d.sentence_of[j]) ? 2 : 3;
    std::size_t k = 0, words = 0;
    while (j + k < m_n && words < max &&
           (m_d.same_sentence(j, j + k) ||
            m_d.tokens[j + k - 1].end - m_d.tokens[j + k - 1].begin == 1) &&
           (k == 0 || m_d.gap(j + k) == " " || m_d.gap(j + k) == "-" ||
            (m_d.gap(j + k) == ". " &&
             m_d.tokens[j + k - 1].end - m_d.tokens[j + k - 1].begin == 1))) {
      if (name_word(j + k)) {
        ++k;
        ++words;
        continue;
      }
      // A particle or a middle initial joins two name words ("Robert E. Mercer").
      const std::size_t p = j + k;
      // (Sentence splitters often end a sentence after an initial: no same-sentence test.)
      if (k > 0 && p + 1 < m_n && m_d.tokens[p].capitalized &&
          m_d.tokens[p].end - m_d.tokens[p].begin == 1 && m_d.gap(p + 1) == ". " &&
          name_word(p + 1)) {
        ++k;
        continue;
      }
      if (k > 0 && p + 1 < m_n && m_d.t.particles.count(m_d.tokens[p].folded) &&
          !m_d.tokens[p].capitalized && m_d.gap(p + 1) == " " && name_word(p + 1) &&
          m_d.same_sentence(p, p + 1)) {
        ++k;
        continue;
      }
      break;
    }
    return k;
  }

  Person& upsert(std::size_t first, std::size_t count) {
    Person& p = m_people[first];
    if (p.id.empty()) {
      p.first = first;
      p.last = first + count - 1;
      p.id = "?";
    } else {
      p.last = std::max(p.last, first + count - 1);
    }
    return p;
  }

  /// The role in the appositive after a name ("Mr He Yadong, a commerce ministry
  /// spokesperson"; "Mr Wu Jianghao, China's ambassador to Japan"), or -1.
  std::int32_t appositive_role(std::size_t name_last) const {
    const std::size_t start = name_last + 1;
    if (start >= m_n || m_d.gap(start) != ", " || !m_d.same_sentence(name_last, start)) return -1;
    for (std::size_t k = start; k < m_n && k < start + 7 && m_d.same_sentence(k, start); ++k) {
      if (k > start) {
        const std::string_view g = m_d.gap(k);
        if (!(g == " " || g == "'s " || g == "-")) return -1;
      }
      if (m_d.role_at[k] >= 0) return m_d.role_at[k];
      const Token& t = m_d.tokens[k];
      const bool modifier = is_det(t.folded) || m_d.country_at[k] >= 0 || m_d.covered[k] == 1 ||
                            (!t.capitalized && !t.numeric && !m_d.t.verbs.count(t.folded));
      if (!modifier) return -1;
    }
    return -1;
  }

  void collect_persons() {
    // (A) an honorific and a name: "Mr He Yadong", "Mr Wu".
    for (std::size_t i = 0; i + 1 < m_n; ++i) {
      if (!title_at(i)) continue;
      const std::size_t k = read_name(i + 1);
      if (k == 0) continue;
      upsert(i + 1, k).title = static_cast<std::int32_t>(i);
      i += k;
    }
    for (std::size_t r = 0; r < m_d.roles.size(); ++r) {
      const PhraseMatch& m = m_d.roles[r];
      const std::size_t j = m.last + 1;
      if (j >= m_n || !m_d.same_sentence(m.last, j)) continue;
      const std::string_view g = m_d.gap(j);
      if (g == " ") {
        // (B) a role and a name: "spokesperson He Yadong", "Vice-Foreign Minister Takehiro
        // Funakoshi".
        const std::size_t from = title_at(j) ? j + 1 : j;
        const std::size_t k = read_name(from);
        if (k == 0) continue;
        Person& p = upsert(from, k);
        if (p.role < 0) p.role = static_cast<std::int32_t>(r);
        if (from != j) p.title = static_cast<std::int32_t>(j);
      } else if (g == ", ") {
        // (D) a role, then the name: "a commerce ministry spokesperson, Mr He Yadong, said".
        const bool titled = title_at(j);
        const std::size_t from = titled ? j + 1 : j;
        const std::size_t k = read_name(from);
        if (k == 0 || (!titled && k < 2)) continue;
        const std::size_t after = from + k;
        const bool ends = after >= m_n || !m_d.same_sentence(after, from) ||
                          m_d.gap(after).find_first_of(",.;:)\"") != std::string_view::npos ||
                          m_d.t.verbs.count(m_d.tokens[after].folded);
        if (!ends) continue;
        Person& p = upsert(from, k);
        if (p.role < 0) p.role = static_cast<std::int32_t>(r);
        if (titled) p.title = static_cast<std::int32_t>(j);
      }
    }
    // (C) a name and its appositive: "Mr Wu Jianghao, China's ambassador to Japan"; without
    // an honorific the name needs two words ("Takehiro Funakoshi, Japan's vice-minister").
    for (auto& [first, p] : m_people) {
      if (p.role >= 0) continue;
      p.role = appositive_role(p.last);
    }
    for (std::size_t i = 0; i < m_n; ++i) {
      if (!name_word(i) || m_people.count(i)) continue;
      if (i > 0 && (name_word(i - 1) || title_at(i - 1)) && m_d.gap(i) == " ") continue;
      const std::size_t k = read_name(i);
      if (k < 2) {
        continue;
      }
      const std::int32_t r = appositive_role(i + k - 1);
      if (r >= 0) upsert(i, k).role = r;
      i += k - 1;
    }
    // Drop names that lie inside another's ("Mr He Yadong" found from "He" and "Yadong").
    std::size_t covered_to = 0;
    bool any = false;
    for (auto it = m_people.begin(); it != m_people.end();) {
      if (any && it->first <= covered_to) {
        it = m_people.erase(it);
        continue;
      }
      covered_to = it->second.last;
      any = true;
      ++it;
    }
    for (auto& [first, p] : m_people) m_order.push_back(&p);
  }

  // --- one-word names link to a full name of the story: "Mr Wu" → wu-jianghao ---------------
  void link_names() {
    for (std::size_t o = 0; o < m_order.size(); ++o) {
      Person& p = *m_order[o];
      std::vector<std::string_view> words;
      for (std::size_t i = p.first; i <= p.last; ++i) words.push_back(m_d.tokens[i].folded);
      p.id = slug(words);
      if (p.last > p.first) {
        m_by_part[m_d.tokens[p.first].folded].push_back(o);
        m_by_part[m_d.tokens[p.last].folded].push_back(o);
      }
    }
    for (std::size_t o = 0; o < m_order.size(); ++o) {
      Person& p = *m_order[o];
      if (p.last != p.first) continue;
      const std::int32_t full = full_name_for(m_d.tokens[p.first].folded, p.first);
      if (full >= 0) {
        p.full = full;
        p.id = m_order[static_cast<std::size_t>(full)]->id;
      }
    }
  }

  /// The full name a one-word name at token `at` refers to: the nearest before, else the
  /// first after; -1 if none.
  std::int32_t full_name_for(const std::string& part, std::size_t at) const {
    const auto it = m_by_part.find(part);
    if (it == m_by_part.end()) return -1;
    std::int32_t before = -1, after = -1;
    for (const std::size_t o : it->second) {
      if (m_order[o]->first < at) {
        before = static_cast<std::int32_t>(o);
      } else if (after < 0) {
        after = static_cast<std::int32_t>(o);
      }
    }
    return before >= 0 ? before : after;
  }

  // --- the walk ------------------------------------------------------------------------------
  std::string qualifier_before(std::size_t first) const {
    if (first == 0) return {};
    const std::int32_t c = m_d.country_at[first - 1];
    if (c < 0 || !m_d.same_sentence(first - 1, first)) return {};
    const std::string_view g = m_d.gap(first);
    if (g == " " || g == "'s " || g == "' " || g == "-")
      return m_d.countries[static_cast<std::size_t>(c)].id;
    return {};
  }

  std::string qualifier_after(std::size_t last) const {
    std::size_t j = last + 1;
    if (j + 1 >= m_n || m_d.tokens[j].folded != "of" || m_d.gap(j) != " ") return {};
    ++j;
    if (m_d.tokens[j].folded == "the" && j + 1 < m_n && m_d.gap(j + 1) == " ") ++j;
    const std::int32_t c = m_d.country_at[j];
    if (c < 0 || m_d.gap(j) != " " || !m_d.same_sentence(last, j)) return {};
    return m_d.countries[static_cast<std::size_t>(c)].id;
  }

  /// "deputy chief of mission at the Chinese embassy": the country of the mission after a role.
  std::string embassy_after(std::size_t last) const {
    std::size_t j = last + 1;
    if (j >= m_n || !is_connector(m_d.tokens[j].folded) || m_d.gap(j) != " ") return {};
    ++j;
    if (j < m_n && m_d.tokens[j].folded == "the" && m_d.gap(j) == " ") ++j;
    if (j + 1 >= m_n || m_d.country_at[j] < 0 || !m_d.same_sentence(last, j)) return {};
    std::size_t k = j;
    while (k + 1 < m_n && m_d.country_at[k + 1] == m_d.country_at[j]) ++k;
    if (k + 1 >= m_n || m_d.gap(k + 1) != " ") return {};
    const std::string& noun = m_d.tokens[k + 1].folded;
    if (noun != "embassy" && noun != "mission" && noun != "consulate" && noun != "government" &&
        noun != "delegation") {
      return {};
    }
    return m_d.countries[static_cast<std::size_t>(m_d.country_at[j])].id;
  }

  bool has_det(std::size_t first) const {
    return first > 0 && is_det(m_d.tokens[first - 1].folded) && m_d.gap(first) == " " &&
           m_d.same_sentence(first - 1, first);
  }

  std::int32_t from_memory(std::uint32_t cls) const {
    for (auto it = m_memory.rbegin(); it != m_memory.rend(); ++it) {
      const auto& classes = m_d.t.agencies[static_cast<std::size_t>(it->first)].classes;
      if (std::find(classes.begin(), classes.end(), cls) != classes.end()) return it->first;
    }
    return kNone;
  }

  std::int32_t resolve_class(std::uint32_t cls, std::size_t first, bool for_role) const {
    if (const std::int32_t a = from_memory(cls); a >= 0) return a;
    if (for_role) return m_d.about.size() == 1 ? m_d.t.agency_for(m_d.about[0], cls) : kNone;
    if (!m_d.about.empty()) {
      if (const std::int32_t a = m_d.t.agency_for(m_d.about[0], cls); a >= 0) return a;
    }
    // The nearest country before the phrase in its sentence.
    const std::uint32_t s = m_d.sentence_of[first];
    const std::size_t sentence_begin = m_d.tokens[m_d.sentence_first[s]].begin;
    const std::size_t at = m_d.tokens[first].begin;
    auto it = std::lower_bound(m_d.countries.begin(), m_d.countries.end(), at,
                               [](const CountryRef& c, std::size_t pos) { return c.begin < pos; });
    while (it != m_d.countries.begin()) {
      --it;
      if (it->begin < sentence_begin) break;
      if (it->end > at) continue;
      if (const std::int32_t a = m_d.t.agency_for(it->id, cls); a >= 0) return a;
    }
    return kNone;
  }

  void remember(std::int32_t agency, std::size_t token) {
    if (agency >= 0) m_memory.emplace_back(agency, m_d.sentence_of[token]);
  }

  void agency_event(const Group& g) {
    std::int32_t named = kNone;
    std::vector<const Target*> generics;
    for (std::size_t k = g.begin; k < g.end; ++k) {
      const Target& target = m_d.t.targets[m_d.gaz[k].value];
      if (target.kind == TargetKind::agency && named == kNone)
        named = static_cast<std::int32_t>(target.ref);
      if (target.kind == TargetKind::generic) generics.push_back(&target);
    }
    std::string qualifier = qualifier_before(g.first);
    if (qualifier.empty()) qualifier = qualifier_after(g.last);
    std::int32_t agency = kNone;
    if (named >= 0 && (generics.empty() || qualifier.empty() ||
                       qualifier == m_d.t.agencies[static_cast<std::size_t>(named)].country)) {
      agency = named;
    } else {
      for (const Target* gen : generics) {
        if (gen->need == Need::qualifier && qualifier.empty()) continue;
        if (gen->need == Need::det && qualifier.empty() && !has_det(g.first)) continue;
        agency = qualifier.empty() ? resolve_class(gen->ref, g.first, false)
                                   : m_d.t.agency_for(qualifier, gen->ref);
        if (agency < 0 && qualifier.empty()) agency = gen->fallback;
        if (agency >= 0 || !qualifier.empty()) break;
      }
    }
    if (agency < 0) return;
    m_d.add(MentionType::agency, m_d.t.agencies[static_cast<std::size_t>(agency)].id, g.first,
            g.last);
    m_d.agency_hits.push_back({g.first, g.last, agency});
    remember(agency, g.first);
  }

  void role_event(Person& p) {
    const PhraseMatch& m = m_d.roles[static_cast<std::size_t>(p.role)];
    const Role& role = m_d.t.roles[m.value];
    std::int32_t agency = kNone;
    // An agency phrase right before the role: "commerce ministry spokesperson".
    if (!m_d.agency_hits.empty() && m_d.agency_hits.back().last + 1 == m.first &&
        (m_d.gap(m.first) == " " || m_d.gap(m.first) == "'s " || m_d.gap(m.first) == "-")) {
      agency = m_d.agency_hits.back().agency;
      p.explicit_agency = true;
    } else if (role.agency >= 0) {
      agency = role.agency;
      p.explicit_agency = true;
    } else {
      // An agency phrase after it: "spokesperson of the Ministry of Commerce".
      std::size_t j = m.last + 1;
      bool connected = false;
      while (j < m_n && j <= m.last + 2 && m_d.gap(j) == " " &&
             (is_connector(m_d.tokens[j].folded) || (connected && m_d.tokens[j].folded == "the"))) {
        connected = connected || is_connector(m_d.tokens[j].folded);
        ++j;
      }
      if (connected && j < m_n && m_agency_group_at[j] >= 0 && (m_d.gap(j) == " ") &&
          m_d.same_sentence(m.last, j)) {
        p.agency_after = static_cast<std::int32_t>(j);
        p.explicit_agency = true;
      } else if (role.cls >= 0) {
        std::string q = qualifier_before(m.first);
        if (q.empty()) q = embassy_after(m.last);
        if (!q.empty()) {
          agency = m_d.t.agency_for(q, static_cast<std::uint32_t>(role.cls));
          p.explicit_agency = true;
        } else if (p.full < 0 && role.named) {
          // An ambassador is as often the other country's: only a written country says whose.
          agency = resolve_class(static_cast<std::uint32_t>(role.cls), m.first, true);
        }
      }
    }
    p.agency = agency;
    if (role.named) remember(agency, m.first);
  }

  /// "its spokesperson": the body last named, if it was named in this or the two sentences before.
  void its_event(const PhraseMatch& m) {
    if (m_memory.empty() || m_memory.back().second + 2 < m_d.sentence_of[m.first]) return;
    const std::int32_t agency = m_memory.back().first;
    m_d.add(MentionType::agency, m_d.t.agencies[static_cast<std::size_t>(agency)].id, m.first - 1,
            m.last);
    m_d.agency_hits.push_back({m.first - 1, m.last, agency});
  }

  void walk() {
    struct Event {
      std::size_t token;
      int kind;  // 0 agency group, 1 person's role, 2 "its spokesperson"
      std::size_t index;
    };
    // The bodies a document declares in its metadata (a statement's or an announcement's
    // authority) are the first ones it names.
    for (const Mention& m : m_d.in.doc.declared) {
      if (m.type != MentionType::agency) continue;
      if (const auto it = m_d.t.agency_ids.find(m.id); it != m_d.t.agency_ids.end()) {
        m_memory.emplace_back(it->second, 0);
      }
    }
    std::vector<Event> events;
    for (std::size_t g = 0; g < m_agency_groups.size(); ++g)
      events.push_back({m_agency_groups[g].first, 0, g});
    std::vector<bool> role_used(m_d.roles.size(), false);
    for (std::size_t o = 0; o < m_order.size(); ++o) {
      if (m_order[o]->role < 0) continue;
      role_used[static_cast<std::size_t>(m_order[o]->role)] = true;
      events.push_back({m_d.roles[static_cast<std::size_t>(m_order[o]->role)].first, 1, o});
    }
    for (std::size_t r = 0; r < m_d.roles.size(); ++r) {
      const PhraseMatch& m = m_d.roles[r];
      if (role_used[r] || m.first == 0 || m_d.t.roles[m.value].id != "spokesperson") continue;
      if (m_d.tokens[m.first - 1].folded == "its" && m_d.gap(m.first) == " ")
        events.push_back({m.first, 2, r});
    }
    std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
      return a.token != b.token ? a.token < b.token : a.kind < b.kind;
    });
    for (const Event& e : events) {
      if (e.kind == 0) {
        agency_event(m_agency_groups[e.index]);
      } else if (e.kind == 1) {
        role_event(*m_order[e.index]);
      } else {
        its_event(m_d.roles[e.index]);
      }
    }
    // Agencies named after a role ("director-general of the ministry's ... Bureau").
    for (Person* p : m_order) {
      if (p->agency_after < 0) continue;
      for (const AgencyHit& h : m_d.agency_hits) {
        if (h.first == static_cast<std::size_t>(p->agency_after)) p->agency = h.agency;
      }
    }
  }

  // --- output ----------------------------------------------------------------------------------
  std::string value_of(const Person& p) const {
    std::string role = p.role >= 0
                           ? m_d.t.roles[m_d.roles[static_cast<std::size_t>(p.role)].value].id
                           : std::string();
    std::int32_t agency = p.agency;
    if (p.full >= 0) {
      const Person& full = *m_order[static_cast<std::size_t>(p.full)];
      if (role.empty() && full.role >= 0)
        role = m_d.t.roles[m_d.roles[static_cast<std::size_t>(full.role)].value].id;
      if (!p.explicit_agency || agency < 0) agency = full.agency;
    }
    const std::string agency_id =
        agency >= 0 ? m_d.t.agencies[static_cast<std::size_t>(agency)].id : std::string();
    if (role.empty() && agency_id.empty()) return {};
    return role + "|" + agency_id;
  }

  void emit_persons() {
    for (std::size_t o = 0; o < m_order.size(); ++o) {
      const Person& p = *m_order[o];
      if (p.id.empty()) continue;
      m_d.add(MentionType::person, p.id, p.first, p.last, value_of(p));
      m_person_spans.emplace_back(p.first, o);
    }
  }

  /// "He did not say", "Wu added": a surname of a full name of the story, followed by a verb.
  void find_bare_surnames() {
    if (m_by_part.empty()) return;
    std::vector<bool> in_name(m_n, false);
    for (const Person* p : m_order) {
      for (std::size_t i = p->first; i <= p->last; ++i) in_name[i] = true;
      if (p->title >= 0) in_name[static_cast<std::size_t>(p->title)] = true;
    }
    // The person last mentioned before token i, kept up to date while scanning.
    std::size_t next_span = 0;
    std::string last_id;
    for (std::size_t i = 0; i + 1 < m_n; ++i) {
      while (next_span < m_person_spans.size() && m_person_spans[next_span].first < i) {
        last_id = m_order[m_person_spans[next_span++].second]->id;
      }
      const Token& t = m_d.tokens[i];
      if (in_name[i] || !t.capitalized || t.all_caps || m_d.covered[i] != 0 ||
          m_d.country_at[i] >= 0)
        continue;
      if (!m_by_part.count(t.folded)) continue;
      if (m_d.gap(i + 1) != " " || !m_d.t.verbs.count(m_d.tokens[i + 1].folded) ||
          !m_d.same_sentence(i, i + 1))
        continue;
      if (i > 0 && m_d.tokens[i - 1].capitalized && m_d.gap(i) == " " &&
          m_d.same_sentence(i - 1, i))
        continue;
      const std::int32_t full = full_name_for(t.folded, i);
      if (full < 0) continue;
      if (pronoun_like(t.folded)) {
        // The pronoun reading wins unless this person is the one last mentioned.
        if (!m_d.sentence_start(i) || last_id != m_order[static_cast<std::size_t>(full)]->id)
          continue;
      }
      Person ref;
      ref.first = ref.last = i;
      ref.full = full;
      ref.id = m_order[static_cast<std::size_t>(full)]->id;
      m_d.add(MentionType::person, ref.id, i, i, value_of(ref));
      last_id = ref.id;
    }
  }
};

}  // namespace

void find_agencies_and_persons(Doc& d) {
  Walker(d).run();
}

}  // namespace dualdex::ingest::entity
