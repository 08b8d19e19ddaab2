// libFuzzer target: the XML reader (announcements, statements, generic XML) (--input-format xml),
// then the whole pipeline.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  dualdex::fuzz::pipeline();  // load the knowledge before the first input
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dualdex;
  fuzz::read_and_annotate(fuzz::as_view(data, size), fuzz::info_for("announcement.xml"),
                          ingest::InputFormat::xml);
  return 0;
}
