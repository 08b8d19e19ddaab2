#pragma once
// Builds the Xapian query for SearchOptions: the query string through Xapian's
// QueryParser (AND by default, phrases, boolean operators, field prefixes of
// DESIGN.md §4, partial-date ranges), then the flag filters and date bounds.
#include <xapian.h>

#include "dualdex/query/search.hpp"

namespace dualdex::query::detail {

/// Throws UsageError for a bad query (syntax, unknown field prefix, bad date or kind).
Xapian::Query build_query(const Xapian::Database& db, const SearchOptions& options);

}  // namespace dualdex::query::detail
