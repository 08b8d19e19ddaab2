#include "dualdex/ingest/encoding.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <memory>

#include "text_util.hpp"

namespace dualdex::ingest {
namespace {

// Detection looks at a prefix only: enough for the NUL pattern, control-character
// rate and ICU's statistics, and it bounds the cost on huge inputs.
constexpr std::size_t kSniffBytes = std::size_t{64} * 1024;
constexpr std::size_t kBinarySniffBytes = std::size_t{8} * 1024;
// ICU's detector reports 0-100; below this its guess is noise (short or mixed text).
constexpr int32_t kMinDetectorConfidence = 10;

struct Bom {
  const char* encoding;
  std::size_t length;
};

// Longest signatures first: the UTF-32LE BOM starts with the UTF-16LE one.
std::optional<Bom> detect_bom(std::string_view b) {
  if (b.starts_with(std::string_view("\xFF\xFE\x00\x00", 4))) return Bom{"UTF-32LE", 4};
  if (b.starts_with(std::string_view("\x00\x00\xFE\xFF", 4))) return Bom{"UTF-32BE", 4};
  if (b.starts_with("\xEF\xBB\xBF")) return Bom{"UTF-8", 3};
  if (b.starts_with("\xFF\xFE")) return Bom{"UTF-16LE", 2};
  if (b.starts_with("\xFE\xFF")) return Bom{"UTF-16BE", 2};
  return std::nullopt;
}

// Latin-script UTF-16 without a BOM has a NUL in every other byte, on the high side
// of each code unit; text in ASCII-compatible encodings has none.
const char* guess_utf16_without_bom(std::string_view b) {
  const std::size_t pairs = std::min(b.size(), kSniffBytes) / 2;
  if (pairs < 2) return nullptr;
  std::size_t zero_even = 0;
  std::size_t zero_odd = 0;
  for (std::size_t i = 0; i < pairs; ++i) {
    if (b[2 * i] == '\0') ++zero_even;
    if (b[2 * i + 1] == '\0') ++zero_odd;
  }
  if (zero_odd * 10 >= pairs * 3 && zero_even * 20 <= pairs) return "UTF-16LE";
  if (zero_even * 10 >= pairs * 3 && zero_odd * 20 <= pairs) return "UTF-16BE";
  return nullptr;
}

struct Utf8Scan {
  std::size_t invalid = 0;    // ill-formed sequences
  std::size_t multibyte = 0;  // well-formed non-ASCII characters
};

Utf8Scan scan_utf8(std::string_view b) {
  Utf8Scan scan;
  std::int32_t i = 0;
  const auto len = static_cast<std::int32_t>(std::min<std::size_t>(b.size(), INT32_MAX));
  while (i < len) {
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(b.data(), i, len, c);
    if (c < 0) {
      ++scan.invalid;
    } else if (i - start > 1) {
      ++scan.multibyte;
    }
  }
  return scan;
}

// Re-encodes UTF-8 with every ill-formed sequence replaced by U+FFFD.
std::string repair_utf8(std::string_view b) {
  std::string out;
  out.reserve(b.size());
  std::int32_t i = 0;
  const auto len = static_cast<std::int32_t>(std::min<std::size_t>(b.size(), INT32_MAX));
  while (i < len) {
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(b.data(), i, len, c);
    if (c < 0) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(b.data() + start, static_cast<std::size_t>(i - start));
    }
  }
  return out;
}

struct ConverterClose {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterClose>;

ConverterPtr open_converter(const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr cnv(ucnv_open(charset, &status));
  if (U_FAILURE(status)) return nullptr;
  ucnv_setToUCallBack(cnv.get(), UCNV_TO_U_CALLBACK_SUBSTITUTE, nullptr, nullptr, nullptr, &status);
  return U_FAILURE(status) ? nullptr : std::move(cnv);
}

// Converts with ICU; nullopt if the converter cannot be opened or the input is too
// large for ICU's int32 lengths.
std::optional<std::string> convert(std::string_view bytes, const char* charset) {
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX / 2 - 16)) return std::nullopt;
  ConverterPtr cnv = open_converter(charset);
  if (!cnv) return std::nullopt;
  // One input byte rarely yields more than one UTF-16 unit; if a converter does, ICU
  // reports the length it needs and we convert again.
  std::u16string units(bytes.size() + 1, u'\0');
  UErrorCode status = U_ZERO_ERROR;
  int32_t n = ucnv_toUChars(cnv.get(), units.data(), static_cast<int32_t>(units.size()),
                            bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  if (status == U_BUFFER_OVERFLOW_ERROR) {
    units.assign(static_cast<std::size_t>(n) + 1, u'\0');
    status = U_ZERO_ERROR;
    ucnv_resetToUnicode(cnv.get());
    n = ucnv_toUChars(cnv.get(), units.data(), static_cast<int32_t>(units.size()), bytes.data(),
                      static_cast<int32_t>(bytes.size()), &status);
  }
  if (U_FAILURE(status)) return std::nullopt;
  units.resize(static_cast<std::size_t>(n));
  // Single-byte converters substitute U+001A (SUB) for unmapped bytes; the contract
  // promises U+FFFD, and a stray SUB would read as a control character later.
  std::replace(units.begin(), units.end(), u'\x1A', u'\xFFFD');
  if (!units.empty() && units.front() == u'\xFEFF') units.erase(0, 1);
  std::string out(units.size() * 3, '\0');
  int32_t written = 0;
  int32_t subs = 0;
  status = U_ZERO_ERROR;
  u_strToUTF8WithSub(out.data(), static_cast<int32_t>(out.size()), &written, units.data(),
                     static_cast<int32_t>(units.size()), 0xFFFD, &subs, &status);
  if (U_FAILURE(status)) return std::nullopt;
  out.resize(static_cast<std::size_t>(written));
  return out;
}

// Last resort that needs no converter: bytes as Latin-1, so nothing is lost silently.
std::string latin1_to_utf8(std::string_view b) {
  std::string out;
  out.reserve(b.size() * 2);
  for (char ch : b) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out += ch;
    } else {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

DecodedText decode_as(std::string_view bytes, const char* charset) {
  if (std::string_view(charset) == "UTF-8") return {repair_utf8(bytes), "UTF-8"};
  if (auto text = convert(bytes, charset)) return {std::move(*text), charset};
  if (auto text = convert(bytes, "windows-1252")) return {std::move(*text), "windows-1252"};
  return {latin1_to_utf8(bytes), "ISO-8859-1"};
}

struct DetectorClose {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};

// Browsers read ISO-8859-1 as windows-1252 (a superset that gives 0x80-0x9F curly
// quotes and dashes); the detector reports ISO-8859-1 when those bytes are absent.
std::string preferred_name(std::string name) {
  if (name == "ISO-8859-1") return "windows-1252";
  return name;
}

// ICU's detector on a prefix; nullopt when it has no confident, convertible guess.
std::optional<std::string> detect_charset(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, DetectorClose> det(ucsdet_open(&status));
  if (U_FAILURE(status)) return std::nullopt;
  const std::string_view sample = bytes.substr(0, kSniffBytes);
  ucsdet_enableInputFilter(det.get(), true);  // ignore <markup> when guessing
  ucsdet_setText(det.get(), sample.data(), static_cast<int32_t>(sample.size()), &status);
  const UCharsetMatch* match = ucsdet_detect(det.get(), &status);
  if (U_FAILURE(status) || match == nullptr) return std::nullopt;
  const int32_t confidence = ucsdet_getConfidence(match, &status);
  const char* name = ucsdet_getName(match, &status);
  if (U_FAILURE(status) || name == nullptr || confidence < kMinDetectorConfidence) {
    return std::nullopt;
  }
  std::string result = preferred_name(name);
  // EBCDIC guesses (IBM420/IBM424) on ASCII-range bytes are artefacts of junk input.
  if (result.starts_with("IBM4")) return std::nullopt;
  if (!open_converter(result.c_str())) return std::nullopt;
  return result;
}

// Browsers' charset label aliases (WHATWG Encoding), for labels ICU maps differently.
std::string canonical_charset(std::string_view label) {
  std::string l = detail::ascii_lower(detail::trim(label));
  if (l == "utf8" || l == "utf-8" || l == "unicode-1-1-utf-8") return "UTF-8";
  if (l == "iso-8859-1" || l == "iso8859-1" || l == "latin1" || l == "l1" || l == "ascii" ||
      l == "us-ascii" || l == "cp1252" || l == "windows-1252" || l == "x-cp1252") {
    return "windows-1252";
  }
  if (l == "gb2312" || l == "gbk" || l == "x-gbk" || l == "gb18030" || l == "cp936") {
    return "GB18030";
  }
  if (l == "shift_jis" || l == "shift-jis" || l == "sjis" || l == "x-sjis" || l == "ms_kanji" ||
      l == "windows-31j" || l == "cp932") {
    return "Shift_JIS";
  }
  // A page cannot declare UTF-16 in ASCII bytes it can be read in (WHATWG: read as UTF-8).
  if (l == "utf-16" || l == "utf-16le" || l == "utf-16be") return "UTF-8";
  return std::string(detail::trim(label));
}

}  // namespace

DecodedText decode_to_utf8(std::string_view bytes) {
  if (auto bom = detect_bom(bytes)) return decode_as(bytes.substr(bom->length), bom->encoding);
  if (const char* utf16 = guess_utf16_without_bom(bytes)) return decode_as(bytes, utf16);
  const Utf8Scan scan = scan_utf8(bytes);
  if (scan.invalid == 0) return {std::string(bytes), "UTF-8"};
  // Mostly well-formed UTF-8 with a few damaged bytes (a truncated download, one
  // pasted Latin-1 character) is still UTF-8: reading it as a legacy charset would
  // garble every correct character to rescue a few wrong ones.
  if (scan.multibyte >= 4 * scan.invalid) return {repair_utf8(bytes), "UTF-8"};
  if (auto detected = detect_charset(bytes)) return decode_as(bytes, detected->c_str());
  return decode_as(bytes, "windows-1252");
}

std::optional<DecodedText> decode_with_charset(std::string_view bytes, std::string_view charset) {
  const std::string name = canonical_charset(charset);
  if (name.empty()) return std::nullopt;
  if (name == "UTF-8") return DecodedText{repair_utf8(bytes), "UTF-8"};
  if (!open_converter(name.c_str())) return std::nullopt;
  auto text = convert(bytes, name.c_str());
  if (!text) return std::nullopt;
  return DecodedText{std::move(*text), name};
}

namespace {

bool has_binary_magic(std::string_view b) {
  static constexpr std::array<std::string_view, 11> kMagic = {
      std::string_view("%PDF-"),
      std::string_view("PK\x03\x04", 4),
      std::string_view("\x89PNG"),
      std::string_view("GIF8"),
      std::string_view("\xFF\xD8\xFF"),
      std::string_view("\x1F\x8B", 2),
      std::string_view("\x7F"
                       "ELF",
                       4),
      std::string_view("BZh"),
      std::string_view("7z\xBC\xAF", 4),
      std::string_view("\xFD"
                       "7zXZ",
                       5),
      std::string_view("\xD0\xCF\x11\xE0", 4),  // OLE2: .doc, .xls
  };
  for (std::string_view m : kMagic) {
    if (b.starts_with(m)) return true;
  }
  return false;
}

// Control characters other than the whitespace ones text uses (and ESC, which
// terminal captures and ISO-2022 text contain).
bool is_odd_control(char32_t c) {
  if (c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0x1B) return false;
  return c < 0x20 || c == 0x7F;
}

// More than one odd control character in twenty is not text in any encoding.
bool too_many_controls(std::size_t controls, std::size_t total) {
  return total > 0 && controls * 20 > total;
}

bool utf16_sample_is_binary(std::string_view sample, bool little_endian) {
  std::size_t controls = 0;
  const std::size_t units = sample.size() / 2;
  for (std::size_t i = 0; i < units; ++i) {
    const auto lo = static_cast<unsigned char>(sample[2 * i + (little_endian ? 0 : 1)]);
    const auto hi = static_cast<unsigned char>(sample[2 * i + (little_endian ? 1 : 0)]);
    const char32_t unit = (static_cast<char32_t>(hi) << 8) | lo;
    if (unit == 0) return true;
    if (is_odd_control(unit)) ++controls;
  }
  return too_many_controls(controls, units);
}

}  // namespace

bool looks_binary(std::string_view bytes) {
  const std::string_view sample = bytes.substr(0, kBinarySniffBytes);
  if (sample.empty()) return false;
  if (has_binary_magic(sample)) return true;
  std::string_view encoding;
  std::string_view body = sample;
  if (auto bom = detect_bom(sample)) {
    encoding = bom->encoding;
    body.remove_prefix(bom->length);
  } else if (const char* utf16 = guess_utf16_without_bom(sample)) {
    encoding = utf16;
  }
  if (encoding == "UTF-16LE" || encoding == "UTF-16BE") {
    return utf16_sample_is_binary(body, encoding == "UTF-16LE");
  }
  if (encoding.starts_with("UTF-32")) return false;  // NULs are expected; rare enough to trust
  std::size_t controls = 0;
  for (char ch : body) {
    if (ch == '\0') return true;
    if (is_odd_control(static_cast<unsigned char>(ch))) ++controls;
  }
  return too_many_controls(controls, body.size());
}

}  // namespace dualdex::ingest
