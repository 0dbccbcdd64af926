// Placeholder until the logsource map lands: no branches, so every rule
// runs on every event as an unclassified one.
#include "trinity/sigma/logsource.h"

namespace trinity::sigma {

const LogsourceMap& LogsourceMap::builtin() {
    static const LogsourceMap map;
    return map;
}

Result<LogsourceMap> LogsourceMap::parse(std::string_view, std::string_view) { return LogsourceMap{}; }

LogsourceMap::Selection LogsourceMap::select(const Logsource&) const { return {}; }
void LogsourceMap::classify(const event::Event&, std::vector<std::uint32_t>&) const {}
const LogsourceBranch& LogsourceMap::branch(std::uint32_t id) const { return branches_[id].branch; }
std::size_t LogsourceMap::branch_count() const { return branches_.size(); }
std::size_t LogsourceMap::entry_count() const { return entries_.size(); }
const Logsource& LogsourceMap::entry(std::uint32_t id) const { return entries_[id]; }

}  // namespace trinity::sigma
