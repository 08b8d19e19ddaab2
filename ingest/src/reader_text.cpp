// Plain-text reader: text files, including articles copied from a web page with the
// page's chrome still in them ("Sign up now: …", "PHOTO: REUTERS", "Follow topic:").
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "dualdex/ingest/boilerplate.hpp"
#include "dualdex/ingest/encoding.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/ingest/reader.hpp"
#include "text_util.hpp"

namespace dualdex::ingest {
namespace {

using detail::code_point_count;
using detail::trim;

// A title fits on a line and in a search result.
constexpr std::size_t kMaxTitleChars = 200;
// Headings are a few words; longer unpunctuated lines are paragraphs cut short.
constexpr std::size_t kMaxHeadingWords = 12;
// Hard-wrapped text breaks lines at a fixed width; wider lines are paragraphs.
constexpr std::size_t kMaxWrapWidth = 120;

[[noreturn]] void fail(const InputInfo& info, std::string_view problem) {
  const std::string name = info.path.empty() ? std::string("<input>") : info.path;
  throw InputError(name + ": " + std::string(problem));
}

// A block and whether it came from one line (only those can be titles or headings).
struct TextBlock {
  Block block;
  bool single_line = true;
};

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != '\n' && text[i] != '\r') continue;
    lines.push_back(trim(text.substr(start, i - start)));
    if (i + 1 < text.size() && text[i] == '\r' && text[i + 1] == '\n') ++i;
    start = i + 1;
  }
  return lines;
}

// Bulleted lines ("- item", "• item", "* item") are list items without their bullet.
TextBlock block_from_line(std::string_view line) {
  for (std::string_view bullet : {"- ", "* ", "\xE2\x80\xA2 ", "\xE2\x80\xA3 ", "\xC2\xB7 "}) {
    if (line.starts_with(bullet)) {
      return {Block{BlockKind::list_item, std::string(trim(line.substr(bullet.size())))}, true};
    }
  }
  return {Block{BlockKind::paragraph, std::string(line)}, true};
}

// Lines of a hard-wrapped paragraph were broken where the next word would not fit:
// each line plus the next line's first word is wider than the widest line. A title,
// source and date on consecutive lines are not wrapped text, nor are chrome or bullets.
bool looks_hard_wrapped(const std::vector<std::string_view>& group) {
  if (group.size() < 2) return false;
  std::size_t width = 0;
  for (std::string_view line : group) width = std::max(width, code_point_count(line));
  if (width > kMaxWrapWidth) return false;
  for (std::size_t i = 0; i + 1 < group.size(); ++i) {
    const std::string_view next_word = detail::split_words(group[i + 1]).front();
    if (code_point_count(group[i]) + 1 + code_point_count(next_word) <= width) return false;
  }
  return std::none_of(group.begin(), group.end(), [](std::string_view line) {
    return is_boilerplate_line(line) || block_from_line(line).block.kind == BlockKind::list_item;
  });
}

// Joins wrapped lines with a space, except between Chinese or Japanese characters,
// which are written without spaces.
std::string join_wrapped(const std::vector<std::string_view>& group) {
  std::string text;
  for (std::string_view line : group) {
    if (!text.empty()) {
      const bool unspaced = detail::is_unspaced_script(detail::last_code_point(text)) &&
                            detail::is_unspaced_script(detail::first_code_point(line));
      if (!unspaced) text += ' ';
    }
    text += line;
  }
  return text;
}

void add_group(std::vector<std::string_view>& group, std::vector<TextBlock>& blocks) {
  if (group.empty()) return;
  if (looks_hard_wrapped(group)) {
    blocks.push_back({Block{BlockKind::paragraph, join_wrapped(group)}, false});
  } else {
    for (std::string_view line : group) blocks.push_back(block_from_line(line));
  }
  group.clear();
}

// With blank lines, paragraphs are separated by them (and may be hard-wrapped);
// without, every line is a paragraph (text copied from a web page).
std::vector<TextBlock> blocks_from_lines(const std::vector<std::string_view>& lines) {
  std::vector<TextBlock> blocks;
  const auto first = std::find_if(lines.begin(), lines.end(), [](auto l) { return !l.empty(); });
  const auto last = std::find_if(lines.rbegin(), lines.rend(), [](auto l) { return !l.empty(); });
  const bool has_blank_lines =
      first != lines.end() && std::find(first, last.base(), std::string_view()) != last.base();
  std::vector<std::string_view> group;
  for (std::string_view line : lines) {
    if (line.empty()) {
      add_group(group, blocks);
    } else if (has_blank_lines) {
      group.push_back(line);
    } else {
      blocks.push_back(block_from_line(line));
    }
  }
  add_group(group, blocks);
  return blocks;
}

bool looks_like_title(const TextBlock& b) {
  const std::string_view text = b.block.text;
  return b.single_line && b.block.kind == BlockKind::paragraph &&
         code_point_count(text) <= kMaxTitleChars && !text.ends_with('.') &&
         !text.ends_with("\xE3\x80\x82") && find_dateline(text).empty();
}

// The first line is the title when it looks like one and something follows it. Lines
// of chrome before it ("Skip to content") go with it.
std::string take_title(std::vector<TextBlock>& blocks) {
  const auto first = std::find_if(blocks.begin(), blocks.end(), [](const TextBlock& b) {
    return !is_boilerplate_line(b.block.text);
  });
  if (first == blocks.end() || first + 1 == blocks.end() || !looks_like_title(*first)) return {};
  std::string title = std::move(first->block.text);
  blocks.erase(blocks.begin(), first + 1);
  return title;
}

bool looks_like_heading(const TextBlock& b) {
  const std::string_view text = b.block.text;
  if (!b.single_line || b.block.kind != BlockKind::paragraph) return false;
  if (detail::word_count(text) > kMaxHeadingWords || detail::ends_sentence(text)) return false;
  // "… opposed the move. AFP": a sentence with a sign-off is not a heading.
  if (text.find(". ") != std::string_view::npos) return false;
  const UChar32 last = detail::last_code_point(text);
  const bool open_ended = last == ',' || last == ';' || last == ':' || last == 0xFF0C ||
                          last == 0x3001 || last == 0x201D || last == '"';
  return !open_ended && find_dateline(text).empty();
}

// Short unpunctuated lines that introduce more text are section headings, once the
// story has begun (before its first sentence they are the source, date or kicker).
// News has no sub-sub-headings: a second such line in a row is a short paragraph.
void mark_headings(std::vector<TextBlock>& blocks) {
  bool story_begun = false;
  for (std::size_t i = 0; i + 1 < blocks.size(); ++i) {
    const bool after_heading = i > 0 && blocks[i - 1].block.kind == BlockKind::heading;
    if (story_begun && !after_heading && looks_like_heading(blocks[i])) {
      blocks[i].block.kind = BlockKind::heading;
    }
    story_begun = story_begun || detail::ends_sentence(blocks[i].block.text) ||
                  detail::word_count(blocks[i].block.text) > kMaxHeadingWords;
  }
}

std::vector<Block> plain_blocks(std::vector<TextBlock>& blocks) {
  std::vector<Block> out;
  out.reserve(blocks.size());
  for (TextBlock& b : blocks) out.push_back(std::move(b.block));
  return out;
}

}  // namespace

ReadResult read_text(std::string_view bytes, const InputInfo& info) {
  if (bytes.empty()) fail(info, "empty file");
  if (looks_binary(bytes)) fail(info, "binary data, not text");
  DecodedText decoded = decode_to_utf8(bytes);
  const std::vector<std::string_view> lines = split_lines(decoded.utf8);
  std::vector<TextBlock> blocks = blocks_from_lines(lines);
  if (blocks.empty()) fail(info, "no text (only whitespace)");

  Document doc;
  doc.format = "text";
  doc.title = take_title(blocks);
  mark_headings(blocks);
  doc.blocks = plain_blocks(blocks);
  strip_boilerplate(doc.blocks);
  // Chrome after the last line is gone now; a heading introduces text, so a heading
  // at the end was a short closing line.
  if (!doc.blocks.empty() && doc.blocks.back().kind == BlockKind::heading) {
    doc.blocks.back().kind = BlockKind::paragraph;
  }
  if (doc.title.empty() && doc.blocks.empty())
    fail(info, "no text left after removing page chrome");
  doc.dateline = story_dateline(doc.blocks);
  doc.meta.push_back({"encoding", decoded.encoding});

  ReadResult result;
  result.documents.push_back(std::move(doc));
  return result;
}

}  // namespace dualdex::ingest
