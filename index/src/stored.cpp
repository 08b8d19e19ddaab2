#include "dualdex/index/stored.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

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

StoredDocument to_stored(const ingest::AnnotatedDocument& a) {
  StoredDocument s;
  s.id = a.doc.id;
  s.kind = a.doc.kind;
  s.title = a.doc.title;
  s.published = a.doc.published;
  s.source = a.doc.source;
  s.url = a.doc.url;
  s.lang = a.doc.lang;
  s.format = a.doc.format;
  s.dateline = a.doc.dateline;
  s.text = a.text;
  s.mentions = a.mentions;
  s.meta = a.doc.meta;
  return s;
}

std::string serialize(const StoredDocument& d) {
  json j = {{"id", d.id},         {"kind", d.kind},         {"title", d.title},
            {"published", d.published}, {"source", d.source}, {"url", d.url},
            {"lang", d.lang},     {"format", d.format},     {"dateline", d.dateline},
            {"text", d.text}};
  if (!d.parent.empty()) j["parent"] = d.parent;
  json mentions = json::array();
  for (const auto& m : d.mentions) mentions.push_back(mention_json(m));
  j["mentions"] = std::move(mentions);
  json meta = json::array();
  for (const auto& f : d.meta) meta.push_back({f.key, f.value});
  j["meta"] = std::move(meta);
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
    d.title = str("title");
    d.published = str("published");
    d.source = str("source");
    d.url = str("url");
    d.lang = str("lang");
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
    for (const auto& f : j.value("meta", json::array())) {
      if (f.is_array() && f.size() == 2) d.meta.push_back({f[0].get<std::string>(), f[1].get<std::string>()});
    }
  } catch (const json::exception& e) {
    throw IndexError(std::string("corrupt document data in the index: ") + e.what());
  }
  return d;
}

}  // namespace dualdex::index
