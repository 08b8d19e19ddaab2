#include "dualdex/index/stored.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "dualdex/ingest/dates.hpp"
#include "dualdex/ingest/error.hpp"

namespace dualdex::index {
namespace {

using nlohmann::json;

std::optional<ingest::MentionType> mention_type(std::string_view name) {
  using ingest::MentionType;
  for (MentionType t : {MentionType::country, MentionType::agency, MentionType::organisation,
                        MentionType::person, MentionType::item, MentionType::code, MentionType::list,
                        MentionType::date, MentionType::amount, MentionType::instrument}) {
    if (name == ingest::to_string(t)) return t;
  }
  return std::nullopt;
}

json mention_json(const ingest::Mention& m) {
  json j = {{"type", ingest::to_string(m.type)}, {"id", m.id}, {"text", m.text}};
  if (!m.value.empty()) j["value"] = m.value;
  if (m.begin != ingest::Mention::npos) {
    j["start"] = m.begin;
    j["end"] = m.end;
  }
  return j;
}

}  // namespace

std::vector<std::string> StoredDocument::ids_of(ingest::MentionType type) const {
  std::vector<std::string> ids;
  for (const auto& m : mentions) {
    if (m.type == type && !m.id.empty()) ids.push_back(m.id);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::vector<std::string> StoredDocument::filter_ids(ingest::MentionType type) const {
  if (type != ingest::MentionType::country) return ids_of(type);
  std::vector<std::string> ids = countries;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

nlohmann::ordered_json statement_json(const ingest::Statement& s, const std::string& id) {
  return {{"id", id},         {"text", s.text},       {"speaker", s.speaker}, {"role", s.role},
          {"agency", s.agency}, {"country", s.country}, {"date", s.date},      {"start", s.begin},
          {"end", s.end}};
}

nlohmann::ordered_json measure_json(const ingest::Measure& m, const std::string& id) {
  auto or_null = [](const std::string& v) { return v.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(v); };
  return {{"id", id},
          {"action", m.action},
          {"authority", m.authority},
          {"targets", m.targets},
          {"items", m.items},
          {"end_uses", m.end_uses},
          {"end_users", m.end_users},
          {"exempt", m.exempt},
          {"instrument", or_null(m.instrument)},
          {"dates", {{"announced", or_null(m.announced)}, {"effective", or_null(m.effective)},
                     {"suspended_until", or_null(m.suspended_until)}}},
          {"status", or_null(m.status)},
          {"status_as_of", or_null(m.status_as_of)},
          {"text", m.text},
          {"start", m.begin},
          {"end", m.end}};
}

namespace {

ingest::Mention declared(ingest::MentionType type, const std::string& id) {
  ingest::Mention m;
  m.type = type;
  m.id = id;
  return m;
}

// "he-yadong" → "He Yadong": person ids are lower-case names with hyphens.
std::string display_name(const std::string& id) {
  std::string out = id;
  bool start = true;
  for (char& c : out) {
    if (c == '-') {
      c = ' ';
      start = true;
    } else if (start) {
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      start = false;
    }
  }
  return out;
}

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

// The first words of a text, cut on a word near `length` bytes.
std::string first_words(const std::string& text, std::size_t length) {
  if (text.size() <= length) return text;
  std::size_t cut = text.rfind(' ', length);
  if (cut == std::string::npos || cut < length / 2) cut = length;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

// "He Yadong (spokesperson, CN.MOFCOM): Civilian users will not be affected"
std::string statement_title(const ingest::Statement& s) {
  std::string who = s.speaker.empty() ? s.agency : display_name(s.speaker);
  std::vector<std::string> about;
  if (!s.role.empty()) about.push_back(s.role);
  if (!s.speaker.empty() && !s.agency.empty()) about.push_back(s.agency);
  if (!about.empty()) who += " (" + join(about, ", ") + ")";
  return who + ": " + first_words(s.text, 100);
}

// "ban by CN.MOFCOM on JP: dual-use-items (military end use)"
std::string measure_title(const ingest::Measure& m) {
  std::string t = m.action + " by " + m.authority;
  if (!m.targets.empty()) t += " on " + join(m.targets, ", ");
  if (!m.items.empty()) t += ": " + join(m.items, ", ");
  if (!m.end_uses.empty()) t += " (" + join(m.end_uses, ", ") + " end use)";
  return t;
}

// The first of the values that is a calendar date (not a week or a fiscal year).
std::string first_calendar(std::initializer_list<const std::string*> values) {
  for (const std::string* v : values) {
    if (ingest::is_calendar_value(*v)) return *v;
  }
  return {};
}

// A measure's force by its own dates: in force from its effective date (else its
// announcement, else the story's date); a measure said to be suspended until a date is
// suspended from the date of the story that says so; a suspension with an end date ends.
StoredDocument::Force force_of(const ingest::Measure& m, const std::string& published) {
  StoredDocument::Force f;
  f.action = m.action;
  if (m.action == "protest") return f;  // no legal force
  f.from = first_calendar({&m.effective, &m.announced, &m.status_as_of, &published});
  if (!ingest::is_calendar_value(m.suspended_until)) return f;
  if (m.action == "suspension") {
    f.ends = m.suspended_until;
  } else {
    f.suspended_from = first_calendar({&m.status_as_of, &published, &m.announced});
    f.suspended_until = m.suspended_until;
  }
  return f;
}

}  // namespace

std::vector<StoredDocument> children_of(const ingest::AnnotatedDocument& a) {
  using ingest::MentionType;
  std::vector<StoredDocument> out;
  auto base = [&a](const std::string& id, const char* kind, const std::string& text, const std::string& date) {
    StoredDocument c;
    c.id = id;
    c.kind = kind;
    c.parent = a.doc.id;
    c.title = a.doc.title;
    c.published = date.empty() ? a.doc.published : date;
    c.source = a.doc.source;
    c.url = a.doc.url;
    c.lang = a.doc.lang;
    c.format = a.doc.format;
    c.text = text;
    return c;
  };
  for (std::size_t i = 0; i < a.statements.size(); ++i) {
    const ingest::Statement& s = a.statements[i];
    StoredDocument c = base(a.doc.id + "#s" + std::to_string(i + 1), "statement", s.text, s.date);
    c.title = statement_title(s);
    if (!s.speaker.empty()) c.mentions.push_back(declared(MentionType::person, s.speaker));
    if (!s.agency.empty()) c.mentions.push_back(declared(MentionType::agency, s.agency));
    if (!s.country.empty()) c.countries.push_back(s.country);
    for (const auto& [k, v] : {std::pair<const char*, const std::string&>{"speaker", s.speaker}, {"role", s.role}}) {
      if (!v.empty()) c.meta.push_back({k, v});
    }
    c.meta.push_back({"story", a.doc.title});
    out.push_back(std::move(c));
  }
  for (std::size_t i = 0; i < a.measures.size(); ++i) {
    const ingest::Measure& m = a.measures[i];
    StoredDocument c = base(a.doc.id + "#m" + std::to_string(i + 1), "measure", m.text, m.announced);
    c.title = measure_title(m);
    const bool agency = m.authority.find('.') != std::string::npos;
    c.mentions.push_back(declared(agency ? MentionType::agency : MentionType::country, m.authority));
    c.countries.push_back(agency ? m.authority.substr(0, m.authority.find('.')) : m.authority);
    for (const auto& t : m.targets) c.countries.push_back(t);
    for (const auto& t : m.targets) c.mentions.push_back(declared(MentionType::country, t));
    for (const auto& item : m.items) c.mentions.push_back(declared(MentionType::item, item));
    if (!m.instrument.empty()) c.mentions.push_back(declared(MentionType::instrument, m.instrument));
    c.meta.push_back({"action", m.action});
    c.meta.push_back({"authority", m.authority});
    c.force = force_of(m, a.doc.published);
    if (!m.status.empty()) c.meta.push_back({"status", m.status + " as of " + m.status_as_of});
    if (!m.suspended_until.empty()) c.meta.push_back({"suspended_until", m.suspended_until});
    c.meta.push_back({"story", a.doc.title});
    out.push_back(std::move(c));
  }
  return out;
}

StoredDocument to_stored(const ingest::AnnotatedDocument& a) {
  StoredDocument s;
  s.id = a.doc.id;
  s.kind = a.doc.kind;
  s.title = a.doc.title;
  s.published = a.doc.published;
  s.source = a.doc.source;
  s.url = a.doc.url;
  s.lang = a.doc.lang;
  s.languages = a.languages;
  s.format = a.doc.format;
  s.dateline = a.doc.dateline;
  s.text = a.text;
  s.mentions = a.mentions;
  s.countries = a.about_countries;
  s.meta = a.doc.meta;
  for (std::size_t i = 0; i < a.statements.size(); ++i) {
    s.statements.push_back(statement_json(a.statements[i], a.doc.id + "#s" + std::to_string(i + 1)));
  }
  for (std::size_t i = 0; i < a.measures.size(); ++i) {
    s.measures.push_back(measure_json(a.measures[i], a.doc.id + "#m" + std::to_string(i + 1)));
  }
  return s;
}

std::string serialize(const StoredDocument& d) {
  json j = {{"id", d.id},         {"kind", d.kind},         {"title", d.title},
            {"published", d.published}, {"source", d.source}, {"url", d.url},
            {"lang", d.lang},     {"format", d.format},     {"dateline", d.dateline},
            {"text", d.text}};
  if (!d.parent.empty()) j["parent"] = d.parent;
  if (!d.dup_of.empty()) j["dup_of"] = d.dup_of;
  if (d.languages.size() > 1) j["languages"] = d.languages;
  json mentions = json::array();
  for (const auto& m : d.mentions) mentions.push_back(mention_json(m));
  j["mentions"] = std::move(mentions);
  json meta = json::array();
  for (const auto& f : d.meta) meta.push_back({f.key, f.value});
  j["meta"] = std::move(meta);
  j["countries"] = d.countries;
  if (!d.statements.empty()) j["statements"] = json::parse(d.statements.dump());
  if (!d.measures.empty()) j["measures"] = json::parse(d.measures.dump());
  if (!d.links.is_null()) j["links"] = json::parse(d.links.dump());
  // Replace invalid UTF-8 rather than throw: normalization already validated text,
  // but metadata may come straight from a reader.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

StoredDocument parse_stored(const std::string& data) {
  StoredDocument d;
  try {
    const json j = json::parse(data);
    auto str = [&j](const char* key) { return j.value(key, std::string()); };
    d.id = str("id");
    d.kind = str("kind");
    d.parent = str("parent");
    d.dup_of = str("dup_of");
    d.title = str("title");
    d.published = str("published");
    d.source = str("source");
    d.url = str("url");
    d.lang = str("lang");
    if (const auto l = j.find("languages"); l != j.end() && l->is_array()) {
      for (const auto& x : *l) {
        if (x.is_string()) d.languages.push_back(x.get<std::string>());
      }
    }
    d.format = str("format");
    d.dateline = str("dateline");
    d.text = str("text");
    for (const auto& m : j.value("mentions", json::array())) {
      auto type = mention_type(m.value("type", std::string()));
      if (!type) continue;
      ingest::Mention mention;
      mention.type = *type;
      mention.id = m.value("id", std::string());
      mention.text = m.value("text", std::string());
      mention.value = m.value("value", std::string());
      if (m.contains("start")) {
        mention.begin = m["start"].get<std::size_t>();
        mention.end = m.value("end", mention.begin);
      }
      d.mentions.push_back(std::move(mention));
    }
    d.countries = j.value("countries", std::vector<std::string>());
    if (j.contains("statements")) d.statements = nlohmann::ordered_json::parse(j["statements"].dump());
    if (j.contains("measures")) d.measures = nlohmann::ordered_json::parse(j["measures"].dump());
    if (j.contains("links")) d.links = nlohmann::ordered_json::parse(j["links"].dump());
    for (const auto& f : j.value("meta", json::array())) {
      if (f.is_array() && f.size() == 2) d.meta.push_back({f[0].get<std::string>(), f[1].get<std::string>()});
    }
  } catch (const json::exception& e) {
    throw IndexError(std::string("corrupt document data in the index: ") + e.what());
  }
  return d;
}

}  // namespace dualdex::index
