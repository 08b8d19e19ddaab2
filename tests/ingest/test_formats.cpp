#define BOOST_TEST_MODULE formats
#include <boost/test/unit_test.hpp>

#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/reader.hpp"

using namespace dualdex::ingest;

BOOST_AUTO_TEST_CASE(detects_formats_by_content_then_extension) {
  struct Row {
    const char* bytes;
    const char* path;
    const char* expected;
  };
  const Row rows[] = {
      {"<!DOCTYPE html><html><body><p>x</p></body></html>", "a.txt", "html"},
      {"<html lang=en><p>x", "noext", "html"},
      {"<?xml version=\"1.0\"?><announcement/>", "a.txt", "xml"},
      {"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel/></rss>", "feed", "rss"},
      {"<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS NEWID=\"1\">", "x", "reuters-sgml"},
      {"<?xml version=\"1.0\"?>\n<TimeML><DOCID>d</DOCID></TimeML>", "x.xml", "timeml"},
      {"{\"id\": \"a\", \"title\": \"t\"}\n{\"id\": \"b\"}", "feed", "jsonl"},
      {"Headline\nBody text.", "story.txt", "text"},
      {"Headline\nBody text.", "story.html", "html"},   // extension when content says nothing
      {"Headline\nBody text.", "story", "text"},
      {"{not json", "x.jsonl", "jsonl"},
      {"<announcement lang=\"en\"><title>t</title><body><p>x</p></body></announcement>", "a.txt", "xml"},
      {"<!-- note --><statement><body/></statement>", "a", "xml"},
      {"<div><p>fragment</p></div>", "a", "html"},
  };
  for (const auto& r : rows) {
    BOOST_TEST_CONTEXT(r.path << ": " << r.bytes) {
      BOOST_TEST(to_string(detect_format(r.bytes, r.path)) == std::string(r.expected));
    }
  }
}

BOOST_AUTO_TEST_CASE(parses_format_names) {
  BOOST_TEST(parse_input_format("reuters-sgml").has_value());
  BOOST_TEST(parse_input_format("HTML").has_value());
  BOOST_TEST(!parse_input_format("pdf").has_value());
}

BOOST_AUTO_TEST_CASE(fills_ids_sources_and_dates) {
  InputInfo info{"/x/seed/story-2026-01-08.txt", "seed/story-2026-01-08.txt", ""};
  ReadResult r = read_input("A headline\nThe body of the story.\n", info);
  BOOST_REQUIRE(r.documents.size() == 1u);
  BOOST_TEST(r.documents[0].id == "file:seed/story-2026-01-08.txt");
  BOOST_TEST(r.documents[0].source == "seed/story-2026-01-08.txt");
  BOOST_TEST(r.documents[0].published == "2026-01-08");  // from the file name
  info.dct = "2025-12-01";
  r = read_input("A headline\nThe body of the story.\n", info);
  BOOST_TEST(r.documents[0].published == "2025-12-01");  // --dct wins over the file name
}

BOOST_AUTO_TEST_CASE(rejects_what_cannot_be_read) {
  const InputInfo info{"bad", "x/bad", ""};
  const std::string binary("\x7F" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0\x3E\0", 20);
  const std::string rows[] = {"", binary};
  for (const auto& bytes : rows) {
    BOOST_CHECK_THROW(read_input(bytes, info), dualdex::InputError);
  }
  try {
    read_input("", info);
  } catch (const dualdex::InputError& e) {
    BOOST_TEST(std::string(e.what()).find("bad") != std::string::npos);  // names the file
  }
}
