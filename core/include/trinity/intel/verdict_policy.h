// VerdictPolicy: the configurable rule that turns engine counts (a saved
// VirusTotal response: malicious, suspicious, harmless, undetected) into a
// verdict. The seed's rule is "malicious > 5".
//
// Syntax (case-insensitive): comparisons `FIELD OP NUMBER` joined by `and` /
// `or` (also `&&` / `||`; `and` binds tighter), e.g.
//   malicious > 5
//   malicious >= 3 or suspicious > 10
//   malicious > 2 and harmless < 10
// FIELD: malicious, suspicious, harmless, undetected, total (their sum).
// OP: > >= < <= == != (also = for ==).
//
// Scoring: no engine results at all (every count 0) → unknown; the rule
// holds → malicious; otherwise any malicious or suspicious engine →
// suspicious; otherwise clean.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "trinity/intel/verdict.h"
#include "trinity/result.h"

namespace trinity::intel {

enum class StatField { malicious, suspicious, harmless, undetected, total };
enum class CompareOp { greater, greater_equal, less, less_equal, equal, not_equal };

struct StatComparison {
    StatField field = StatField::malicious;
    CompareOp op = CompareOp::greater;
    std::int64_t value = 5;
};

struct EngineCounts {
    std::int64_t malicious = 0, suspicious = 0, harmless = 0, undetected = 0;
};

struct VerdictPolicy {
    // Disjunction of conjunctions: the rule holds when every comparison of
    // any one group holds. The default is the seed's "malicious > 5".
    std::vector<std::vector<StatComparison>> malicious_when{{StatComparison{}}};

    bool holds(const EngineCounts& counts) const;
    Verdict score(const EngineCounts& counts) const;
    // The verdict of a sighting under this policy: scored sightings are
    // scored, the others keep the verdict their feed gave.
    Verdict verdict_of(const Sighting& sighting) const;
    // The rule in the syntax above, normalised ("malicious > 5").
    std::string describe() const;
};

// Parses a rule; errors carry the column (1-based) of the offending token.
Result<VerdictPolicy> parse_policy(std::string_view rule);

}  // namespace trinity::intel
