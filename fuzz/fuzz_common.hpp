#pragma once
// Shared by the libFuzzer targets (fuzz/README in the top-level README, "Fuzzing").
// A reader target feeds the bytes to one reader through the public read_input() API,
// then runs every document through the full pipeline (normalize, segment, extract with
// the shipped knowledge), as `dualdex ingest` does. The documented failure, InputError,
// is expected; anything else escaping a reader is a finding, and so is a mention or a
// statement whose offsets fall outside the document's text.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/knowledge.hpp"
#include "dualdex/ingest/pipeline.hpp"
#include "dualdex/ingest/reader.hpp"

namespace dualdex::fuzz {

inline std::string_view as_view(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// Stops the run with a message: libFuzzer saves the input as a crash reproducer.
[[noreturn]] inline void fail(const char* what) {
  std::fprintf(stderr, "dualdex fuzz invariant violated: %s\n", what);
  std::abort();
}

/// The pipeline with the shipped knowledge (corpus/gazetteers), built once.
inline const ingest::Pipeline& pipeline() {
  static const ingest::Pipeline p(
      ingest::PipelineOptions{ingest::Knowledge::load(ingest::Knowledge::default_dir())});
  return p;
}

/// Offsets of everything found must lie inside the annotated text: the indexer, the
/// snippets and `dualdex show` slice the text with them.
inline void check_annotated(const ingest::AnnotatedDocument& a) {
  const std::size_t n = a.text.size();
  for (const auto& m : a.mentions) {
    if (m.begin == ingest::Mention::npos && m.end == ingest::Mention::npos) continue;
    if (m.begin > m.end || m.end > n) fail("mention offsets outside the text");
  }
  for (const auto& s : a.statements) {
    if (s.begin > s.end || s.end > n) fail("statement offsets outside the text");
  }
  for (const auto& m : a.measures) {
    if (m.begin > m.end || m.end > n) fail("measure offsets outside the text");
  }
}

/// Reads bytes as `format` (what `--input-format` names) and annotates every document.
inline void read_and_annotate(std::string_view bytes, const ingest::InputInfo& info,
                              ingest::InputFormat format) {
  ingest::ReadResult r;
  try {
    r = ingest::read_input(bytes, info, format);
  } catch (const InputError&) {
    return;  // the documented way to reject a whole input
  }
  for (auto& doc : r.documents) {
    if (doc.id.empty()) fail("document without an id");
    check_annotated(pipeline().process(std::move(doc)));
  }
}

/// The InputInfo of a file as `dualdex ingest DIR` would name it.
inline ingest::InputInfo info_for(const std::string& name) {
  return ingest::InputInfo{"fuzz/" + name, "fuzz/" + name, ""};
}

}  // namespace dualdex::fuzz
