// The decision tree LogsourceMap::classify() walks, so an event is tested
// against a few fields rather than against every branch.
//
// Each node tests one field (or Event::source): its children are keyed by
// the field's lower-cased value, `present` is taken when the field exists at
// all, and `rest` holds the branches that do not test this field. A branch
// sits in a node's `leaves` once all its tests were taken on the way down.
// For EVTX the tree is source -> Channel -> EventID, three field look-ups.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trinity/event/event.h"
#include "trinity/sigma/logsource.h"

namespace trinity::sigma::detail {

struct LogsourceNode {
    std::string field;
    std::uint32_t slot = 0;     // index of `field` in LogsourceIndex::fields
    bool tests_source = false;  // the node tests Event::source, not a field
    std::vector<std::pair<std::string, std::uint32_t>> children;  // sorted by value
    std::size_t longest_value = 0;
    std::int32_t present = -1;
    std::int32_t rest = -1;
    std::vector<std::uint32_t> leaves;
};

struct LogsourceIndex {
    std::vector<LogsourceNode> nodes;  // nodes[0] is the root (when any branch exists)
    std::vector<std::string> fields;   // the distinct fields nodes test (a walk looks each up once)

    static LogsourceIndex build(const std::vector<LogsourceMap::BranchData>& branches);
    void classify(const event::Event& event, std::vector<std::uint32_t>& out) const;
};

// ASCII case folding, as every logsource comparison uses it.
std::string ascii_lower(std::string_view text);
bool ascii_iequal(std::string_view a, std::string_view b);

// The linear form: does the event satisfy every test of the branch?
bool branch_matches(const LogsourceMap::BranchData& branch, const event::Event& event);

}  // namespace trinity::sigma::detail
