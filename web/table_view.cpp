#include "table_view.h"

#include <cstdio>

namespace trinity::web {
namespace {

const ImVec4 kMuted{0.62f, 0.64f, 0.68f, 1.00f};

}  // namespace

void TableView::set_filter(const std::string& text) {
    std::snprintf(filter_, sizeof filter_, "%s", text.c_str());
    view_.set_filter(filter_);
}

void TableView::reset() {
    view_.invalidate();
    selected_.reset();
}

bool TableView::draw_filter(const table::RowSource& source, const char* hint, const char* noun, bool settle) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 22.0f);
    if (ImGui::InputTextWithHint("##filter", hint, filter_, sizeof filter_)) view_.set_filter(filter_);
    const bool done = view_.step(source, kFilterRowsPerFrame, settle);
    ImGui::SameLine();
    if (view_.filter().empty()) {
        ImGui::TextColored(kMuted, "%zu %s", source.size(), noun);
    } else {
        ImGui::TextColored(kMuted, "%zu of %zu %s", view_.rows().size(), source.size(), noun);
    }
    if (!done && !view_.filter().empty()) {
        ImGui::SameLine();
        ImGui::TextColored(kMuted, "(searching %.0f%%)", static_cast<double>(view_.progress(source) * 100));
    }
    return !done;
}

std::optional<std::uint32_t> TableView::draw(const char* id, const table::RowSource& source,
                                             std::span<const TableColumn> columns, float height,
                                             const std::function<void(std::uint32_t, int)>& cell) {
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_Resizable | ImGuiTableFlags_RowBg | ImGuiTableFlags_Sortable |
                                       ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                                       ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX |
                                       ImGuiTableFlags_SizingFixedFit;
    std::optional<std::uint32_t> clicked;
    if (!ImGui::BeginTable(id, static_cast<int>(columns.size()), kFlags, ImVec2(0, height))) return clicked;
    const float em = ImGui::GetFontSize();
    ImGui::TableSetupScrollFreeze(0, 1);
    for (std::size_t c = 0; c < columns.size(); ++c) {
        ImGui::TableSetupColumn(columns[c].name, columns[c].flags | ImGuiTableColumnFlags_WidthFixed,
                                columns[c].width_em * em, static_cast<ImGuiID>(c));
    }
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
        if (specs->SpecsCount > 0) {
            view_.set_sort(static_cast<int>(specs->Specs[0].ColumnUserID),
                           specs->Specs[0].SortDirection == ImGuiSortDirection_Descending);
        } else {
            view_.set_sort(-1, false);
        }
        specs->SpecsDirty = false;
    }
    const auto& rows = view_.rows();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const std::uint32_t row = rows[static_cast<std::size_t>(i)];
            if (row >= source.size()) continue;  // the source shrank; the view catches up next frame
            ImGui::TableNextRow();
            ImGui::PushID(static_cast<int>(row));
            ImGui::TableSetColumnIndex(0);
            // The row's selectable spans every column; cells draw over it.
            if (ImGui::Selectable("##row", selected_ == row,
                                  ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap)) {
                selected_ = row;
                clicked = row;
            }
            for (std::size_t c = 0; c < columns.size(); ++c) {
                ImGui::TableSetColumnIndex(static_cast<int>(c));
                if (c == 0) ImGui::SameLine(0.0f, 0.0f);
                cell(row, static_cast<int>(c));
            }
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
    return clicked;
}

}  // namespace trinity::web
