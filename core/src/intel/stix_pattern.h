// STIX 2.1 patterns, read for the indicator values they compare with '='.
//
//   [file:hashes.'SHA-256' = 'ab..' OR file:hashes.MD5 = 'cd..'] AND [ipv4-addr:value = '198.51.100.0/24']
//
// The whole pattern is parsed (observation expressions with AND / OR /
// FOLLOWEDBY and qualifiers; comparison expressions with AND / OR, NOT, =,
// !=, <, >, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET, EXISTS), so a broken
// pattern is an error with its column. Every '=' comparison (and every
// member of an IN set) that is not negated yields (object path, value);
// the other comparisons are listed as skipped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "trinity/result.h"

namespace trinity::intel::detail {

struct StixEquality {
    std::string path;   // "file:hashes.SHA-256" (quotes removed)
    std::string value;  // the string literal, unescaped
};

struct StixPatternScan {
    std::vector<StixEquality> equalities;
    std::vector<std::string> skipped;  // "MATCHES comparison", "NOT comparison", ...
};

// Errors carry the column (1-based) in the pattern in location.column.
Result<StixPatternScan> scan_stix_pattern(std::string_view pattern);

}  // namespace trinity::intel::detail
