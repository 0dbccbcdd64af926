// Logsources: which events a Sigma rule's `logsource` means, and under
// which field names.
//
// The map is data (assets/sigma/logsources.yaml, compiled in): each entry
// names a logsource (category/product/service as the Sigma taxonomy spells
// them) and the event classes it covers, e.g. windows/process_creation is
// Sysmon EventID 1 or Security EventID 4688, the latter with field aliases
// (the rule's Image is the event's NewProcessName). A class ("branch") is a
// conjunction of tests on an event: its source (Event::source), and fields
// equal to one of some values (case-insensitive).
//
// The engine asks select() once per rule at compile time and classify()
// once per event; a rule runs only on the events of its branches. A
// logsource the map does not know selects nothing (mapped == false): such
// rules run only on events that no branch classifies (plain JSON, CSV).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "trinity/event/event.h"
#include "trinity/result.h"
#include "trinity/sigma/rule.h"

namespace trinity::sigma {

namespace detail {
struct LogsourceIndex;  // the decision tree classify() walks (src/sigma/logsource_index.h)
}

struct FieldAlias {
    std::string rule_field;   // as the rule writes it: Image
    std::string event_field;  // as the event carries it: NewProcessName
};

struct LogsourceBranch {
    std::uint32_t entry = 0;         // which logsource entry it belongs to
    std::string description;         // "Security EventID 4688", for reports
    std::vector<FieldAlias> aliases;  // applied when an event matched this branch
};

class LogsourceMap {
public:
    // The map compiled into Trinity from assets/sigma/logsources.yaml.
    static const LogsourceMap& builtin();
    // A map from YAML text (the same format); errors carry line and column.
    static Result<LogsourceMap> parse(std::string_view yaml, std::string_view origin);

    struct Selection {
        std::vector<std::uint32_t> branches;  // sorted, unique
        bool mapped = false;
    };
    // The branches a rule with this logsource runs on. Keys the rule gives
    // must all agree with an entry's; an entry with exactly the rule's keys
    // wins, otherwise every more specific entry is taken (product: windows
    // alone means every Windows entry).
    Selection select(const Logsource& logsource) const;

    // Appends (sorted, unique) the branches the event satisfies; leaves
    // `branches` empty for an event no branch describes.
    void classify(const event::Event& event, std::vector<std::uint32_t>& branches) const;

    const LogsourceBranch& branch(std::uint32_t id) const;
    std::size_t branch_count() const;
    std::size_t entry_count() const;
    const Logsource& entry(std::uint32_t id) const;

    // Implementation detail, public so the parser in src/ can fill it.
    struct Test {
        std::string field;  // "" tests Event::source
        std::vector<std::string> values;  // any of, case-insensitive; none: the field is present
    };
    struct BranchData {
        LogsourceBranch branch;
        std::vector<Test> tests;  // all must hold
    };
    std::vector<Logsource> entries_;
    std::vector<BranchData> branches_;

private:
    // Built by parse(); a map whose vectors were filled by hand has none and
    // classify() then tests every branch.
    std::shared_ptr<const detail::LogsourceIndex> index_;
};

}  // namespace trinity::sigma
