#include "rules_view.h"

#include <algorithm>

#include "../ui_style.h"
#include "../workspace.h"
#include "imgui.h"
#include "sigma_style.h"

namespace trinity::web {
namespace {

using namespace style;

enum Column { kColTitle, kColLevel, kColStatus, kColKind, kColLogsource, kColFile };

std::string position(const sigma::SourcePos& pos) {
    std::string out = pos.file;
    if (pos.line) out += ":" + std::to_string(pos.line);
    if (pos.line && pos.column) out += ":" + std::to_string(pos.column);
    return out;
}

struct RuleRows final : table::RowSource {
    const sigma::RuleSet* rules;
    explicit RuleRows(const sigma::RuleSet* r) : rules(r) {}
    std::size_t size() const override { return rules ? rules->size() : 0; }
    std::string text(std::size_t r, int column) const {
        const sigma::RuleInfo& i = rules->info(r);
        switch (column) {
            case kColTitle: return i.title;
            case kColLevel: return std::string(sigma::to_string(i.level));
            case kColStatus: return i.status;
            case kColKind: return std::string(sigma::to_string(i.kind));
            case kColLogsource: return i.logsource.describe();
            case kColFile: return position(i.pos);
            default: return {};
        }
    }
    bool row_matches(std::size_t r, std::string_view needle) const override {
        for (int c = kColTitle; c <= kColFile; ++c)
            if (table::contains_folded(text(r, c), needle)) return true;
        return table::contains_folded(rules->info(r).id, needle);
    }
    bool row_less(std::size_t a, std::size_t b, int column) const override {
        if (column == kColLevel) return rules->info(a).level < rules->info(b).level;
        if (column == kColFile) {
            const auto& x = rules->info(a).pos;
            const auto& y = rules->info(b).pos;
            return x.file != y.file ? x.file < y.file : x.line < y.line;
        }
        return text(a, column) < text(b, column);
    }
};

}  // namespace

std::string RulesView::title() const {
    const auto* rules = ws_.rules();
    const std::size_t failed = rules ? rules->report().failures.size() : 0;
    return "Rules (" + std::to_string(rules ? rules->size() : 0) + (failed ? ", " + std::to_string(failed) + " failed" : "") +
           ")###rules";
}

bool RulesView::visible() const { return !ws_.rule_files().empty(); }

const std::vector<std::uint32_t>& RulesView::shown() {
    if (version_ != ws_.rules_version()) {
        version_ = ws_.rules_version();
        table_.reset();
    }
    RuleRows rows(ws_.rules());
    while (!table_.view().step(rows, kFilterRowsPerFrame)) {
    }
    return table_.view().rows();
}

void RulesView::draw(float height) {
    shown();
    draw_toolbar();
    const auto* rules = ws_.rules();
    RuleRows rows(rules);
    table_.draw_filter(rows, "Filter rules (title, id, level, logsource, file)…", "rules");
    const std::size_t failed = rules ? rules->report().failures.size() : 0;
    const float body = height - ImGui::GetFrameHeightWithSpacing() * 3.0f;
    const float failures_h = failed ? std::min(body * 0.4f, ImGui::GetTextLineHeightWithSpacing() * (static_cast<float>(failed) * 2.0f + 3.0f)) : 0.0f;
    static constexpr TableColumn kColumns[] = {
        {"Title", 30.0f}, {"Level", 6.0f}, {"Status", 6.0f}, {"Kind", 6.0f}, {"Logsource", 14.0f}, {"File", 18.0f},
    };
    table_.draw("rules", rows, kColumns, body - failures_h, [&](std::uint32_t r, int column) {
        if (column == kColLevel) {
            const sigma::Level level = rules->info(r).level;
            ImGui::TextColored(level_colour(level), "%s", std::string(sigma::to_string(level)).c_str());
        } else if (column == kColFile || column == kColStatus) {
            ImGui::TextColored(kMuted, "%s", rows.text(r, column).c_str());
        } else {
            cell_text(rows.text(r, column));
        }
        if (column == kColTitle && ImGui::IsItemHovered() && !rules->info(r).description.empty())
            ImGui::SetTooltip("%s", rules->info(r).description.c_str());
    });
    if (failed) draw_failures(failures_h - ImGui::GetStyle().ItemSpacing.y);
}

void RulesView::draw_toolbar() {
    if (ImGui::Button("Load rules…")) ws_.request_rules_picker(Workspace::RulesPicker::files);
    ImGui::SameLine();
    if (ImGui::Button("Load a folder…")) ws_.request_rules_picker(Workspace::RulesPicker::folder);
    ImGui::SameLine();
    if (ImGui::Button("Rule files…")) ImGui::OpenPopup("rule-files");
    if (ImGui::BeginPopup("rule-files")) {
        ImGui::TextColored(kMuted, "Click a file to remove it");
        std::string remove;
        for (const auto& f : ws_.rule_files())
            if (ImGui::MenuItem(f.name.c_str())) remove = f.name;
        if (!remove.empty()) ws_.remove_rule_file(remove);
        ImGui::EndPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Clear rules")) ws_.clear_rules();
    const auto* rules = ws_.rules();
    if (!rules) return;
    const auto& report = rules->report();
    ImGui::SameLine();
    ImGui::TextColored(kMuted, "%zu files, %llu documents:", ws_.rule_files().size(),
                       static_cast<unsigned long long>(report.documents));
    ImGui::SameLine();
    ImGui::TextColored(kGood, "%llu loaded", static_cast<unsigned long long>(report.loaded));
    ImGui::SameLine();
    ImGui::TextColored(report.failures.empty() ? kMuted : kError, "%zu failed", report.failures.size());
    ImGui::SameLine();
    ImGui::TextColored(report.warnings.empty() ? kMuted : kWarning, "%zu warnings", report.warnings.size());
    if (!report.warnings.empty() && ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        for (const auto& w : report.warnings) ImGui::TextUnformatted(w.c_str());
        ImGui::EndTooltip();
    }
    if (const auto* engine = ws_.sigma_engine(); engine && engine->stats().unmapped_rules) {
        ImGui::SameLine();
        ImGui::TextColored(kWarning, "%zu with a logsource the map does not know", engine->stats().unmapped_rules);
    }
}

void RulesView::draw_failures(float height) {
    const auto& failures = ws_.rules()->report().failures;
    ImGui::BeginChild("rule-failures", ImVec2(0, height), true);
    ImGui::TextColored(kError, "%zu rule documents failed to load", failures.size());
    if (ImGui::BeginTable("failures", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable |
                                             ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("Where", ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn("Rule", ImGuiTableColumnFlags_WidthStretch, 1.5f);
        ImGui::TableSetupColumn("Reason", ImGuiTableColumnFlags_WidthStretch, 3.0f);
        ImGui::TableHeadersRow();
        for (const auto& f : failures) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextColored(kMuted, "%s", position(f.pos).c_str());
            ImGui::TableNextColumn();
            cell_text(f.title.empty() ? f.id : f.title);
            ImGui::TableNextColumn();
            ImGui::PushStyleColor(ImGuiCol_Text, kError);
            ImGui::TextWrapped("%s", f.reason.c_str());
            ImGui::PopStyleColor();
        }
        ImGui::EndTable();
    }
    ImGui::EndChild();
}

}  // namespace trinity::web
