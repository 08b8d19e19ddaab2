// libFuzzer target: the RSS 2.0 / RSS 1.0 / Atom feed reader (--input-format rss), then
// the whole pipeline.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  dualdex::fuzz::pipeline();  // load the knowledge before the first input
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dualdex;
  fuzz::read_and_annotate(fuzz::as_view(data, size), fuzz::info_for("feed.rss"),
                          ingest::InputFormat::rss);
  return 0;
}
