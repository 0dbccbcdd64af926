// Placeholder until the correlation runner lands: every correlation rule is
// refused with a clear reason, and detection rules are unaffected.
#include "correlation.h"

namespace trinity::sigma::detail {

Result<CorrelationDef> parse_correlation(const YAML::Node& correlation, std::string_view) {
    Location where;
    where.line = static_cast<std::uint64_t>(correlation.Mark().line);
    return fail(ErrorKind::unsupported, "correlation rules are not supported yet", where);
}

std::optional<std::int64_t> parse_timespan_us(std::string_view) { return std::nullopt; }

CorrelationRunner::CorrelationRunner(std::vector<ResolvedCorrelation> correlations, std::size_t rule_count)
    : correlations_(std::move(correlations)), fields_(rule_count), generated_(rule_count, 1) {}

const std::vector<std::string>& CorrelationRunner::fields(std::uint32_t rule) const { return fields_[rule]; }
bool CorrelationRunner::generated(std::uint32_t rule) const { return generated_[rule] != 0; }
std::vector<CorrelationHit> CorrelationRunner::run(std::span<const Hit>) const { return {}; }

}  // namespace trinity::sigma::detail
