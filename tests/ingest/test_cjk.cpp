// Chinese and Japanese text: ICU word segmentation for the index (the rows of
// tests/data/cjk/segmentation.tsv), query segmentation, language identification, and
// extraction on CJK text (agencies across ICU's segment boundaries, items, countries,
// dates against the document date, announcement citations). Table-driven.
#define BOOST_TEST_MODULE cjk
#include <boost/test/unit_test.hpp>
#include <fstream>
#include <set>
#include <sstream>

#include "dualdex/ingest/cjk.hpp"
#include "dualdex/ingest/document.hpp"
#include "dualdex/ingest/knowledge.hpp"
#include "dualdex/ingest/language.hpp"
#include "dualdex/ingest/pipeline.hpp"
#include "test_support.hpp"

using namespace dualdex::ingest;

namespace {

std::vector<std::string> split(const std::string& s, std::string_view sep) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (std::size_t at = s.find(sep); at != std::string::npos; at = s.find(sep, from)) {
    out.push_back(s.substr(from, at - from));
    from = at + sep.size();
  }
  out.push_back(s.substr(from));
  return out;
}

std::string trim(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  while (!s.empty() && s.front() == ' ') s.erase(0, 1);
  return s;
}

// The words the indexer sees: the marked text cut at marks and spaces.
std::set<std::string> index_words(const std::string& text) {
  std::string marked = mark_words(text);
  std::string spaced;
  for (std::size_t i = 0; i < marked.size();) {
    if (marked.compare(i, kWordMark.size(), kWordMark) == 0) {
      spaced += ' ';
      i += kWordMark.size();
    } else if (marked.compare(i, 3, "、") == 0 || marked.compare(i, 3, "，") == 0) {
      spaced += ' ';  // punctuation separates words for Xapian too
      i += 3;
    } else {
      spaced += marked[i++];
    }
  }
  std::set<std::string> words;
  std::istringstream in(spaced);
  for (std::string w; in >> w;) words.insert(w);
  return words;
}

const Pipeline& pipeline() {
  static const Pipeline p(PipelineOptions{Knowledge::load(Knowledge::default_dir())});
  return p;
}

AnnotatedDocument annotate(const std::string& title, const std::string& text, const std::string& dct) {
  Document d;
  d.id = "test";
  d.title = title;
  d.published = dct;
  d.blocks.push_back({BlockKind::paragraph, text});
  return pipeline().process(std::move(d));
}

// "type id=value" of every mention of the given type, in text order.
std::string mentions_of(const AnnotatedDocument& a, MentionType type) {
  std::vector<const Mention*> ms;
  for (const auto& m : a.mentions) {
    if (m.type == type && m.begin != Mention::npos) ms.push_back(&m);
  }
  std::stable_sort(ms.begin(), ms.end(), [](const Mention* x, const Mention* y) { return x->begin < y->begin; });
  std::string out;
  for (const Mention* m : ms) {
    if (!out.empty()) out += " | ";
    out += (type == MentionType::date ? m->value : m->id) + " \"" + m->text + "\"";
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(segmentation_table_words_the_index_keeps_whole) {
  std::ifstream in(dualdex::test::test_data() / "cjk" / "segmentation.tsv");
  BOOST_REQUIRE(in);
  std::size_t rows = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto cols = split(line, "\t");
    BOOST_REQUIRE_EQUAL(cols.size(), 4u);
    ++rows;
    const std::set<std::string> words = index_words(cols[1]);
    for (const std::string& must : split(cols[3], " | ")) {
      BOOST_TEST_CONTEXT(cols[1] << " → must keep " << trim(must)) {
        BOOST_TEST(words.count(trim(must)) == 1u);
      }
    }
    // Nothing is lost: the marks removed give the text back.
    std::string marked = mark_words(cols[1]);
    remove_marks(marked);
    BOOST_TEST(marked == cols[1]);
  }
  BOOST_TEST(rows >= 20u);
}

BOOST_AUTO_TEST_CASE(text_without_cjk_is_left_alone) {
  for (const std::string s : {"China bans exports", "", "Ünïcödé — “quotes”", "3B001.f.1"}) {
    BOOST_TEST(mark_words(s) == s);
    BOOST_TEST(segment_query(s) == s);
    BOOST_TEST(!has_cjk(s));
  }
}

BOOST_AUTO_TEST_CASE(query_segmentation) {
  struct Row {
    std::string query, expected;
  };
  const Row rows[] = {
      {"镓", "镓"},
      {"出口管制", "(\"出口 管制\" OR (出口 管制))"},
      {"\"军事用户\"", "\"军事 用户\""},
      {"title:出口管制", "title:\"出口 管制\""},
      {"镓 AND germanium", "镓 AND germanium"},
      {"item:gallium 出口", "item:gallium 出口"},
      {"MOFCOM公告", "(\"MOFCOM 公告\" OR (MOFCOM 公告))"},
  };
  for (const Row& r : rows) {
    BOOST_TEST_CONTEXT(r.query) { BOOST_TEST(segment_query(r.query) == r.expected); }
  }
}

BOOST_AUTO_TEST_CASE(language_identification_checked_against_the_script) {
  struct Row {
    std::string text, lang;
  };
  const Row rows[] = {
      {"商务部公告2026年第1号：禁止所有两用物项对日本军事用户出口。", "zh"},
      {"経済産業省は輸出管理を強化した。ガリウムとゲルマニウムの輸出が規制された。", "ja"},
      {"China bans exports of dual-use items to Japanese military end users.", "en"},
      // Han only, too short for CLD2: the script says Chinese.
      {"商务部公告", "zh"},
      // Kana make it Japanese even where most characters are Han.
      {"中国商務部の公告", "ja"},
      {"12", ""},
      {"", ""},
  };
  for (const Row& r : rows) {
    BOOST_TEST_CONTEXT(r.text) { BOOST_TEST(detect_language(r.text) == r.lang); }
  }
}

BOOST_AUTO_TEST_CASE(document_languages_per_block) {
  Document d;
  d.title = "China bans dual-use exports to Japanese military users";
  d.blocks.push_back({BlockKind::paragraph,
                      "Beijing said on Tuesday that all dual-use items are banned from export to "
                      "Japanese military end users, with immediate effect, and that transfers by "
                      "third countries are covered too."});
  d.blocks.push_back({BlockKind::paragraph,
                      "商务部公告2026年第1号：禁止所有两用物项对日本军事用户出口，任何国家和地区的组织和个人"
                      "违反上述规定，将被依法追究法律责任。"});
  const auto langs = document_languages(d);
  BOOST_REQUIRE_EQUAL(langs.size(), 2u);
  BOOST_TEST(langs[0] == "en");
  BOOST_TEST(langs[1] == "zh");
  // A source's tag stands when the text agrees, and yields when the script contradicts it.
  d.lang = "en-GB";
  BOOST_TEST(document_languages(d)[0] == "en-gb");
  Document zh;
  zh.lang = "en";
  zh.blocks.push_back({BlockKind::paragraph, "商务部新闻发言人何亚东表示，民用用户不会受到影响。"});
  BOOST_TEST(document_languages(zh)[0] == "zh");
}

BOOST_AUTO_TEST_CASE(extraction_on_chinese_and_japanese_text) {
  struct Row {
    std::string text, dct;
    MentionType type;
    std::string expected;
  };
  const Row rows[] = {
      // Agencies match whatever ICU made of the context (商务|部 or 商务部).
      {"商务部 海关总署发布公告。", "2025-04-04", MentionType::agency,
       "CN.MOFCOM \"商务部\" | CN.GAC \"海关总署\""},
      {"商务部新闻发言人何亚东表示。", "2026-01-08", MentionType::agency, "CN.MOFCOM \"商务部\""},
      {"経済産業省と外務省は抗議した。", "2026-01-08", MentionType::agency,
       "JP.METI \"経済産業省\" | JP.MOFA \"外務省\""},
      // Items in both languages, one id with the English press.
      {"对镓、锗相关物项实施出口管制", "2023-07-03", MentionType::item,
       "gallium \"镓\" | germanium \"锗\""},
      {"ガリウムとレアアースの輸出", "2023-07-04", MentionType::item,
       "gallium \"ガリウム\" | rare-earths \"レアアース\""},
      // Countries: ICU's zh and ja region names; a short katakana name is a word of its
      // own (マリ is not in サマリウム).
      {"禁止两用物项对日本军事用户出口", "2026-01-06", MentionType::country, "JP \"日本\""},
      {"サマリウムの輸出はアメリカ向けも対象", "2025-04-05", MentionType::country, "US \"アメリカ\""},
      // Dates: full, era, month-day and a lone day against the document date.
      {"商务部于2024年8月15日发布公告", "2024-08-16", MentionType::date, "2024-08-15 \"2024年8月15日\""},
      {"令和8年1月8日、外務事務次官は抗議した。", "2026-01-09", MentionType::date,
       "2026-01-08 \"令和8年1月8日\""},
      {"中国商務省は12月3日に発表した。", "2026-01-02", MentionType::date, "2025-12-03 \"12月3日\""},
      {"税関総署は15日、発表した。", "2024-08-16", MentionType::date, "2024-08-15 \"15日\""},
      {"申请应在45日以内审查。", "2024-08-16", MentionType::date, ""},
      {"暂停实施至2026年11月10日", "2025-11-07", MentionType::date, "2026-11-10 \"2026年11月10日\""},
      // Announcements cited the Chinese way (the mention, as in English, spans the
      // announcement word and the number, not the agency); their year is not a date.
      {"商务部公告2026年第1号", "2026-01-06", MentionType::instrument,
       "MOFCOM-2026-1 \"公告2026年第1号\""},
      {"商务部 海关总署公告2025年第18号", "2025-04-04", MentionType::instrument,
       "MOFCOM-2025-18 \"公告2025年第18号\""},
      {"工业和信息化部公告2025年第3号", "2025-04-04", MentionType::instrument,
       "MIIT-2025-3 \"公告2025年第3号\""},
      {"商务部暂停实施2025年第55号、第56号公告", "2025-11-07", MentionType::instrument,
       "MOFCOM-2025-55 \"2025年第55号\" | MOFCOM-2025-56 \"第56号公告\""},
      {"商务部公告2026年第1号", "2026-01-06", MentionType::date, ""},
  };
  for (const Row& r : rows) {
    BOOST_TEST_CONTEXT(r.text) {
      const auto a = annotate("", r.text, r.dct);
      BOOST_TEST(mentions_of(a, r.type) == r.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(measures_in_chinese_and_japanese) {
  struct Row {
    std::string text, dct;
    std::string action, authority, target, until, effective;
  };
  const Row rows[] = {
      {"商务部宣布，暂停实施商务部公告2024年第46号的第二款，暂停期限至2026年11月27日。", "2025-11-10",
       "suspension", "CN.MOFCOM", "", "2026-11-27", ""},
      {"商务部决定，对美国出口镓、锗原则上不予许可。", "2024-12-03", "ban", "CN.MOFCOM", "US", "", ""},
      // The subject left out: the agency of the sentence before.
      {"商务部发布公告。镓、锗对美国出口原则上不予许可。", "2024-12-03", "ban", "CN.MOFCOM", "US", "", ""},
      {"中国商務省は、ガリウムの輸出を8月1日から許可制にすると発表した。", "2023-07-04",
       "licence-requirement", "CN.MOFCOM", "", "", "2023-08-01"},
  };
  for (const Row& r : rows) {
    BOOST_TEST_CONTEXT(r.text) {
      const auto a = annotate("", r.text, r.dct);
      BOOST_REQUIRE_EQUAL(a.measures.size(), 1u);
      const Measure& m = a.measures.front();
      BOOST_TEST(m.action == r.action);
      BOOST_TEST(m.authority == r.authority);
      BOOST_TEST((m.targets.empty() ? std::string() : m.targets.front()) == r.target);
      BOOST_TEST(m.suspended_until == r.until);
      BOOST_TEST(m.effective == r.effective);
    }
  }
}
