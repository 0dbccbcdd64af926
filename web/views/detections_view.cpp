#include "detections_view.h"

#include <algorithm>
#include <iterator>
#include <map>

#include "../ui_style.h"
#include "../workspace.h"
#include "imgui.h"
#include "sigma_style.h"
#include "trinity/event/event.h"

namespace trinity::web {
namespace {

using namespace style;

enum Column { kColLevel, kColTime, kColTactic, kColRule, kColComputer, kColEventId, kColRecord, kColEvidence, kColMatched };

std::string time_text(const std::optional<std::int64_t>& t) { return t ? event::format_time(*t) : std::string("-"); }

bool same_folded(std::string_view a, std::string_view b) {
    return a.size() == b.size() && table::fold_case(a) == table::fold_case(b);
}

// Whether event field `name` = `value` is one the rule matched on.
bool highlighted(const sigma::Hit& hit, std::string_view name, std::string_view value) {
    for (const auto& m : hit.matched) {
        if (same_folded(m.field, name)) return true;
        const auto dot = name.rfind('.');
        if (dot != std::string_view::npos && same_folded(m.field, name.substr(dot + 1))) return true;
        if (!m.value.empty() && m.value == value) return true;
    }
    return false;
}

struct DetectionRows final : table::RowSource {
    const Workspace& ws;
    const std::vector<DetectionsView::Row>& rows;
    DetectionRows(const Workspace& w, const std::vector<DetectionsView::Row>& r) : ws(w), rows(r) {}
    const sigma::Hit& hit(std::size_t r) const { return ws.sigma_hits()[rows[r].hit]; }
    const Workspace::Detection& detection(std::size_t r) const { return ws.detections()[rows[r].hit]; }
    const sigma::RuleInfo& rule(std::size_t r) const { return ws.rules()->info(hit(r).rule); }
    std::string evidence(std::size_t r) const {
        const auto* e = ws.evidence().find(detection(r).evidence);
        return e ? e->name : std::string();
    }
    std::size_t size() const override { return rows.size(); }
    std::string text(std::size_t r, int column) const {
        switch (column) {
            case kColLevel: return std::string(sigma::to_string(rule(r).level));
            case kColTime: return time_text(hit(r).time_us);
            case kColTactic: return rows[r].tactics;
            case kColRule: return rule(r).title;
            case kColComputer: return detection(r).computer;
            case kColEventId: return detection(r).event_id;
            case kColRecord: return std::to_string(hit(r).provenance.record);
            case kColEvidence: return evidence(r);
            case kColMatched: return matched_text(hit(r));
            default: return {};
        }
    }
    bool row_matches(std::size_t r, std::string_view needle) const override {
        for (int c = kColLevel; c <= kColMatched; ++c)
            if (table::contains_folded(text(r, c), needle)) return true;
        return table::contains_folded(rule(r).id, needle);
    }
    bool row_less(std::size_t a, std::size_t b, int column) const override {
        switch (column) {
            case kColLevel: return a < b;  // the rows' own order: level, then tactic, then time
            case kColTime: return hit(a).time_us.value_or(INT64_MIN) < hit(b).time_us.value_or(INT64_MIN);
            case kColRecord: return hit(a).provenance.record < hit(b).provenance.record;
            case kColEventId: return table::natural_less(detection(a).event_id, detection(b).event_id);
            default: return text(a, column) < text(b, column);
        }
    }
};

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}

}  // namespace

void DetectionsView::count() const {
    if (counted_generation_ == ws_.detections_generation()) return;
    counted_generation_ = ws_.detections_generation();
    reported_ = 0;
    std::fill(std::begin(level_counts_), std::end(level_counts_), 0);
    tactic_counts_.clear();
    const auto* rules = ws_.rules();
    const auto* engine = ws_.sigma_engine();
    if (!rules || !engine) return;
    std::map<std::uint32_t, std::vector<std::string>> of_rule;
    for (const sigma::Hit& hit : ws_.sigma_hits()) {
        if (!engine->reported(hit.rule)) continue;
        ++reported_;
        ++level_counts_[static_cast<int>(rules->info(hit.rule).level)];
        auto t = of_rule.find(hit.rule);
        if (t == of_rule.end()) t = of_rule.emplace(hit.rule, rules->info(hit.rule).attack_tactics()).first;
        for (const auto& name : t->second) ++tactic_counts_[name];
    }
}

std::string DetectionsView::title() const {
    count();
    return "Detections (" + std::to_string(reported_) + ")###detections";
}

bool DetectionsView::visible() const { return ws_.rules() != nullptr; }

void DetectionsView::refresh() {
    if (seen_generation_ == ws_.detections_generation() && seen_evidence_generation_ == ws_.generation() &&
        !filters_changed_) {
        return;
    }
    if (seen_generation_ != ws_.detections_generation()) correlation_.reset();  // correlations were recomputed
    seen_generation_ = ws_.detections_generation();
    seen_evidence_generation_ = ws_.generation();
    filters_changed_ = false;
    rows_.clear();
    table_.reset();
    requested_.reset();
    const auto* rules = ws_.rules();
    const auto* engine = ws_.sigma_engine();
    if (!rules || !engine) return;
    std::vector<bool> in_correlation;
    if (correlation_ && *correlation_ < ws_.correlations().size()) {
        in_correlation.assign(ws_.sigma_hits().size(), false);
        for (std::size_t h : ws_.correlations()[*correlation_].hits)
            if (h < in_correlation.size()) in_correlation[h] = true;
    }
    std::map<std::uint32_t, std::vector<std::string>> tactics;  // per rule, computed once
    const auto& hits = ws_.sigma_hits();
    for (std::size_t i = 0; i < hits.size(); ++i) {
        const sigma::Hit& hit = hits[i];
        if (!engine->reported(hit.rule) && in_correlation.empty()) continue;
        if (!in_correlation.empty() && !in_correlation[i]) continue;
        const sigma::RuleInfo& info = rules->info(hit.rule);
        if (static_cast<int>(info.level) < min_level_) continue;
        auto t = tactics.find(hit.rule);
        if (t == tactics.end()) t = tactics.emplace(hit.rule, info.attack_tactics()).first;
        if (!tactic_.empty() && std::find(t->second.begin(), t->second.end(), tactic_) == t->second.end()) continue;
        rows_.push_back({static_cast<std::uint32_t>(i), join(t->second)});
    }
    std::stable_sort(rows_.begin(), rows_.end(), [&](const Row& a, const Row& b) {
        const auto la = rules->info(hits[a.hit].rule).level;
        const auto lb = rules->info(hits[b.hit].rule).level;
        if (la != lb) return la > lb;
        if (a.tactics.empty() != b.tactics.empty()) return b.tactics.empty();  // untagged last
        if (a.tactics != b.tactics) return a.tactics < b.tactics;
        return hits[a.hit].time_us.value_or(INT64_MIN) < hits[b.hit].time_us.value_or(INT64_MIN);
    });
}

std::vector<const DetectionsView::Row*> DetectionsView::shown() {
    refresh();
    DetectionRows rows(ws_, rows_);
    while (!table_.view().step(rows, kFilterRowsPerFrame)) {
    }
    std::vector<const Row*> out;
    for (std::uint32_t r : table_.view().rows()) out.push_back(&rows_[r]);
    return out;
}

void DetectionsView::select(std::size_t view_index) {
    shown();
    const auto& view = table_.view().rows();
    if (view_index >= view.size()) return;
    const std::uint32_t r = view[view_index];
    table_.select(r);
    const Row& row = rows_[r];
    ws_.request_event_detail(ws_.detections()[row.hit].evidence, ws_.sigma_hits()[row.hit].provenance.offset);
    requested_ = row.hit;
}

void DetectionsView::focus_correlation(std::optional<std::size_t> index) {
    correlation_ = index;
    filters_changed_ = true;
}

void DetectionsView::draw(float height) {
    refresh();
    draw_toolbar();
    DetectionRows rows(ws_, rows_);
    table_.draw_filter(rows, "Filter detections (rule, computer, field, value, file)…", "detections", !ws_.ingesting());
    const float line = ImGui::GetFrameHeightWithSpacing();
    float body = height - line * 2.0f;
    const std::size_t correlations = ws_.correlations().size();
    if (correlations) {
        const float h = std::min(body * 0.3f, ImGui::GetTextLineHeightWithSpacing() * (static_cast<float>(correlations) + 3.0f));
        draw_correlations(h);
        body -= h + ImGui::GetStyle().ItemSpacing.y;
    }
    const auto selected = table_.selected();
    const bool has_detail = selected && *selected < rows_.size();
    const float table_h = has_detail ? body * 0.55f : body;
    static constexpr TableColumn kColumns[] = {
        {"Level", 5.5f}, {"Time", 14.5f}, {"Tactic", 9.0f}, {"Rule", 20.0f}, {"Computer", 7.0f},
        {"Event ID", 4.5f}, {"Record", 4.5f}, {"Evidence", 10.0f}, {"Matched", 30.0f},
    };
    const auto clicked = table_.draw("detections", rows, kColumns, table_h, [&](std::uint32_t r, int column) {
        if (column == kColLevel) {
            const sigma::Level level = rows.rule(r).level;
            ImGui::TextColored(level_colour(level), "%s", std::string(sigma::to_string(level)).c_str());
        } else if (column == kColTactic || column == kColEvidence || column == kColRecord) {
            ImGui::TextColored(kMuted, "%s", rows.text(r, column).c_str());
        } else {
            cell_text(rows.text(r, column));
        }
    });
    if (clicked) {
        const Row& row = rows_[*clicked];
        ws_.request_event_detail(ws_.detections()[row.hit].evidence, ws_.sigma_hits()[row.hit].provenance.offset);
        requested_ = row.hit;
    }
    if (has_detail) draw_detail(body - table_h - ImGui::GetStyle().ItemSpacing.y, rows_[*selected]);
}

void DetectionsView::draw_toolbar() {
    const auto* rules = ws_.rules();
    const auto* engine = ws_.sigma_engine();
    if (!rules || !engine) return;
    count();
    for (int l = 4; l >= 0; --l) {
        const auto level = static_cast<sigma::Level>(l);
        ImGui::PushID(l);
        ImGui::PushStyleColor(ImGuiCol_Text, level_colour(level));
        const std::string label = std::string(sigma::to_string(level)) + " " + std::to_string(level_counts_[l]);
        if (ImGui::SmallButton(label.c_str())) {
            min_level_ = min_level_ == l ? 0 : l;
            filters_changed_ = true;
        }
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show this level and above (click again for all)");
        ImGui::PopID();
        ImGui::SameLine();
    }
    if (min_level_ > 0) {
        ImGui::TextColored(kMuted, "(%s and above)", std::string(sigma::to_string(static_cast<sigma::Level>(min_level_))).c_str());
        ImGui::SameLine();
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14.0f);
    if (ImGui::BeginCombo("##tactic", tactic_.empty() ? "Every ATT&CK tactic" : tactic_.c_str())) {
        if (ImGui::Selectable("Every ATT&CK tactic", tactic_.empty())) {
            tactic_.clear();
            filters_changed_ = true;
        }
        for (const auto& [name, n] : tactic_counts_) {
            const std::string label = name + " (" + std::to_string(n) + ")";
            if (ImGui::Selectable(label.c_str(), tactic_ == name)) {
                tactic_ = name;
                filters_changed_ = true;
            }
        }
        ImGui::EndCombo();
    }
    for (const auto& job : ws_.jobs()) {
        if (job.kind != Job::Kind::sigma || !job.running()) continue;
        ImGui::SameLine();
        ImGui::TextColored(kMuted, "· matching %s", job.name.c_str());
    }
}

void DetectionsView::draw_correlations(float height) {
    const auto& correlations = ws_.correlations();
    const auto* rules = ws_.rules();
    ImGui::BeginChild("correlations", ImVec2(0, height), true);
    ImGui::TextColored(kAccent, "%zu correlation hits", correlations.size());
    if (correlation_) {
        ImGui::SameLine();
        if (ImGui::SmallButton("Show every detection")) focus_correlation(std::nullopt);
    }
    if (ImGui::BeginTable("correlation-table", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                                      ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("Level", ImGuiTableColumnFlags_WidthStretch, 0.6f);
        ImGui::TableSetupColumn("Rule", ImGuiTableColumnFlags_WidthStretch, 2.5f);
        ImGui::TableSetupColumn("Group", ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn("Value", ImGuiTableColumnFlags_WidthStretch, 0.6f);
        ImGui::TableSetupColumn("From – to", ImGuiTableColumnFlags_WidthStretch, 2.5f);
        ImGui::TableSetupColumn("Detections", ImGuiTableColumnFlags_WidthStretch, 0.7f);
        ImGui::TableHeadersRow();
        for (std::size_t i = 0; i < correlations.size(); ++i) {
            const sigma::CorrelationHit& c = correlations[i];
            const sigma::RuleInfo& info = rules->info(c.rule);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(static_cast<int>(i));
            if (ImGui::Selectable("##corr", correlation_ == i,
                                  ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap)) {
                focus_correlation(correlation_ == i ? std::nullopt : std::optional<std::size_t>(i));
            }
            ImGui::SameLine(0.0f, 0.0f);
            ImGui::TextColored(level_colour(info.level), "%s", std::string(sigma::to_string(info.level)).c_str());
            ImGui::TableNextColumn();
            cell_text(info.title);
            ImGui::TableNextColumn();
            std::string group;
            for (const auto& g : c.group) group += (group.empty() ? "" : "  ") + g.field + "=" + g.value;
            cell_text(group);
            ImGui::TableNextColumn();
            ImGui::Text("%g", c.value);
            ImGui::TableNextColumn();
            ImGui::TextColored(kMuted, "%s – %s", event::format_time(c.first_us).c_str(), event::format_time(c.last_us).c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%zu", c.hits.size());
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::EndChild();
}

void DetectionsView::draw_detail(float height, const Row& row) {
    const sigma::Hit& hit = ws_.sigma_hits()[row.hit];
    const sigma::RuleInfo& info = ws_.rules()->info(hit.rule);
    const Workspace::Detection& det = ws_.detections()[row.hit];
    ImGui::BeginChild("detection-detail", ImVec2(0, height), true);
    ImGui::TextColored(level_colour(info.level), "%s", std::string(sigma::to_string(info.level)).c_str());
    ImGui::SameLine();
    cell_text(info.title);
    ImGui::SameLine();
    ImGui::TextColored(kMuted, "%s", info.id.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("Close")) {
        table_.select(std::nullopt);
        requested_.reset();
        ImGui::EndChild();
        return;
    }
    if (!info.description.empty()) ImGui::TextWrapped("%s", info.description.c_str());
    if (!info.tags.empty()) {
        ImGui::TextColored(kMuted, "Tags: %s", join(info.tags).c_str());
    }
    if (!info.falsepositives.empty()) ImGui::TextColored(kMuted, "False positives: %s", join(info.falsepositives).c_str());
    ImGui::TextColored(kWarning, "Matched: %s", matched_text(hit).c_str());

    const EventDetail& detail = ws_.detail();
    const bool ours = detail.evidence == det.evidence && detail.offset == hit.provenance.offset;
    if (!ours || detail.state == EventDetail::State::none) {
        if (ImGui::SmallButton("Show the event")) {
            ws_.request_event_detail(det.evidence, hit.provenance.offset);
            requested_ = row.hit;
        }
    } else if (detail.state == EventDetail::State::loading) {
        ImGui::TextColored(kMuted, "Reading the event from the file…");
    } else if (detail.state == EventDetail::State::missing) {
        ImGui::TextColored(kWarning, "The event could not be read again.");
    } else if (ImGui::BeginTable("fields", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("Field", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("Value", ImGuiTableColumnFlags_WidthStretch, 4.0f);
        for (std::size_t i = 0; i < detail.fields.size(); ++i) {
            const auto& [name, value] = detail.fields[i];
            const bool mark = highlighted(hit, name, value);
            ImGui::TableNextRow();
            if (mark) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, ImGui::GetColorU32(ImVec4(1.0f, 0.78f, 0.30f, 0.18f)));
            ImGui::TableNextColumn();
            ImGui::TextColored(mark ? kWarning : kMuted, "%s", name.c_str());
            ImGui::TableNextColumn();
            ImGui::PushID(static_cast<int>(i));
            if (mark) ImGui::PushStyleColor(ImGuiCol_Text, kWarning);
            ImGui::TextWrapped("%s", value.c_str());
            if (mark) ImGui::PopStyleColor();
            if (ImGui::BeginPopupContextItem("value")) {
                if (ImGui::MenuItem("Copy value")) ImGui::SetClipboardText(value.c_str());
                if (ImGui::MenuItem("Filter on this value")) table_.set_filter(value);
                ImGui::EndPopup();
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::EndChild();
}

}  // namespace trinity::web
