#include "dualdex/ingest/boilerplate.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>

#include "text_util.hpp"

// The rules here are about the shape of page chrome, not about any one site: calls to
// action start with an imperative and address the reader, labels end in ':', credits
// name a photographer or agency. Article sentences are long and end in a full stop, so
// every rule is limited to short lines.

namespace dualdex::ingest {
namespace {

using detail::ascii_lower;
using detail::split_words;
using detail::trim;

// Longer lines are article text whatever words they start with.
constexpr std::size_t kMaxBoilerplateWords = 25;
// A call to action or a credit fits in a short line.
constexpr std::size_t kMaxPromptWords = 15;
constexpr std::size_t kMaxCreditNameWords = 8;
constexpr std::size_t kMaxLabelWords = 4;

/// Lower-case words with surrounding punctuation removed ("topic:" → "topic").
std::vector<std::string> tokens_of(std::string_view line) {
  std::vector<std::string> tokens;
  for (std::string_view w : split_words(line)) {
    std::string t = ascii_lower(w);
    auto is_punct = [](char c) {
      return c == ':' || c == '.' || c == ',' || c == ';' || c == '!' || c == '?' || c == '(' ||
             c == ')' || c == '[' || c == ']' || c == '"' || c == '\'' || c == '|' || c == '*';
    };
    while (!t.empty() && is_punct(t.back())) t.pop_back();
    std::size_t start = 0;
    while (start < t.size() && is_punct(t[start])) ++start;
    t.erase(0, start);
    if (!t.empty()) tokens.push_back(std::move(t));
  }
  return tokens;
}

// Drops leading bullets and arrows ("► Sign up", "» Read more", "• Share").
std::string_view skip_leading_symbols(std::string_view s) {
  std::int32_t i = 0;
  const auto len = static_cast<std::int32_t>(s.size());
  while (i < len) {
    std::int32_t next = i;
    UChar32 c;
    U8_NEXT(s.data(), next, len, c);
    if (c >= 0 && (u_isalnum(c) || c == '(' || c == '[' || c == 0xA9)) break;
    i = next;
  }
  return trim(s.substr(static_cast<std::size_t>(i)));
}

template <typename Words>
bool contains(const Words& words, std::string_view w) {
  return std::find(std::begin(words), std::end(words), w) != std::end(words);
}

// True if tokens open with the space-separated words of phrase.
bool starts_with_phrase(const std::vector<std::string>& tokens, std::string_view phrase) {
  std::size_t i = 0;
  for (std::string_view word : split_words(phrase)) {
    if (i >= tokens.size() || tokens[i] != word) return false;
    ++i;
  }
  return true;
}

template <typename Words>
bool contains_any(const std::vector<std::string>& tokens, const Words& words) {
  return std::any_of(tokens.begin(), tokens.end(),
                     [&](const std::string& t) { return contains(words, t); });
}

template <typename Phrases>
bool contains_phrase(std::string_view lower, const Phrases& phrases) {
  return std::any_of(std::begin(phrases), std::end(phrases),
                     [&](std::string_view p) { return lower.find(p) != std::string_view::npos; });
}

bool has_quotation(std::string_view s) {
  return s.find('"') != std::string_view::npos ||
         s.find("\xE2\x80\x9C") != std::string_view::npos ||
         s.find("\xE2\x80\x9D") != std::string_view::npos;
}

// ---- calls to action -------------------------------------------------------------

struct Prompt {
  std::string_view phrase;
  std::size_t max_words;
};

// Phrases that are prompts whenever they open a short line.
bool is_strong_prompt(const std::vector<std::string>& t) {
  static constexpr auto kPrompts = std::to_array<Prompt>({
      {"sign up", kMaxPromptWords},
      {"sign-up", kMaxPromptWords},
      {"signup", kMaxPromptWords},
      {"sign in", 12},
      {"log in", 12},
      {"login", 12},
      {"subscribe", kMaxPromptWords},
      {"unsubscribe", kMaxPromptWords},
      {"advertisement", 6},
      {"sponsored content", 6},
      {"click here", kMaxPromptWords},
      {"click to", kMaxPromptWords},
      {"tap here", kMaxPromptWords},
      {"read more", kMaxPromptWords},
      {"read next", kMaxPromptWords},
      {"read also", kMaxPromptWords},
      {"also read", kMaxPromptWords},
      {"continue reading", kMaxPromptWords},
      {"skip to", 8},
      {"back to top", 5},
      {"get the app", kMaxPromptWords},
      {"download the app", kMaxPromptWords},
      {"download our", kMaxPromptWords},
      {"listen to this", 8},
      {"share this", 8},
      {"share on", 8},
      {"share via", 8},
      {"follow us", kMaxPromptWords},
      {"follow topic", 8},
      {"follow topics", 8},
      {"register now", kMaxPromptWords},
      {"create an account", kMaxPromptWords},
      {"already a subscriber", 10},
      {"already have an account", 10},
      {"see also", 10},
      {"recommended for you", 6},
      {"most read", 6},
      {"you may also like", 8},
      {"you might also like", 8},
      {"learn more", 10},
  });
  return std::any_of(kPrompts.begin(), kPrompts.end(), [&](const Prompt& p) {
    return t.size() <= p.max_words && starts_with_phrase(t, p.phrase);
  });
}

// Imperatives that open news sentences too ("Share prices fell", "Follow-up talks"):
// a prompt only when it also addresses the reader or names a channel.
bool is_weak_prompt(const std::vector<std::string>& t, std::string_view line) {
  if (t.empty() || t.size() > kMaxPromptWords || has_quotation(line)) return false;
  // A full sentence of some length is more likely news than a prompt.
  if (t.size() > 8 && detail::ends_sentence(line)) return false;
  static constexpr auto kVerbs = std::to_array<std::string_view>(
      {"sign", "subscribe", "follow", "share",  "download", "click",   "tap",
       "read", "register",  "log",    "listen", "watch",    "join",    "get",
       "try",  "explore",   "view",   "see",    "visit",    "install", "donate"});
  if (!contains(kVerbs, t.front())) return false;
  static constexpr auto kCues = std::to_array<std::string_view>(
      {"now",      "here",       "us",          "our",           "you",      "your",     "free",
       "app",      "newsletter", "newsletters", "topic",         "topics",   "video",    "videos",
       "podcast",  "updates",    "alerts",      "notifications", "channel",  "telegram", "whatsapp",
       "twitter",  "facebook",   "instagram",   "youtube",       "linkedin", "tiktok",   "latest",
       "insights", "briefing",   "inbox",       "subscription",  "full"});
  const std::vector<std::string> rest(t.begin() + 1, t.end());
  return contains_any(rest, kCues);
}

// Lines made only of share buttons and widget labels ("Share", "Facebook Twitter Email").
bool is_widget_line(const std::vector<std::string>& t) {
  if (t.empty() || t.size() > 8) return false;
  static constexpr auto kWidgets = std::to_array<std::string_view>(
      {"share",    "sharing",       "print",       "email",     "e-mail",    "mail",
       "tweet",    "facebook",      "twitter",     "x",         "whatsapp",  "linkedin",
       "telegram", "reddit",        "pinterest",   "flipboard", "instagram", "youtube",
       "copy",     "link",          "save",        "bookmark",  "gift",      "comments",
       "comment",  "advertisement", "advertising", "sponsored", "menu",      "close",
       "search",   "loading",       "ad"});
  bool any_widget = false;
  for (const std::string& w : t) {
    const bool number =
        std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
    const bool widget = contains(kWidgets, w);
    if (!number && !widget && w != "/" && w != "-") return false;
    any_widget = any_widget || widget;
  }
  return any_widget;
}

// Wire sign-offs and standards notes ("Reporting by A in Tokyo; Editing by B").
bool is_wire_credit(const std::vector<std::string>& t) {
  static constexpr auto kCredits =
      std::to_array<std::string_view>({"reporting by", "additional reporting by", "editing by",
                                       "writing by", "compiled by", "our standards"});
  return std::any_of(kCredits.begin(), kCredits.end(),
                     [&](std::string_view c) { return starts_with_phrase(t, c); });
}

// "5 min read", "3 minutes read".
bool is_reading_time(const std::vector<std::string>& t) {
  static constexpr auto kMinutes =
      std::to_array<std::string_view>({"min", "mins", "minute", "minutes"});
  return t.size() >= 2 && t.size() <= 4 && t.back() == "read" && contains_any(t, kMinutes);
}

// ---- labels, notices, copyright --------------------------------------------------

// "Follow topic:", "Related:", "Tags:" alone on a line: a widget's caption.
bool is_label(std::string_view line, std::size_t words) {
  if (words > kMaxLabelWords) return false;
  if (!line.ends_with(':') && !line.ends_with("\xEF\xBC\x9A")) return false;
  const std::string_view body = line.substr(0, line.size() - (line.ends_with(':') ? 1 : 3));
  if (body.find_first_of(".!?") != std::string_view::npos) return false;
  // "The statement said:" and "The measures include:" lead into text; labels are nouns.
  static constexpr auto kLeadWords = std::to_array<std::string_view>(
      {"said",    "says",      "added",    "adds",      "stated", "states", "wrote", "writes",
       "told",    "include",   "includes", "including", "are",    "is",     "were",  "was",
       "follows", "following", "reads",    "as",        "of",     "to",     "by",    "that"});
  const std::vector<std::string> t = tokens_of(body);
  return t.empty() || !contains(kLeadWords, t.back());
}

// Tag lists, related links and embedded media introduced by a label ("Tags: China,
// Japan", "Video: …", "Watch: …").
bool is_labelled_widget(const std::vector<std::string>& t, std::string_view line) {
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon > 20) return false;
  static constexpr auto kLabels =
      std::to_array<std::string_view>({"tags", "topics", "related", "related topics", "filed under",
                                       "more on", "video", "watch", "listen"});
  return !t.empty() && contains(kLabels, ascii_lower(trim(line.substr(0, colon))));
}

bool is_cookie_notice(const std::vector<std::string>& t, std::string_view lower) {
  static constexpr auto kCookie = std::to_array<std::string_view>({"cookie", "cookies"});
  static constexpr auto kCookieContext = std::to_array<std::string_view>(
      {"use", "uses", "accept", "consent", "privacy", "policy", "settings", "preferences",
       "browsing", "experience", "site", "website"});
  if (contains_any(t, kCookie) && contains_any(t, kCookieContext)) return true;
  static constexpr auto kConsent = std::to_array<std::string_view>(
      {"by continuing to use", "by using this site", "by using our", "we value your privacy",
       "manage consent", "manage preferences", "accept all", "reject all", "do not sell my"});
  return contains_phrase(lower, kConsent);
}

bool is_year(std::string_view w) {
  return w.size() == 4 && (w.starts_with("19") || w.starts_with("20")) &&
         std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_copyright(const std::vector<std::string>& t, std::string_view lower) {
  if (lower.find("all rights reserved") != std::string_view::npos) return true;
  if (lower.starts_with("\xC2\xA9")) return true;  // ©
  if (lower.starts_with("(c) ") && t.size() > 1 && is_year(t[1])) return true;
  if (t.empty() || t.front() != "copyright") return false;
  return lower.find("\xC2\xA9") != std::string_view::npos || (t.size() > 1 && is_year(t[1]));
}

// ---- photo credits ---------------------------------------------------------------

enum class Credit { none, whole_line, trailing };

// Words that introduce a credit, longest first so "photos" is not read as "photo".
// (Not "video": "Video: …" titles an embedded player, it credits nothing above it.)
constexpr auto kCreditWords = std::to_array<std::string_view>(
    {"photographs", "photographer", "photograph", "photos", "photo", "pictures", "picture", "pics",
     "pic", "images", "image", "illustration", "infographic", "graphics", "graphic", "credits"});

std::size_t match_credit_word(std::string_view lower) {
  static constexpr auto kQualifiers =
      std::to_array<std::string_view>({"file ", "top ", "main ", "cover ", "lead ", "featured "});
  for (std::string_view prefix : kQualifiers) {
    if (lower.starts_with(prefix)) {
      const std::size_t n = match_credit_word(lower.substr(prefix.size()));
      return n == 0 ? 0 : prefix.size() + n;
    }
  }
  for (std::string_view w : kCreditWords) {
    if (lower.starts_with(w)) return w.size();
  }
  return lower.starts_with("credit") ? 6 : 0;
}

// Length of the separator between "Photo" and the name: ':', " by ", " courtesy of ", '/'.
std::size_t match_credit_separator(std::string_view s) {
  for (std::string_view qualifier : {" credit", " credits", " source", " courtesy"}) {
    if (s.starts_with(qualifier)) {
      const std::string_view rest = s.substr(qualifier.size());
      if (rest.starts_with(":") || rest.starts_with("\xEF\xBC\x9A")) {
        return qualifier.size() + (rest.starts_with(":") ? 1 : 3);
      }
      if (qualifier == " courtesy") {
        return rest.starts_with(" of ") ? qualifier.size() + 4 : qualifier.size() + 1;
      }
    }
  }
  for (std::string_view sep : {": ", ":", "\xEF\xBC\x9A", " by ", " courtesy of ", "/", " - "}) {
    if (s.starts_with(sep)) return sep.size();
  }
  return 0;
}

// "Photo: AFP/Getty", "Image credit: Jane Doe", "Photo by X/AFP" (line in lower case).
bool is_credit_phrase(std::string_view lower) {
  const std::size_t word = match_credit_word(lower);
  if (word == 0) return false;
  const std::size_t sep = match_credit_separator(lower.substr(word));
  if (sep == 0) return false;
  std::string_view name = trim(lower.substr(word + sep));
  while (!name.empty() && (name.back() == ')' || name.back() == ']' || name.back() == '.')) {
    name.remove_suffix(1);
  }
  const std::size_t words = split_words(name).size();
  return words >= 1 && words <= kMaxCreditNameWords;
}

// News agencies whose photo credits read "REUTERS/Name" in capitals.
bool is_agency_credit_token(std::string_view word) {
  const std::size_t slash = word.find('/');
  if (slash == std::string_view::npos || slash + 1 >= word.size()) return false;
  static constexpr auto kAgencies = std::to_array<std::string_view>(
      {"REUTERS", "AFP",     "AP",       "EPA",  "EPA-EFE", "XINHUA", "KYODO",   "BLOOMBERG",
       "GETTY",   "ANADOLU", "YONHAP",   "ANSA", "DPA",     "TASS",   "SPUTNIK", "JIJI",
       "BERNAMA", "ANTARA",  "NURPHOTO", "SIPA", "ZUMA",    "PA"});
  const std::string_view agency = word.substr(0, slash);
  return contains(kAgencies, agency);
}

// A credit keyword later in the line counts only where a credit would start: after a
// sentence, after an opening bracket, or written in capitals ("… factory. PHOTO: AFP").
bool credit_can_start_at(std::string_view line, std::size_t pos) {
  if (pos == 0) return true;
  const char before = line[pos - 1];
  if (before == '(' || before == '[') return true;
  if (before != ' ') return false;
  const std::string_view head = trim(line.substr(0, pos));
  if (detail::ends_sentence(head) || head.ends_with("|") || head.ends_with("-")) return true;
  return line[pos] >= 'A' && line[pos] <= 'Z' && pos + 1 < line.size() && line[pos + 1] >= 'A' &&
         line[pos + 1] <= 'Z';
}

Credit classify_credit(std::string_view line) {
  line = trim(line);
  if (line.empty() || detail::word_count(line) > kMaxBoilerplateWords) return Credit::none;
  std::string_view inner = line;
  if ((inner.front() == '(' && inner.back() == ')') ||
      (inner.front() == '[' && inner.back() == ']')) {
    inner = trim(inner.substr(1, inner.size() - 2));
  }
  const std::string lower = ascii_lower(inner);
  if (is_credit_phrase(lower)) return Credit::whole_line;
  const std::vector<std::string_view> words = split_words(inner);
  if (!words.empty() && is_agency_credit_token(words.front())) return Credit::whole_line;
  for (std::size_t pos = 1; pos < lower.size(); ++pos) {
    if (credit_can_start_at(inner, pos) && is_credit_phrase(std::string_view(lower).substr(pos))) {
      return Credit::trailing;
    }
  }
  const std::size_t tail = words.size() > 6 ? words.size() - 6 : 0;
  for (std::size_t i = tail; i < words.size(); ++i) {
    if (is_agency_credit_token(words[i])) return Credit::trailing;
  }
  if (lower.ends_with("getty images")) return Credit::trailing;
  return Credit::none;
}

// A caption stands before its credit: short, and not the article's first paragraph.
bool is_caption(const Block& block) {
  return detail::word_count(block.text) <= kMaxBoilerplateWords &&
         find_dateline(block.text).empty();
}

// ---- datelines -------------------------------------------------------------------

struct Cursor {
  std::string_view s;
  std::size_t pos = 0;

  UChar32 peek(std::size_t* length = nullptr) const {
    if (pos >= s.size()) return U_SENTINEL;
    auto i = static_cast<std::int32_t>(pos);
    UChar32 c;
    U8_NEXT(s.data(), i, static_cast<std::int32_t>(s.size()), c);
    if (length) *length = static_cast<std::size_t>(i) - pos;
    return c;
  }
  bool eat(std::string_view token) {
    if (s.substr(pos).starts_with(token)) {
      pos += token.size();
      return true;
    }
    return false;
  }
};

// One word of a place in capitals ("BEIJING", "ST.", "N'DJAMENA"); false if the word
// has a lower-case letter. Counts the letters it read.
bool read_capital_word(Cursor& c, std::size_t& letters) {
  const std::size_t start = c.pos;
  std::size_t own = 0;
  for (;;) {
    std::size_t len = 0;
    const UChar32 ch = c.peek(&len);
    if (ch >= 0 && u_isalpha(ch)) {
      // Uncased letters (Han, kana) never make a dateline in capitals.
      if (!u_isupper(ch)) {
        c.pos = start;
        return false;
      }
      ++own;
    } else if (!(ch == '.' || ch == '\'' || ch == 0x2019 || ch == '-' || ch == '&') || own == 0) {
      break;
    }
    c.pos += len;
  }
  if (own == 0) {
    c.pos = start;
    return false;
  }
  letters += own;
  return true;
}

bool read_place(Cursor& c) {
  std::size_t letters = 0;
  if (!read_capital_word(c, letters)) return false;
  for (;;) {
    Cursor next = c;
    if (!next.eat(" ") || !read_capital_word(next, letters)) break;
    c = next;
  }
  // "US – China talks" is a heading, not a dateline: real places have three letters.
  return letters >= 3;
}

bool read_number(Cursor& c, std::size_t min_digits, std::size_t max_digits) {
  std::size_t n = 0;
  while (c.pos < c.s.size() && c.s[c.pos] >= '0' && c.s[c.pos] <= '9' && n < max_digits) {
    ++c.pos;
    ++n;
  }
  return n >= min_digits;
}

// "Jan 7", "January 7", "Sept. 30", optionally ", 2026".
bool read_month_day(Cursor& c) {
  // Full names before their abbreviations, so "March" is not read as "Mar".
  static constexpr auto kMonths = std::to_array<std::string_view>(
      {"January",   "February", "March",    "April",    "May", "June", "July", "August",
       "September", "October",  "November", "December", "Jan", "Feb",  "Mar",  "Apr",
       "Jun",       "Jul",      "Aug",      "Sept",     "Sep", "Oct",  "Nov",  "Dec"});
  Cursor m = c;
  const bool month = std::any_of(kMonths.begin(), kMonths.end(),
                                 [&](std::string_view name) { return m.eat(name); });
  if (!month) return false;
  m.eat(".");
  if (!m.eat(" ") || !read_number(m, 1, 2)) return false;
  Cursor year = m;
  if ((year.eat(", ") || year.eat(" ")) && read_number(year, 4, 4)) m = year;
  c = m;
  return true;
}

// "Ukraine", "Calif.", "New York": up to three capitalised words.
bool read_region(Cursor& c) {
  Cursor r = c;
  std::size_t words = 0;
  while (words < 3) {
    Cursor w = r;
    if (words > 0 && !w.eat(" ")) break;
    const UChar32 first = w.peek();
    if (first < 0 || !u_isupper(first)) break;
    while (w.pos < w.s.size() && w.s[w.pos] != ' ' && w.s[w.pos] != ',' && w.s[w.pos] != '(') {
      ++w.pos;
    }
    r = w;
    ++words;
  }
  if (words == 0) return false;
  c = r;
  return true;
}

// "(Reuters)", "(AP)", "/PRNewswire/".
void skip_agency(Cursor& c) {
  Cursor a = c;
  a.eat(" ");
  const char close = a.eat("(") ? ')' : (a.eat("/") ? '/' : '\0');
  if (close == '\0') return;
  const std::size_t end = a.s.find(close, a.pos);
  if (end == std::string_view::npos || end - a.pos > 30) return;
  a.pos = end + 1;
  c = a;
}

bool read_dash(Cursor& c) {
  Cursor d = c;
  const bool spaced = d.eat(" ");
  bool wide = false;
  if (d.eat("\xE2\x80\x93") || d.eat("\xE2\x80\x94") || d.eat("\xE2\x80\x95")) {
    wide = true;
  } else if (!(d.eat("--") || d.eat("-"))) {
    return false;
  }
  // A hyphen joins words unless spaced ("ABU-DHABI"); en and em dashes may touch.
  if (!wide && !spaced) return false;
  d.eat(" ");
  if (d.pos >= d.s.size()) return false;
  c = d;
  return true;
}

}  // namespace

bool is_photo_credit(std::string_view line) {
  return classify_credit(line) != Credit::none;
}

bool is_boilerplate_line(std::string_view line) {
  const std::string_view text = skip_leading_symbols(trim(line));
  if (text.empty()) return false;
  const std::size_t words = detail::word_count(text);
  if (words > kMaxBoilerplateWords) return false;
  if (is_photo_credit(text)) return true;
  const std::string lower = ascii_lower(text);
  const std::vector<std::string> t = tokens_of(text);
  return is_copyright(t, lower) || is_cookie_notice(t, lower) || is_label(text, words) ||
         is_labelled_widget(t, text) || is_widget_line(t) || is_reading_time(t) ||
         is_wire_credit(t) || is_strong_prompt(t) || is_weak_prompt(t, text);
}

std::size_t strip_boilerplate(std::vector<Block>& blocks) {
  std::vector<bool> drop(blocks.size(), false);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (!is_boilerplate_line(blocks[i].text)) continue;
    drop[i] = true;
    // Only a credit on a line of its own belongs to the line above; "Caption. PHOTO:
    // AFP" carries its caption with it.
    const bool own_line =
        classify_credit(skip_leading_symbols(blocks[i].text)) == Credit::whole_line;
    if (own_line && i > 0 && !drop[i - 1] && is_caption(blocks[i - 1])) drop[i - 1] = true;
  }
  std::size_t removed = 0;
  std::size_t out = 0;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (drop[i]) {
      ++removed;
    } else {
      if (out != i) blocks[out] = std::move(blocks[i]);
      ++out;
    }
  }
  blocks.resize(out);
  return removed;
}

std::string find_dateline(std::string_view paragraph) {
  Cursor c{trim(paragraph)};
  if (!read_place(c)) return {};
  for (int group = 0; group < 2; ++group) {
    Cursor g = c;
    if (!g.eat(", ") || !(read_month_day(g) || read_region(g))) break;
    c = g;
  }
  const std::size_t end = c.pos;
  skip_agency(c);
  if (!read_dash(c)) return {};
  return std::string(trim(c.s.substr(0, end)));
}

std::string story_dateline(const std::vector<Block>& blocks) {
  // A dateline opens the story's first paragraph; only a standfirst or two stand before it.
  constexpr std::size_t kParagraphsToSearch = 3;
  std::size_t seen = 0;
  for (const Block& b : blocks) {
    if (b.kind != BlockKind::paragraph) continue;
    if (std::string dateline = find_dateline(b.text); !dateline.empty()) return dateline;
    if (++seen == kParagraphsToSearch) break;
  }
  return {};
}

}  // namespace dualdex::ingest
