#pragma once
// General rules that tell page chrome ("Sign up now: …", "PHOTO: REUTERS",
// "Follow topic:", share prompts, cookie notices) from article text. Used by the
// HTML reader on short blocks and by the text reader on lines copied from a page.
#include <string>
#include <string_view>
#include <vector>

#include "dualdex/ingest/document.hpp"

namespace dualdex::ingest {

/// True if one short block/line is boilerplate by itself (call to action, photo
/// credit, label ending in ':', cookie/consent notice, share/print/subscribe prompt).
bool is_boilerplate_line(std::string_view line);

/// True if the line is a photo/image credit ("PHOTO: REUTERS", "Image: AFP").
bool is_photo_credit(std::string_view line);

/// Removes boilerplate blocks in place; also removes a caption that stands right
/// before a photo credit. Returns how many blocks were removed.
std::size_t strip_boilerplate(std::vector<Block>& blocks);

/// The dateline a news paragraph opens with, without its agency and dash:
/// "BEIJING – China's …" → "BEIJING"; "TOKYO, Jan 7 (Reuters) - …" → "TOKYO, Jan 7";
/// "KYIV, Ukraine (AP) — …" → "KYIV, Ukraine". The place must be in capitals and be
/// followed by a dash. "" if the paragraph has no dateline.
std::string find_dateline(std::string_view paragraph);

/// The dateline of a story: find_dateline() of the first of its first three paragraphs
/// that has one (a standfirst may stand before the story's first paragraph). "" if none.
std::string story_dateline(const std::vector<Block>& blocks);

}  // namespace dualdex::ingest
