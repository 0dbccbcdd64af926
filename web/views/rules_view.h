// The Rules tab: the Sigma rules the analyst loaded (dropped .yml files or
// "Load rules…"), each with title, level, status, kind, logsource and file,
// and every document that failed to load with file:line:column and why.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "../table_view.h"
#include "../view.h"

namespace trinity::web {

class RulesView final : public View {
public:
    using View::View;
    const char* id() const override { return "rules"; }
    std::string title() const override;
    bool visible() const override;
    void draw(float height) override;

    // The loaded rules in display order (indices into the RuleSet).
    const std::vector<std::uint32_t>& shown();
    void set_filter(const std::string& text) { table_.set_filter(text); }

private:
    void draw_toolbar();
    void draw_failures(float height);

    TableView table_;
    std::uint64_t version_ = ~0ull;
};

}  // namespace trinity::web
