// Items (gazetteer phrases, chemical symbols in element context) and organisations
// (gazetteer names and the "capitalised words + Co./Ltd/Group/University" pattern).
#include <algorithm>
#include <unordered_map>

#include "entity_internal.hpp"

namespace dualdex::ingest::entity {
namespace {

/// One gazetteer phrase found in the text with all its targets.
struct Group {
  std::size_t first, last;
  std::size_t begin, end;  ///< range in Doc::gaz
};

std::vector<Group> groups(const Doc& d) {
  std::vector<Group> out;
  for (std::size_t i = 0; i < d.gaz.size();) {
    std::size_t j = i;
    while (j < d.gaz.size() && d.gaz[j].first == d.gaz[i].first) ++j;
    out.push_back({d.gaz[i].first, d.gaz[i].last, i, j});
    i = j;
  }
  return out;
}

struct Element {
  std::size_t first, last;
  std::uint32_t item;
  bool symbol;
  std::string value;
  bool accepted = false;
};

bool only(std::string_view gap, std::string_view allowed_punct) {
  bool punct = false;
  for (char c : gap) {
    if (c == ' ') continue;
    if (allowed_punct.find(c) == std::string_view::npos) return false;
    if (punct) return false;  // one punctuation mark at most
    punct = true;
  }
  return true;
}

/// True if b follows a in a list: "Sm, Gd", "Tb and Dy", "Dy/Tb", "Sc, and Y".
bool listed_after(const Doc& d, const Element& a, const Element& b) {
  if (b.first == a.last + 1) {
    const std::string_view g = d.gap(b.first);
    return g.find_first_of(",/;") != std::string_view::npos && only(g, ",/;");
  }
  if (b.first == a.last + 2) {
    const std::string& mid = d.tokens[a.last + 1].folded;
    return (mid == "and" || mid == "or") && only(d.gap(a.last + 1), ",") &&
           only(d.gap(b.first), "");
  }
  return false;
}

/// Sentences about elements: an element named in full, or words such as "rare", "elements".
std::vector<bool> element_sentences(const Doc& d, const std::vector<Element>& elements) {
  std::vector<bool> out(d.sentence_first.size(), false);
  for (const Element& e : elements) {
    if (!e.symbol && d.t.items[e.item].element) out[d.sentence_of[e.first]] = true;
  }
  for (std::size_t s = 0; s < out.size(); ++s) {
    if (!out[s] && d.sentence_first[s] < d.tokens.size())
      out[s] = d.sentence_has(d.sentence_first[s], Doc::kElementWords);
  }
  return out;
}

bool is_form_word(const std::string& f) {
  static const char* const kForms[] = {"metal",   "metals", "oxide",     "oxides",
                                       "alloy",   "alloys", "compounds", "compound",
                                       "magnets", "magnet", "targets",   "isotopes"};
  return std::any_of(std::begin(kForms), std::end(kForms), [&](const char* w) { return f == w; });
}

void find_items(Doc& d, const std::vector<Group>& gs) {
  std::vector<Element> elements;
  for (const Group& g : gs) {
    bool stop = false;
    for (std::size_t k = g.begin; k < g.end; ++k)
      stop = stop || d.t.targets[d.gaz[k].value].kind == TargetKind::stop;
    if (stop) continue;
    std::vector<std::uint32_t> seen;
    for (std::size_t k = g.begin; k < g.end; ++k) {
      const Target& target = d.t.targets[d.gaz[k].value];
      if (target.kind != TargetKind::item && target.kind != TargetKind::symbol) continue;
      if (std::find(seen.begin(), seen.end(), target.ref) != seen.end()) continue;
      seen.push_back(target.ref);
      elements.push_back(
          {g.first, g.last, target.ref, target.kind == TargetKind::symbol, target.value});
      elements.back().accepted = !elements.back().symbol;
    }
  }
  // Symbols count only in element context: a list with other elements, "samarium (Sm)",
  // "Dy oxide" in a sentence about elements.
  const std::vector<bool> about_elements = element_sentences(d, elements);
  std::size_t k = 0;
  while (k < elements.size()) {
    std::size_t run_end = k + 1;
    while (run_end < elements.size() && listed_after(d, elements[run_end - 1], elements[run_end]))
      ++run_end;
    std::size_t names = 0, symbols = 0;
    for (std::size_t j = k; j < run_end; ++j) {
      if (!d.t.items[elements[j].item].element) continue;
      (elements[j].symbol ? symbols : names) += 1;
    }
    const bool list_ok = symbols + names >= 2 && (names > 0 || symbols >= 3 ||
                                                  about_elements[d.sentence_of[elements[k].first]]);
    for (std::size_t j = k; j < run_end; ++j) {
      Element& e = elements[j];
      if (!e.symbol) continue;
      if (list_ok) {
        e.accepted = true;
        continue;
      }
      // "samarium (Sm)"
      if (j > 0 && !elements[j - 1].symbol && elements[j - 1].item == e.item &&
          e.first == elements[j - 1].last + 1 && only(d.gap(e.first), "(") &&
          d.tokens[e.last].end < d.text.size() && d.text[d.tokens[e.last].end] == ')') {
        e.accepted = true;
        continue;
      }
      // "Dy oxide", "Sm-Co" excluded: a form word and elements talked about in the sentence.
      if (e.last + 1 < d.tokens.size() && is_form_word(d.tokens[e.last + 1].folded) &&
          only(d.gap(e.last + 1), "-") && about_elements[d.sentence_of[e.first]]) {
        e.accepted = true;
      }
    }
    k = run_end;
  }
  for (const Element& e : elements) {
    if (e.accepted) d.add(MentionType::item, d.t.items[e.item].id, e.first, e.last, e.value);
  }
}

bool capital_word(const Doc& d, std::size_t i) {
  const Token& tok = d.tokens[i];
  if (!(tok.capitalized || tok.all_caps) || tok.numeric) return false;
  if (d.t.nonname.count(tok.folded) || d.t.titles.count(tok.folded)) return false;
  return d.covered[i] != 1 && d.covered[i] != 4;  // not part of an agency's name or a stop phrase
}

bool name_gap(std::string_view g) {
  return g == " " || g == "-" || g == " & " || g == "&";
}

/// "Co" is a legal form only as "Co." or before another legal word ("Co Ltd").
bool legal_at(const Doc& d, std::size_t i) {
  const Token& tok = d.tokens[i];
  if (!(tok.capitalized || tok.all_caps) || !d.t.legal.count(tok.folded)) return false;
  if (tok.folded == "co") {
    const bool dot = tok.end < d.text.size() && d.text[tok.end] == '.';
    const bool more = i + 1 < d.tokens.size() && d.t.legal.count(d.tokens[i + 1].folded) &&
                      (d.gap(i + 1) == " " || d.gap(i + 1) == ", " || d.gap(i + 1) == "., ");
    return dot || more;
  }
  return true;
}

struct OrgSpan {
  std::size_t first, last;
  std::string id;
};

void find_organisations(Doc& d, const std::vector<Group>& gs) {
  const std::size_t n = d.tokens.size();
  std::vector<OrgSpan> orgs;
  std::vector<std::int32_t> org_at(n, -1);  // token → orgs index
  for (const Group& g : gs) {
    for (std::size_t k = g.begin; k < g.end; ++k) {
      const Target& target = d.t.targets[d.gaz[k].value];
      if (target.kind != TargetKind::organisation) continue;
      orgs.push_back({g.first, g.last, d.t.organisations[target.ref].id});
      for (std::size_t i = g.first; i <= g.last; ++i)
        org_at[i] = static_cast<std::int32_t>(orgs.size() - 1);
      break;
    }
  }

  // Legal forms after a name: "Huawei Technologies Co., Ltd", "Mitsubishi Heavy Industries, Ltd".
  // Returns how many legal-form tokens start at token i (0 if none).
  auto legal_chain = [&](std::size_t i) {
    std::size_t k = 0;
    while (i + k < n && i + k > 0 && legal_at(d, i + k) && d.same_sentence(i + k, i + k - 1)) {
      const std::string_view g = d.gap(i + k);
      if (!(g == " " || g == ", " || g == "., " || g == ". ")) break;
      ++k;
    }
    return k;
  };

  std::size_t floor = 0;  // a name never reaches back into the organisation before it
  for (std::size_t i = 0; i < n; ++i) {
    // A known organisation followed by its legal form: extend it.
    if (org_at[i] >= 0) {
      OrgSpan& o = orgs[static_cast<std::size_t>(org_at[i])];
      if (o.last + 1 < n) {
        std::size_t j = o.last + 1;
        // "Huawei Technologies Co., Ltd": suffix words, then legal words.
        while (j < n && d.t.suffix.count(d.tokens[j].folded) && d.tokens[j].capitalized &&
               d.gap(j) == " " && org_at[j] < 0) {
          ++j;
        }
        if (const std::size_t k = legal_chain(j); k > 0) o.last = j + k - 1;
      }
      i = o.last;
      floor = o.last + 1;
      continue;
    }
    const Token& tok = d.tokens[i];
    // A legal chain counts from its first word ("Co" of "Co., Ltd").
    const bool legal = legal_at(d, i) && !(i > 0 && legal_at(d, i - 1) && legal_chain(i - 1) >= 2);
    const bool suffix =
        !legal && tok.capitalized && d.t.suffix.count(tok.folded) && d.covered[i] != 1;
    const bool head = !legal && tok.capitalized && d.t.head.count(tok.folded) && i + 2 < n &&
                      d.tokens[i + 1].folded == "of" && d.gap(i + 1) == " " &&
                      d.gap(i + 2) == " " && capital_word(d, i + 2) && d.covered[i] != 1;
    if (!suffix && !legal && !head) continue;
    if (!legal && d.title_case(d.sentence_of[i])) continue;  // a headline's capitals say nothing
    // The name ends before the anchor; "Jefferies and Co Inc": "and Co" belongs to the legal form.
    std::size_t name_end = i;
    if (legal && tok.folded == "co" && i >= 2 && d.tokens[i - 1].folded == "and" && d.gap(i) == " ")
      name_end = i - 1;
    // Name words before it, walking back: capitalised words joined by spaces, hyphens, "&",
    // "and" ("Federal Savings and Loan"), "of <country>" ("General Motors of Canada") or a
    // possessive ("Moody's Investors Service"); a legal form may follow the name after a comma.
    std::vector<std::string> words;
    std::size_t first = name_end;
    while (first > floor && name_end - first < 8 && d.same_sentence(first - 1, name_end)) {
      const std::size_t prev = first - 1;
      const std::string_view g = d.gap(first);
      const bool at_anchor = first == name_end;
      if (capital_word(d, prev) && org_at[prev] < 0) {
        if (name_gap(g) || (at_anchor && legal && name_end == i && g == ", ")) {
          words.insert(words.begin(), d.tokens[prev].folded);
          first = prev;
          continue;
        }
        if (!at_anchor && g == "'s " && d.country_at[prev] < 0) {
          words.insert(words.begin(), d.tokens[prev].folded + "s");
          first = prev;
          continue;
        }
      }
      if (!at_anchor && g == " " && prev > floor && d.gap(prev) == " " &&
          capital_word(d, prev - 1) && org_at[prev - 1] < 0 && d.country_at[prev - 1] < 0 &&
          d.same_sentence(prev - 1, first) && !d.t.suffix.count(d.tokens[prev - 1].folded) &&
          !d.t.legal.count(d.tokens[prev - 1].folded)) {
        const std::string& join = d.tokens[prev].folded;
        if (join == "and" || (join == "of" && d.country_at[first] >= 0)) {
          words.insert(words.begin(), {d.tokens[prev - 1].folded, join});
          first = prev - 1;
          continue;
        }
      }
      break;
    }
    // A name needs a word of its own: not only legal forms ("Co Inc"), not a suffix alone.
    const bool own = std::any_of(words.begin(), words.end(), [&](const std::string& w) {
      return !d.t.legal.count(w) && !d.t.suffix.count(w) && w != "and" && w != "of";
    });
    if (!own && !head) continue;
    std::size_t last = i;
    if (legal) {
      const std::size_t k = legal_chain(i);
      if (k == 0) continue;
      last = i + k - 1;
      // Legal words inside the name ("Ford Motor Co of Canada Ltd") stay out of the id.
      words.erase(std::remove_if(words.begin(), words.end(),
                                 [&](const std::string& w) { return d.t.legal.count(w) > 0; }),
                  words.end());
    } else {
      words.push_back(tok.folded);
      // "University of Tokyo", "Academy of Sciences"
      if (head) {
        std::size_t j = i + 2;
        words.push_back("of");
        while (j < n && j - i < 7 && capital_word(d, j) && d.same_sentence(j, i) &&
               (j == i + 2 || name_gap(d.gap(j)))) {
          words.push_back(d.tokens[j].folded);
          last = j++;
        }
      }
      // Further suffixes and legal words: "China Rare Earth Group Co., Ltd".
      while (last + 1 < n && d.t.suffix.count(d.tokens[last + 1].folded) &&
             d.tokens[last + 1].capitalized && d.gap(last + 1) == " ") {
        words.push_back(d.tokens[++last].folded);
      }
      last += legal_chain(last + 1);
    }
    std::vector<std::string_view> views(words.begin(), words.end());
    orgs.push_back({first, last, slug(views)});
    i = last;
    floor = last + 1;
  }
  for (const OrgSpan& o : orgs) {
    if (!o.id.empty()) d.add(MentionType::organisation, o.id, o.first, o.last);
  }
}

}  // namespace

void find_items_and_organisations(Doc& d) {
  const std::vector<Group> gs = groups(d);
  find_items(d, gs);
  find_organisations(d, gs);
}

}  // namespace dualdex::ingest::entity
