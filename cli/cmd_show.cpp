// dualdex show: one document with its metadata and its mentions marked in its text.
#include <iostream>

#include "commands.hpp"
#include "dualdex/query/link.hpp"
#include "dualdex/index/database.hpp"
#include "dualdex/ingest/error.hpp"
#include "output.hpp"

namespace dualdex::cli {
namespace {

struct ShowArgs {
  std::string index;
  bool allow_partial = false;
  std::string format = "table";
  std::string as_of;
  std::string id;
};

std::string meta_value(const index::StoredDocument& d, const char* key) {
  for (const auto& f : d.meta) {
    if (f.key == key) return f.value;
  }
  return {};
}

std::string instrument_id(const index::StoredDocument& d) {
  const std::string id = meta_value(d, "instrument");
  return id.empty() && d.id.rfind("instrument:", 0) == 0 ? d.id.substr(11) : id;
}

nlohmann::ordered_json history_json(const std::vector<query::Status>& history) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& s : history) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    add_status_json(j, s);
    j.erase("status_as_of");  // each period's status is as of its first day, status_since
    out.push_back(std::move(j));
  }
  return out;
}

int run(const ShowArgs& a) {
  const OutputFormat format = parse_output_format(a.format, false);
  query::OpenOptions open;
  open.allow_partial = a.allow_partial;
  query::Searcher searcher(index::resolve_index_path(a.index), open);
  if (!searcher.missing_shards().empty())
    std::cerr << "dualdex: " << missing_shards_line(searcher.missing_shards()) << '\n';
  const auto doc = searcher.get(a.id);
  if (!doc) {
    std::cerr << "dualdex: no document with id '" << a.id << "'\n";
    return kUsage;
  }
  // Statuses of the document (a measure or an instrument) and of its measures, from the
  // chain of instruments in the index, as of --as-of (default today).
  const std::string as_of = a.as_of.empty() ? query::today() : query::date_period(a.as_of).last;
  const bool is_instrument = doc->kind == "instrument";
  const bool has_status = is_instrument || doc->kind == "measure";
  query::InstrumentChain chain;
  if (has_status || !doc->measures.empty()) chain = searcher.instruments();
  std::optional<query::Status> status;
  if (is_instrument) status = chain.status_on(instrument_id(*doc), as_of);
  if (doc->kind == "measure") status = query::measure_status(chain, query::measure_facts(*doc), as_of);
  std::vector<std::optional<query::Status>> measure_statuses;
  for (const auto& m : doc->measures) measure_statuses.push_back(query::measure_status(chain, query::measure_facts(m), as_of));
  // A list entry: the same code in other lists where it names the same item.
  std::vector<query::ListCode> also_in;
  if (doc->kind == "entry") {
    std::string list, code;
    for (const auto& f : doc->meta) {
      if (f.key == "list") list = f.value;
      if (f.key == "code") code = f.value;
    }
    query::LinkOptions lo;
    lo.allow_partial = a.allow_partial;
    also_in = query::Linker(index::resolve_index_path(a.index), lo).also_in(list, code);
  }
  if (format == OutputFormat::json) {
    nlohmann::ordered_json out = stored_json(*doc);
    if (doc->kind == "entry") {
      out["also_in"] = nlohmann::ordered_json::array();
      for (const auto& x : also_in) out["also_in"].push_back({{"list", x.list}, {"code", x.code}});
    }
    if (has_status) add_status_json(out, status);
    if (is_instrument) out["status_history"] = history_json(chain.history(instrument_id(*doc)));
    for (std::size_t i = 0; i < out["measures"].size(); ++i) {
      if (measure_statuses[i]) add_status_json(out["measures"][i], measure_statuses[i]);
    }
    std::cout << out.dump(2) << '\n';
    return kOk;
  }
  auto line = [](const char* label, const std::string& v) {
    if (!v.empty()) std::cout << label << v << '\n';
  };
  line("id:        ", doc->id);
  line("kind:      ", doc->kind);
  line("parent:    ", doc->parent);
  line("dup of:    ", doc->dup_of);
  line("title:     ", doc->title);
  line("published: ", doc->published);
  line("source:    ", doc->source);
  line("url:       ", doc->url);
  line("lang:      ", doc->lang);
  line("format:    ", doc->format);
  line("dateline:  ", doc->dateline);
  for (const auto& m : doc->meta) std::cout << "meta:      " << m.key << " = " << m.value << '\n';
  if (has_status) std::cout << "status:    " << (status ? status_text(*status) : "unknown") << '\n';
  for (const auto& x : also_in) std::cout << "also in:   " << x.list << ':' << x.code << '\n';
  if (is_instrument) {
    for (const auto& s : chain.history(instrument_id(*doc))) {
      query::Status period = s;  // printed by its first day, without "since" and "as of"
      period.since.clear();
      period.instrument.clear();
      std::cout << "history:   " << s.since << "  " << status_text(period) << '\n';
    }
  }
  for (const auto& m : doc->mentions) {
    if (m.begin == ingest::Mention::npos) {
      std::cout << "declared:  " << ingest::to_string(m.type) << ' ' << m.id << '\n';
    }
  }
  if (!doc->countries.empty()) {
    std::cout << "countries: ";
    for (std::size_t i = 0; i < doc->countries.size(); ++i) std::cout << (i ? ", " : "") << doc->countries[i];
    std::cout << '\n';
  }
  if (doc->links.is_object()) {
    // A measure's control-list links, as the last ingest stored them (dualdex link --doc
    // gives the evidence).
    const auto links = doc->links.value("links", nlohmann::ordered_json::array());
    if (links.empty()) std::cout << "links:     none (" << doc->links.value("abstained", std::string("no entry fits")) << ")\n";
    for (const auto& l : links) {
      const auto code = l.value("code", nlohmann::ordered_json());
      std::cout << "links:     " << l.value("list", std::string()) << ':'
                << (code.is_string() ? code.get<std::string>() : std::string("(whole list)")) << "  score "
                << l.value("score", 0.0) << "  " << l.value("scope", std::string()) << "  " << l.value("title", std::string())
                << '\n';
    }
  }
  std::cout << '\n' << marked_text(*doc) << '\n';
  for (const auto& s : doc->statements) {
    std::cout << "\nstatement " << s.value("id", "") << ": " << s.value("speaker", "") << " ("
              << s.value("role", "") << ", " << s.value("agency", "") << ") " << s.value("date", "") << "\n  \""
              << s.value("text", "") << "\"\n";
  }
  for (std::size_t i = 0; i < doc->measures.size(); ++i) {
    const auto& m = doc->measures[i];
    std::cout << "\nmeasure " << m.value("id", "") << ": " << m.value("action", "") << " by "
              << m.value("authority", "") << "; targets " << m["targets"].dump() << "; items " << m["items"].dump()
              << "; end uses " << m["end_uses"].dump() << "; dates " << m["dates"].dump() << "\n  "
              << m.value("text", "") << "\n";
    if (measure_statuses[i]) std::cout << "  status " << status_text(*measure_statuses[i]) << "\n";
  }
  return kOk;
}

}  // namespace

Command add_show(CLI::App& app) {
  auto a = std::make_shared<ShowArgs>();
  CLI::App* sub = app.add_subcommand("show", "Print one document, its mentions marked in its text");
  sub->add_option("--index", a->index,
                  "Index directory or shard stub file (default: $DUALDEX_INDEX, else ./var/index)");
  sub->add_flag("--allow-partial", a->allow_partial,
                "When a shard does not answer, read the others and name it (else exit 3)");
  sub->add_option("--format", a->format, "table (default) or json");
  sub->add_option("--as-of", a->as_of, "Statuses of measures and instruments as of this date (default: today)");
  sub->add_option("ID", a->id, "Document id (reuters:1, file:seed/story.txt, a URL)")->required();
  return [a] { return run(*a); };
}

}  // namespace dualdex::cli
