#define BOOST_TEST_MODULE events
#include <boost/test/unit_test.hpp>

#include <chrono>

#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/extract_events.hpp"
#include "test_support.hpp"

using namespace dualdex::ingest;

namespace {

// A mention of `type` on the first occurrence of `text` at or after `from`.
struct Given {
  MentionType type;
  const char* text;
  const char* id;
  const char* value = "";
};

struct Result {
  Extraction out;
  std::string statements;  // "speaker/agency/date: text | ..."
  std::string measures;    // "action authority targets items end_uses exempt instrument announced effective until | ..."
};

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out.empty() ? "-" : out;
}

Result run(const std::string& text, const std::vector<Given>& given, const std::string& dct = "2026-01-08",
           std::vector<Mention> declared = {}, std::vector<MetaField> meta = {}) {
  static const auto extractor = EventExtractor::load(dualdex::test::source_dir() / "corpus" / "gazetteers");
  Document doc;
  doc.declared = std::move(declared);
  doc.meta = std::move(meta);
  const auto tokens = tokenize(text);
  const auto sentences = split_sentences(text, "en");
  Result r;
  std::size_t from = 0;
  for (const auto& g : given) {
    const auto at = text.find(g.text, from);
    BOOST_REQUIRE_MESSAGE(at != std::string::npos, g.text);
    Mention m;
    m.type = g.type;
    m.id = g.id;
    m.value = g.value;
    m.text = g.text;
    m.begin = at;
    m.end = at + std::string(g.text).size();
    r.out.mentions.push_back(m);
  }
  extractor->extract(ExtractInput{doc, text, tokens, sentences, dct}, r.out);
  for (const auto& s : r.out.statements) {
    if (!r.statements.empty()) r.statements += " | ";
    r.statements += (s.speaker.empty() ? "-" : s.speaker) + "/" + (s.agency.empty() ? "-" : s.agency) + "/" + s.date + ": " + s.text;
  }
  for (const auto& m : r.out.measures) {
    if (!r.measures.empty()) r.measures += " | ";
    r.measures += (m.status.empty() ? "" : "[" + m.status + "] ") + m.action + " " + m.authority + " " + join(m.targets) + " " + join(m.items) + " " + join(m.end_uses) +
                  " " + join(m.exempt) + " " + (m.instrument.empty() ? "-" : m.instrument) + " " + m.announced + " " +
                  (m.effective.empty() ? "-" : m.effective) + " " + (m.suspended_until.empty() ? "-" : m.suspended_until);
  }
  return r;
}

}  // namespace

BOOST_AUTO_TEST_CASE(statements) {
  struct Row {
    const char* name;
    std::string text;
    std::vector<Given> given;
    const char* expected;
  };
  const Row rows[] = {
      {"quote then speaker",
       "\"Civilian users will not be affected,\" Mr He Yadong, a commerce ministry spokesperson, told reporters.",
       {{MentionType::person, "He Yadong", "he-yadong", "spokesperson|CN.MOFCOM"}},
       "he-yadong/CN.MOFCOM/2026-01-08: Civilian users will not be affected"},
      {"he added links to the last speaker",
       "\"Civilian users will not be affected,\" said Mr He Yadong, the spokesperson. \"China has always been committed "
       "to stable supply chains,\" he added.",
       {{MentionType::person, "He Yadong", "he-yadong", "spokesperson|CN.MOFCOM"}},
       "he-yadong/CN.MOFCOM/2026-01-08: Civilian users will not be affected | he-yadong/CN.MOFCOM/2026-01-08: China has "
       "always been committed to stable supply chains"},
      {"speaker before the quote",
       "Chief Cabinet Secretary Minoru Kihara said: \"The measure is absolutely unacceptable.\"",
       {{MentionType::person, "Minoru Kihara", "minoru-kihara", "Chief Cabinet Secretary|JP.CABINET"}},
       "minoru-kihara/JP.CABINET/2026-01-08: The measure is absolutely unacceptable."},
      {"reported speech by an agency with its date",
       "The foreign ministry said on Jan 6 that it had protested to the Chinese embassy.",
       {{MentionType::agency, "foreign ministry", "JP.MOFA"}, {MentionType::date, "Jan 6", "", "2026-01-06"}},
       "-/JP.MOFA/2026-01-06: The foreign ministry said on Jan 6 that it had protested to the Chinese embassy."},
      {"a quote with no speaker is not a statement", "Traders call it \"the new normal\" in the market.", {}, ""},
      {"short quoted words are not statements", "He called it \"unacceptable\", Mr Kihara said.",
       {{MentionType::person, "Kihara", "minoru-kihara", "|JP.CABINET"}}, ""},
  };
  for (const auto& r : rows) BOOST_TEST_CONTEXT(r.name) { BOOST_TEST(run(r.text, r.given).statements == r.expected); }
}

BOOST_AUTO_TEST_CASE(measures) {
  struct Row {
    const char* name;
    std::string text;
    std::vector<Given> given;
    const char* expected;
    std::vector<Mention> declared = {};
  };
  const Row rows[] = {
      {"a ban with end uses, targets and exemption",
       "China's commerce ministry banned exports of dual-use items to Japanese military users with immediate effect. "
       "\"Civilian users will not be affected,\" the ministry said.",
       {{MentionType::country, "China", "CN"}, {MentionType::agency, "commerce ministry", "CN.MOFCOM"},
        {MentionType::item, "dual-use items", "dual-use-items"}, {MentionType::country, "Japanese", "JP"}},
       "[in-force] ban CN.MOFCOM JP dual-use-items military civilian - 2026-01-08 2026-01-08 -"},
      {"a suspension until a date, authority from the document",
       "The measures in Nos. 55 to 58 are suspended until November 10, 2026.",
       {{MentionType::date, "November 10, 2026", "", "2026-11-10"}},
       "[in-force] suspension CN.MOFCOM - - - - MOFCOM-2025-70 2026-01-08 - 2026-11-10",
       {Mention{MentionType::agency, "CN.MOFCOM", "", "", Mention::npos, Mention::npos},
        Mention{MentionType::instrument, "MOFCOM-2025-70", "", "", Mention::npos, Mention::npos}}},
      {"a licence requirement effective from a date",
       "Exporters of gallium will need licences from August 1, 2023, the General Administration of Customs said.",
       {{MentionType::item, "gallium", "gallium"}, {MentionType::date, "August 1, 2023", "", "2023-08-01"},
        {MentionType::agency, "General Administration of Customs", "CN.GAC"}},
       "[announced] licence-requirement CN.GAC - gallium - - - 2023-07-03 2023-08-01 -"},
      {"a protest names the other country",
       "Japan's foreign ministry protested against the export ban by China.",
       {{MentionType::country, "Japan", "JP"}, {MentionType::agency, "foreign ministry", "JP.MOFA"},
        {MentionType::country, "China", "CN"}},
       "[in-force] protest JP.MOFA CN - - - - 2026-01-08 - -"},
      {"hedged actions are not measures",
       "State media said the ministry was weighing whether to tighten licences. He did not say whether rare earths were "
       "covered by the restrictions.",
       {{MentionType::agency, "ministry", "CN.MOFCOM"}}, ""},
      {"no authority, no measure", "Bans are common in trade wars.", {}, ""},
      {"sentences of one action and authority merge",
       "The commerce ministry banned dual-use exports to Japan. The ban covers military end users.",
       {{MentionType::agency, "commerce ministry", "CN.MOFCOM"}, {MentionType::country, "Japan", "JP"}},
       "[in-force] ban CN.MOFCOM JP - military - - 2026-01-08 - -",
       {Mention{MentionType::agency, "CN.MOFCOM", "", "", Mention::npos, Mention::npos}}},
  };
  for (const auto& r : rows) {
    const std::string dct = std::string(r.name).find("licence") != std::string::npos ? "2023-07-03" : "2026-01-08";
    BOOST_TEST_CONTEXT(r.name) { BOOST_TEST(run(r.text, r.given, dct, r.declared).measures == r.expected); }
  }
}

BOOST_AUTO_TEST_CASE(an_announcement_gives_its_own_effective_date) {
  const std::vector<Mention> declared = {Mention{MentionType::agency, "CN.MOFCOM", "", "", Mention::npos, Mention::npos},
                                         Mention{MentionType::instrument, "MOFCOM-2026-1", "", "", Mention::npos, Mention::npos}};
  const auto r = run("Exports of dual-use items to military users in Japan are prohibited.",
                     {{MentionType::item, "dual-use items", "dual-use-items"}, {MentionType::country, "Japan", "JP"}},
                     "2026-01-06", declared, {{"issued", "2026-01-06"}, {"effective", "2026-01-06"}});
  BOOST_TEST(r.measures == "[in-force] ban CN.MOFCOM JP dual-use-items military - MOFCOM-2026-1 2026-01-06 2026-01-06 -");
}

BOOST_AUTO_TEST_CASE(status_follows_the_document_date) {
  const std::vector<Mention> declared = {Mention{MentionType::agency, "CN.MOFCOM", "", "", Mention::npos, Mention::npos}};
  const std::vector<Given> given = {{MentionType::date, "November 10, 2026", "", "2026-11-10"}};
  const std::string text = "The measures are suspended until November 10, 2026.";
  BOOST_TEST(run(text, given, "2025-11-07", declared).measures.rfind("[in-force] suspension", 0) == 0);
  BOOST_TEST(run(text, given, "2027-01-01", declared).measures.rfind("[expired] suspension", 0) == 0);
  BOOST_TEST(run(text, given, "", declared).measures.rfind("suspension", 0) == 0);  // no date, no status
}

BOOST_AUTO_TEST_CASE(bad_knowledge_file_names_file_and_line) {
  dualdex::test::TempDir dir;
  std::ofstream(dir.path / "events.tsv") << "# comment\nspeech\t-\tsaid\naction\tban\n";
  try {
    EventExtractor::load(dir.path);
    BOOST_FAIL("expected KnowledgeError");
  } catch (const dualdex::KnowledgeError& e) {
    BOOST_TEST(std::string(e.what()).find("events.tsv:3:") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(adversarial_text_never_throws) {
  const std::string rows[] = {std::string(100000, '"'), std::string(20000, 'x') + " said " + std::string(20000, 'y'),
                              "\"\"\"", "said said said ban ban ban"};
  for (const auto& t : rows) BOOST_CHECK_NO_THROW(run(t, {}));
}

// Regression (the 50 MB file of tests/data/bad): every sentence used to scan every
// phrase match of the document, so a long document took quadratic time (a 4 MB story
// 8 s of CPU, the 50 MB one an estimated 20 minutes). Eight times the sentences must take about eight
// times as long, not sixty-four: the check allows 24, robust to a loaded machine and
// to sanitizer builds (the same constant factor on both sides).
BOOST_AUTO_TEST_CASE(long_documents_take_linear_time) {
  const std::string sentence =
      "\"Exports of these goods are banned from today,\" the official said. Traders said licences were suspended. ";
  auto seconds_for = [&sentence](std::size_t n) {
    std::string text;
    text.reserve(sentence.size() * n);
    for (std::size_t i = 0; i < n; ++i) text += sentence;
    double best = 1e9;
    for (int attempt = 0; attempt < 3; ++attempt) {
      const auto t0 = std::chrono::steady_clock::now();
      const Result r = run(text, {});
      best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
      BOOST_TEST(r.out.statements.empty());  // no speaker is named: nothing is attributed
    }
    return best;
  };
  const double small = seconds_for(3000), large = seconds_for(24000);
  BOOST_TEST_MESSAGE("3,000 sentence pairs: " << small << " s; 24,000: " << large << " s");
  BOOST_TEST(large < 24 * small + 0.1, "extraction grows faster than linearly: " << small << " s → " << large << " s");
}
