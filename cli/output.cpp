#include "output.hpp"

#include <unistd.h>

#include <algorithm>
#include <iomanip>
#include <sstream>

#include "dualdex/ingest/error.hpp"

namespace dualdex::cli {
using json = nlohmann::ordered_json;

OutputFormat parse_output_format(const std::string& name, bool csv_allowed) {
  if (name == "table") return OutputFormat::table;
  if (name == "json") return OutputFormat::json;
  if (name == "csv" && csv_allowed) return OutputFormat::csv;
  throw UsageError("unknown --format '" + name + "': use table, json" + (csv_allowed ? " or csv" : ""));
}

bool stdout_is_terminal() { return isatty(STDOUT_FILENO) == 1; }

std::string snippet_to_text(const std::string& html, bool bold) {
  static const std::pair<const char*, const char*> kEntities[] = {
      {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&apos;", "'"}};
  std::string out;
  out.reserve(html.size());
  for (std::size_t i = 0; i < html.size();) {
    if (html.compare(i, 3, "<b>") == 0) {
      if (bold) out += "\x1b[1m";
      i += 3;
      continue;
    }
    if (html.compare(i, 4, "</b>") == 0) {
      if (bold) out += "\x1b[0m";
      i += 4;
      continue;
    }
    bool replaced = false;
    if (html[i] == '&') {
      for (const auto& [entity, ch] : kEntities) {
        const std::size_t n = std::char_traits<char>::length(entity);
        if (html.compare(i, n, entity) == 0) {
          out += ch;
          i += n;
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += html[i++];
  }
  return out;
}

std::string csv_field(const std::string& value) {
  if (value.find_first_of(",\"\n\r") == std::string::npos) return value;
  std::string q = "\"";
  for (char c : value) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

json search_result_json(const query::SearchResult& r) {
  json hits = json::array();
  for (const auto& h : r.hits) {
    hits.push_back({{"id", h.id},
                    {"kind", h.kind},
                    {"title", h.title},
                    {"date", h.date},
                    {"source", h.source},
                    {"url", h.url},
                    {"score", std::round(h.score * 1000) / 1000},
                    {"snippet", h.snippet},
                    {"countries", h.countries},
                    {"agencies", h.agencies},
                    {"items", h.items},
                    {"codes", h.codes},
                    {"dup_of", h.dup_of.empty() ? json() : json(h.dup_of)},
                    {"duplicates", h.duplicates}});
    if (h.kind == "measure" || h.kind == "instrument") add_status_json(hits.back(), h.status);
    if (h.kind == "measure") hits.back()["links"] = h.links;
  }
  json out = {{"query", r.query}, {"total", r.total}, {"total_exact", r.total_exact}, {"offset", r.offset},
              {"hits", std::move(hits)}};
  if (!r.in_force_on.empty()) out["in_force_on"] = r.in_force_on;
  if (!r.status_as_of.empty()) out["status_as_of"] = r.status_as_of;
  if (!r.missing_shards.empty()) out["missing_shards"] = r.missing_shards;
  if (!r.facets.empty()) {
    json facets = json::object();
    for (const auto& [name, counts] : r.facets) {
      // Ordered keys keep the most-frequent-first order in the object form of DESIGN.md §4.
      json obj = json::object();
      for (const auto& [value, n] : counts) obj[value] = n;
      facets[name] = std::move(obj);
    }
    out["facets"] = std::move(facets);
  }
  return out;
}

namespace {
std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

json or_null(const std::string& v) { return v.empty() ? json() : json(v); }
}  // namespace

void add_status_json(json& obj, const std::optional<query::Status>& s) {
  if (!s) {
    obj["status"] = nullptr;
    return;
  }
  obj["status"] = s->status;
  obj["status_as_of"] = or_null(s->as_of);
  obj["status_since"] = or_null(s->since);
  obj["status_until"] = or_null(s->until);
  obj["status_by"] = or_null(s->by);
  obj["status_clauses"] = s->clauses;
  obj["status_instrument"] = or_null(s->instrument);
  obj["status_source"] = s->source;
  obj["in_force"] = s->in_force;
  if (!s->in_force_from.empty()) obj["in_force_from"] = s->in_force_from;
}

std::string status_text(const query::Status& s) {
  std::string out = s.status;
  if (!s.clauses.empty()) out += std::string(" (clause") + (s.clauses.size() > 1 ? "s " : " ") + join(s.clauses, ", ") + ")";
  if (s.status == "consolidated") {
    out += " into " + s.by + (s.in_force ? ", in force there" : ", not in force there");
  } else if (!s.by.empty()) {
    out += " by " + s.by;
  }
  if (!s.until.empty()) out += " until " + s.until;
  if (!s.in_force_from.empty()) out += ", in force from " + s.in_force_from;
  if (!s.since.empty()) out += " (since " + s.since + ")";
  if (s.source == "document") {
    out += " as of " + s.as_of + ", by the document's own dates";
  } else if (!s.instrument.empty()) {
    out += " [" + s.instrument + " as of " + s.as_of + "]";
  }
  return out;
}

std::string missing_shards_line(const std::vector<std::string>& missing) {
  return "partial result: shard" + std::string(missing.size() == 1 ? " " : "s ") + join(missing, ", ") +
         (missing.size() == 1 ? " does" : " do") + " not answer (--allow-partial)";
}

void print_search_table(std::ostream& out, const query::SearchResult& r, bool bold) {
  out << r.total << (r.total_exact ? "" : " (about)") << " match" << (r.total == 1 ? "" : "es");
  if (!r.query.empty()) out << " for \"" << r.query << "\"";
  out << '\n';
  if (!r.missing_shards.empty()) out << missing_shards_line(r.missing_shards) << '\n';
  std::size_t rank = r.offset;
  for (const auto& h : r.hits) {
    out << '\n' << std::setw(3) << ++rank << ". " << (h.date.empty() ? "----------" : h.date) << "  ["
        << h.kind << "]  " << (bold ? "\x1b[1m" : "") << h.title << (bold ? "\x1b[0m" : "") << '\n';
    out << "     " << h.id << "  score " << std::fixed << std::setprecision(2) << h.score << '\n';
    std::vector<std::string> tags;
    if (!h.countries.empty()) tags.push_back("countries " + join(h.countries, ","));
    if (!h.agencies.empty()) tags.push_back("agencies " + join(h.agencies, ","));
    if (!h.items.empty()) tags.push_back("items " + join(h.items, ","));
    if (!h.codes.empty()) tags.push_back("codes " + join(h.codes, ","));
    if (!h.links.empty()) tags.push_back("links " + join(h.links, ","));
    if (!h.dup_of.empty()) tags.push_back("duplicate of " + h.dup_of);
    if (h.duplicates > 0) tags.push_back("duplicates: " + std::to_string(h.duplicates));
    if (!tags.empty()) out << "     " << join(tags, "; ") << '\n';
    if (h.status) out << "     status " << status_text(*h.status) << '\n';
    if (!h.snippet.empty()) out << "     " << snippet_to_text(h.snippet, bold) << '\n';
  }
  for (const auto& [name, counts] : r.facets) {
    out << '\n' << name << ":";
    if (counts.empty()) out << " (none)";
    for (const auto& [value, n] : counts) out << "  " << value << " " << n;
    out << '\n';
  }
}

void print_search_csv(std::ostream& out, const query::SearchResult& r) {
  // New columns go at the end, so that scripts reading columns by position keep working.
  out << "rank,id,kind,date,title,source,url,score,countries,agencies,items,codes,snippet,status,status_since,"
         "status_until,status_by\r\n";
  std::size_t rank = r.offset;
  for (const auto& h : r.hits) {
    std::ostringstream score;
    score << std::fixed << std::setprecision(3) << h.score;
    out << ++rank << ',' << csv_field(h.id) << ',' << csv_field(h.kind) << ',' << csv_field(h.date) << ','
        << csv_field(h.title) << ',' << csv_field(h.source) << ',' << csv_field(h.url) << ',' << score.str() << ','
        << csv_field(join(h.countries, ";")) << ',' << csv_field(join(h.agencies, ";")) << ','
        << csv_field(join(h.items, ";")) << ',' << csv_field(join(h.codes, ";")) << ','
        << csv_field(snippet_to_text(h.snippet, false)) << ',' << csv_field(h.status ? h.status->status : "") << ','
        << csv_field(h.status ? h.status->since : "") << ',' << csv_field(h.status ? h.status->until : "") << ','
        << csv_field(h.status ? h.status->by : "") << "\r\n";
  }
}

json entities_json(const std::vector<ingest::Mention>& mentions) {
  json out = json::array();
  for (const auto& m : mentions) {
    json e = {{"type", ingest::to_string(m.type)}, {"id", m.id}, {"text", m.text}};
    if (!m.value.empty()) e["value"] = m.value;
    if (m.begin != ingest::Mention::npos) {
      e["start"] = m.begin;
      e["end"] = m.end;
    } else {
      e["declared"] = true;
    }
    out.push_back(std::move(e));
  }
  return out;
}

json stored_json(const index::StoredDocument& d) {
  json meta = json::object();
  for (const auto& f : d.meta) meta[f.key] = f.value;
  json out = {{"id", d.id},     {"kind", d.kind},         {"title", d.title},   {"published", d.published},
              {"source", d.source}, {"url", d.url},       {"lang", d.lang},     {"format", d.format},
              {"dateline", d.dateline}, {"countries", d.countries}, {"entities", entities_json(d.mentions)},
              {"statements", d.statements}, {"measures", d.measures}, {"meta", std::move(meta)},
              {"text", d.text}};
  if (!d.parent.empty()) out["parent"] = d.parent;
  if (!d.dup_of.empty()) out["dup_of"] = d.dup_of;
  if (d.links.is_object()) {
    out["links"] = d.links.value("links", json::array());
    if (d.links.contains("abstained")) out["links_abstained"] = d.links["abstained"];
  }
  return out;
}

std::string marked_text(const index::StoredDocument& d) {
  std::vector<const ingest::Mention*> located;
  for (const auto& m : d.mentions) {
    if (m.begin != ingest::Mention::npos && m.begin < m.end && m.end <= d.text.size()) located.push_back(&m);
  }
  std::sort(located.begin(), located.end(), [](const auto* a, const auto* b) {
    return a->begin != b->begin ? a->begin < b->begin : a->end > b->end;
  });
  std::string out;
  std::size_t pos = 0;
  for (const auto* m : located) {
    if (m->begin < pos) continue;  // overlapping mention: the outer one is marked
    out.append(d.text, pos, m->begin - pos);
    // Dates and amounts are known by their value ("2026-01-08", "JPY 9e12"), the rest by id.
    const bool by_value = m->type == ingest::MentionType::date || m->type == ingest::MentionType::amount;
    out += "[" + d.text.substr(m->begin, m->end - m->begin) + "]{" + ingest::to_string(m->type) + ":" +
           (by_value || m->id.empty() ? m->value : m->id) + "}";
    pos = m->end;
  }
  out.append(d.text, pos, std::string::npos);
  return out;
}

}  // namespace dualdex::cli
