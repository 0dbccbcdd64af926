// The Indicators tab: every indicator found in the evidence, deduplicated,
// with where it was seen and what the loaded threat-intel feeds say of it.
// Type and verdict filters, copy (plain or defanged), and exports as CSV,
// JSON, a STIX 2.1 bundle or defanged text.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "../table_view.h"
#include "../view.h"
#include "trinity/ioc/indicator.h"

namespace trinity::web {

class IndicatorsView final : public View {
public:
    using View::View;
    const char* id() const override { return "indicators"; }
    std::string title() const override;
    bool visible() const override;
    void draw(float height) override;

    // The entries shown, in display order (indices into
    // Workspace::indicators().entries()).
    // Brings the view up to date first, as drawing would.
    std::vector<std::uint32_t> shown();
    void set_filter(const std::string& text) { table_.set_filter(text); }
    // Bytes of an export: "csv", "json", "stix" or "defanged".
    std::string export_text(const std::string& format);

private:
    void refresh();
    void draw_toolbar();
    void draw_feeds_line();
    void draw_detail(float height, std::uint32_t entry);
    void download(const std::string& format);

    TableView table_;
    std::vector<std::uint32_t> rows_;  // entries passing the type and verdict filters
    std::size_t seen_entries_ = 0;
    std::uint64_t seen_verdicts_ = ~0ull;
    std::uint64_t seen_generation_ = ~0ull;
    bool types_[ioc::kIndicatorTypeCount] = {true, true, true, true, true, true, true, true,
                                              true, true, true, true, true};
    bool flagged_only_ = false;  // malicious or suspicious
    bool public_only_ = false;   // addresses: only public ones
    bool filters_changed_ = true;
    char rule_[128] = "malicious > 5";
    std::string rule_error_;
};

}  // namespace trinity::web
