#include "dualdex/ingest/pipeline.hpp"

#include <algorithm>

#include "dualdex/ingest/normalize.hpp"

namespace dualdex::ingest {

Pipeline::Pipeline(PipelineOptions options) : m_options(std::move(options)) {}

AnnotatedDocument Pipeline::process(Document doc) const {
  AnnotatedDocument out;
  out.invalid_utf8 = normalize_document(doc);
  for (Mention m : doc.declared) {
    m.id = canonical_id(m.type, normalize_text(m.id).text);
    if (m.id.empty()) continue;
    out.mentions.push_back(std::move(m));
  }
  out.text = doc.plain_text();
  out.doc = std::move(doc);
  return out;
}

}  // namespace dualdex::ingest
