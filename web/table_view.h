// TableView: how every table in the app is drawn. A table::RowSource holds
// the rows, a table::RowView says which are shown in which order, and this
// draws them: a filter box, sortable headers, only the visible rows (a
// million scroll smoothly), one selectable row.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>

#include "imgui.h"
#include "trinity/table/row_view.h"

namespace trinity::web {

struct TableColumn {
    const char* name;
    float width_em;  // initial width in font heights
    ImGuiTableColumnFlags flags = 0;
};

class TableView {
public:
    // The filter box with a count ("12 of 340 processes"); brings the view
    // up to date by a frame's budget of rows. `settle` false while rows
    // still arrive. Returns true while filtering or sorting is under way.
    bool draw_filter(const table::RowSource& source, const char* hint, const char* noun, bool settle = true);

    // The table. `cell` draws one cell of a source row. Returns the source
    // row the analyst clicked this frame, if any.
    std::optional<std::uint32_t> draw(const char* id, const table::RowSource& source,
                                      std::span<const TableColumn> columns, float height,
                                      const std::function<void(std::uint32_t row, int column)>& cell);

    table::RowView& view() { return view_; }
    const table::RowView& view() const { return view_; }
    std::optional<std::uint32_t> selected() const { return selected_; }
    void select(std::optional<std::uint32_t> row) { selected_ = row; }
    void set_filter(const std::string& text);
    // Rows were removed or rewritten: rebuild the view, forget the selection.
    void reset();

private:
    table::RowView view_;
    char filter_[256] = {};
    std::optional<std::uint32_t> selected_;
};

// Rows examined per frame by filtering.
inline constexpr std::size_t kFilterRowsPerFrame = 150'000;

// Draws `text` in a cell without a format string or a copy.
inline void cell_text(std::string_view text) { ImGui::TextUnformatted(text.data(), text.data() + text.size()); }

}  // namespace trinity::web
