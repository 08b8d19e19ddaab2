#define BOOST_TEST_MODULE near_duplicates
#include <xapian.h>

#include <boost/test/unit_test.hpp>

#include "dualdex/index/schema.hpp"
#include "dualdex/index/writer.hpp"
#include "dualdex/ingest/near_duplicates.hpp"
#include "dualdex/ingest/pipeline.hpp"
#include "dualdex/ingest/tokenize.hpp"
#include "dualdex/query/search.hpp"
#include "test_support.hpp"

using namespace dualdex;
namespace schema = dualdex::index::schema;

namespace {

std::string fixture(const std::string& name) {
  return test::read_file(test::test_data() / "dups" / name);
}

// An article as a reader would give it: the first line is the headline, the rest the body.
ingest::AnnotatedDocument article(const std::string& id, const std::string& file,
                                  const std::string& kind = "article") {
  const std::string text = fixture(file);
  const auto nl = text.find('\n');
  ingest::Document d;
  d.id = id;
  d.kind = kind;
  d.source = "dups/" + file;
  d.title = text.substr(0, nl);
  d.published = "2026-01-08";
  d.lang = "en";
  d.blocks = {{ingest::BlockKind::paragraph, text.substr(nl + 1)}};
  return ingest::Pipeline().process(d);
}

// What the index says of one document: its dup_of, collapse key and kDupOf term.
struct Marks {
  std::string dup_of, key;
  bool dup_term = false;
};
Marks marks_of(const std::string& path, const std::string& id) {
  Xapian::Database db(path);
  const std::string uid = schema::uid_term(id);
  auto p = db.postlist_begin(uid);
  BOOST_REQUIRE(p != db.postlist_end(uid));
  const Xapian::Document doc = db.get_document(*p);
  Marks m;
  m.key = doc.get_value(schema::kSlotDupKey);
  const auto data = doc.get_data();
  const auto at = data.find("\"dup_of\":\"");
  if (at != std::string::npos) m.dup_of = data.substr(at + 10, data.find('"', at + 10) - at - 10);
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    if ((*t).rfind(schema::kDupOf, 0) == 0) m.dup_term = true;
  }
  return m;
}

const std::string kHarbour = "https://harbourtimes.example/2026/gallium";
const std::string kTideway = "https://tidewaypost.example/china-chip-metals";
const std::string kRepost = "https://harbourtimes.example/archive/gallium-updated";
const std::string kAnalysis = "https://metals.example/gallium-prices";

}  // namespace

BOOST_AUTO_TEST_CASE(fingerprint_decides_duplicates) {
  struct Row {
    const char* a;
    const char* b;
    bool duplicates;
  };
  const Row rows[] = {
      {"harbour-times-gallium.txt", "harbour-times-gallium.txt", true},         // identical
      {"harbour-times-gallium.txt", "harbour-times-gallium-repost.txt", true},  // re-posted
      {"harbour-times-gallium.txt", "tideway-post-gallium.txt", true},  // sentence, boilerplate
      {"tideway-post-gallium.txt", "harbour-times-gallium-repost.txt", true},
      {"harbour-times-gallium.txt", "gallium-prices-analysis.txt", false},  // same topic
      {"tideway-post-gallium.txt", "gallium-prices-analysis.txt", false},
      {"short-brief-a.txt", "short-brief-b.txt", false},  // identical, too short
      {"short-brief-a.txt", "harbour-times-gallium.txt", false},
      {"gallium-tally-monday.txt", "gallium-tally-tuesday.txt", false},  // other figures
      {"gallium-tally-monday.txt", "gallium-tally-monday.txt", true},
  };
  for (const auto& r : rows) {
    BOOST_TEST_CONTEXT(r.a << " ~ " << r.b) {
      BOOST_TEST(ingest::near_duplicates(fixture(r.a), fixture(r.b)) == r.duplicates);
      BOOST_TEST(ingest::near_duplicates(fixture(r.b), fixture(r.a)) == r.duplicates);
    }
  }
}

BOOST_AUTO_TEST_CASE(fingerprint_properties) {
  const auto tokens = ingest::tokenize(fixture("harbour-times-gallium.txt"));
  const auto fp = ingest::fingerprint(tokens);
  BOOST_REQUIRE(fp.has_value());
  BOOST_TEST(ingest::resemblance(*fp, *fp) == 1.0);
  const auto keys = fp->band_keys();
  BOOST_TEST(keys.size() == ingest::Fingerprint::kBands);
  BOOST_TEST(keys[0].size() == 9u);
  BOOST_TEST(keys[15].front() == 'f');
  BOOST_TEST(fp->encode().size() == 1 + 2 * ingest::Fingerprint::kHashes);
  // Stored fingerprints must mean the same on every run and platform: a change here
  // needs a new Fingerprint version and a re-ingest.
  BOOST_TEST(keys[0] == "0672d5689");
  BOOST_TEST(keys[15] == "f0e6c7038");
  const auto round = ingest::Fingerprint::decode(fp->encode());
  BOOST_REQUIRE(round.has_value());
  BOOST_TEST(round->minhash == fp->minhash, boost::test_tools::per_element());
  BOOST_TEST(!ingest::Fingerprint::decode("").has_value());
  BOOST_TEST(!ingest::Fingerprint::decode(std::string(97, '\x02')).has_value());
  // Case does not matter; under 30 words there is no fingerprint.
  std::string upper = fixture("harbour-times-gallium.txt");
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  BOOST_TEST(ingest::fingerprint(ingest::tokenize(upper))->minhash == fp->minhash,
             boost::test_tools::per_element());
  BOOST_TEST(!ingest::fingerprint(ingest::tokenize(fixture("short-brief-a.txt"))).has_value());
  std::string words;
  for (int i = 0; i < 29; ++i) words += "word" + std::to_string(i) + " ";
  BOOST_TEST(!ingest::fingerprint(ingest::tokenize(words)).has_value());
  BOOST_TEST(ingest::fingerprint(ingest::tokenize(words + "more")).has_value());
  // Only the opening is compared: a huge text costs no more than its first 64 KiB.
  const std::string huge = std::string(100000, 'a') + " b";
  BOOST_TEST(ingest::comparable_text(huge).size() == 64u * 1024u);
  std::string spaced;
  while (spaced.size() < 100000) spaced += "word ";
  BOOST_TEST(ingest::comparable_text(spaced).size() < 64u * 1024u);
  BOOST_TEST(ingest::comparable_text(spaced).back() == 'd');
  BOOST_TEST(ingest::comparable_text("short text") == "short text");
}

BOOST_AUTO_TEST_CASE(numbers_in_the_same_place) {
  struct Row {
    const char* a;
    const char* b;
    std::size_t shared, conflicts;
  };
  const Row rows[] = {
      {"rose 500 mln to 738.7 billion dlrs", "rose 500 mln to 738.7 billion dlrs", 2, 0},
      {"rose 500 mln to 738.7 billion dlrs", "rose 1.0 billion to 741.0 billion dlrs", 1, 1},
      {"trading at 6-3/16 pct", "trading at 6-1/4 pct", 1, 1},
      {"on Jan 8 the ministry", "on Thursday the ministry", 0, 0},
      {"arrange two billion dlrs at six pct", "arrange 1.5 billion dlrs at 6 pct", 2, 1},
      {"killed 12 people", "the 12 people killed", 0, 0},
      {"no numbers", "here", 0, 0},
  };
  for (const auto& r : rows) {
    BOOST_TEST_CONTEXT(r.a << " ~ " << r.b) {
      const auto n = ingest::compare_numbers(ingest::tokenize(r.a), ingest::tokenize(r.b));
      BOOST_TEST(n.shared == r.shared);
      BOOST_TEST(n.conflicts == r.conflicts);
    }
  }
  BOOST_TEST(ingest::numbers_agree({0, 0}));
  BOOST_TEST(!ingest::numbers_agree({9, 1}));
  BOOST_TEST(ingest::numbers_agree({10, 1}));
}

BOOST_AUTO_TEST_CASE(earlier_ingested_copy_is_the_original) {
  // Two outlets' copies, ingested in either order.
  for (const bool harbour_first : {true, false}) {
    BOOST_TEST_CONTEXT("harbour first: " << harbour_first) {
      test::TempDir dir;
      const std::string path = (dir.path / "idx").string();
      const std::string first = harbour_first ? kHarbour : kTideway;
      const std::string second = harbour_first ? kTideway : kHarbour;
      {
        index::Writer w(path);
        w.write(article(first,
                        harbour_first ? "harbour-times-gallium.txt" : "tideway-post-gallium.txt"));
        BOOST_TEST(w.last_dup_of().empty());
        w.write(article(second,
                        harbour_first ? "tideway-post-gallium.txt" : "harbour-times-gallium.txt"));
        BOOST_TEST(w.last_dup_of() == first);
        w.write(article(kAnalysis, "gallium-prices-analysis.txt"));
        BOOST_TEST(w.last_dup_of().empty());
      }
      const Marks a = marks_of(path, first);
      BOOST_TEST(a.dup_of.empty());
      BOOST_TEST(a.key == first);
      BOOST_TEST(!a.dup_term);
      const Marks b = marks_of(path, second);
      BOOST_TEST(b.dup_of == first);
      BOOST_TEST(b.key == first);
      BOOST_TEST(b.dup_term);
      BOOST_TEST(marks_of(path, kAnalysis).key == kAnalysis);
      BOOST_TEST(Xapian::Database(path).get_doccount() == 3u);  // kept, not dropped
    }
  }
}

BOOST_AUTO_TEST_CASE(duplicate_of_a_duplicate_names_the_first_copy) {
  test::TempDir dir;
  const std::string path = (dir.path / "idx").string();
  index::Writer w(path);
  w.write(article(kHarbour, "harbour-times-gallium.txt"));
  w.write(article(kTideway, "tideway-post-gallium.txt"));
  w.write(article(kRepost, "harbour-times-gallium-repost.txt"));
  BOOST_TEST(w.last_dup_of() == kHarbour);
  w.commit();
  BOOST_TEST(marks_of(path, kRepost).key == kHarbour);
}

BOOST_AUTO_TEST_CASE(a_duplicate_matches_its_first_copy) {
  // Wednesday's story matches Monday's copy without a price, but not Monday's own
  // (another rate): copies of copies must not drift to another story.
  test::TempDir dir;
  const std::string path = (dir.path / "idx").string();
  index::Writer w(path);
  w.write(article("tally:monday", "gallium-tally-monday.txt"));
  w.write(article("tally:no-rate", "gallium-tally-no-rate.txt"));
  BOOST_TEST(w.last_dup_of() == "tally:monday");
  w.write(article("tally:tuesday", "gallium-tally-tuesday.txt"));
  BOOST_TEST(w.last_dup_of().empty());
  w.write(article("tally:wednesday", "gallium-tally-wednesday.txt"));
  BOOST_TEST(w.last_dup_of().empty());
  BOOST_TEST(ingest::near_duplicates(fixture("gallium-tally-no-rate.txt"),
                                     fixture("gallium-tally-wednesday.txt")));
}

BOOST_AUTO_TEST_CASE(reingest_keeps_the_marks) {
  test::TempDir dir;
  const std::string path = (dir.path / "idx").string();
  {
    index::Writer w(path);
    w.write(article(kHarbour, "harbour-times-gallium.txt"));
    w.write(article(kTideway, "tideway-post-gallium.txt"));
  }
  Xapian::rev revision = Xapian::Database(path).get_revision();
  {
    // The same files again: nothing changes, no new revision.
    index::Writer w(path);
    BOOST_TEST(index::to_string(w.write(article(kHarbour, "harbour-times-gallium.txt"))) ==
               std::string("unchanged"));
    BOOST_TEST(index::to_string(w.write(article(kTideway, "tideway-post-gallium.txt"))) ==
               std::string("unchanged"));
  }
  BOOST_TEST(Xapian::Database(path).get_revision() == revision);
  {
    // The original changed (its re-posted text): it stays the original, never a
    // duplicate of itself or of its own later copy.
    index::Writer w(path);
    BOOST_TEST(index::to_string(w.write(article(kHarbour, "harbour-times-gallium-repost.txt"))) ==
               std::string("replaced"));
    BOOST_TEST(w.last_dup_of().empty());
    // The duplicate changed: still a duplicate of the first copy.
    BOOST_TEST(index::to_string(w.write(article(kTideway, "harbour-times-gallium.txt"))) ==
               std::string("replaced"));
    BOOST_TEST(w.last_dup_of() == kHarbour);
  }
  BOOST_TEST(marks_of(path, kHarbour).dup_of.empty());
  BOOST_TEST(marks_of(path, kTideway).dup_of == kHarbour);
  {
    // The original replaced by another story: its duplicates keep pointing at it.
    index::Writer w(path);
    w.write(article(kHarbour, "gallium-prices-analysis.txt"));
    BOOST_TEST(w.last_dup_of().empty());
  }
  BOOST_TEST(marks_of(path, kTideway).dup_of == kHarbour);
  {
    // Deleted, the original leaves its duplicates as they are; re-added after them,
    // it finds them first but is still not a duplicate of itself.
    index::Writer w(path);
    BOOST_TEST(w.remove(kHarbour));
    w.commit();
    BOOST_TEST(marks_of(path, kTideway).dup_of == kHarbour);
    w.write(article(kHarbour, "harbour-times-gallium.txt"));
    BOOST_TEST(w.last_dup_of().empty());
  }
  BOOST_TEST(marks_of(path, kHarbour).dup_of.empty());
  BOOST_TEST(marks_of(path, kHarbour).key == kHarbour);
  BOOST_TEST(Xapian::Database(path).get_doccount() == 2u);
}

BOOST_AUTO_TEST_CASE(only_articles_are_marked) {
  test::TempDir dir;
  const std::string path = (dir.path / "idx").string();
  index::Writer w(path);
  w.write(article("instrument:A", "harbour-times-gallium.txt", "instrument"));
  w.write(article("instrument:B", "harbour-times-gallium.txt", "instrument"));
  BOOST_TEST(w.last_dup_of().empty());
  w.write(article(kHarbour, "short-brief-a.txt"));
  w.write(article(kTideway, "short-brief-b.txt"));
  BOOST_TEST(w.last_dup_of().empty());  // too short to tell
  w.commit();
  BOOST_TEST(marks_of(path, "instrument:B").key.empty());
  BOOST_TEST(marks_of(path, kTideway).key == kTideway);
}

BOOST_AUTO_TEST_CASE(queries_collapse_duplicates) {
  test::TempDir dir;
  const std::string path = (dir.path / "idx").string();
  {
    index::Writer w(path);
    w.write(article(kHarbour, "harbour-times-gallium.txt"));
    w.write(article(kTideway, "tideway-post-gallium.txt"));
    w.write(article(kRepost, "harbour-times-gallium-repost.txt"));
    w.write(article(kAnalysis, "gallium-prices-analysis.txt"));
  }
  const query::Searcher s(path);
  query::SearchOptions o;
  o.query = "gallium germanium";
  const query::SearchResult collapsed = s.search(o);
  BOOST_TEST(collapsed.total == 2u);
  BOOST_REQUIRE(collapsed.hits.size() == 2u);
  std::size_t story = 0;
  for (const auto& h : collapsed.hits) {
    if (h.id == kAnalysis) {
      BOOST_TEST(h.duplicates == 0u);
    } else {
      ++story;
      BOOST_TEST(h.duplicates == 2u);  // the two other copies of the story
    }
  }
  BOOST_TEST(story == 1u);
  // A page smaller than the matches: the collapsed total is still exact.
  o.limit = 1;
  const query::SearchResult page = s.search(o);
  BOOST_TEST(page.total == 2u);
  BOOST_TEST(page.total_exact);
  o.facets = true;
  BOOST_TEST(s.search(o).total == 2u);
  BOOST_TEST(s.search(o).total_exact);
  o.facets = false;
  o.limit = 10;

  o.show_duplicates = true;
  const query::SearchResult all = s.search(o);
  BOOST_TEST(all.total == 4u);
  BOOST_REQUIRE(all.hits.size() == 4u);
  for (const auto& h : all.hits) {
    BOOST_TEST(h.duplicates == 0u);
    BOOST_TEST(h.dup_of == ((h.id == kTideway || h.id == kRepost) ? kHarbour : std::string()));
  }

  // dup:ID lists the copies of one story, never collapsed (ids with ':' are quoted).
  query::SearchOptions d;
  d.query = "dup:\"" + kHarbour + "\"";
  const query::SearchResult copies = s.search(d);
  BOOST_TEST(copies.total == 2u);
  BOOST_TEST(copies.hits.size() == 2u);
  // So does the flag (--dup ID).
  query::SearchOptions f;
  f.filters = {{"dup", kHarbour}};
  BOOST_TEST(s.search(f).hits.size() == 2u);
  // The stored document says what it duplicates.
  BOOST_TEST(s.get(kRepost)->dup_of == kHarbour);
  BOOST_TEST(s.get(kHarbour)->dup_of.empty());
}
