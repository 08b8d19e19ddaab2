// EntityExtractor: agencies, organisations, items, persons with roles, amounts, codes and
// instruments. Table-driven: each row is a text, the countries the story is about, and the
// mentions expected as one line:  type id[=value] "text" | ...
// The country extractor runs before this one in the pipeline; here a small test tagger
// (kCountries) stands in for it, so these tests do not depend on its tables.
#define BOOST_TEST_MODULE entities
#include <boost/test/unit_test.hpp>
#include <fstream>
#include <random>
#include <thread>

#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/extract_entities.hpp"
#include "dualdex/ingest/phrase_matcher.hpp"
#include "test_support.hpp"

using namespace dualdex::ingest;
namespace fs = std::filesystem;

namespace {

fs::path knowledge_dir() {
  return dualdex::test::source_dir() / "corpus" / "gazetteers";
}

const EntityExtractor& extractor() {
  static const auto e = EntityExtractor::load(knowledge_dir());
  return *e;
}

// The country mentions the country extractor would give for the words these tests use.
struct CountryWord {
  const char* phrase;
  const char* id;
  CaseRule rule;
};
const CountryWord kCountries[] = {
    {"China", "CN", CaseRule::capitalized},
    {"Chinese", "CN", CaseRule::capitalized},
    {"Beijing", "CN", CaseRule::capitalized},
    {"Japan", "JP", CaseRule::capitalized},
    {"Japanese", "JP", CaseRule::capitalized},
    {"Tokyo", "JP", CaseRule::capitalized},
    {"Taiwan", "TW", CaseRule::capitalized},
    {"US", "US", CaseRule::exact},
    {"United States", "US", CaseRule::capitalized},
    {"American", "US", CaseRule::capitalized},
    {"Netherlands", "NL", CaseRule::capitalized},
    {"Dutch", "NL", CaseRule::capitalized},
    {"South Korea", "KR", CaseRule::capitalized},
    {"Germany", "DE", CaseRule::capitalized},
    {"EU", "EU", CaseRule::exact},
    {"Canada", "CA", CaseRule::capitalized},
};

std::vector<Mention> tag_countries(const std::string& text, const std::vector<Token>& tokens) {
  static const PhraseMatcher matcher = [] {
    PhraseMatcher m;
    for (std::uint32_t i = 0; i < std::size(kCountries); ++i)
      m.add(kCountries[i].phrase, i, kCountries[i].rule);
    return m;
  }();
  std::vector<Mention> out;
  for (const PhraseMatch& m : matcher.find(tokens, text)) {
    Mention c;
    c.type = MentionType::country;
    c.id = kCountries[m.value].id;
    c.begin = tokens[m.first].begin;
    c.end = tokens[m.last].end;
    c.text = text.substr(c.begin, c.end - c.begin);
    out.push_back(c);
  }
  return out;
}

Extraction extract(const std::string& text, const std::vector<std::string>& about,
                   std::vector<Mention> declared = {}) {
  Document doc;
  doc.declared = std::move(declared);
  const auto tokens = tokenize(text);
  const auto sentences = split_sentences(text, "en");
  Extraction out;
  out.mentions = tag_countries(text, tokens);
  out.about_countries = about;
  extractor().extract(ExtractInput{doc, text, tokens, sentences, "2026-01-08"}, out);
  return out;
}

/// The mentions of the given types (all of this extractor's when empty), one line.
std::string render(const std::string& text, const Extraction& out,
                   std::vector<MentionType> types = {}) {
  std::string line;
  for (const Mention& m : out.mentions) {
    if (m.type == MentionType::country) continue;
    if (!types.empty() && std::find(types.begin(), types.end(), m.type) == types.end()) continue;
    // Offsets are byte offsets into the text and give back the mention's text.
    BOOST_TEST_REQUIRE(m.begin < m.end);
    BOOST_TEST_REQUIRE(m.end <= text.size());
    BOOST_TEST(text.substr(m.begin, m.end - m.begin) == m.text);
    if (!line.empty()) line += " | ";
    line += std::string(to_string(m.type)) + " " + m.id + (m.value.empty() ? "" : "=" + m.value) +
            " \"" + m.text + "\"";
  }
  return line;
}

struct Row {
  const char* name;
  std::string text;
  std::vector<std::string> about;
  const char* expected;
};

void check(const std::vector<Row>& rows, std::vector<MentionType> types) {
  for (const Row& r : rows) {
    BOOST_TEST_CONTEXT(r.name) {
      BOOST_TEST(render(r.text, extract(r.text, r.about), types) == r.expected);
    }
  }
}

}  // namespace

// The seed story of issue 3 in our own words, with the same constructions; its gold:
// agencies CN.MOFCOM, JP.MOFA, JP.CABINET; persons he-yadong (spokesperson, CN.MOFCOM),
// takehiro-funakoshi (vice-minister, JP.MOFA), wu-jianghao (ambassador, China's);
// items dual-use-items, rare-earths (medium and heavy), rare-earth-magnets; amounts.
BOOST_AUTO_TEST_CASE(seed_story_gold) {
  const std::string text =
      "China's ban on shipping dual-use items to Japan targets only military buyers, the commerce "
      "ministry said on Jan 8."
      "\n\n\"Civilian users will not be affected,\" Mr He Yadong, a commerce ministry "
      "spokesperson, told a briefing. "
      "He did not say whether rare earth magnets were covered.\n\n"
      "China's control list has around 1,100 dual-use items, among them at least seven categories "
      "of medium and "
      "heavy rare earths.\n\n"
      "Japanese Vice-Foreign Minister Takehiro Funakoshi lodged a protest with Mr Wu Jianghao, "
      "China's ambassador to "
      "Japan, the ministry said. Mr Wu rejected the protest.\n\n"
      "In December 2025, Japan's Cabinet approved a defence budget that grows 3.8 per cent to nine "
      "trillion yen "
      "(S$74.4 billion).";
  const std::string expected =
      "item dual-use-items \"dual-use items\""
      " | agency CN.MOFCOM \"commerce ministry\""
      " | person he-yadong=spokesperson|CN.MOFCOM \"He Yadong\""
      " | agency CN.MOFCOM \"commerce ministry\""
      " | person he-yadong=spokesperson|CN.MOFCOM \"He\""
      " | item rare-earth-magnets \"rare earth magnets\""
      " | amount count=1100 items \"around 1,100 dual-use items\""
      " | item dual-use-items \"dual-use items\""
      " | amount count=7 categories \"at least seven categories\""
      " | item rare-earths=medium and heavy \"medium and heavy rare earths\""
      " | person takehiro-funakoshi=vice-minister|JP.MOFA \"Takehiro Funakoshi\""
      " | person wu-jianghao=ambassador|CN.MFA \"Wu Jianghao\""
      " | agency JP.MOFA \"ministry\""
      " | person wu-jianghao=ambassador|CN.MFA \"Wu\""
      " | agency JP.CABINET \"Cabinet\""
      " | amount percent=3.8% \"3.8 per cent\""
      " | amount money=JPY 9e12 \"nine trillion yen\""
      " | amount money=SGD 7.44e10 \"S$74.4 billion\"";
  // The story is about China (and Japan); either order gives the same answer.
  BOOST_TEST(render(text, extract(text, {"CN", "JP"})) == expected);
  BOOST_TEST(render(text, extract(text, {"JP", "CN"})) == expected);
  BOOST_TEST(render(text, extract(text, {})) == expected);
}

BOOST_AUTO_TEST_CASE(agencies) {
  check(
      {
          {"acronyms are exact",
           "MOFCOM and METI spoke; mofcom is not an acronym, nor is bis.",
           {},
           "agency CN.MOFCOM \"MOFCOM\" | agency JP.METI \"METI\""},
          {"full names",
           "The Bureau of Industry and Security and the General Administration of Customs met.",
           {},
           "agency US.BIS \"Bureau of Industry and Security\" | agency CN.GAC \"General "
           "Administration of Customs\""},
          {"a name with a comma",
           "Japan's Ministry of Economy, Trade and Industry revised the order.",
           {},
           "agency JP.METI \"Ministry of Economy, Trade and Industry\""},
          {"a possessive inside a name",
           "The Ministry of Commerce of the People's Republic of China said so.",
           {},
           "agency CN.MOFCOM \"Ministry of Commerce of the People's Republic of China\""},
          {"country before a generic phrase",
           "Japan's foreign ministry protested.",
           {"CN"},
           "agency JP.MOFA \"foreign ministry\""},
          {"demonym before a generic phrase",
           "The Chinese foreign ministry replied.",
           {"JP"},
           "agency CN.MFA \"foreign ministry\""},
          {"country after a generic phrase",
           "The foreign ministry of Japan protested.",
           {"CN"},
           "agency JP.MOFA \"foreign ministry\""},
          {"story country",
           "The foreign ministry said it had protested.",
           {"JP"},
           "agency JP.MOFA \"foreign ministry\""},
          {"no context: unresolved", "The foreign ministry said it had protested.", {}, ""},
          {"story country without such a body, nearest country before in the sentence",
           "The ban on Japan by China is lawful, the commerce ministry said.",
           {"JP"},
           "agency CN.MOFCOM \"commerce ministry\""},
          {"the story's memory wins over its country",
           "China's foreign ministry spoke first. Later the foreign ministry added a note.",
           {"JP"},
           "agency CN.MFA \"foreign ministry\" | agency CN.MFA \"foreign ministry\""},
          {"capitalised Ministry of Commerce defaults to MOFCOM",
           "The Ministry of Commerce said so.",
           {},
           "agency CN.MOFCOM \"Ministry of Commerce\""},
          {"a country without that body stays unresolved",
           "Japan's commerce ministry does not exist.",
           {"CN"},
           ""},
          {"the ministry refers back",
           "MOFCOM issued a notice. The ministry said it was lawful.",
           {},
           "agency CN.MOFCOM \"MOFCOM\" | agency CN.MOFCOM \"ministry\""},
          {"the ministry with nothing before it", "The ministry said it was lawful.", {"CN"}, ""},
          {"ministry without a determiner is no mention",
           "Ministry officials declined to comment.",
           {"CN"},
           ""},
          {"its spokesperson",
           "The State Council met. Its spokesperson said nothing new.",
           {},
           "agency CN.STATECOUNCIL \"State Council\" | agency CN.STATECOUNCIL \"Its "
           "spokesperson\""},
          {"cabinet by country",
           "Japan's Cabinet approved it; China's cabinet did not.",
           {},
           "agency JP.CABINET \"Cabinet\" | agency CN.STATECOUNCIL \"cabinet\""},
          {"government only with a country",
           "The Dutch government and the Japanese government disagreed.",
           {"NL"},
           "agency NL.MFA \"government\""},
          {"customs",
           "China's customs checked a customs code; the customs tariff is separate.",
           {},
           "agency CN.GAC \"customs\""},
          {"US bodies",
           "The Commerce Department, the State Department, the Treasury Department and the White "
           "House.",
           {},
           "agency US.BIS \"Commerce Department\" | agency US.DDTC \"State Department\" | agency "
           "US.OFAC \"Treasury "
           "Department\" | agency US.WH \"White House\""},
          {"a country before a named body that is not its own",
           "China's Commerce Department is how some outlets name MOFCOM.",
           {},
           "agency CN.MOFCOM \"Commerce Department\" | agency CN.MOFCOM \"MOFCOM\""},
          {"EU, UK, Germany, Korea, Taiwan",
           "The European Commission, DG TRADE, the Council of the EU, the Export Control Joint "
           "Unit, BAFA, MOTIE and "
           "MOEA.",
           {},
           "agency EU.COM \"European Commission\" | agency EU.COM \"DG TRADE\" | agency EU.COUNCIL "
           "\"Council of the "
           "EU\" | agency GB.ECJU \"Export Control Joint Unit\" | agency DE.BAFA \"BAFA\" | agency "
           "KR.MOTIE \"MOTIE\" "
           "| agency TW.MOEA \"MOEA\""},
          {"defence and defense",
           "Japan's defence ministry and China's defense ministry.",
           {},
           "agency JP.MOD \"defence ministry\" | agency CN.MND \"defense ministry\""},
      },
      {MentionType::agency});
}

BOOST_AUTO_TEST_CASE(declared_authority_is_context) {
  // A statement whose metadata declares its authority: "the ministry", an unqualified
  // Vice-Minister for Foreign Affairs and "its spokesperson" refer to it.
  const std::string text =
      "Mr Takehiro Funakoshi, Vice-Minister for Foreign Affairs, met Mr Wu Jianghao, Ambassador "
      "Extraordinary and Plenipotentiary of China. The ministry will respond firmly.";
  Mention authority;
  authority.type = MentionType::agency;
  authority.id = "JP.MOFA";
  BOOST_TEST(render(text, extract(text, {"CN", "JP"}, {authority})) ==
             "person takehiro-funakoshi=vice-minister|JP.MOFA \"Takehiro Funakoshi\" | person "
             "wu-jianghao=ambassador| \"Wu Jianghao\" | agency JP.MOFA \"ministry\"");
  BOOST_TEST(render(text, extract(text, {"CN", "JP"})) ==
             "person takehiro-funakoshi=vice-minister| \"Takehiro Funakoshi\" | person "
             "wu-jianghao=ambassador| \"Wu Jianghao\"");
}

BOOST_AUTO_TEST_CASE(organisations) {
  check(
      {
          {"gazetteer",
           "ASML, Nexperia, Huawei, SMIC, Tokyo Electron, Nikon and Canon.",
           {},
           "organisation asml \"ASML\" | organisation nexperia \"Nexperia\" | organisation huawei "
           "\"Huawei\" | "
           "organisation smic \"SMIC\" | organisation tokyo-electron \"Tokyo Electron\" | "
           "organisation nikon "
           "\"Nikon\" | organisation canon \"Canon\""},
          {"defence firms",
           "Mitsubishi Heavy Industries, Kawasaki Heavy Industries, Lockheed Martin, Raytheon and "
           "Skydio.",
           {},
           "organisation mitsubishi-heavy-industries \"Mitsubishi Heavy Industries\" | "
           "organisation "
           "kawasaki-heavy-industries \"Kawasaki Heavy Industries\" | organisation lockheed-martin "
           "\"Lockheed Martin\" "
           "| organisation raytheon \"Raytheon\" | organisation skydio \"Skydio\""},
          {"a known name with its legal form",
           "Huawei Technologies Co., Ltd. was listed.",
           {},
           "organisation huawei \"Huawei Technologies Co., Ltd\""},
          {"a known name, comma, legal form",
           "Mitsubishi Heavy Industries, Ltd. said so.",
           {},
           "organisation mitsubishi-heavy-industries \"Mitsubishi Heavy Industries, Ltd\""},
          {"pattern: legal forms",
           "Zhongshan Kestrel Magnet Co., Ltd and Acme Widgets Inc shipped.",
           {},
           "organisation zhongshan-kestrel-magnet \"Zhongshan Kestrel Magnet Co., Ltd\" | "
           "organisation acme-widgets "
           "\"Acme Widgets Inc\""},
          {"pattern: name suffixes",
           "Analysts at the Kaiyo Institute and Tsinghua University agreed.",
           {},
           "organisation kaiyo-institute \"Kaiyo Institute\" | organisation tsinghua-university "
           "\"Tsinghua "
           "University\""},
          {"pattern: suffix then of",
           "The University of Tokyo and the Chinese Academy of Sciences.",
           {},
           "organisation university-of-tokyo \"University of Tokyo\" | organisation "
           "chinese-academy-of-sciences "
           "\"Chinese Academy of Sciences\""},
          {"a suffix alone names nobody",
           "The Institute said the Group of Seven met. Co-operation helps.",
           {},
           ""},
          {"names that hold a country's name",
           "China Daily, the Japan Times, the Bank of Japan and the People's Bank "
           "of China.",
           {},
           "organisation china-daily \"China Daily\" | organisation japan-times \"Japan Times\" | "
           "organisation "
           "bank-of-japan \"Bank of Japan\" | organisation peoples-bank-of-china \"People's Bank "
           "of China\""},
          {"headline capitals are no organisation",
           "China Tightens Rules For Rare Earth Magnet Makers Group",
           {},
           ""},
          {"ampersand",
           "Mr Zhang is a partner at Huaxin & Partners in Beijing.",
           {},
           "organisation huaxin-partners \"Huaxin & Partners\""},
          {"joins inside a name",
           "Jefferies and Co Inc, the Federal Savings and Loan Insurance Corp, Moody's "
           "Investors Service Inc and General Motors of Canada Ltd.",
           {},
           "organisation jefferies \"Jefferies and Co Inc\" | organisation "
           "federal-savings-and-loan-insurance "
           "\"Federal Savings and Loan Insurance Corp\" | organisation moodys-investors-service "
           "\"Moody's Investors "
           "Service Inc\" | organisation general-motors-of-canada \"General Motors of Canada "
           "Ltd\""},
          {"no joins across countries or organisations",
           "Japan's Sojitz Corp said the Kaiyo Institute and "
           "Tsinghua University agreed, and Co Inc did not.",
           {},
           "organisation sojitz \"Sojitz Corp\" | organisation kaiyo-institute \"Kaiyo Institute\" "
           "| organisation "
           "tsinghua-university \"Tsinghua University\""},
      },
      {MentionType::organisation});
}

BOOST_AUTO_TEST_CASE(items) {
  check(
      {
          {"general",
           "Dual-use items, dual-use goods and dual use technologies.",
           {},
           "item dual-use-items \"Dual-use items\" | item dual-use-items \"dual-use goods\" | item "
           "dual-use-items "
           "\"dual use technologies\""},
          {"rare earth groups",
           "Heavy rare earths, light rare earths and medium and heavy rare earth elements.",
           {},
           "item rare-earths=heavy \"Heavy rare earths\" | item rare-earths=light \"light rare "
           "earths\" | item "
           "rare-earths=medium and heavy \"medium and heavy rare earth elements\""},
          {"rare-earth spellings",
           "Rare-earth exports, rare earth metals and REEs.",
           {},
           "item rare-earths \"Rare-earth\" | item rare-earths \"rare earth metals\" | item "
           "rare-earths \"REEs\""},
          {"magnets",
           "Rare earth magnets, SmCo magnets, NdFeB and samarium-cobalt magnets.",
           {},
           "item rare-earth-magnets \"Rare earth magnets\" | item rare-earth-magnets=SmCo \"SmCo "
           "magnets\" | item "
           "rare-earth-magnets=NdFeB \"NdFeB\" | item rare-earth-magnets=SmCo \"samarium-cobalt "
           "magnets\""},
          {"elements",
           "Samarium, gadolinium, terbium, dysprosium, lutetium, scandium and yttrium.",
           {},
           "item samarium \"Samarium\" | item gadolinium \"gadolinium\" | item terbium \"terbium\" "
           "| item dysprosium "
           "\"dysprosium\" | item lutetium \"lutetium\" | item scandium \"scandium\" | item "
           "yttrium \"yttrium\""},
          {"symbols in a list",
           "The seven are Sm, Gd, Tb, Dy, Lu, Sc and Y.",
           {},
           "item samarium \"Sm\" | item gadolinium \"Gd\" | item terbium \"Tb\" | item dysprosium "
           "\"Dy\" | item "
           "lutetium \"Lu\" | item scandium \"Sc\" | item yttrium \"Y\""},
          {"symbol after its name",
           "Exports of samarium (Sm) fell.",
           {},
           "item samarium \"samarium\" | item samarium \"Sm\""},
          {"symbol before a form word in element context",
           "Dy oxide is a rare earth compound.",
           {},
           "item dysprosium \"Dy\" | item rare-earths \"rare earth\""},
          {"lone symbols are not items",
           "Generation Y likes Sc fiction; Plan Y, Er, is Dy.",
           {},
           ""},
          {"two symbols need context", "Sc and Y.", {}, ""},
          {"gallium compounds",
           "GaN, GaAs, Ga2O3, GaP, InGaAs, GaSe and GaSb wafers; mind the gap.",
           {},
           "item gallium=GaN \"GaN\" | item gallium=GaAs \"GaAs\" | item gallium=Ga2O3 \"Ga2O3\" | "
           "item gallium=GaP "
           "\"GaP\" | item gallium=InGaAs \"InGaAs\" | item gallium=GaSe \"GaSe\" | item "
           "gallium=GaSb \"GaSb\""},
          {"germanium and antimony compounds",
           "GeO2, GeCl4, ZnGeP2, InSb, SbH3 and indium antimonide.",
           {},
           "item germanium=GeO2 \"GeO2\" | item germanium=GeCl4 \"GeCl4\" | item germanium=ZnGeP2 "
           "\"ZnGeP2\" | item "
           "antimony=InSb \"InSb\" | item antimony=SbH3 \"SbH3\" | item antimony=InSb \"indium "
           "antimonide\""},
          {"graphite grades",
           "Spherical graphite, expanded graphite and artificial graphite.",
           {},
           "item graphite=spherical \"Spherical graphite\" | item graphite=expanded \"expanded "
           "graphite\" | item "
           "graphite=artificial \"artificial graphite\""},
          {"superhard and battery",
           "Diamond micropowder, wire saws, synthetic diamonds, cathode materials and anode "
           "materials.",
           {},
           "item superhard-materials=diamond micropowder \"Diamond micropowder\" | item "
           "superhard-materials=wire saws "
           "\"wire saws\" | item superhard-materials=synthetic diamond \"synthetic diamonds\" | "
           "item "
           "lithium-battery-materials=cathode \"cathode materials\" | item "
           "lithium-battery-materials=anode \"anode "
           "materials\""},
          {"systems and equipment",
           "Drones, UAVs, unmanned aerial vehicles, chips, semiconductor manufacturing "
           "equipment, lithography machines and machine tools.",
           {},
           "item uav \"Drones\" | item uav \"UAVs\" | item uav \"unmanned aerial vehicles\" | item "
           "chips \"chips\" | "
           "item chip-making-equipment \"semiconductor manufacturing equipment\" | item "
           "chip-making-equipment "
           "\"lithography machines\" | item machine-tools \"machine tools\""},
          {"tungsten and indium",
           "Tungsten and indium.",
           {},
           "item tungsten \"Tungsten\" | item indium \"indium\""},
          {"stop phrases",
           "Rare earths are a bargaining chip, not blue chips.",
           {},
           "item rare-earths \"Rare earths\""},
      },
      {MentionType::item});
}

BOOST_AUTO_TEST_CASE(item_codes_are_confirmed_ones) {
  // items.tsv carries only codes that DOMAIN.md confirms: samarium 1C902, gadolinium 1C903,
  // rare-earth technologies 1E902 (.a, .b). Nothing else has a code column.
  std::ifstream in(knowledge_dir() / "items.tsv");
  std::string line;
  std::vector<std::string> coded;
  while (std::getline(in, line)) {
    if (line.rfind("item\t", 0) != 0) continue;
    std::vector<std::string> f;
    std::size_t from = 0;
    for (std::size_t tab; (tab = line.find('\t', from)) != std::string::npos; from = tab + 1) {
      f.push_back(line.substr(from, tab - from));
    }
    f.push_back(line.substr(from));
    BOOST_TEST_REQUIRE(f.size() == 5u);
    if (f[3] != "-") coded.push_back(f[1] + "=" + f[3]);
  }
  const std::vector<std::string> expected = {
      "rare-earth-technologies=cn-dual-use:1E902,cn-dual-use:1E902.a,cn-dual-use:1E902.b",
      "samarium=cn-dual-use:1C902", "gadolinium=cn-dual-use:1C903"};
  BOOST_TEST(coded == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(persons) {
  check(
      {
          {"role then name",
           "Spokesperson He Yadong said so.",
           {"CN"},
           "person he-yadong=spokesperson| \"He Yadong\""},
          {"agency and role then name",
           "Commerce ministry spokesperson He Yadong said so.",
           {"CN"},
           "agency CN.MOFCOM \"Commerce ministry\" | person he-yadong=spokesperson|CN.MOFCOM \"He "
           "Yadong\""},
          {"name then appositive",
           "Mr He Yadong, a commerce ministry spokesperson, said so.",
           {"CN"},
           "person he-yadong=spokesperson|CN.MOFCOM \"He Yadong\" | agency CN.MOFCOM \"commerce "
           "ministry\""},
          {"appositive role then name",
           "A commerce ministry spokesperson, Mr He Yadong, said so.",
           {"CN"},
           "agency CN.MOFCOM \"commerce ministry\" | person he-yadong=spokesperson|CN.MOFCOM \"He "
           "Yadong\""},
          {"role with a country",
           "Japanese Vice-Foreign Minister Takehiro Funakoshi protested.",
           {"CN"},
           "person takehiro-funakoshi=vice-minister|JP.MOFA \"Takehiro Funakoshi\""},
          {"role without a country in a story about two",
           "Vice-Foreign Minister Takehiro Funakoshi protested.",
           {"CN", "JP"},
           "person takehiro-funakoshi=vice-minister| \"Takehiro Funakoshi\""},
          {"role of a fixed body",
           "Chief Cabinet Secretary Minoru Kihara called it unacceptable.",
           {"CN"},
           "agency JP.CABINET \"Chief Cabinet Secretary\" | person minoru-kihara=chief cabinet "
           "secretary|JP.CABINET "
           "\"Minoru Kihara\""},
          {"ambassador of a country",
           "Mr Wu Jianghao, China's ambassador to Japan, rejected it.",
           {"JP"},
           "person wu-jianghao=ambassador|CN.MFA \"Wu Jianghao\""},
          {"envoy's country after the role",
           "Mr Shi Yong, deputy chief of mission at the Chinese embassy, listened.",
           {"JP"},
           "person shi-yong=deputy chief of mission|CN.MFA \"Shi Yong\""},
          {"ambassador without a country is not guessed",
           "Japan's foreign ministry summoned Ambassador Wu Jianghao.",
           {"JP"},
           "agency JP.MOFA \"foreign ministry\" | person wu-jianghao=ambassador| \"Wu Jianghao\""},
          {"prime minister",
           "Prime Minister Sanae Takaichi's remarks on Taiwan.",
           {"JP"},
           "person sanae-takaichi=prime minister|JP.CABINET \"Sanae Takaichi\""},
          {"agency after the role",
           "Mr Masaaki Kanai, director-general of the foreign ministry's Asian and Oceanian "
           "Affairs Bureau, protested.",
           {"JP"},
           "person masaaki-kanai=director-general|JP.MOFA \"Masaaki Kanai\" | agency JP.MOFA "
           "\"foreign ministry\""},
          {"later mentions link back",
           "Mr Wu Jianghao, China's ambassador to Japan, was summoned. Mr Wu rejected it. "
           "Wu added nothing.",
           {"JP"},
           "person wu-jianghao=ambassador|CN.MFA \"Wu Jianghao\" | person "
           "wu-jianghao=ambassador|CN.MFA \"Wu\" | "
           "person wu-jianghao=ambassador|CN.MFA \"Wu\""},
          {"a Japanese surname is the last word",
           "Takehiro Funakoshi, Japan's vice-foreign minister, protested. Mr "
           "Funakoshi said more.",
           {"JP"},
           "person takehiro-funakoshi=vice-minister|JP.MOFA \"Takehiro Funakoshi\" | person "
           "takehiro-funakoshi=vice-minister|JP.MOFA \"Funakoshi\""},
          {"He the name at a sentence start",
           "Mr He Yadong, the spokesperson, spoke. He did not say more.",
           {"CN"},
           "person he-yadong=spokesperson| \"He Yadong\" | person he-yadong=spokesperson| \"He\""},
          {"He the pronoun: another person was mentioned last",
           "Mr He Yadong, the spokesperson, spoke. Mr Kazuo Whitaker, an analyst, disagreed. He "
           "said more.",
           {"CN"},
           "person he-yadong=spokesperson| \"He Yadong\" | person kazuo-whitaker=analyst| \"Kazuo "
           "Whitaker\""},
          {"He the pronoun: nobody named He",
           "Mr Kazuo Whitaker, an analyst, disagreed. He said more.",
           {},
           "person kazuo-whitaker=analyst| \"Kazuo Whitaker\""},
          {"a title and a name only",
           "Ms Clara Weng declined to comment.",
           {},
           "person clara-weng \"Clara Weng\""},
          {"particles and initials",
           "President Richard von Weizsaecker met Goodyear chairman Robert E. Mercer.",
           {},
           "person richard-von-weizsaecker=president| \"Richard von Weizsaecker\" | person "
           "robert-e-mercer=chairman| \"Robert E. Mercer\""},
          {"an adjective is no role", "The official Xinhua news agency said so.", {"CN"}, ""},
          {"names are not countries, months or agencies",
           "Mr January, Japan Said and the Ministry Of Commerce.",
           {},
           "agency CN.MOFCOM \"Ministry Of Commerce\""},
      },
      {MentionType::person, MentionType::agency});
}

BOOST_AUTO_TEST_CASE(amounts) {
  check(
      {
          {"money with magnitudes",
           "It costs nine trillion yen (S$74.4 billion), US$1.2bn, $2,015, €3 million, "
           "1.5 billion yuan and £40m.",
           {},
           "amount money=JPY 9e12 \"nine trillion yen\" | amount money=SGD 7.44e10 \"S$74.4 "
           "billion\" | amount "
           "money=USD 1.2e9 \"US$1.2bn\" | amount money=USD 2015 \"$2,015\" | amount money=EUR 3e6 "
           "\"€3 million\" | "
           "amount money=CNY 1.5e9 \"1.5 billion yuan\" | amount money=GBP 4e7 \"£40m\""},
          {"currency codes and words",
           "RMB 138,000, 9.04 trillion yen and 5 billion US dollars.",
           {},
           "amount money=CNY 138000 \"RMB 138,000\" | amount money=JPY 9.04e12 \"9.04 trillion "
           "yen\" | amount "
           "money=USD 5e9 \"5 billion US dollars\""},
          {"an exchange rate is no amount of money", "USD/JPY 147.9 today.", {}, ""},
          {"a magnitude without a currency is no money",
           "The figure was 8.7 trillion the year before.",
           {},
           ""},
          {"percentages",
           "Up 3.8 per cent, 3.8%, 0.1 percent and 2 percentage points.",
           {},
           "amount percent=3.8% \"3.8 per cent\" | amount percent=3.8% \"3.8%\" | amount "
           "percent=0.1% \"0.1 percent\" "
           "| amount percent=2pp \"2 percentage points\""},
          {"counts",
           "Around 1,100 items, at least seven categories, more than ten announcements and 12 "
           "elements.",
           {},
           "amount count=1100 items \"Around 1,100 items\" | amount count=7 categories \"at least "
           "seven categories\" | "
           "amount count=10 announcements \"more than ten announcements\" | amount count=12 "
           "elements \"12 elements\""},
          {"counts through modifiers",
           "Five more medium and heavy rare earths and twenty-five dual-use items.",
           {},
           "amount count=5 rare earths \"Five more medium and heavy rare earths\" | amount "
           "count=25 items "
           "\"twenty-five dual-use items\""},
          {"not counts",
           "Five-character codes, the 600 series holds items, on Dec 1 items, 2026 items, one of "
           "the "
           "items, 14 nanometres or below chips.",
           {},
           ""},
      },
      {MentionType::amount});
}

BOOST_AUTO_TEST_CASE(codes) {
  check(
      {
          {"control-list codes",
           "Entries 1C902, 1C902.a, 3B001.f.1 and 1E902.b are listed; see 1C903.",
           {},
           "code 1C902=control \"1C902\" | code 1C902.a=control \"1C902.a\" | code "
           "3B001.f.1=control \"3B001.f.1\" | "
           "code 1E902.b=control \"1E902.b\" | code 1C903=control \"1C903\""},
          {"ECCNs",
           "The 500 series has 9A515, the 600 series 0A501 and 3A611; EAR99 is the rest.",
           {},
           "code 9A515=eccn \"9A515\" | code 0A501=eccn \"0A501\" | code 3A611=eccn \"3A611\" | "
           "code EAR99=eccn "
           "\"EAR99\""},
          {"ECCN by context",
           "The ECCN 5D002 covers encryption; 9x515 is a family.",
           {},
           "code 5D002=eccn \"5D002\" | code 9x515=eccn \"9x515\""},
          {"HS codes",
           "HS 8112929010 and HS code 8112.92 apply.",
           {},
           "code 8112929010=hs \"8112929010\" | code 8112.92=hs \"8112.92\""},
          {"HS codes by sentence context",
           "Reference customs codes include 2617101000 and 8110101000.",
           {},
           "code 2617101000=hs \"2617101000\" | code 8110101000=hs \"8110101000\""},
          {"a long number without customs context", "Call 2617101000 today.", {}, ""},
          {"CAS numbers",
           "Dysprosium is CAS 7429-91-6 and gallium 7440-55-3; 7440-55-4 fails its check digit.",
           {},
           "code 7429-91-6=cas \"7429-91-6\" | code 7440-55-3=cas \"7440-55-3\""},
          {"a word after a dot is no sub-item",
           "It is 1C902.also fine.",
           {},
           "code 1C902=control \"1C902\""},
      },
      {MentionType::code});
}

BOOST_AUTO_TEST_CASE(instruments) {
  check(
      {
          {"announcement of a year, Chinese context",
           "MOFCOM issued Announcement No. 1 of 2026.",
           {},
           "instrument MOFCOM-2026-1 \"Announcement No. 1 of 2026\""},
          {"bracketed year before the number",
           "MOFCOM Announcement [2025] No. 18 took effect.",
           {},
           "instrument MOFCOM-2025-18 \"Announcement [2025] No. 18\""},
          {"bracketed year after the number",
           "The announcement, No. 70 [2025], suspends them.",
           {"CN"},
           "instrument MOFCOM-2025-70 \"No. 70 [2025]\""},
          {"the bracketed form needs no announcement word",
           "MOFCOM and GAC No. 23 [2023] licenses gallium.",
           {},
           "instrument MOFCOM-2023-23 \"No. 23 [2023]\""},
          {"of-year form needs an announcement word",
           "It was No. 33 of 2024 in the series.",
           {"CN"},
           ""},
          {"a China story",
           "Announcement No. 46 of 2024 bans them.",
           {"CN"},
           "instrument MOFCOM-2024-46 \"Announcement No. 46 of 2024\""},
          {"China in the sentence",
           "China's Announcement No. 46 of 2024 bans them.",
           {"JP"},
           "instrument MOFCOM-2024-46 \"Announcement No. 46 of 2024\""},
          {"no authority in sight",
           "Announcement No. 46 of 2024 bans them.",
           {},
           "instrument ANN-2024-46 \"Announcement "
           "No. 46 of 2024\""},
          {"the issuer right before",
           "GAC Announcement No. 5 of 2024 sets codes.",
           {},
           "instrument GAC-2024-5 \"Announcement No. 5 of 2024\""},
          {"a list",
           "It suspends Announcements Nos. 55, 56 and 62 of 2025.",
           {"CN"},
           "instrument MOFCOM-2025-55 \"Announcements Nos. 55\" | instrument MOFCOM-2025-56 \"56\" "
           "| instrument "
           "MOFCOM-2025-62 \"62\""},
          {"orders need their issuer",
           "State Council Order No. 792 took effect; Order No. 5 did not.",
           {},
           "instrument STATECOUNCIL-ORDER-792 \"Order No. 792\""},
          {"laws are not announcements",
           "Under the announcement, Act No. 228 of 1949 and Law No. 3 of 2020 apply.",
           {"CN"},
           ""},
          {"no year, no instrument", "Announcement No. 18 says so.", {"CN"}, ""},
      },
      {MentionType::instrument});
}

BOOST_AUTO_TEST_CASE(bad_knowledge_files_name_file_and_line) {
  const char* const files[] = {"agencies.tsv", "items.tsv", "organisations.tsv", "roles.tsv"};
  struct Bad {
    const char* file;
    const char* line;
    const char* message;
  };
  const Bad bads[] = {
      {"agencies.tsv", "agency\tcn.mofcom\tCN\tministry\tMinistry", "is not <COUNTRY>.<ACRONYM>"},
      {"agencies.tsv", "name\tXX.NONE\tany\tNobody", "unknown agency 'XX.NONE'"},
      {"agencies.tsv", "generic\tnosuchclass\tany\tany\t-\tthing", "class 'nosuchclass'"},
      {"agencies.tsv", "generic\tcommerce\tloud\tany\t-\tthing", "unknown case rule 'loud'"},
      {"items.tsv", "item\tsamarium-2\t-\tcn-dual-use:1C9\tsamarium", "is not LIST:CODE"},
      {"items.tsv", "alias\tunobtainium\tany\t-\tunobtainium", "unknown item 'unobtainium'"},
      {"items.tsv", "alias\tgallium\tany\t-", "takes 5 fields"},
      {"organisations.tsv", "org\tACME\tany\tAcme", "must be a lower-case slug"},
      {"roles.tsv", "role\tSpokesperson\t-\tnamed\tany\tspokesperson", "must be lower case"},
      {"roles.tsv", "role\tspokesperson\t-\tsometimes\tany\tspokesperson", "memory must be"},
      {"roles.tsv", "weird\tthing", "unknown record 'weird'"},
  };
  for (const Bad& bad : bads) {
    BOOST_TEST_CONTEXT(bad.line) {
      dualdex::test::TempDir dir;
      for (const char* f : files) fs::copy_file(knowledge_dir() / f, dir.path / f);
      // Append the bad line after the file's own lines: the error names its line number.
      std::size_t lines = 0;
      {
        std::ifstream in(dir.path / bad.file);
        std::string l;
        while (std::getline(in, l)) ++lines;
      }
      std::ofstream(dir.path / bad.file, std::ios::app) << bad.line << "\n";
      try {
        EntityExtractor::load(dir.path);
        BOOST_FAIL("expected KnowledgeError");
      } catch (const dualdex::KnowledgeError& e) {
        const std::string what = e.what();
        BOOST_TEST(what.find(std::string(bad.file) + ":" + std::to_string(lines + 1) + ": ") !=
                       std::string::npos,
                   what);
        BOOST_TEST(what.find(bad.message) != std::string::npos, what);
      }
    }
  }
  // A missing file is an error too, naming the file.
  dualdex::test::TempDir empty;
  BOOST_CHECK_EXCEPTION(EntityExtractor::load(empty.path), dualdex::KnowledgeError,
                        [](const dualdex::KnowledgeError& e) {
                          return std::string(e.what()).find("agencies.tsv") != std::string::npos;
                        });
}

BOOST_AUTO_TEST_CASE(adversarial_text_never_throws) {
  std::mt19937 rng(42);
  std::string random_bytes(20000, ' ');
  for (char& c : random_bytes) c = static_cast<char>(rng() % 256);
  std::string digits(50000, '7');
  std::string huge_money =
      "$" + std::string(5000, '9') + " trillion yen and " + std::string(400, '1') + "%";
  std::string mixed;
  for (int i = 0; i < 2000; ++i)
    mixed += "商务部 MOFCOM 稀土 Mr He 1C902.a.b.c 日本 No. 1 of 2026 ";
  const std::string rows[] = {
      "",
      std::string(100000, 'x'),
      std::string(60000, 'A') + " Co., Ltd",
      digits,
      "1,1,1,1,1,1,1,1,1,1,1 items " + std::string(20000, ',') + " per cent",
      huge_money,
      mixed,
      random_bytes,
      [] {
        std::string s;
        for (int i = 0; i < 5000; ++i) s += "Mr ";
        return s + "He";
      }(),
      [] {
        std::string s;
        for (int i = 0; i < 3000; ++i) s += "Nos. 1, ";
        return s + "of 2026";
      }(),
      [] {
        std::string s;
        for (int i = 0; i < 3000; ++i) s += "Sm, ";
        return s;
      }(),
      "No. [2025] ] [ No. . No No. 99999999999999999999 of 2026 $ $$ S$ US$ € £ ¥ 7440-55- -55-3 "
      "HS HS CAS",
      "Nos. 1 and 99999999999999999999999 of 2026; Nos. 1, 2, 99999999999999999999 [2025]",
      "the ministry, its spokesperson, the the the ministry's ministry Its spokesperson",
  };
  for (const auto& text : rows) {
    BOOST_CHECK_NO_THROW(extract(text, {"CN"}));
    BOOST_CHECK_NO_THROW(extract(text, {}));
  }
}

BOOST_AUTO_TEST_CASE(deterministic_across_threads) {
  const std::string text =
      "Mr He Yadong, a commerce ministry spokesperson, said Announcement No. 1 of 2026 covers "
      "around 1,100 dual-use "
      "items, Sm, Gd and Tb, worth US$1.2bn (3.8 per cent); Huawei Technologies Co., Ltd and "
      "1C902.a are listed.";
  const std::string expected = render(text, extract(text, {"CN"}));
  BOOST_TEST(!expected.empty());
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&, t] {
      std::string last;
      for (int i = 0; i < 50; ++i) {
        Document doc;
        const auto tokens = tokenize(text);
        const auto sentences = split_sentences(text, "en");
        Extraction out;
        out.mentions = tag_countries(text, tokens);
        out.about_countries = {"CN"};
        extractor().extract(ExtractInput{doc, text, tokens, sentences, ""}, out);
        std::string line;
        for (const auto& m : out.mentions)
          line += m.id + "/" + m.value + "/" + std::to_string(m.begin) + ";";
        if (!last.empty() && last != line) line = "CHANGED";
        last = line;
      }
      results[t] = last;
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& r : results) BOOST_TEST(r == results[0]);
  BOOST_TEST(results[0] != "CHANGED");
}
