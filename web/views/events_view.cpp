#include "events_view.h"

#include <algorithm>
#include <cstdio>

#include "../ui_style.h"
#include "../workspace.h"
#include "imgui.h"
#include "trinity/artifact/codepage.h"
#include "trinity/log/logger.h"

namespace trinity::web {

using namespace style;

std::string EventsView::title() const {
    return "Events (" + std::to_string(ws_.events().size()) + ")###events";
}

void EventsView::select(std::size_t view_index) {
    const auto& view = table_.view().rows();
    if (view_index >= view.size()) return;
    table_.select(view[view_index]);
    const auto& row = ws_.events().row(view[view_index]);
    ws_.request_event_detail(row.evidence, row.offset);
}

void EventsView::draw(float height) {
    if (generation_ != ws_.generation()) {
        generation_ = ws_.generation();
        table_.reset();
    }
    draw_toolbar();
    const float body = height - ImGui::GetFrameHeightWithSpacing();
    const bool has_detail = ws_.detail().state != EventDetail::State::none;
    const float table_h = has_detail ? body * 0.58f : body;
    draw_table(table_h);
    if (has_detail) draw_detail(body - table_h - ImGui::GetStyle().ItemSpacing.y);
}

void EventsView::draw_toolbar() {
    // Filter and counts; the code page for files read from now on.
    const float em = ImGui::GetFontSize();
    const auto& events = ws_.events();
    table_.draw_filter(events, "Filter events (any column)…", "events", !ws_.ingesting());
    if (events.details_dropped()) {
        ImGui::SameLine();
        ImGui::TextColored(kWarning, "· details kept for the first rows only (select a row for all fields)");
    }
    ImGui::SameLine();
    const float combo_w = em * 17.0f;
    ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - combo_w -
                                                              ImGui::CalcTextSize("ANSI code page").x - em));
    ImGui::TextColored(kMuted, "ANSI code page");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(combo_w);
    std::string current = std::to_string(ws_.ansi_codepage());
    for (const auto& cp : artifact::supported_codepages()) {
        if (cp.number == ws_.ansi_codepage()) current = std::string(cp.name);
    }
    if (ImGui::BeginCombo("##codepage", current.c_str())) {
        for (const auto& cp : artifact::supported_codepages()) {
            const std::string label(cp.name);
            if (ImGui::Selectable(label.c_str(), cp.number == ws_.ansi_codepage())) {
                ws_.set_ansi_codepage(cp.number);
                log::info("EVTX files dropped from now on decode ANSI strings as " + label);
            }
        }
        ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("How EVTX files read from now on decode ANSI (8-bit) strings");
}

void EventsView::draw_table(float height) {
    using event::EventTable;
    static constexpr TableColumn kColumns[] = {
        {"Time (UTC)", 13.5f}, {"Event", 4.5f},  {"Provider", 14.0f}, {"Channel", 10.0f},
        {"Computer", 9.0f},    {"Record", 5.0f}, {"Details", 60.0f},
    };
    const auto& events = ws_.events();
    const auto clicked = table_.draw("events", events, kColumns, height, [&](std::uint32_t index, int column) {
        const EventTable::Row& r = events.row(index);
        switch (column) {
            case EventTable::kTime: {
                const std::string time = events.time_text(r);
                cell_text(time.empty() ? std::string_view("-") : std::string_view(time));
                break;
            }
            case EventTable::kRecord:
                if (r.recovered) ImGui::TextColored(kWarning, "%llu (recovered)", static_cast<unsigned long long>(r.record));
                else ImGui::Text("%llu", static_cast<unsigned long long>(r.record));
                break;
            case EventTable::kDetails:
                ImGui::PushStyleColor(ImGuiCol_Text, kMuted);
                cell_text(events.text(r, EventTable::kDetails));
                ImGui::PopStyleColor();
                break;
            default: cell_text(events.text(r, static_cast<EventTable::Column>(column)));
        }
    });
    if (clicked) {
        const auto& row = events.row(*clicked);
        ws_.request_event_detail(row.evidence, row.offset);
    }
}

void EventsView::draw_detail(float height) {
    const EventDetail& detail = ws_.detail();
    ImGui::BeginChild("event-detail", ImVec2(0, height), true);
    const evidence::Evidence* e = ws_.evidence().find(detail.evidence);
    ImGui::TextColored(kAccent, "Event");
    ImGui::SameLine();
    ImGui::TextColored(kMuted, "%s @ byte %llu", e ? e->name.c_str() : "(removed evidence)",
                       static_cast<unsigned long long>(detail.offset));
    ImGui::SameLine();
    if (ImGui::SmallButton(show_xml_ ? "Fields" : "XML")) show_xml_ = !show_xml_;
    ImGui::SameLine();
    if (ImGui::SmallButton("Copy XML")) ImGui::SetClipboardText(detail.xml.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("Close")) {
        ws_.close_detail();
        table_.select(std::nullopt);
        ImGui::EndChild();
        return;
    }
    switch (detail.state) {
        case EventDetail::State::loading: ImGui::TextColored(kMuted, "Reading the event from the file…"); break;
        case EventDetail::State::missing: ImGui::TextColored(kWarning, "The event could not be read again."); break;
        case EventDetail::State::none: break;
        case EventDetail::State::ready:
            if (show_xml_) {
                ImGui::TextUnformatted(detail.xml.c_str());
                break;
            }
            if (ImGui::BeginTable("fields", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                                   ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp)) {
                ImGui::TableSetupColumn("Field", ImGuiTableColumnFlags_WidthStretch, 1.0f);
                ImGui::TableSetupColumn("Value", ImGuiTableColumnFlags_WidthStretch, 4.0f);
                for (std::size_t i = 0; i < detail.fields.size(); ++i) {
                    const auto& [name, value] = detail.fields[i];
                    ImGui::TableNextRow();
                    ImGui::TableNextColumn();
                    ImGui::TextColored(kMuted, "%s", name.c_str());
                    ImGui::TableNextColumn();
                    ImGui::PushID(static_cast<int>(i));
                    ImGui::TextWrapped("%s", value.c_str());
                    if (ImGui::BeginPopupContextItem("value")) {
                        if (ImGui::MenuItem("Copy value")) ImGui::SetClipboardText(value.c_str());
                        if (ImGui::MenuItem("Filter on this value")) table_.set_filter(value);
                        ImGui::EndPopup();
                    }
                    ImGui::PopID();
                }
                ImGui::EndTable();
            }
            break;
    }
    ImGui::EndChild();
}

}  // namespace trinity::web
