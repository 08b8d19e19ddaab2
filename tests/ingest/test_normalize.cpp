#define BOOST_TEST_MODULE normalize
#include <boost/test/unit_test.hpp>

#include "dualdex/ingest/normalize.hpp"
#include "dualdex/ingest/segment.hpp"

using namespace dualdex::ingest;

namespace {
struct Row {
  const char* input;
  const char* expected;
};
}  // namespace

BOOST_AUTO_TEST_CASE(normalizes_text) {
  const Row rows[] = {
      {"plain text", "plain text"},
      {"  leading and trailing  ", "leading and trailing"},
      {"many   spaces\tand\ttabs\n\nnewlines", "many spaces and tabs newlines"},
      {"rare\u2011earth", "rare-earth"},          // non-breaking hyphen
      {"rare\u2010earth", "rare-earth"},          // hyphen
      {"2023\u20132025", "2023-2025"},            // en dash
      {"a \u2014 b", "a - b"},                    // em dash
      {"\u22123.8", "-3.8"},                      // minus sign
      {"\u201cquoted\u201d", "\"quoted\""},       // curly double quotes
      {"China\u2019s", "China's"},                // curly apostrophe
      {"\uFF21\uFF22\uFF23", "ABC"},              // full-width letters (NFKC)
      {"\uFB01ne", "fine"},                       // ligature (NFKC)
      {"non\u00A0breaking", "non breaking"},      // no-break space
      {"soft\u00ADhyphen", "softhyphen"},         // soft hyphen removed
      {"zero\u200Bwidth", "zerowidth"},           // zero-width space removed
      {"bad \xFF byte", "bad \uFFFD byte"},       // invalid UTF-8
      {"truncated \xE5\x95", "truncated \uFFFD"}, // truncated sequence
      {"\x01\x02" "control", "control"},             // control characters become space, trimmed
      {"", ""},
      {"\u5546\u52A1\u90E8", "\u5546\u52A1\u90E8"},  // CJK unchanged
  };
  for (const auto& r : rows) {
    BOOST_TEST_CONTEXT("input: " << r.input) { BOOST_TEST(normalize_text(r.input).text == r.expected); }
  }
}

BOOST_AUTO_TEST_CASE(counts_invalid_utf8) {
  BOOST_TEST(normalize_text("ok").invalid_bytes == 0u);
  BOOST_TEST(normalize_text("a\xFF" "b\xC0").invalid_bytes == 2u);
}

BOOST_AUTO_TEST_CASE(maps_offsets_back_to_the_input) {
  // input:  "  rare\u2011earth  x"   (U+2011 is 3 bytes)
  const std::string input = "  rare\u2011earth  x";
  const NormalizedText n = normalize_text(input);
  BOOST_TEST(n.text == "rare-earth x");
  BOOST_TEST(n.origin.size() == n.text.size() + 1);
  BOOST_TEST(n.to_input(0) == 2u);                  // 'r'
  BOOST_TEST(n.to_input(4) == 6u);                  // '-' came from the 3-byte hyphen
  BOOST_TEST(n.to_input(5) == 9u);                  // 'e' of earth
  BOOST_TEST(n.to_input(11) == input.size() - 1);   // 'x'
  BOOST_TEST(n.to_input(12) == input.size());       // end
  // Every output byte maps into the input, and monotonically.
  for (std::size_t i = 1; i < n.origin.size(); ++i) BOOST_TEST(n.origin[i] >= n.origin[i - 1]);
}

BOOST_AUTO_TEST_CASE(nfkc_offsets_point_at_the_source_character) {
  const std::string input = "x\uFF21y";  // full-width A is 3 bytes
  const NormalizedText n = normalize_text(input);
  BOOST_TEST(n.text == "xAy");
  BOOST_TEST(n.to_input(1) == 1u);
  BOOST_TEST(n.to_input(2) == 4u);
}

BOOST_AUTO_TEST_CASE(normalizes_documents_and_drops_empty_blocks) {
  Document d;
  d.title = " Rare\u2011earth  curbs ";
  d.blocks = {{BlockKind::paragraph, "  one  "}, {BlockKind::paragraph, " \u200B "}, {BlockKind::quote, "\u201ctwo\u201d"}};
  normalize_document(d);
  BOOST_TEST(d.title == "Rare-earth curbs");
  BOOST_REQUIRE(d.blocks.size() == 2u);
  BOOST_TEST(d.plain_text() == "one\n\n\"two\"");
}

BOOST_AUTO_TEST_CASE(folds_case) {
  BOOST_TEST(fold_case("MOFCOM Stra\u00DFe") == "mofcom strasse");
}

BOOST_AUTO_TEST_CASE(splits_sentences) {
  struct SRow {
    const char* text;
    std::vector<std::string> expected;
  };
  const SRow rows[] = {
      {"One. Two? Three!", {"One.", "Two?", "Three!"}},
      {"Mr. He said so. It ended.", {"Mr. He said so.", "It ended."}},
      {"First block\n\nSecond block", {"First block", "Second block"}},
      {"", {}},
      {"   ", {}},
  };
  for (const auto& r : rows) {
    std::vector<std::string> got;
    for (const Span& s : split_sentences(r.text, "en")) got.emplace_back(std::string(r.text).substr(s.begin, s.end - s.begin));
    BOOST_TEST_CONTEXT("text: " << r.text) { BOOST_TEST(got == r.expected, boost::test_tools::per_element()); }
  }
}

BOOST_AUTO_TEST_CASE(adversarial_input_never_throws) {
  const std::string long_line(200000, 'a');
  const std::string digits(100000, '7');
  std::string junk;
  for (int i = 0; i < 5000; ++i) junk += static_cast<char>(i * 37 % 256);
  for (const std::string& s : {long_line, digits, junk}) {
    BOOST_CHECK_NO_THROW(normalize_text(s));
    BOOST_CHECK_NO_THROW(split_sentences(normalize_text(s).text));
  }
}
