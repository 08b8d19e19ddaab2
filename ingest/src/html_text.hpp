#pragma once
// The HTML reader's block and chrome rules, for HTML that is not a whole page: a feed
// item's description or content. Defined in reader_html.cpp.
#include <string>
#include <string_view>
#include <vector>

#include "dualdex/ingest/document.hpp"

namespace dualdex::ingest::detail {

/// Blocks of an HTML fragment given as UTF-8 ("<p>One</p><p>Two &amp; three</p>"), by
/// the HTML reader's rules (chrome dropped, boilerplate lines stripped). An <h1> equal
/// to title is dropped as a repeat of it. Empty if the fragment holds no text.
std::vector<Block> html_fragment_blocks(std::string_view utf8, std::string_view title = {});

/// The text of an inline HTML fragment (a title with <b> or &amp;), whitespace collapsed.
std::string html_inline_text(std::string_view utf8);

/// A BCP 47 tag with canonical case ("en-us" → "en-US"), "" if malformed or "und".
std::string language_tag(std::string_view raw);

}  // namespace dualdex::ingest::detail
