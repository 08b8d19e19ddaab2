#define BOOST_TEST_MODULE writer
#include <boost/test/unit_test.hpp>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <optional>

#include "dualdex/index/ingest_job.hpp"
#include "dualdex/index/schema.hpp"
#include "dualdex/index/writer.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/pipeline.hpp"
#include "test_support.hpp"

using namespace dualdex;
namespace schema = dualdex::index::schema;

namespace {
ingest::AnnotatedDocument make_doc(const std::string& id, const std::string& body, const std::string& date = "2026-01-08") {
  ingest::Document d;
  d.id = id;
  d.source = "test/" + id;
  d.title = "Title of " + id;
  d.published = date;
  d.lang = "en";
  d.blocks = {{ingest::BlockKind::paragraph, body}};
  d.declared = {{ingest::MentionType::country, "jp", "", "", ingest::Mention::npos, ingest::Mention::npos},
                {ingest::MentionType::code, "3B001.f.1", "", "", ingest::Mention::npos, ingest::Mention::npos}};
  return ingest::Pipeline().process(d);
}
}  // namespace

BOOST_AUTO_TEST_CASE(schema_helpers) {
  BOOST_TEST(schema::code_and_ancestors("3B001.f.1") == (std::vector<std::string>{"3b001.f.1", "3b001.f", "3b001"}),
             boost::test_tools::per_element());
  const std::pair<const char*, const char*> dates[] = {
      {"2026-01-08", "20260108"}, {"2025-12", "20251200"}, {"2026", "20260000"}, {"bad", ""}, {"2026-13-01", ""}};
  for (const auto& [in, out] : dates) BOOST_TEST(schema::date_slot_value(in) == out);
  const std::string long_id(400, 'x');
  const std::string t = schema::uid_term(long_id);
  BOOST_TEST(t.size() <= schema::kMaxTerm);
  BOOST_TEST(t != schema::uid_term(long_id + "y"));
}

BOOST_AUTO_TEST_CASE(reingest_is_idempotent) {
  test::TempDir dir;
  const std::string path = (dir.path / "idx").string();
  {
    index::Writer w(path);
    BOOST_TEST(index::to_string(w.write(make_doc("a", "first body"))) == std::string("added"));
    BOOST_TEST(index::to_string(w.write(make_doc("b", "second body"))) == std::string("added"));
    w.commit();
  }
  Xapian::rev revision;
  {
    Xapian::Database db(path);
    revision = db.get_revision();
    BOOST_TEST(db.get_doccount() == 2u);
  }
  {
    index::Writer w(path);
    BOOST_TEST(index::to_string(w.write(make_doc("a", "first body"))) == std::string("unchanged"));
    BOOST_TEST(index::to_string(w.write(make_doc("b", "second body"))) == std::string("unchanged"));
    w.commit();
  }
  {
    Xapian::Database db(path);
    BOOST_TEST(db.get_revision() == revision);  // nothing changed: no new revision
    BOOST_TEST(db.get_doccount() == 2u);
  }
  {
    index::Writer w(path);
    BOOST_TEST(index::to_string(w.write(make_doc("a", "changed body"))) == std::string("replaced"));
  }
  Xapian::Database db(path);
  BOOST_TEST(db.get_doccount() == 2u);
  BOOST_TEST(db.get_revision() > revision);
  BOOST_TEST(db.term_exists("changed"));
  BOOST_TEST(!db.term_exists("first"));
}

BOOST_AUTO_TEST_CASE(indexes_filter_terms_and_values) {
  test::TempDir dir;
  const std::string path = (dir.path / "idx").string();
  {
    index::Writer w(path);
    w.write(make_doc("a", "Rare earths and gallium"));
  }
  Xapian::Database db(path);
  const char* terms[] = {"Qa", "XKINDarticle", "XCJP", "XCODE3b001.f.1", "XCODE3b001.f", "XCODE3b001", "Len",
                         "D20260108", "M202601", "Y2026", "XSOURCEtest/a", "XSOURCEtest", "Sa", "rare", "Zrare", "gallium"};
  for (const char* t : terms) BOOST_TEST_CONTEXT(t) { BOOST_TEST(db.term_exists(t)); }
  const Xapian::Document d = db.get_document(*db.postlist_begin("Qa"));
  BOOST_TEST(d.get_value(schema::kSlotDate) == "20260108");
  BOOST_TEST(d.get_value(schema::kSlotMonth) == "2026-01");
  BOOST_TEST(d.get_value(schema::kSlotCountries) == "JP");
  BOOST_TEST(d.get_value(schema::kSlotUid) == "a");
}

BOOST_AUTO_TEST_CASE(removes_documents) {
  test::TempDir dir;
  const std::string path = (dir.path / "idx").string();
  index::Writer w(path);
  w.write(make_doc("a", "x"));
  BOOST_TEST(w.remove("a"));
  BOOST_TEST(!w.remove("a"));
  BOOST_TEST(w.document_count() == 0u);
}

BOOST_AUTO_TEST_CASE(second_writer_is_refused) {
  test::TempDir dir;
  const std::string path = (dir.path / "idx").string();
  index::Writer w(path);
  BOOST_CHECK_THROW(index::Writer second(path), dualdex::IndexError);
}

BOOST_AUTO_TEST_CASE(other_schema_version_is_refused) {
  test::TempDir dir;
  const std::string path = (dir.path / "idx").string();
  {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
    db.set_metadata(schema::kSchemaKey, "0");
    db.add_document(Xapian::Document());
    db.commit();
  }
  try {
    index::Writer w(path);
    BOOST_FAIL("expected IndexError");
  } catch (const dualdex::IndexError& e) {
    BOOST_TEST(std::string(e.what()).find("schema version") != std::string::npos);
  }
}

namespace {
void write_file(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}
std::string story(const std::string& title, const std::string& body) {
  return "<html><head><title>" + title + "</title><meta name=\"date\" content=\"2026-01-08\"></head><body><h1>" +
         title + "</h1><p>" + body + "</p></body></html>";
}
index::IngestReport ingest_into(const std::string& index, const std::filesystem::path& input, bool force = false,
                                std::optional<index::ShardLayout> shards = std::nullopt) {
  index::IngestOptions o;
  o.index_path = index;
  o.read.jobs = 2;
  o.writer.force = force;
  o.writer.shards = shards;
  return index::run_ingest(std::vector<std::string>{input.string()}, o);
}
}  // namespace

// An ingest skips the files it wrote before, unchanged, without reading them; it reads
// a file again when its bytes changed, when one of its documents was deleted since, or
// when asked to (reindex); a control list in two files keeps the entries of the
// unchanged file when the other changes. On one database and on shards alike.
BOOST_AUTO_TEST_CASE(unchanged_inputs_are_not_read_again) {
  for (const bool sharded : {false, true}) {
    test::TempDir dir;
    const auto in = dir.path / "in";
    write_file(in / "a.html", story("Gallium licences", "Exporters of gallium need licences from August."));
    write_file(in / "b.html", story("Samarium magnets", "Samarium-cobalt magnets need a licence, officials said."));
    const std::string list = test::read_file(test::source_dir() / "corpus/lists/cn-dual-use.txt");
    const auto cut = list.find("\nMOFCOM-2023-23.1 ");
    const std::string meta = test::read_file(test::source_dir() / "corpus/lists/cn-dual-use.list.json");
    write_file(in / "list-1.txt", list.substr(0, cut + 1));
    write_file(in / "list-1.list.json", meta);
    write_file(in / "list-2.txt", list.substr(cut + 1));
    write_file(in / "list-2.list.json", meta);
    const std::string idx = (dir.path / "idx").string();
    const auto layout = sharded ? std::optional<index::ShardLayout>(index::ShardLayout{index::ShardScheme::hash, 3})
                                : std::nullopt;
    const auto first = ingest_into(idx, in, false, layout);
    BOOST_TEST(first.skipped_files == 0u);
    BOOST_TEST_REQUIRE(first.rejected_files == 0u);
    const std::size_t documents = first.documents, in_index = first.index_documents;

    const auto again = ingest_into(idx, in);
    BOOST_TEST(again.skipped_files == 4u);
    BOOST_TEST(again.documents == documents);
    BOOST_TEST(again.unchanged == documents);
    BOOST_TEST(again.index_documents == in_index);
    BOOST_TEST(again.files[0].ids == first.files[0].ids);  // the nightly job's manifest needs them

    write_file(in / "a.html", story("Gallium licences", "Exporters of gallium and germanium need licences from August."));
    write_file(in / "list-2.txt", list.substr(cut + 1) + "\nMOFCOM-2099-1.1 A test item added to the second file;\n");
    const auto changed = ingest_into(idx, in);
    BOOST_TEST(changed.skipped_files == 2u);
    BOOST_TEST(changed.replaced == 1u);
    BOOST_TEST(changed.added == 1u);    // the new list entry
    BOOST_TEST(changed.removed == 0u);  // list-1's entries stay: it was not read, but it is in the list
    BOOST_TEST(changed.index_documents == in_index + 1);

    {
      index::Writer w(idx);
      BOOST_TEST_REQUIRE(w.remove(first.files[1].ids.front()));  // b.html's story deleted
    }
    const auto reread = ingest_into(idx, in);
    BOOST_TEST(reread.skipped_files == 3u);
    BOOST_TEST(reread.added == 1u);
    BOOST_TEST(reread.index_documents == in_index + 1);

    const auto forced = ingest_into(idx, in, true);
    BOOST_TEST(forced.skipped_files == 0u);
    BOOST_TEST(forced.replaced == forced.documents);
  }
}

// Two files that hold the same story (feed snapshots sharing an item's address): the
// one read last decides the stored copy, and a skipped file whose story was rewritten
// from the other file since is read again.
BOOST_AUTO_TEST_CASE(a_skipped_file_whose_documents_were_rewritten_is_read_again) {
  test::TempDir dir;
  const auto in = dir.path / "in";
  auto item = [](const std::string& extra, const std::string& body) {
    return R"({"id": "b", "url": "https://wire.example/b", "title": "Samarium magnets", "published": "2026-02-01", "body": ")" +
           body + R"("})" "\n" + extra;
  };
  write_file(in / "day1.jsonl", item("", "Exporters of samarium magnets need a licence."));
  write_file(in / "day2.jsonl", item("", "Exporters of samarium magnets need a licence from March, the ministry said."));
  const std::string idx = (dir.path / "idx").string();
  ingest_into(idx, in);
  auto text = [&] {
    index::Writer w(idx);
    return w.hash_of("https://wire.example/b");
  };
  const std::string newest = text();
  // day1 is fetched again with one more item: read, it rewrites the story with its older
  // text; day2, unchanged, must then be read too and win again.
  write_file(in / "day1.jsonl",
             item(R"({"id": "c", "url": "https://wire.example/c", "title": "Gallium", "published": "2026-02-02", "body": "Gallium exports fell."})"
                  "\n",
                  "Exporters of samarium magnets need a licence."));
  const auto r = ingest_into(idx, in);
  BOOST_TEST(r.skipped_files == 0u);
  BOOST_TEST(text() == newest);
}
