#include "dualdex/ingest/knowledge_file.hpp"

#include <string_view>

#include "dualdex/ingest/error.hpp"

namespace dualdex::ingest {
namespace {
std::string_view trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}
}  // namespace

KnowledgeFile::KnowledgeFile(const std::filesystem::path& path, Options options)
    : m_path(path), m_options(options), m_in(path, std::ios::binary) {
  if (!m_in && m_options.required) throw KnowledgeError(path.string() + ": cannot open");
}

bool KnowledgeFile::next(std::vector<std::string>& fields) {
  if (!m_in) return false;
  std::string line;
  while (std::getline(m_in, line)) {
    ++m_line;
    const std::string_view l = trim(line);
    if (l.empty() || l.front() == '#') continue;
    fields.clear();
    std::string_view rest = line;
    if (!rest.empty() && rest.back() == '\r') rest.remove_suffix(1);
    for (;;) {
      const std::size_t tab = rest.find('\t');
      fields.emplace_back(trim(rest.substr(0, tab)));
      if (!m_options.allow_empty_fields && fields.back().empty()) {
        fail("empty field " + std::to_string(fields.size()) + " (fields are tab-separated)");
      }
      if (tab == std::string_view::npos) break;
      rest.remove_prefix(tab + 1);
    }
    return true;
  }
  return false;
}

std::string KnowledgeFile::where() const { return m_path.string() + ":" + std::to_string(m_line) + ": "; }

void KnowledgeFile::fail(const std::string& message) const { throw KnowledgeError(where() + message); }

}  // namespace dualdex::ingest
