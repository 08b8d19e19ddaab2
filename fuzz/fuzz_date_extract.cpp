// libFuzzer target: the date extractor over free text (Knowledge::dates_in) and the
// TimeML writer. When the first line is a calendar date it is the document date
// (as --dct would give it; dualdex validates --dct before use), else there is none.
#include "dualdex/ingest/dates.hpp"
#include "dualdex/ingest/extract_dates.hpp"
#include "fuzz_common.hpp"

namespace {
const dualdex::ingest::Knowledge& knowledge() {
  static const auto k = dualdex::ingest::Knowledge::load(dualdex::ingest::Knowledge::default_dir());
  return *k;
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  knowledge();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dualdex;
  std::string_view in = fuzz::as_view(data, size);
  std::string dct;
  if (const std::size_t nl = in.find('\n');
      nl != std::string_view::npos && nl <= 10 && ingest::is_calendar_value(in.substr(0, nl))) {
    dct = std::string(in.substr(0, nl));
    in.remove_prefix(nl + 1);
  }
  const std::string text(in);
  const auto mentions = knowledge().dates_in(text, dct);
  for (const auto& m : mentions) {
    if (m.begin > m.end || m.end > text.size()) fuzz::fail("date mention outside the text");
  }
  (void)ingest::to_timeml("fuzz", dct, text, mentions);
  return 0;
}
