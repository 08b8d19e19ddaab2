#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "dualdex/ingest/dates.hpp"
#include "dualdex/ingest/error.hpp"
#include "dualdex/query/instruments.hpp"

namespace dualdex::query {
namespace {

// Chains are short; the guard only stops a cycle in bad data (A suspends B suspends A).
constexpr int kMaxDepth = 16;

// ---- calendar days (proleptic Gregorian; Howard Hinnant's days_from_civil) ----
long days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

std::string civil_from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long y = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04ld-%02u-%02u", y + (m <= 2), m, d);
  return buf;
}

long to_days(const std::string& ymd) {
  return days_from_civil(std::stoi(ymd.substr(0, 4)),
                         static_cast<unsigned>(std::stoi(ymd.substr(5, 2))),
                         static_cast<unsigned>(std::stoi(ymd.substr(8, 2))));
}

std::string next_day(const std::string& ymd) {
  return civil_from_days(to_days(ymd) + 1);
}
std::string prev_day(const std::string& ymd) {
  return civil_from_days(to_days(ymd) - 1);
}

// First and last day of a TIMEX3 calendar value ("2025-10" → 2025-10-01 / 2025-10-31); "" if not
// one.
std::string first_day(const std::string& timex) {
  if (!ingest::is_calendar_value(timex)) return {};
  if (timex.size() == 4) return timex + "-01-01";
  if (timex.size() == 7) return timex + "-01";
  return timex;
}

std::string last_day(const std::string& timex) {
  if (!ingest::is_calendar_value(timex)) return {};
  if (timex.size() == 4) return timex + "-12-31";
  if (timex.size() == 7) {
    const int y = std::stoi(timex.substr(0, 4));
    const unsigned m = static_cast<unsigned>(std::stoi(timex.substr(5, 2)));
    const long next_month = m == 12 ? days_from_civil(y + 1, 1, 1) : days_from_civil(y, m + 1, 1);
    return civil_from_days(next_month - 1);
  }
  return timex;
}

std::string meta_value(const index::StoredDocument& d, const char* key) {
  for (const auto& f : d.meta) {
    if (f.key == key) return f.value;
  }
  return {};
}

bool same_period(const Status& a, const Status& b) {
  return a.status == b.status && a.by == b.by && a.until == b.until && a.clauses == b.clauses &&
         a.in_force == b.in_force;
}

}  // namespace

std::string Instrument::start() const {
  return first_day(effective.empty() ? issued : effective);
}

InstrumentChain::InstrumentChain(std::vector<Instrument> instruments) {
  for (auto& inst : instruments) {
    if (inst.id.empty() || m_instruments.count(inst.id) != 0) continue;
    const std::string id = inst.id;
    m_instruments.emplace(id, std::move(inst));
  }
  std::set<std::string> days;
  for (const auto& [id, inst] : m_instruments) {
    if (const std::string s = inst.start(); !s.empty()) days.insert(s);
    if (const std::string s = first_day(inst.issued); !s.empty()) days.insert(s);
    for (std::size_t i = 0; i < inst.actions.size(); ++i) {
      const InstrumentAction& a = inst.actions[i];
      for (const auto& t : a.targets) m_incoming[t].push_back(Incoming{id, i});
      if (const std::string u = last_day(a.until); !u.empty()) days.insert(next_day(u));
    }
  }
  m_boundaries.assign(days.begin(), days.end());
}

InstrumentChain InstrumentChain::from_documents(const std::vector<index::StoredDocument>& docs,
                                                std::vector<std::string>* problems) {
  std::vector<Instrument> out;
  for (const auto& d : docs) {
    if (d.kind != "instrument") continue;
    Instrument inst;
    inst.id = meta_value(d, "instrument");
    if (inst.id.empty() && d.id.rfind("instrument:", 0) == 0) inst.id = d.id.substr(11);
    inst.title = d.title;
    inst.issued = meta_value(d, "issued");
    inst.effective = meta_value(d, "effective");
    try {
      const std::string actions = meta_value(d, "actions");
      const auto j = nlohmann::json::parse(actions.empty() ? "[]" : actions);
      for (const auto& a : j) {
        InstrumentAction action;
        action.type = a.value("type", std::string());
        action.targets = a.value("targets", std::vector<std::string>());
        if (a.contains("clauses") && a["clauses"].is_array())
          action.clauses = a["clauses"].get<std::vector<std::string>>();
        if (a.contains("until") && a["until"].is_string())
          action.until = a["until"].get<std::string>();
        inst.actions.push_back(std::move(action));
      }
    } catch (const nlohmann::json::exception& e) {
      if (problems != nullptr) problems->push_back(d.id + ": unreadable actions: " + e.what());
      continue;
    }
    if (inst.id.empty() || inst.start().empty()) {
      if (problems != nullptr) problems->push_back(d.id + ": no instrument id or date");
      continue;
    }
    out.push_back(std::move(inst));
  }
  return InstrumentChain(std::move(out));
}

const Instrument* InstrumentChain::find(const std::string& id) const {
  const auto it = m_instruments.find(id);
  return it == m_instruments.end() ? nullptr : &it->second;
}

std::vector<std::string> InstrumentChain::ids() const {
  std::vector<std::string> out;
  for (const auto& [id, inst] : m_instruments) out.push_back(id);
  return out;
}

bool InstrumentChain::in_force(const std::string& id, const std::string& date, int depth) const {
  const Instrument* inst = find(id);
  if (inst == nullptr || depth > kMaxDepth) return true;
  return raw_status(*inst, date, depth).in_force;
}

Status InstrumentChain::raw_status(const Instrument& inst, const std::string& date,
                                   int depth) const {
  Status s;
  s.as_of = date;
  s.instrument = inst.id;
  s.source = "instruments";
  const std::string start = inst.start();
  if (!start.empty() && date < start) {
    s.status = "not-yet-in-force";
    s.in_force_from = start;
    return s;
  }
  // The actions aimed at this instrument, with their actors.
  struct Aimed {
    const Instrument* actor;
    const InstrumentAction* action;
  };
  std::vector<Aimed> incoming;
  if (const auto found = m_incoming.find(inst.id); found != m_incoming.end()) {
    for (const auto& inc : found->second) {
      const Instrument* actor = find(inc.actor);
      incoming.push_back(Aimed{actor, &actor->actions[inc.action]});
    }
  }

  // Lifted, replaced or consolidated: the earliest that has taken effect.
  const Aimed* terminal = nullptr;
  std::string terminal_day;
  for (const auto& inc : incoming) {
    const std::string& type = inc.action->type;
    if (type != "lifts" && type != "replaces" && type != "consolidates") continue;
    if (!inc.action->clauses.empty()) continue;
    const std::string day = inc.actor->start();
    if (day.empty() || day > date) continue;
    if (terminal == nullptr || day < terminal_day ||
        (day == terminal_day && inc.actor->id < terminal->actor->id)) {
      terminal = &inc;
      terminal_day = day;
    }
  }
  if (terminal != nullptr) {
    const std::string& type = terminal->action->type;
    s.status = type == "lifts" ? "lifted" : type == "replaces" ? "replaced" : "consolidated";
    s.since = terminal_day;
    s.by = terminal->actor->id;
    // Its controls live on in the consolidator: in force while that one is.
    s.in_force = type == "consolidates" && in_force(terminal->actor->id, date, depth + 1);
    return s;
  }

  // Suspensions in effect on the date, whole or of some clauses.
  const Aimed* whole = nullptr;
  const Aimed* partial = nullptr;
  bool whole_open = false, partial_open = false;
  std::string whole_until, partial_until;
  std::set<std::string> clauses;
  for (const auto& inc : incoming) {
    if (inc.action->type != "suspends") continue;
    const std::string day = inc.actor->start();
    if (day.empty() || day > date) continue;
    const std::string until = last_day(inc.action->until);
    if (!until.empty() && until < date) continue;
    if (!in_force(inc.actor->id, date, depth + 1))
      continue;  // the suspender was lifted or replaced
    const bool is_whole = inc.action->clauses.empty();
    const Aimed*& best = is_whole ? whole : partial;
    bool& open = is_whole ? whole_open : partial_open;
    std::string& last = is_whole ? whole_until : partial_until;
    if (best == nullptr || day > best->actor->start() ||
        (day == best->actor->start() && inc.actor->id > best->actor->id)) {
      best = &inc;
    }
    if (until.empty()) open = true;
    if (until > last) last = until;
    if (!is_whole) clauses.insert(inc.action->clauses.begin(), inc.action->clauses.end());
  }
  if (whole != nullptr) {
    s.status = "suspended";
    s.by = whole->actor->id;
    s.since = whole->actor->start();
    s.until = whole_open ? "" : whole_until;
    return s;
  }
  s.in_force = true;
  if (partial != nullptr) {
    s.status = "partly-suspended";
    s.by = partial->actor->id;
    s.since = partial->actor->start();
    s.until = partial_open ? "" : partial_until;
    s.clauses.assign(clauses.begin(), clauses.end());
    return s;
  }
  s.status = "in-force";
  s.since = start;
  return s;
}

std::optional<Status> InstrumentChain::status_on(const std::string& id,
                                                 const std::string& date) const {
  const Instrument* inst = find(id);
  if (inst == nullptr) return std::nullopt;
  Status s = raw_status(*inst, date, 0);
  if (s.status == "in-force") {
    // In force again after a suspension: since the first day of this unbroken stretch.
    const std::string start = inst->start();
    auto b = std::upper_bound(m_boundaries.begin(), m_boundaries.end(), date);
    while (b != m_boundaries.begin()) {
      --b;
      if (*b <= start) break;
      if (raw_status(*inst, prev_day(*b), 0).status != "in-force") {
        s.since = *b;
        break;
      }
    }
  }
  return s;
}

std::set<std::string> InstrumentChain::in_force_between(const std::string& first,
                                                        const std::string& last) const {
  std::set<std::string> out;
  // Statuses change only on boundary days, so the first day and the boundaries inside
  // the period are all the days worth asking about.
  std::vector<std::string> days{first};
  for (auto b = std::upper_bound(m_boundaries.begin(), m_boundaries.end(), first);
       b != m_boundaries.end() && *b <= last; ++b) {
    days.push_back(*b);
  }
  for (const auto& [id, inst] : m_instruments) {
    for (const auto& day : days) {
      if (raw_status(inst, day, 0).in_force) {
        out.insert(id);
        break;
      }
    }
  }
  return out;
}

std::vector<Status> InstrumentChain::history(const std::string& id) const {
  std::vector<Status> out;
  const Instrument* inst = find(id);
  if (inst == nullptr) return out;
  const std::string start = inst->start();
  const std::string issued = first_day(inst->issued);
  std::set<std::string> days;
  if (!issued.empty() && issued < start) days.insert(issued);
  if (!start.empty()) days.insert(start);
  for (const auto& b : m_boundaries) {
    if (b > start) days.insert(b);
  }
  for (const auto& day : days) {
    Status s = *status_on(id, day);
    if (!out.empty() && same_period(out.back(), s)) continue;
    s.since = day;
    out.push_back(std::move(s));
  }
  return out;
}

MeasureFacts measure_facts(const index::StoredDocument& m) {
  MeasureFacts f;
  for (const auto& mention : m.mentions) {
    if (mention.type == ingest::MentionType::instrument && !mention.id.empty()) {
      f.instrument = mention.id;
      break;
    }
  }
  // "in-force as of 2026-01-08" (index/stored.cpp children_of).
  const std::string status = meta_value(m, "status");
  const auto as_of = status.find(" as of ");
  f.status = status.substr(0, as_of);
  if (as_of != std::string::npos) f.status_as_of = status.substr(as_of + 7);
  f.suspended_until = meta_value(m, "suspended_until");
  return f;
}

MeasureFacts measure_facts(const nlohmann::ordered_json& m) {
  auto str = [](const nlohmann::ordered_json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  MeasureFacts f;
  f.instrument = str(m, "instrument");
  f.status = str(m, "status");
  f.status_as_of = str(m, "status_as_of");
  if (const auto d = m.find("dates"); d != m.end() && d->is_object())
    f.suspended_until = str(*d, "suspended_until");
  return f;
}

std::optional<Status> measure_status(const InstrumentChain& chain, const MeasureFacts& m,
                                     const std::string& date) {
  if (!m.instrument.empty()) {
    if (auto s = chain.status_on(m.instrument, date)) return s;
  }
  if (m.status.empty()) return std::nullopt;
  Status s;
  s.status = m.status;
  s.as_of = m.status_as_of;
  if (m.status == "suspended") s.until = m.suspended_until;
  s.source = "document";
  s.in_force = m.status == "in-force";
  return s;
}

std::string today() {
  if (const char* env = std::getenv("DUALDEX_TODAY"); env != nullptr && *env) {
    const std::string v = env;
    if (v.size() != 10 || !ingest::is_calendar_value(v)) {
      throw UsageError("DUALDEX_TODAY='" + v + "' is not a date: use YYYY-MM-DD");
    }
    return v;
  }
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &local);
  return buf;
}

DatePeriod date_period(const std::string& value) {
  std::string v = value;
  if ((v.size() == 8 || v.size() == 6) &&
      std::all_of(v.begin(), v.end(), [](unsigned char c) { return std::isdigit(c); })) {
    v = v.substr(0, 4) + "-" + v.substr(4, 2) + (v.size() == 8 ? "-" + v.substr(6, 2) : "");
  }
  if (!ingest::is_calendar_value(v)) {
    throw UsageError("bad date '" + value + "': use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2026-01-01)");
  }
  return {first_day(v), last_day(v)};
}

}  // namespace dualdex::query
