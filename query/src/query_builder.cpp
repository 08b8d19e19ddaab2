#include "query_builder.hpp"

#include <algorithm>
#include <cctype>
#include <memory>
#include <set>

#include "dualdex/index/schema.hpp"
#include "dualdex/ingest/cjk.hpp"
#include "dualdex/ingest/error.hpp"

namespace dualdex::query::detail {
namespace schema = index::schema;
namespace {

constexpr const char* kKinds[] = {"article", "statement", "measure", "entry", "instrument"};
// "kind:any" lifts the default restriction to articles.
constexpr const char* kAnyKind = "any";

const schema::Filter* find_filter(std::string_view field) {
  for (const auto& f : schema::kFilters) {
    if (field == f.field) return &f;
  }
  return nullptr;
}

Xapian::Query filter_query(const schema::Filter& f, const std::string& raw) {
  std::string value = raw;
  // Values may be quoted in the query string: country:"JP".
  value.erase(std::remove(value.begin(), value.end(), '"'), value.end());
  if (value.empty()) throw UsageError(std::string("empty value for ") + f.field + ":");
  if (std::string_view(f.field) == "kind") {
    const std::string k = schema::normalize_filter_value("lower", value);
    if (k == kAnyKind) return Xapian::Query::MatchAll;
    if (std::none_of(std::begin(kKinds), std::end(kKinds),
                     [&k](const char* x) { return k == x; })) {
      throw UsageError("unknown kind '" + value +
                       "': use article, statement, measure, entry, instrument or any");
    }
  }
  if (f.prefix == schema::kCode) {
    // A code finds what names it and the measures linked to it (relink).
    return Xapian::Query(
        Xapian::Query::OP_OR, Xapian::Query(schema::filter_term(f.prefix, f.normalize, value)),
        Xapian::Query(schema::filter_term(schema::kLinkedCode, f.normalize, value)));
  }
  return Xapian::Query(schema::filter_term(f.prefix, f.normalize, value));
}

// An exception must not cross Xapian's query parser (it leaks the parser's state),
// so processors record the first error and build_query throws it after parsing.
using ParseError = std::shared_ptr<std::string>;

template <typename Build>
Xapian::Query guarded(const ParseError& error, Build build) {
  try {
    return build();
  } catch (const UsageError& e) {
    if (error->empty()) *error = e.what();
    return Xapian::Query::MatchNothing;
  }
}

// Field values typed after a prefix ("country:jp") are normalized like the index.
class FilterProcessor : public Xapian::FieldProcessor {
 public:
  FilterProcessor(const schema::Filter& f, ParseError error)
      : m_filter(f), m_error(std::move(error)) {}
  Xapian::Query operator()(const std::string& value) override {
    return guarded(m_error, [&] { return filter_query(m_filter, value); });
  }

 private:
  const schema::Filter& m_filter;
  ParseError m_error;
};

// "2025-12..2026", "..2026-01-08", "2025..": inclusive calendar ranges on the date slot.
class DateRangeProcessor : public Xapian::RangeProcessor {
 public:
  explicit DateRangeProcessor(ParseError error = std::make_shared<std::string>())
      : Xapian::RangeProcessor(schema::kSlotDate), m_error(std::move(error)) {}
  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    return guarded(m_error, [&] { return range(begin, end); });
  }
  /// The range query; throws UsageError.
  Xapian::Query range(const std::string& begin, const std::string& end) const {
    if (begin.empty() && end.empty()) throw UsageError("empty date range '..'");
    if (begin.empty())
      return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, date_bound(end, true));
    if (end.empty())
      return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, date_bound(begin, false));
    const std::string lo = date_bound(begin, false), hi = date_bound(end, true);
    if (lo > hi) throw UsageError("date range " + begin + ".." + end + " ends before it starts");
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi);
  }

 private:
  ParseError m_error;
};

// Xapian's parser reads an unknown "foo:bar" as two words; an analyst who mistyped
// a field deserves an error instead.
void check_field_prefixes(const std::string& q) {
  bool in_quotes = false;
  for (std::size_t i = 0; i < q.size(); ++i) {
    const char c = q[i];
    if (c == '"') {
      in_quotes = !in_quotes;
      continue;
    }
    if (in_quotes || c != ':' || i == 0) continue;
    std::size_t start = i;
    while (start > 0 &&
           (std::isalnum(static_cast<unsigned char>(q[start - 1])) || q[start - 1] == '_'))
      --start;
    if (start == i || !std::isalpha(static_cast<unsigned char>(q[start]))) continue;
    const std::string field = q.substr(start, i - start);
    const bool empty_value =
        i + 1 >= q.size() || std::isspace(static_cast<unsigned char>(q[i + 1]));
    if (field == "title" || find_filter(field) != nullptr) {
      if (empty_value) throw UsageError("no value after '" + field + ":' in query");
      continue;
    }
    if (empty_value) continue;  // "note: ..." is text, not a field
    std::string known = "title";
    for (const auto& f : schema::kFilters) known += std::string(", ") + f.field;
    throw UsageError("unknown field '" + field + ":' in query (known: " + known + ")");
  }
}

// True if the query string uses field: outside quotes.
bool mentions_field(const std::string& q, const std::string& field) {
  bool in_quotes = false;
  for (std::size_t i = 0; i < q.size(); ++i) {
    if (q[i] == '"') in_quotes = !in_quotes;
    if (in_quotes || q.compare(i, field.size() + 1, field + ":") != 0) continue;
    if (i == 0 || !std::isalnum(static_cast<unsigned char>(q[i - 1]))) return true;
  }
  return false;
}

}  // namespace

Xapian::Query build_query(const Xapian::Database& db, const SearchOptions& unresolved) {
  const SearchOptions options = resolve_in_force_on(unresolved);
  Xapian::Query query = Xapian::Query::MatchAll;
  const bool has_text = std::any_of(options.query.begin(), options.query.end(),
                                    [](unsigned char c) { return !std::isspace(c); });
  if (has_text) {
    check_field_prefixes(options.query);
    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_stemmer(Xapian::Stem("english"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_default_op(Xapian::Query::OP_AND);
    qp.add_prefix("title", std::string(schema::kTitle));
    const ParseError error = std::make_shared<std::string>();
    for (const auto& f : schema::kFilters) {
      qp.add_boolean_prefix(f.field, (new FilterProcessor(f, error))->release());
    }
    qp.add_rangeprocessor((new DateRangeProcessor(error))->release());
    try {
      // Chinese and Japanese words segmented as the indexer did (ingest/cjk.hpp).
      const auto known = [&db](std::string_view w) { return db.term_exists(std::string(w)); };
      query = qp.parse_query(ingest::segment_query(options.query, known),
                             Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_AUTO_SYNONYMS |
                                                Xapian::QueryParser::FLAG_WILDCARD |
                                                Xapian::QueryParser::FLAG_PURE_NOT);
    } catch (const Xapian::QueryParserError& e) {
      throw UsageError("bad query '" + options.query + "': " + e.get_msg());
    }
    if (!error->empty()) throw UsageError(*error);
    if (query.empty()) query = Xapian::Query::MatchAll;
  }

  // Flags: values of one field are ORed, fields are ANDed, all as filters.
  std::map<std::string, std::vector<Xapian::Query>> by_field;
  for (const auto& fv : options.filters) {
    const schema::Filter* f = find_filter(fv.field);
    if (f == nullptr) throw UsageError("unknown filter '" + fv.field + "'");
    by_field[fv.field].push_back(filter_query(*f, fv.value));
  }
  for (const auto& [field, queries] : by_field) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query(Xapian::Query::OP_OR, queries.begin(), queries.end()));
  }
  // Statements and measures are documents of their own, children of a story: unless a
  // kind is asked for, a search lists stories, each once.
  const bool kind_given = std::any_of(options.filters.begin(), options.filters.end(),
                                      [](const FilterValue& f) { return f.field == "kind"; }) ||
                          mentions_field(options.query, "kind");
  if (!kind_given) {
    // The default kinds follow the question: a code asks for the stories, measures and
    // statements about it (not the entries), a list alone for its entries, anything else
    // for stories.
    auto given = [&](const char* field) {
      return mentions_field(options.query, field) ||
             std::any_of(options.filters.begin(), options.filters.end(),
                         [&](const FilterValue& f) { return f.field == field; });
    };
    std::vector<Xapian::Query> kinds;
    auto kind = [](const char* k) {
      return Xapian::Query(schema::filter_term(schema::kKind, "lower", k));
    };
    if (!options.in_force_on.empty()) {
      kinds = {kind("measure"), kind("instrument")};  // what can be in force
    } else if (given("code")) {
      kinds = {kind("article"), kind("measure"), kind("statement")};
    } else if (given("list")) {
      kinds = {kind("entry")};
    } else {
      kinds = {kind("article")};
    }
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query(Xapian::Query::OP_OR, kinds.begin(), kinds.end()));
  }
  if (!options.written_since.empty()) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kSlotWrittenAt, options.written_since));
  }
  if (!options.since.empty() || !options.until.empty()) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          DateRangeProcessor().range(options.since, options.until));
  }
  if (!options.in_force_on.empty()) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          in_force_filter(load_instruments(db), options.in_force_on));
  }
  return query;
}

SearchOptions resolve_in_force_on(const SearchOptions& options) {
  static const std::string kField = "in-force-on:";
  SearchOptions out = options;
  std::string& q = out.query;
  std::string found;
  bool in_quotes = false;
  for (std::size_t i = 0; i < q.size();) {
    if (q[i] == '"') in_quotes = !in_quotes;
    const bool at_word_start =
        i == 0 || std::isspace(static_cast<unsigned char>(q[i - 1])) || q[i - 1] == '(';
    if (in_quotes || !at_word_start || q.compare(i, kField.size(), kField) != 0) {
      ++i;
      continue;
    }
    std::size_t end = i + kField.size();
    while (end < q.size() && !std::isspace(static_cast<unsigned char>(q[end])) && q[end] != ')')
      ++end;
    std::string value = q.substr(i + kField.size(), end - i - kField.size());
    value.erase(std::remove(value.begin(), value.end(), '"'), value.end());
    if (value.empty()) throw UsageError("no date after 'in-force-on:' in query");
    if (!found.empty()) throw UsageError("in-force-on: given twice in query");
    found = value;
    q.replace(i, end - i, " ");
  }
  if (found.empty()) return out;
  if (!out.in_force_on.empty() && out.in_force_on != found) {
    throw UsageError("--in-force-on " + out.in_force_on + " and in-force-on:" + found +
                     " disagree");
  }
  out.in_force_on = found;
  return out;
}

InstrumentChain load_instruments(const Xapian::Database& db) {
  const std::string term = schema::filter_term(schema::kKind, "lower", "instrument");
  std::vector<index::StoredDocument> docs;
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
    docs.push_back(index::parse_stored(db.get_document(*it).get_data()));
  }
  return InstrumentChain::from_documents(docs);
}

Xapian::Query in_force_filter(const InstrumentChain& chain, const std::string& date) {
  using Q = Xapian::Query;
  const DatePeriod period = date_period(date);
  const std::set<std::string> in_force = chain.in_force_between(period.first, period.last);
  const std::vector<std::string> known = chain.ids();
  auto any_of = [](const auto& ids, auto term) {
    std::vector<Q> qs;
    for (const auto& id : ids) qs.emplace_back(term(id));
    return qs.empty() ? Q::MatchNothing : Q(Q::OP_OR, qs.begin(), qs.end());
  };
  auto instrument_term = [](const std::string& id) {
    return schema::filter_term(schema::kInstrument, "upper", id);
  };
  auto kind = [](const char* k) { return Q(schema::filter_term(schema::kKind, "lower", k)); };

  // Instruments in force: by their unique ids (their XINSTR terms also name the
  // instruments they act on).
  const Q instruments(
      Q::OP_FILTER,
      any_of(in_force, [](const std::string& id) { return schema::uid_term("instrument:" + id); }),
      kind("instrument"));
  const Q measures(Q::OP_AND_NOT, kind("measure"),
                   Q(schema::filter_term(schema::kAction, "lower", "protest")));
  // Measures of a known instrument follow it.
  const Q by_chain(Q::OP_FILTER, measures, any_of(in_force, instrument_term));
  // The others, by their own dates (schema.hpp): in force from kSlotForceFrom, not
  // suspended for the whole period, not a suspension that ended before it.
  const std::string first = schema::date_slot_value(period.first),
                    last = schema::date_slot_value(period.last);
  const std::string before_first =
      std::to_string(std::stol(first) - 1);  // 8 digits: "ends < first"
  Q own(Q::OP_AND_NOT, measures, any_of(known, instrument_term));
  own = Q(Q::OP_FILTER, own, Q(Q::OP_VALUE_LE, schema::kSlotForceFrom, last));
  own = Q(Q::OP_AND_NOT, own,
          Q(Q::OP_AND, Q(Q::OP_VALUE_LE, schema::kSlotSuspendedFrom, first),
            Q(Q::OP_VALUE_GE, schema::kSlotSuspendedUntil, last)));
  own = Q(Q::OP_AND_NOT, own, Q(Q::OP_VALUE_LE, schema::kSlotForceEnds, before_first));
  const std::vector<Q> parts{instruments, by_chain, own};
  return Q(Q::OP_OR, parts.begin(), parts.end());
}

}  // namespace dualdex::query::detail
