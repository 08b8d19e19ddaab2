#pragma once
// One tab-separated knowledge file (corpus/gazetteers/*.tsv, tz's zone.tab), read
// record by record with errors that name the file and line. Every gazetteer loader
// reads its files through this class.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace dualdex::ingest {

class KnowledgeFile {
 public:
  struct Options {
    bool required = true;             ///< a missing file is a KnowledgeError (else: no records)
    bool allow_empty_fields = true;   ///< an empty field is a KnowledgeError when false
  };

  /// Opens path. Throws KnowledgeError ("path: cannot open") when required and missing.
  explicit KnowledgeFile(const std::filesystem::path& path, Options options);
  explicit KnowledgeFile(const std::filesystem::path& path) : KnowledgeFile(path, Options{}) {}

  /// The next record's tab-separated fields, each trimmed of spaces and CR; blank
  /// lines and lines starting with '#' are skipped. False at the end.
  bool next(std::vector<std::string>& fields);

  /// "path:line: " of the current record, for messages.
  std::string where() const;

  /// Throws KnowledgeError "path:line: message".
  [[noreturn]] void fail(const std::string& message) const;

 private:
  std::filesystem::path m_path;
  Options m_options;
  std::ifstream m_in;
  std::size_t m_line = 0;
};

}  // namespace dualdex::ingest
