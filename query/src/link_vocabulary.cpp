#include "link_vocabulary.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/hash.hpp"
#include "dualdex/ingest/knowledge_file.hpp"
#include "dualdex/ingest/tokenize.hpp"

namespace dualdex::query::link {
namespace fs = std::filesystem;

namespace {

std::vector<std::string> split_bar(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, '|')) {
    const auto b = cur.find_first_not_of(' ');
    const auto e = cur.find_last_not_of(' ');
    if (b != std::string::npos) out.push_back(cur.substr(b, e - b + 1));
  }
  return out;
}

void read_file(const fs::path& path, Vocabulary& v) {
  ingest::KnowledgeFile file(path, {.required = true, .allow_empty_fields = false});
  std::vector<std::string> f;
  while (file.next(f)) {
    if (f.size() != 3)
      file.fail("expected 3 tab-separated fields (kind, phrases, value), got " +
                std::to_string(f.size()));
    const std::string& kind = f[0];
    const auto phrases = split_bar(f[1]);
    if (phrases.empty()) file.fail("no phrase");
    auto tokens_of = [&](const std::string& p) {
      Phrase t = ingest::phrase_tokens(p);
      if (t.empty()) file.fail("phrase '" + p + "' has no words");
      return t;
    };
    if (kind == "synonym") {
      const auto expansions = split_bar(f[2]);
      if (expansions.empty() || f[2] == "-") file.fail("a synonym needs an expansion");
      for (const auto& p : phrases) {
        Synonym s;
        s.phrase = tokens_of(p);
        s.text = p;
        for (const auto& e : expansions) {
          s.expansions.push_back(tokens_of(e));
          s.expansion_texts.push_back(e);
        }
        v.synonyms.push_back(std::move(s));
      }
    } else if (kind == "spelling") {
      const Phrase to = tokens_of(f[2]);
      for (const auto& p : phrases) {
        const Phrase from = tokens_of(p);
        if (from.size() != 1 || to.size() != 1) file.fail("a spelling maps one word to one word");
        v.spelling[from.front()] = to.front();
      }
    } else if (kind == "export" || kind == "not-export") {
      for (const auto& p : phrases) {
        if (kind == "export") {
          v.export_cues.push_back(tokens_of(p));
        } else {
          v.other_cues.push_back(tokens_of(p));
          v.other_cue_texts.push_back(p);
        }
      }
    } else if (kind == "group") {
      // group  D  software|…: the second field is the group letter, the third the phrases.
      if (f[1].size() != 1) file.fail("a group is one letter (D, E)");
      for (const auto& p : split_bar(f[2])) v.groups[f[1][0]].push_back(tokens_of(p));
      continue;
    } else if (kind == "whole-list") {
      for (const auto& p : phrases) v.whole_list.push_back(tokens_of(p));
    } else if (kind == "stop") {
      for (const auto& p : phrases) {
        for (auto& w : tokens_of(p)) v.stop.insert(std::move(w));
      }
    } else if (kind == "member") {
      // member  EU  AT|BE|…: the states whose measures the authority's list covers.
      auto& set = v.members[f[1]];
      for (const auto& c : split_bar(f[2])) set.insert(c);
    } else {
      file.fail("unknown kind '" + kind +
                "' (synonym, spelling, export, not-export, whole-list, group, stop, member)");
    }
  }
}

}  // namespace

Vocabulary Vocabulary::load(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw KnowledgeError(dir.string() +
                         ": link vocabulary directory not found (set DUALDEX_LINK_VOCABULARY)");
  }
  std::vector<fs::path> files;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    if (it->path().extension() == ".tsv" && fs::is_regular_file(it->path(), ec))
      files.push_back(it->path());
  }
  if (ec)
    throw KnowledgeError(dir.string() +
                         ": cannot read the link vocabulary directory: " + ec.message());
  std::sort(files.begin(), files.end());
  Vocabulary v;
  std::string all;
  for (const auto& p : files) {
    read_file(p, v);
    std::ifstream in(p, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    all += p.filename().string();
    all += '\0';
    all += bytes.str();
  }
  v.fingerprint = stable_hash(all);
  return v;
}

}  // namespace dualdex::query::link
