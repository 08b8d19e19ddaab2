#define BOOST_TEST_MODULE tokenize
#include <boost/test/unit_test.hpp>

#include "dualdex/ingest/phrase_matcher.hpp"
#include "dualdex/ingest/tokenize.hpp"

using namespace dualdex::ingest;

namespace {
// "folded[flags] ..." where flags: C capitalized, A all caps, N numeric.
std::string line(std::string_view text) {
  std::string out;
  for (const Token& t : tokenize(text)) {
    if (!out.empty()) out += ' ';
    out += t.folded;
    std::string flags = std::string(t.capitalized ? "C" : "") + (t.all_caps ? "A" : "") + (t.numeric ? "N" : "");
    if (!flags.empty()) out += "[" + flags + "]";
  }
  return out;
}
}  // namespace

BOOST_AUTO_TEST_CASE(tokens) {
  const std::pair<const char*, const char*> rows[] = {
      {"China bans exports", "china[C] bans exports"},
      {"rare-earth magnets", "rare earth magnets"},
      {"Japan's military", "japan[C] military"},
      {"the US and us", "the us[CA] and us"},
      {"around 1,100 items", "around 1,100[N] items"},
      {"3.8 per cent", "3.8[N] per cent"},
      {"MOFCOM said", "mofcom[CA] said"},
      {"GaN and GaAs", "gan[C] and gaas[C]"},
      {"", ""},
      {"... --- !!!", ""},
  };
  for (const auto& [text, expected] : rows) BOOST_TEST_CONTEXT(text) { BOOST_TEST(line(text) == expected); }
}

BOOST_AUTO_TEST_CASE(offsets_point_into_the_text) {
  const std::string text = "Japan's ban, \xE5\x95\x86\xE5\x8A\xA1 x";
  for (const Token& t : tokenize(text)) {
    BOOST_TEST(t.end <= text.size());
    BOOST_TEST(t.begin < t.end);
  }
  const auto tokens = tokenize(text);
  BOOST_REQUIRE(!tokens.empty());
  BOOST_TEST(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin) == "Japan");
}

BOOST_AUTO_TEST_CASE(phrase_matcher_finds_longest_leftmost) {
  PhraseMatcher m;
  m.add("rare earths", 1);
  m.add("rare earth magnets", 2);
  m.add("US", 3, CaseRule::exact);
  m.add("Jordan", 4, CaseRule::capitalized);
  m.add("commerce ministry", 5);
  m.add("commerce ministry", 6);  // a second value for the same phrase
  struct Row {
    const char* text;
    const char* expected;  // "value:first-last ..."
  };
  const Row rows[] = {
      {"rare earth magnets and rare earths", "2:0-2 1:4-5"},
      {"Rare-Earth Magnets", "2:0-2"},
      {"the US told us", "3:1-1"},
      {"Jordan, not jordan", "4:0-0"},
      {"the commerce ministry said", "5:1-2 6:1-2"},
      {"rare, earths", ""},  // no phrase across punctuation
      {"", ""},
  };
  for (const auto& r : rows) {
    const std::string text = r.text;
    std::string got;
    for (const auto& p : m.find(tokenize(text), text)) {
      if (!got.empty()) got += ' ';
      got += std::to_string(p.value) + ":" + std::to_string(p.first) + "-" + std::to_string(p.last);
    }
    BOOST_TEST_CONTEXT(r.text) { BOOST_TEST(got == r.expected); }
  }
  BOOST_TEST(!m.add("...", 9));
}

BOOST_AUTO_TEST_CASE(adversarial_text_never_throws) {
  const std::string rows[] = {std::string(100000, 'x'), std::string(50000, '9'), std::string("\xFF\xFE\x00\x01", 4),
                              "\xE5\x95\x86\xE5\x8A\xA1\xE9\x83\xA8 MOFCOM \xD9\x85\xD8\xB1"};
  for (const auto& s : rows) BOOST_CHECK_NO_THROW(tokenize(s));
}
