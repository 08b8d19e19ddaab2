// The run report (JSON) and the one-screen summary of a nightly run.
#include <iomanip>
#include <sstream>

#include "dualdex/nightly/nightly.hpp"

namespace dualdex::nightly {
using J = nlohmann::ordered_json;

nlohmann::ordered_json to_json(const NightlyReport& r) {
  J sources = J::array();
  for (const auto& s : r.sources) {
    J failures = J::array();
    for (const auto& f : s.failures) failures.push_back({{"input", f.input}, {"reason", f.reason}, {"new", f.is_new}});
    J j{{"name", s.name},         {"files", s.files},       {"new", s.added},
        {"changed", s.changed},   {"unchanged", s.unchanged}, {"duplicate", s.duplicates},
        {"failed", s.failed},     {"quarantined", s.quarantined}, {"removed", s.removed},
        {"feeds_fetched", s.fetched}, {"feeds_not_modified", s.not_modified},
        {"seconds", s.seconds},   {"failures", std::move(failures)}};
    if (r.dry_run) {
      j["would_read"] = s.would_read;
      j["would_remove"] = s.would_remove;
    }
    sources.push_back(std::move(j));
  }
  J watch = J::array();
  for (const auto& w : r.watchlist) {
    J hits = J::array();
    for (const auto& h : w.hits) {
      hits.push_back({{"id", h.id}, {"kind", h.kind}, {"date", h.date}, {"title", h.title}, {"source", h.source}});
    }
    J j{{"name", w.name}, {"query", w.query}, {"new_matches", w.new_matches}, {"hits", std::move(hits)}};
    if (!w.error.empty()) j["error"] = w.error;
    watch.push_back(std::move(j));
  }
  J stages = J::object();
  for (const auto& [k, v] : r.stage_seconds) stages[k] = v;
  return J{{"started", r.started},
           {"finished", r.finished},
           {"previous_run", r.previous.empty() ? J(nullptr) : J(r.previous)},
           {"dry_run", r.dry_run},
           {"sources", std::move(sources)},
           {"relinked_measures", r.relinked},
           {"linked_measures", r.linked},
           {"stage_seconds", std::move(stages)},
           {"index_documents", r.index_documents},
           {"index_bytes", r.index_bytes},
           {"new_failures", r.new_failures},
           {"exit_code", r.exit_code},
           {"watchlist", std::move(watch)}};
}

std::string summary(const NightlyReport& r) {
  std::ostringstream out;
  out << "dualdex nightly " << (r.dry_run ? "(dry run) " : "") << r.started << " → " << r.finished
      << (r.previous.empty() ? "  (first run)" : "  (previous run " + r.previous + ")") << '\n';
  out << std::left << std::setw(16) << "source" << std::right << std::setw(7) << "files" << std::setw(6) << "new"
      << std::setw(8) << "changed" << std::setw(10) << "unchanged" << std::setw(6) << "dup" << std::setw(7) << "failed"
      << std::setw(8) << "removed" << std::setw(9) << "seconds" << '\n';
  for (const auto& s : r.sources) {
    out << std::left << std::setw(16) << s.name.substr(0, 15) << std::right << std::setw(7) << s.files << std::setw(6)
        << s.added << std::setw(8) << s.changed << std::setw(10) << s.unchanged << std::setw(6) << s.duplicates
        << std::setw(7) << s.failed + s.quarantined << std::setw(8) << s.removed << std::setw(9) << std::fixed
        << std::setprecision(1) << s.seconds << '\n';
    if (r.dry_run) {
      out << "    would read " << s.would_read.size() << " file(s), remove the documents of " << s.would_remove.size()
          << " vanished file(s)\n";
    }
  }
  for (const auto& s : r.sources) {
    for (const auto& f : s.failures) {
      out << (f.is_new ? "  FAILED   " : "  held     ") << f.input << ": " << f.reason.substr(0, 160) << '\n';
    }
  }
  if (!r.dry_run) {
    out << "links: " << r.relinked << " measure(s) (re)linked, " << r.linked << " with an entry;  index: "
        << r.index_documents << " documents, " << std::fixed << std::setprecision(1)
        << static_cast<double>(r.index_bytes) / (1024.0 * 1024.0) << " MiB;  stages:";
    for (const auto& [k, v] : r.stage_seconds) out << ' ' << k << ' ' << std::setprecision(1) << v << " s";
    out << '\n';
  }
  if (!r.watchlist.empty()) out << "watchlist (new since the previous run):\n";
  for (const auto& w : r.watchlist) {
    out << "  " << w.name << ": " << (w.error.empty() ? std::to_string(w.new_matches) + " new" : "error: " + w.error)
        << '\n';
    for (const auto& h : w.hits) out << "    " << (h.date.empty() ? "----------" : h.date) << "  " << h.title.substr(0, 90) << '\n';
  }
  out << (r.new_failures > 0 ? std::to_string(r.new_failures) + " new failure(s): exit 1" : std::string("no new failures"))
      << '\n';
  return out.str();
}

}  // namespace dualdex::nightly
