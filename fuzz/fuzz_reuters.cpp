// libFuzzer target: the Reuters-21578 SGML reader (--input-format reuters-sgml), then the whole
// pipeline.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  dualdex::fuzz::pipeline();  // load the knowledge before the first input
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dualdex;
  fuzz::read_and_annotate(fuzz::as_view(data, size), fuzz::info_for("reut2-000.sgm"),
                          ingest::InputFormat::reuters_sgml);
  return 0;
}
