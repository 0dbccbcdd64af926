// The Events tab: a filterable, sortable timeline of every parsed event,
// and the full event behind the selected row.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "../table_view.h"
#include "../view.h"

namespace trinity::web {

class EventsView final : public View {
public:
    using View::View;
    const char* id() const override { return "events"; }
    std::string title() const override;
    void draw(float height) override;

    // The rows in display order (indices into Workspace::events()).
    const std::vector<std::uint32_t>& rows() const { return table_.view().rows(); }
    // As a click on row `view_index` would.
    void select(std::size_t view_index);
    void set_filter(const std::string& text) { table_.set_filter(text); }

private:
    void draw_toolbar();
    void draw_table(float height);
    void draw_detail(float height);

    TableView table_;
    std::uint64_t generation_ = 0;
    bool show_xml_ = false;
};

}  // namespace trinity::web
