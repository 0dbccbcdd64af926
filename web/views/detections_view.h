// The Detections tab: every Sigma hit in the evidence, grouped by level
// (critical first) and ATT&CK tactic, one row per detection (time, level,
// tactic, rule, computer, event id, record, evidence, matched fields);
// sortable and filterable. Selecting one reads its event again from the
// file and shows it with the matched fields highlighted. Correlation hits
// are listed above; selecting one shows the detections it grouped.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "../table_view.h"
#include "../view.h"

namespace trinity::web {

class DetectionsView final : public View {
public:
    using View::View;
    const char* id() const override { return "detections"; }
    std::string title() const override;
    bool visible() const override;
    void draw(float height) override;

    struct Row {
        std::uint32_t hit = 0;  // index in Workspace::sigma_hits()
        std::string tactics;    // ATT&CK tactics of the rule, ", "-joined
    };
    // The rows shown, in display order.
    std::vector<const Row*> shown();
    void set_filter(const std::string& text) { table_.set_filter(text); }
    // As a click on row `view_index` would.
    void select(std::size_t view_index);
    // Shows only the detections correlation `index` grouped (nullopt: all).
    void focus_correlation(std::optional<std::size_t> index);

private:
    // Counts by level and tactic over every reported hit, kept per detections generation.
    void count() const;
    void refresh();
    void draw_toolbar();
    void draw_correlations(float height);
    void draw_detail(float height, const Row& row);

    TableView table_;
    std::vector<Row> rows_;  // in group order: level (critical first), tactic, time
    std::uint64_t seen_generation_ = ~0ull;
    std::uint64_t seen_evidence_generation_ = ~0ull;
    bool filters_changed_ = true;
    int min_level_ = 0;                  // sigma::Level
    std::string tactic_;                 // "" : every tactic
    std::optional<std::size_t> correlation_;  // showing one correlation's hits
    std::optional<std::uint32_t> requested_;  // the hit whose event was asked for
    mutable std::uint64_t counted_generation_ = ~0ull;
    mutable std::size_t reported_ = 0;
    mutable std::size_t level_counts_[5] = {};
    mutable std::map<std::string, std::size_t> tactic_counts_;
};

}  // namespace trinity::web
