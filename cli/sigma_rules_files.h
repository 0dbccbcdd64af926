// Loading Sigma rules from the paths a user gives: files, folders (every
// .yml/.yaml below them, in name order) and placeholder files.
#pragma once

#include <string>
#include <vector>

#include "trinity/result.h"
#include "trinity/sigma/rule.h"

namespace trinity::cli {

// Unreadable paths become load failures in the set's report (never a
// silent skip); the set is linked.
Result<sigma::RuleSet> load_rule_paths(const std::vector<std::string>& paths, const std::string& placeholders_file);

}  // namespace trinity::cli
