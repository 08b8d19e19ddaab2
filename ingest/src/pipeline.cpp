#include "dualdex/ingest/pipeline.hpp"

#include <algorithm>

#include "dualdex/ingest/knowledge.hpp"
#include "dualdex/ingest/language.hpp"
#include "dualdex/ingest/normalize.hpp"
#include "dualdex/ingest/segment.hpp"
#include "dualdex/ingest/tokenize.hpp"

namespace dualdex::ingest {

Pipeline::Pipeline(PipelineOptions options) : m_options(std::move(options)) {}

std::string Pipeline::knowledge_version() const {
  return m_options.knowledge ? m_options.knowledge->version() : "none";
}

AnnotatedDocument Pipeline::process(Document doc) const {
  AnnotatedDocument out;
  out.invalid_utf8 = normalize_document(doc);
  out.languages = document_languages(doc);
  if (!out.languages.empty()) doc.lang = out.languages.front();
  for (Mention m : doc.declared) {
    m.id = canonical_id(m.type, normalize_text(m.id).text);
    if (m.id.empty()) continue;
    if (m.type == MentionType::country &&
        std::find(out.about_countries.begin(), out.about_countries.end(), m.id) == out.about_countries.end()) {
      out.about_countries.push_back(m.id);
    }
    out.mentions.push_back(std::move(m));
  }
  out.text = doc.plain_text();
  if (m_options.knowledge) {
    const std::vector<Token> tokens = tokenize(out.text);
    const std::vector<Span> sentences = split_sentences(out.text, doc.lang.empty() ? "en" : doc.lang.c_str());
    Extraction found = m_options.knowledge->extract(ExtractInput{doc, out.text, tokens, sentences, doc.published});
    for (auto& m : found.mentions) out.mentions.push_back(std::move(m));
    for (auto& c : found.about_countries) {
      if (std::find(out.about_countries.begin(), out.about_countries.end(), c) == out.about_countries.end()) {
        out.about_countries.push_back(std::move(c));
      }
    }
    // An instrument record is itself the measure, with its dates and actions declared:
    // sentences of its note extracted as measures would only repeat it, less exactly.
    // A list entry describes goods; its notes ("suspended by Announcement No. 70") speak
    // of the instruments, which are records of their own.
    if (doc.kind != "instrument" && doc.kind != "entry") {
      out.statements = std::move(found.statements);
      out.measures = std::move(found.measures);
    }
  }
  out.doc = std::move(doc);
  return out;
}

}  // namespace dualdex::ingest
