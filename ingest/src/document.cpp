#include "dualdex/ingest/document.hpp"

#include <cctype>

namespace dualdex::ingest {

const char* to_string(BlockKind kind) {
  switch (kind) {
    case BlockKind::heading:
      return "heading";
    case BlockKind::paragraph:
      return "paragraph";
    case BlockKind::quote:
      return "quote";
    case BlockKind::list_item:
      return "list-item";
    case BlockKind::table_cell:
      return "table-cell";
  }
  return "paragraph";
}

const char* to_string(MentionType type) {
  switch (type) {
    case MentionType::country:
      return "country";
    case MentionType::agency:
      return "agency";
    case MentionType::organisation:
      return "organisation";
    case MentionType::person:
      return "person";
    case MentionType::item:
      return "item";
    case MentionType::code:
      return "code";
    case MentionType::list:
      return "list";
    case MentionType::date:
      return "date";
    case MentionType::amount:
      return "amount";
    case MentionType::instrument:
      return "instrument";
  }
  return "country";
}

std::string canonical_id(MentionType type, std::string_view id) {
  while (!id.empty() && std::isspace(static_cast<unsigned char>(id.front()))) id.remove_prefix(1);
  while (!id.empty() && std::isspace(static_cast<unsigned char>(id.back()))) id.remove_suffix(1);
  std::string out(id);
  auto map = [&out](int (*f)(int)) {
    for (char& c : out) c = static_cast<char>(f(static_cast<unsigned char>(c)));
  };
  switch (type) {
    case MentionType::country:
    case MentionType::agency:
    case MentionType::instrument:
      map(::toupper);
      break;
    case MentionType::item:
    case MentionType::person:
    case MentionType::organisation:
    case MentionType::list:
      map(::tolower);
      break;
    case MentionType::code:
    case MentionType::date:
    case MentionType::amount:
      break;
  }
  return out;
}

std::string Document::plain_text() const {
  std::string out;
  std::size_t size = 0;
  for (const Block& b : blocks) size += b.text.size() + 2;
  out.reserve(size);
  for (const Block& b : blocks) {
    if (!out.empty()) out += "\n\n";
    out += b.text;
  }
  return out;
}

}  // namespace dualdex::ingest
