// libFuzzer target: plain text (--input-format text) with encoding detection: the
// binary check, format detection, charset detection and conversion (the output must be
// valid UTF-8), declared-charset conversion, then the text reader and the pipeline.
#include <array>

#include "dualdex/ingest/encoding.hpp"
#include "fuzz_common.hpp"

namespace {

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len;
    std::uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  dualdex::fuzz::pipeline();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dualdex;
  const std::string_view bytes = fuzz::as_view(data, size);
  (void)ingest::looks_binary(bytes);
  (void)ingest::detect_format(bytes, "fuzz/story.txt");
  const ingest::DecodedText decoded = ingest::decode_to_utf8(bytes);
  if (!valid_utf8(decoded.utf8)) fuzz::fail("decode_to_utf8 returned invalid UTF-8");
  static constexpr std::array<const char*, 7> kCharsets = {
      "utf-8", "utf-16", "iso-8859-1", "gb2312", "shift_jis", "euc-kr", "no-such-charset"};
  if (auto d = ingest::decode_with_charset(bytes, kCharsets[size % kCharsets.size()]); d) {
    if (!valid_utf8(d->utf8)) fuzz::fail("decode_with_charset returned invalid UTF-8");
  }
  fuzz::read_and_annotate(bytes, fuzz::info_for("story-2026-01-08.txt"), ingest::InputFormat::text);
  return 0;
}
