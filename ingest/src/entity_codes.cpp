// Control-list codes, HS codes, CAS numbers and legal instruments, read off the tokens
// and the characters between them (no regular expressions).
//
// code        id as written; value:
//               "control"  a control-list entry "1C902", "3B001.f.1" (sub-items joined by dots)
//               "eccn"     a US ECCN: the 500/600 series ("9A515", "0A501", "3A611"), "EAR99",
//                          family forms ("9x515"), or any entry in a sentence that says
//                          ECCN/CCL/EAR
//               "hs"       a customs code: "HS 8112929010", "8112.92", or 6-10 digits in a sentence
//                          about customs/tariff codes
//               "cas"      a CAS registry number with a valid check digit ("7440-55-3"; without
//                          "CAS" before it the first part needs four digits or more)
// instrument  id AUTHORITY-YEAR-NUMBER ("MOFCOM-2026-1"); orders AUTHORITY-ORDER-NUMBER
//             ("STATECOUNCIL-ORDER-792"). The authority is the agency named right before the
//             instrument ("MOFCOM Announcement", "State Council Order"); else MOFCOM when the
//             story has a Chinese agency, is about China or names China in the sentence; else
//             the nearest agency before it in the sentence; else "ANN". Announcements need a
//             year ("No. 1 of 2026", "[2025] No. 18", "No. 70 [2025]"); a bare "No. 33 of 2024"
//             also needs "announcement"/"notice" in its sentence and is never a law's ("Act No.
//             228 of 1949"); orders need their issuer right before them. A list ("Nos. 55, 56
//             and 57 of 2025") gives one mention per number, the first spanning "Nos. 55".
#include <algorithm>
#include <cctype>

#include "entity_internal.hpp"

namespace dualdex::ingest::entity {
namespace {

bool digit(char c) {
  return c >= '0' && c <= '9';
}
bool lower(char c) {
  return c >= 'a' && c <= 'z';
}

/// True for a control code's head: "1C902", "9A515", the family form "9x515".
bool code_head(std::string_view w) {
  if (w.size() != 5) return false;
  if (!digit(w[0]) || !((w[1] >= 'A' && w[1] <= 'E') || w[1] == 'x')) return false;
  return digit(w[2]) && digit(w[3]) && digit(w[4]);
}

void find_control_codes(Doc& d) {
  const std::string& text = d.text;
  for (std::size_t i = 0; i < d.tokens.size(); ++i) {
    const std::string_view w = d.word(i);
    if (w == "EAR99") {
      d.add(MentionType::code, "EAR99", i, i, "eccn");
      d.claimed[i] = true;
      continue;
    }
    if (!code_head(w)) continue;
    // Sub-items: ".f.1", ".a" — a dot, then lower-case letters or digits (not a sentence's end).
    std::size_t end = d.tokens[i].end;
    std::size_t last = i;
    while (end + 1 < text.size() && text[end] == '.' &&
           (lower(text[end + 1]) || digit(text[end + 1]))) {
      std::size_t e = end + 1;
      while (e < text.size() && e - end <= 3 && (lower(text[e]) || digit(text[e]))) ++e;
      if (e < text.size() && (std::isalnum(static_cast<unsigned char>(text[e])) != 0))
        break;  // a word, not a sub-item
      end = e;
      while (last + 1 < d.tokens.size() && d.tokens[last + 1].end <= end) ++last;
    }
    std::string id = text.substr(d.tokens[i].begin, end - d.tokens[i].begin);
    const char regime = w[2];
    const bool us =
        w[1] == 'x' || regime == '5' || regime == '6' || d.sentence_has(i, Doc::kUsControlWords);
    Mention m;
    m.type = MentionType::code;
    m.id = id;
    m.text = id;
    m.value = us ? "eccn" : "control";
    m.begin = d.tokens[i].begin;
    m.end = end;
    d.found.push_back(std::move(m));
    for (std::size_t k = i; k <= last; ++k) d.claimed[k] = true;
    i = last;
  }
}

bool cas_valid(std::string_view a, std::string_view b, std::string_view c) {
  // Check digit: the other digits, right to left, weighted 1, 2, 3, ... , sum mod 10.
  const std::string digits = std::string(a) + std::string(b);
  int sum = 0, weight = 1;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it, ++weight) sum += (*it - '0') * weight;
  return sum % 10 == c[0] - '0';
}

void find_hs_and_cas(Doc& d) {
  const std::size_t n = d.tokens.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (d.claimed[i] || !d.tokens[i].numeric) continue;
    const std::string_view w = d.word(i);
    // CAS: 2-7 digits, '-', 2 digits, '-', 1 digit, with a valid check digit.
    if (i + 2 < n && is_digits(w) && w.size() >= 2 && w.size() <= 7 && d.gap(i + 1) == "-" &&
        d.gap(i + 2) == "-" && is_digits(d.word(i + 1)) && d.word(i + 1).size() == 2 &&
        is_digits(d.word(i + 2)) && d.word(i + 2).size() == 1 &&
        cas_valid(w, d.word(i + 1), d.word(i + 2))) {
      const bool said = i > 0 && d.tokens[i - 1].folded == "cas";
      // Without "CAS" before it, a check digit alone is weak evidence: ask for 4+ leading digits.
      if (said || w.size() >= 4) {
        d.add(
            MentionType::code,
            std::string(d.text.substr(d.tokens[i].begin, d.tokens[i + 2].end - d.tokens[i].begin)),
            i, i + 2, "cas");
        d.claimed[i] = d.claimed[i + 1] = d.claimed[i + 2] = true;
        i += 2;
        continue;
      }
    }
    // HS: "HS 8112929010", "HS code 8112.92", or 6-10 digits in a sentence about customs codes.
    const bool hs_before =
        (i > 0 && d.tokens[i - 1].folded == "hs") ||
        (i > 1 && d.tokens[i - 2].folded == "hs" &&
         (d.tokens[i - 1].folded == "code" || d.tokens[i - 1].folded == "heading"));
    bool shape = false;
    if (is_digits(w)) {
      shape = w.size() == 6 || w.size() == 8 || w.size() == 10;
    } else if (w.size() >= 7 && w[4] == '.' && is_digits(w.substr(0, 4))) {
      // "8112.92", "8112.92.90"
      shape = true;
      for (std::size_t k = 5; k < w.size(); ++k)
        shape = shape && (digit(w[k]) || (w[k] == '.' && w[k - 1] != '.'));
      shape = shape && digit(w.back());
    }
    if (!shape) continue;
    const bool context = hs_before || d.sentence_has(i, Doc::kCustomsWords);
    if (!context) continue;
    d.add(MentionType::code, std::string(w), i, i, "hs");
    d.claimed[i] = true;
  }
}

// --- instruments ------------------------------------------------------------------------------

bool is_year(std::string_view w) {
  return w.size() == 4 && is_digits(w) && (w[0] == '1' || w[0] == '2') &&
         (w.substr(0, 2) == "19" || w.substr(0, 2) == "20");
}

enum class Kind { announcement, order, none };

Kind kind_of(const std::string& f) {
  if (f == "announcement" || f == "announcements" || f == "notice" || f == "notices" ||
      f == "bulletin" || f == "circular" || f == "gonggao") {
    return Kind::announcement;
  }
  if (f == "order" || f == "decree") return Kind::order;
  return Kind::none;
}

bool bracketed_year(const Doc& d, std::size_t i) {
  if (!is_year(d.word(i))) return false;
  const std::size_t b = d.tokens[i].begin, e = d.tokens[i].end;
  return b > 0 && e < d.text.size() && d.text[b - 1] == '[' && d.text[e] == ']';
}

/// The agency mention that ends right before token `at`, or nullptr (agency_hits are in text
/// order).
const AgencyHit* hit_before(const Doc& d, std::size_t at) {
  auto it = std::lower_bound(d.agency_hits.begin(), d.agency_hits.end(), at,
                             [](const AgencyHit& h, std::size_t t) { return h.first < t; });
  while (it != d.agency_hits.begin()) {
    --it;
    if (it->last < at) return &*it;
  }
  return nullptr;
}

std::string authority(const Doc& d, std::size_t kind_token, bool have_kind, bool chinese_story) {
  const AgencyHit* before = hit_before(d, kind_token);
  // An agency right before the instrument: "MOFCOM Announcement", "State Council Order No. 792".
  if (have_kind && before && before->last + 1 == kind_token &&
      (d.gap(kind_token) == " " || d.gap(kind_token) == "'s ")) {
    return d.t.agencies[static_cast<std::size_t>(before->agency)].acronym;
  }
  // Chinese context: a Chinese agency in the story, a story about China, China in the sentence.
  if (chinese_story || d.sentence_has(kind_token, Doc::kChina)) return "MOFCOM";
  if (before && d.same_sentence(before->last, kind_token)) {
    return d.t.agencies[static_cast<std::size_t>(before->agency)].acronym;
  }
  return "ANN";
}

bool is_char(const Doc& d, std::size_t i, std::string_view c) {
  return i < d.tokens.size() && d.tokens[i].cjk && d.tokens[i].folded == c;
}

// True if tokens [i, i + word's characters) spell the CJK word and touch each other.
bool spells(const Doc& d, std::size_t i, std::initializer_list<std::string_view> chars) {
  std::size_t k = i;
  for (std::string_view c : chars) {
    if (!is_char(d, k, c) || (k > i && d.tokens[k - 1].end != d.tokens[k].begin)) return false;
    ++k;
  }
  return true;
}

// Announcements cited the Chinese way, in Chinese and Japanese text: "商务部公告2026年第1号",
// "商务部 海关总署公告2025年第18号", "2025年第70号公告", "2024年第46号公告", and lists
// "2025年第55号、第56号". The year and number are the tokens around 年第 and 号; an
// announcement word (公告) must stand right before the year or right after 号. The
// authority: an agency named right before 公告, else as for English citations.
void find_cjk_instruments(Doc& d, bool chinese_story) {
  const std::size_t n = d.tokens.size();
  for (std::size_t i = 0; i + 4 < n; ++i) {
    if (!is_year(d.word(i)) || !spells(d, i + 1, {"年", "第"}) || d.tokens[i].end != d.tokens[i + 1].begin)
      continue;
    std::vector<std::size_t> numbers;
    std::size_t j = i + 3;
    while (j + 1 < n && is_digits(d.word(j)) && d.word(j).size() <= 4 && is_char(d, j + 1, "号")) {
      numbers.push_back(j);
      // "、第56号" continues the list ("、" is punctuation, not a token)
      if (j + 3 < n && is_char(d, j + 2, "第") && d.gap(j + 2) == "、") {
        j += 3;
        continue;
      }
      break;
    }
    if (numbers.empty()) continue;
    const std::size_t last = numbers.back() + 1;  // the last 号
    const bool word_before = i >= 2 && spells(d, i - 2, {"公", "告"});
    const bool word_after = last + 2 < n && spells(d, last + 1, {"公", "告"});
    if (!word_before && !word_after) continue;
    std::string auth;
    if (word_before) {
      // Customs co-signs MOFCOM's announcements ("商务部 海关总署公告"), which MOFCOM numbers.
      const AgencyHit* h = hit_before(d, i - 2);
      if (h && h->last + 1 == i - 2) auth = d.t.agencies[static_cast<std::size_t>(h->agency)].acronym;
      if (auth == "GAC") auth = "MOFCOM";
    }
    if (auth.empty()) auth = chinese_story || d.sentence_has(i, Doc::kChina) ? "MOFCOM" : "ANN";
    const std::string year(d.word(i));
    for (std::size_t k = 0; k < numbers.size(); ++k) {
      const std::string number(d.word(numbers[k]));
      const std::size_t nz = number.find_first_not_of('0');
      Mention m;
      m.type = MentionType::instrument;
      m.id = canonical_id(MentionType::instrument, auth + "-" + year + "-" + (nz == std::string::npos ? "0" : number.substr(nz)));
      const std::size_t from = k == 0 ? (word_before ? i - 2 : i) : numbers[k] - 1;
      const std::size_t to = numbers[k] + 1 == last && word_after ? last + 2 : numbers[k] + 1;
      m.begin = d.tokens[from].begin;
      m.end = d.tokens[to].end;
      m.text = d.text.substr(m.begin, m.end - m.begin);
      d.found.push_back(std::move(m));
      for (std::size_t t = from; t <= to; ++t) d.claimed[t] = true;
    }
    i = last;
  }
}

void find_instruments(Doc& d) {
  const std::size_t n = d.tokens.size();
  bool chinese_story = std::find(d.about.begin(), d.about.end(), "CN") != d.about.end();
  for (const AgencyHit& h : d.agency_hits) {
    chinese_story =
        chinese_story || d.t.agencies[static_cast<std::size_t>(h.agency)].country == "CN";
  }
  find_cjk_instruments(d, chinese_story);
  for (std::size_t i = 0; i + 1 < n; ++i) {
    const std::string& f = d.tokens[i].folded;
    if (f != "no" && f != "nos") continue;
    if (!d.tokens[i].capitalized) continue;
    const bool dot = d.tokens[i].end < d.text.size() && d.text[d.tokens[i].end] == '.';
    if (!dot) continue;
    // The numbers: "No. 18", "Nos. 55, 56, 57 and 62".
    std::vector<std::size_t> numbers;
    std::size_t j = i + 1;
    if (!(d.gap(j) == ". " && is_digits(d.word(j)) && d.word(j).size() <= 4)) continue;
    numbers.push_back(j++);
    while (j < n) {
      if ((d.gap(j) == ", " || d.gap(j) == " ") && d.tokens[j].folded == "and" && j + 1 < n &&
          d.gap(j + 1) == " " && is_digits(d.word(j + 1)) && d.word(j + 1).size() <= 4) {
        numbers.push_back(j + 1);
        j += 2;
      } else if (d.gap(j) == ", " && is_digits(d.word(j)) && d.word(j).size() <= 4) {
        numbers.push_back(j++);
      } else {
        break;
      }
    }
    std::size_t last = j - 1;
    // The year after: "of 2026", "[2025]".
    std::string year;
    bool bracketed = false;  // "No. 70 [2025]": the Chinese citation form, never a law's
    if (j + 1 < n && d.tokens[j].folded == "of" && d.gap(j) == " " && d.gap(j + 1) == " " &&
        is_year(d.word(j + 1))) {
      year = std::string(d.word(j + 1));
      last = j + 1;
    } else if (j < n && d.gap(j) == " [" && bracketed_year(d, j)) {
      year = std::string(d.word(j));
      last = j;
      bracketed = true;
    }
    // The kind before: "Announcement No.", "Announcement [2025] No.", "Order No.".
    std::size_t first = i;
    Kind kind = Kind::none;
    std::size_t kind_token = i;
    if (i > 0 && d.same_sentence(i - 1, i)) {
      if (d.gap(i) == " " && kind_of(d.tokens[i - 1].folded) != Kind::none) {
        kind_token = i - 1;
      } else if (i > 1 && kind_of(d.tokens[i - 2].folded) != Kind::none &&
                 ((d.gap(i) == "] " && bracketed_year(d, i - 1)) ||
                  (d.gap(i) == " " && is_year(d.word(i - 1))))) {
        // "Announcement [2025] No. 18", "Announcement 2025 No. 18"
        if (year.empty()) year = std::string(d.word(i - 1));
        kind_token = i - 2;
      }
      if (kind_token != i) {
        kind = kind_of(d.tokens[kind_token].folded);
        first = kind_token;
      }
    }
    if (kind == Kind::none) {
      // A bare "No. 70 [2025]" / "No. 33 of 2024" is an announcement when the sentence says
      // so, never after a law's name ("Act No. 228 of 1949").
      if (year.empty() || !(bracketed || d.sentence_has(i, Doc::kAnnouncementWords))) {
        i = last;
        continue;
      }
      if (i > 0) {
        const std::string& before = d.tokens[i - 1].folded;
        if (before == "act" || before == "law" || before == "order" || before == "decree" ||
            before == "article" || before == "clause" || before == "resolution" ||
            before == "regulation" || before == "item" || before == "row" || before == "section") {
          i = last;
          continue;
        }
      }
      kind = Kind::announcement;
    }
    std::string auth;
    if (kind == Kind::order) {
      // Orders only with their issuer named right before: "State Council Order No. 792".
      const AgencyHit* h = hit_before(d, kind_token);
      if (h && h->last + 1 == kind_token && d.gap(kind_token) == " ")
        auth = d.t.agencies[static_cast<std::size_t>(h->agency)].acronym;
      if (auth.empty()) {
        i = last;
        continue;
      }
    } else {
      if (year.empty()) {
        i = last;
        continue;
      }
      auth = authority(d, kind_token, first != i, chinese_story);
    }
    for (std::size_t k = 0; k < numbers.size(); ++k) {
      const std::string number(d.word(numbers[k]));
      std::string id = auth + "-";
      if (kind == Kind::order) id += "ORDER-";
      if (!year.empty()) id += year + "-";
      const std::size_t nz = number.find_first_not_of('0');  // "No. 07" is No. 7
      id += nz == std::string::npos ? "0" : number.substr(nz);
      const std::size_t from = k == 0 ? first : numbers[k];
      const std::size_t to = numbers.size() == 1 ? last : numbers[k];
      Mention m;
      m.type = MentionType::instrument;
      m.id = canonical_id(MentionType::instrument, id);
      m.begin = d.tokens[from].begin;
      m.end = d.tokens[to].end;
      // A bracketed year ends at its bracket: "No. 70 [2025]".
      if (to == last && m.end < d.text.size() && d.text[m.end] == ']') ++m.end;
      m.text = d.text.substr(m.begin, m.end - m.begin);
      d.found.push_back(std::move(m));
    }
    for (std::size_t k = first; k <= last; ++k) d.claimed[k] = true;
    i = last;
  }
}

}  // namespace

void find_codes_and_instruments(Doc& d) {
  find_control_codes(d);
  find_hs_and_cas(d);
  find_instruments(d);
}

}  // namespace dualdex::ingest::entity
