// libFuzzer target: the control-list reader (--input-format control-list), then the
// whole pipeline. When the input starts with '{', its first line is the list's sidecar
// JSON (so the metadata is fuzzed too); otherwise a fixed valid sidecar is used.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  dualdex::fuzz::pipeline();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dualdex;
  std::string_view bytes = fuzz::as_view(data, size);
  ingest::InputInfo info = fuzz::info_for("mini-eu.txt");
  info.list_meta_source = "fuzz/mini-eu.list.json";
  if (!bytes.empty() && bytes.front() == '{') {
    const std::size_t nl = bytes.find('\n');
    info.list_meta = std::string(bytes.substr(0, nl));
    bytes = nl == std::string_view::npos ? std::string_view() : bytes.substr(nl + 1);
  } else {
    info.list_meta =
        R"({"id": "mini-eu", "authority": "EU", "title": "Test list", "version": "test",)"
        R"( "confirmed_codes": ["3B001", "3B001.f"]})";
  }
  fuzz::read_and_annotate(bytes, info, ingest::InputFormat::control_list);
  return 0;
}
