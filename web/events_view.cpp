// The Events view: a filterable, sortable timeline of every parsed event,
// and the full event behind the selected row.
#include <algorithm>
#include <cstdio>
#include <cstring>

#include <nlohmann/json.hpp>

#include "app.h"
#include "imgui.h"
#include "trinity/artifact/codepage.h"
#include "trinity/log/logger.h"

namespace trinity::web {
namespace {

const ImVec4 kMuted{0.62f, 0.64f, 0.68f, 1.00f};
const ImVec4 kWarning{1.00f, 0.78f, 0.30f, 1.00f};
const ImVec4 kAccent{0.40f, 0.70f, 1.00f, 1.00f};

}  // namespace

void App::select_event(std::size_t view_index) {
    const auto& view = events_view_.view().rows();
    if (view_index >= view.size()) return;
    events_view_.select(view[view_index]);
    const auto& row = events_.row(view[view_index]);
    detail_ = EventDetail{};
    detail_.state = EventDetail::State::loading;
    detail_.evidence = row.evidence;
    detail_.offset = row.offset;
    detail_requested_ = true;
}

void App::set_event_filter(const std::string& text) { events_view_.set_filter(text); }

void App::set_ansi_codepage(unsigned codepage) {
    if (artifact::codepage_supported(codepage)) ansi_codepage_ = codepage;
}

bool App::take_detail_request(evidence::EvidenceId& evidence, std::uint64_t& offset) {
    if (!detail_requested_) return false;
    detail_requested_ = false;
    evidence = detail_.evidence;
    offset = detail_.offset;
    return true;
}

void App::event_detail(evidence::EvidenceId evidence, std::uint64_t offset, std::string_view json) {
    if (detail_.state != EventDetail::State::loading || detail_.evidence != evidence || detail_.offset != offset) {
        return;  // the analyst has moved on to another row
    }
    try {
        const auto doc = nlohmann::ordered_json::parse(json);  // fields in document order
        if (!doc.is_object()) {
            detail_.state = EventDetail::State::missing;
            return;
        }
        for (const auto& item : doc.at("fields").items()) {
            const std::string& key = item.key();
            const auto& value = item.value();
            if (!key.empty() && key[0] == '_') continue;  // provenance, shown apart
            auto one = [&](const nlohmann::ordered_json& v) {
                detail_.fields.emplace_back(key, v.is_string() ? v.get<std::string>() : v.dump());
            };
            if (value.is_array()) {
                for (const auto& v : value) one(v);
            } else {
                one(value);
            }
        }
        detail_.xml = doc.value("xml", "");
        detail_.state = EventDetail::State::ready;
    } catch (const nlohmann::json::exception& e) {
        log::error(std::string("event detail: ") + e.what());
        detail_.state = EventDetail::State::missing;
    }
}

void App::draw_events_view(float height) {
    // Toolbar: filter, counts, code page for new files.
    const float em = ImGui::GetFontSize();
    events_view_.draw_filter(events_, "Filter events (any column)…", "events", !ingesting());
    if (events_.details_dropped()) {
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
    std::string current = std::to_string(ansi_codepage_);
    for (const auto& cp : artifact::supported_codepages()) {
        if (cp.number == ansi_codepage_) current = std::string(cp.name);
    }
    if (ImGui::BeginCombo("##codepage", current.c_str())) {
        for (const auto& cp : artifact::supported_codepages()) {
            const std::string label(cp.name);
            if (ImGui::Selectable(label.c_str(), cp.number == ansi_codepage_)) {
                ansi_codepage_ = cp.number;
                log::info("EVTX files dropped from now on decode ANSI strings as " + label);
            }
        }
        ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("How EVTX files read from now on decode ANSI (8-bit) strings");

    const float body = height - ImGui::GetFrameHeightWithSpacing();
    const bool has_detail = detail_.state != EventDetail::State::none;
    const float table_h = has_detail ? body * 0.58f : body;
    draw_events_table(table_h);
    if (has_detail) draw_event_detail(body - table_h - ImGui::GetStyle().ItemSpacing.y);
}

void App::draw_events_table(float height) {
    using event::EventTable;
    static constexpr TableColumn kColumns[] = {
        {"Time (UTC)", 13.5f}, {"Event", 4.5f},  {"Provider", 14.0f}, {"Channel", 10.0f},
        {"Computer", 9.0f},    {"Record", 5.0f}, {"Details", 60.0f},
    };
    const auto clicked = events_view_.draw("events", events_, kColumns, height, [&](std::uint32_t index, int column) {
        const EventTable::Row& r = events_.row(index);
        switch (column) {
            case EventTable::kTime: {
                const std::string time = events_.time_text(r);
                cell_text(time.empty() ? std::string_view("-") : std::string_view(time));
                break;
            }
            case EventTable::kRecord:
                if (r.recovered) ImGui::TextColored(kWarning, "%llu (recovered)", static_cast<unsigned long long>(r.record));
                else ImGui::Text("%llu", static_cast<unsigned long long>(r.record));
                break;
            case EventTable::kDetails:
                ImGui::PushStyleColor(ImGuiCol_Text, kMuted);
                cell_text(events_.text(r, EventTable::kDetails));
                ImGui::PopStyleColor();
                break;
            default: cell_text(events_.text(r, static_cast<EventTable::Column>(column)));
        }
    });
    if (clicked) {
        const auto& rows = events_view_.view().rows();
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (rows[i] == *clicked) select_event(i);
        }
    }
}

void App::draw_event_detail(float height) {
    ImGui::BeginChild("event-detail", ImVec2(0, height), true);
    const evidence::Evidence* e = evidence_.find(detail_.evidence);
    ImGui::TextColored(kAccent, "Event");
    ImGui::SameLine();
    ImGui::TextColored(kMuted, "%s @ byte %llu", e ? e->name.c_str() : "(removed evidence)",
                       static_cast<unsigned long long>(detail_.offset));
    ImGui::SameLine();
    if (ImGui::SmallButton(detail_.show_xml ? "Fields" : "XML")) detail_.show_xml = !detail_.show_xml;
    ImGui::SameLine();
    if (ImGui::SmallButton("Copy XML")) ImGui::SetClipboardText(detail_.xml.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("Close")) {
        detail_ = EventDetail{};
        events_view_.select(std::nullopt);
        ImGui::EndChild();
        return;
    }
    switch (detail_.state) {
        case EventDetail::State::loading: ImGui::TextColored(kMuted, "Reading the event from the file…"); break;
        case EventDetail::State::missing: ImGui::TextColored(kWarning, "The event could not be read again."); break;
        case EventDetail::State::none: break;
        case EventDetail::State::ready:
            if (detail_.show_xml) {
                ImGui::TextUnformatted(detail_.xml.c_str());
                break;
            }
            if (ImGui::BeginTable("fields", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                                   ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp)) {
                ImGui::TableSetupColumn("Field", ImGuiTableColumnFlags_WidthStretch, 1.0f);
                ImGui::TableSetupColumn("Value", ImGuiTableColumnFlags_WidthStretch, 4.0f);
                for (std::size_t i = 0; i < detail_.fields.size(); ++i) {
                    const auto& [name, value] = detail_.fields[i];
                    ImGui::TableNextRow();
                    ImGui::TableNextColumn();
                    ImGui::TextColored(kMuted, "%s", name.c_str());
                    ImGui::TableNextColumn();
                    ImGui::PushID(static_cast<int>(i));
                    ImGui::TextWrapped("%s", value.c_str());
                    if (ImGui::BeginPopupContextItem("value")) {
                        if (ImGui::MenuItem("Copy value")) ImGui::SetClipboardText(value.c_str());
                        if (ImGui::MenuItem("Filter on this value")) set_event_filter(value);
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
