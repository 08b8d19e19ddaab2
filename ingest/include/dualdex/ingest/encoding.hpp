#pragma once
// Character encodings of plain-text inputs, detected and converted with ICU.
#include <optional>
#include <string>
#include <string_view>

namespace dualdex::ingest {

struct DecodedText {
  std::string utf8;       ///< the text as UTF-8 (BOM removed)
  std::string encoding;   ///< what it was read as: "UTF-8", "UTF-16LE", "windows-1252", "GB18030", "Shift_JIS", ...
};

/// Detects the encoding of bytes (BOM, then UTF-8 validity, then ICU's charset
/// detector) and converts to UTF-8. Never throws; undecodable bytes become U+FFFD.
DecodedText decode_to_utf8(std::string_view bytes);

/// Converts bytes from a declared charset (an HTML meta charset, an XML declaration)
/// to UTF-8. Names are matched as browsers do: "iso-8859-1" and "us-ascii" are read as
/// windows-1252, "gb2312"/"gbk" as GB18030. nullopt if ICU knows no such charset.
/// Never throws; undecodable bytes become U+FFFD.
std::optional<DecodedText> decode_with_charset(std::string_view bytes, std::string_view charset);

/// True if bytes look like binary data rather than text (NUL bytes or many control
/// characters in the first kilobytes, after allowing for UTF-16).
bool looks_binary(std::string_view bytes);

}  // namespace dualdex::ingest
