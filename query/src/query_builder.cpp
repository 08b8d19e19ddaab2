#include "query_builder.hpp"

#include <algorithm>
#include <cctype>
#include <memory>
#include <set>

#include "dualdex/index/schema.hpp"
#include "dualdex/ingest/error.hpp"

namespace dualdex::query::detail {
namespace schema = index::schema;
namespace {

constexpr const char* kKinds[] = {"article", "statement", "measure", "entry"};
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
    if (std::none_of(std::begin(kKinds), std::end(kKinds), [&k](const char* x) { return k == x; })) {
      throw UsageError("unknown kind '" + value + "': use article, statement, measure, entry or any");
    }
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
  FilterProcessor(const schema::Filter& f, ParseError error) : m_filter(f), m_error(std::move(error)) {}
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
    if (begin.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, date_bound(end, true));
    if (end.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, date_bound(begin, false));
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
    while (start > 0 && (std::isalnum(static_cast<unsigned char>(q[start - 1])) || q[start - 1] == '_')) --start;
    if (start == i || !std::isalpha(static_cast<unsigned char>(q[start]))) continue;
    const std::string field = q.substr(start, i - start);
    const bool empty_value = i + 1 >= q.size() || std::isspace(static_cast<unsigned char>(q[i + 1]));
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

Xapian::Query build_query(const Xapian::Database& db, const SearchOptions& options) {
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
      query = qp.parse_query(options.query, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
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
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query(schema::filter_term(schema::kKind, "lower", "article")));
  }
  if (!options.since.empty() || !options.until.empty()) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query, DateRangeProcessor().range(options.since, options.until));
  }
  return query;
}

}  // namespace dualdex::query::detail
