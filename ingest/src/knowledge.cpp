#include "dualdex/ingest/knowledge.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/extract_countries.hpp"
#include "dualdex/ingest/extract_dates.hpp"
#include "dualdex/ingest/extract_entities.hpp"
#include "dualdex/ingest/extract_events.hpp"
#include "dualdex/ingest/hash.hpp"

namespace dualdex::ingest {
namespace fs = std::filesystem;

namespace {
// Every file's name and bytes, in name order: a change anywhere changes the version.
std::string hash_files(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_regular_file(ec)) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  std::string all;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    all += f.lexically_relative(dir).string() + '\0' + stable_hash(ss.str()) + '\n';
  }
  return stable_hash(all);
}
}  // namespace

Knowledge::Knowledge() = default;
Knowledge::~Knowledge() = default;

std::shared_ptr<const Knowledge> Knowledge::load(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw KnowledgeError(dir.string() + ": knowledge directory not found (set DUALDEX_KNOWLEDGE or --knowledge)");
  }
  std::shared_ptr<Knowledge> k(new Knowledge());
  k->m_countries = CountryExtractor::load(dir);
  k->m_dates = DateExtractor::load(dir);
  k->m_entities = EntityExtractor::load(dir);
  k->m_events = EventExtractor::load(dir);
  k->m_version = hash_files(dir);
  return k;
}

fs::path Knowledge::default_dir() {
  if (const char* env = std::getenv("DUALDEX_KNOWLEDGE"); env != nullptr && *env) return env;
  return fs::path(DUALDEX_DEFAULT_KNOWLEDGE);
}

Extraction Knowledge::extract(const ExtractInput& in) const {
  Extraction out;
  m_countries->extract(in, out);
  m_dates->extract(in, out);
  m_entities->extract(in, out);
  m_events->extract(in, out);
  return out;
}

std::vector<std::string> Knowledge::item_codes(const std::string& item_id) const {
  return m_entities->item_codes(item_id);
}

std::vector<Mention> Knowledge::dates_in(const std::string& text, const std::string& dct) const {
  Document doc;
  const std::vector<Token> tokens = tokenize(text);
  const std::vector<Span> sentences = split_sentences(text, "en");
  Extraction out;
  m_dates->extract(ExtractInput{doc, text, tokens, sentences, dct}, out);
  std::vector<Mention> dates;
  for (auto& m : out.mentions) {
    if (m.type == MentionType::date) dates.push_back(std::move(m));
  }
  return dates;
}

}  // namespace dualdex::ingest
