#pragma once
// Builds the Xapian query for SearchOptions: the query string through Xapian's
// QueryParser (AND by default, phrases, boolean operators, field prefixes of
// DESIGN.md §4, partial-date ranges), then the flag filters and date bounds.
#include <xapian.h>

#include "dualdex/query/search.hpp"

namespace dualdex::query::detail {

/// Throws UsageError for a bad query (syntax, unknown field prefix, bad date or kind).
/// With options.in_force_on (or "in-force-on:DATE" in the query) the query is filtered
/// by in_force_filter() over the instruments of db.
Xapian::Query build_query(const Xapian::Database& db, const SearchOptions& options);

/// Moves the query string's "in-force-on:DATE" (outside quotes; at most one) into
/// in_force_on. "in-force-on:" is always a filter on the whole query, like the flag;
/// Xapian's parser cannot take it as a field (a hyphenated prefix). Throws UsageError
/// when it is given twice, without a value, or differs from the flag.
SearchOptions resolve_in_force_on(const SearchOptions& options);

/// Measures and instruments in force on some day of `date` (full or partial): the
/// instrument documents in chain.in_force_between(), the measures whose instrument is
/// among them, and the measures of instruments not in the chain that are in force by
/// their own dates (value slots kSlotForceFrom …; protests never). Throws UsageError
/// for a bad date.
Xapian::Query in_force_filter(const InstrumentChain& chain, const std::string& date);

/// The chain of every `instrument` document in db.
InstrumentChain load_instruments(const Xapian::Database& db);

}  // namespace dualdex::query::detail
