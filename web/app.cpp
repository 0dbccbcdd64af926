#include "app.h"

#include <algorithm>

#include "imgui.h"
#include "trinity/log/logger.h"
#include "ui_style.h"
#include "views/evidence_view.h"

namespace trinity::web {

using namespace style;

namespace {

ImVec4 level_colour(log::Level level) {
    switch (level) {
        case log::Level::error: return kError;
        case log::Level::warning: return kWarning;
        case log::Level::debug: return kMuted;
        case log::Level::info: break;
    }
    return ImGui::GetStyleColorVec4(ImGuiCol_Text);
}

}  // namespace

App::App() {
    views_.push_back(std::make_unique<EvidenceView>(ws_));
    auto events = std::make_unique<EventsView>(ws_);
    events_view_ = events.get();
    views_.push_back(std::move(events));
    auto indicators = std::make_unique<IndicatorsView>(ws_);
    indicators_view_ = indicators.get();
    views_.push_back(std::move(indicators));
    auto detections = std::make_unique<DetectionsView>(ws_);
    detections_view_ = detections.get();
    views_.push_back(std::move(detections));
    auto rules = std::make_unique<RulesView>(ws_);
    rules_view_ = rules.get();
    views_.push_back(std::move(rules));
}

void App::frame(const PageState& page) {
    ++frames_;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    constexpr ImGuiWindowFlags kRootFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                            ImGuiWindowFlags_NoSavedSettings |
                                            ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("Trinity", nullptr, kRootFlags);

    draw_header();
    draw_jobs();
    const float line = ImGui::GetFrameHeightWithSpacing();
    const float status_height = line;
    const float log_height = line * 6.5f;
    if ((ws_.evidence().items().empty() && ws_.rule_files().empty()) || page.drag_over) {
        const float body = std::max(line * 4.0f, ImGui::GetContentRegionAvail().y - log_height - status_height);
        draw_drop_zone(body);
    } else if (ImGui::BeginTabBar("views")) {
        const float body = std::max(line * 4.0f, ImGui::GetContentRegionAvail().y - log_height - status_height - line);
        const std::string focus = ws_.take_focus();
        for (auto& view : views_) {
            if (!view->visible()) continue;
            const std::string title = view->title();
            const ImGuiTabItemFlags flags = focus == view->id() ? ImGuiTabItemFlags_SetSelected : 0;
            if (ImGui::BeginTabItem(title.c_str(), nullptr, flags)) {
                ImGui::PushID(view->id());
                view->draw(body);
                ImGui::PopID();
                ImGui::EndTabItem();
            }
        }
        ImGui::EndTabBar();
    }
    draw_log(log_height - ImGui::GetStyle().ItemSpacing.y);
    draw_status_bar(page);
    ImGui::End();
}

void App::draw_header() {
    ImGui::TextColored(kAccent, "Trinity");
    ImGui::SameLine();
    ImGui::TextColored(kMuted, "evidence stays in this browser");
    ImGui::SameLine();
    const float buttons = ImGui::CalcTextSize("Open files…").x + ImGui::CalcTextSize("Load rules…").x +
                          ImGui::CalcTextSize("Clear").x + ImGui::GetStyle().FramePadding.x * 6 +
                          ImGui::GetStyle().ItemSpacing.x * 2;
    ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - buttons));
    if (ImGui::Button("Open files…")) ws_.request_file_picker();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Pick evidence files (Ctrl+O)");
    ImGui::SameLine();
    if (ImGui::Button("Load rules…")) ws_.request_rules_picker(Workspace::RulesPicker::files);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Pick Sigma rule files (.yml); dropping them works too");
    ImGui::SameLine();
    ImGui::BeginDisabled(ws_.evidence().items().empty());
    if (ImGui::Button("Clear")) ws_.clear();
    ImGui::EndDisabled();
    ImGui::Separator();
}

void App::draw_jobs() {
    for (const auto& job : ws_.jobs()) {
        if (!job.running()) continue;
        ImGui::PushID(static_cast<int>(job.id));
        const std::string overlay =
            job.kind == Job::Kind::hash
                ? "hashing " + job.name + ": " + job.progress() + (ws_.parsing() ? " (paused while parsing)" : "")
                : (job.kind == Job::Kind::sigma ? "Sigma rules on " : "") + job.name + ": " + job.progress() +
                      (job.kind == Job::Kind::evtx ? ", " + std::to_string(job.records) + " events" : "");
        const float cancel_w = ImGui::CalcTextSize("Cancel").x + ImGui::GetStyle().FramePadding.x * 2;
        ImGui::ProgressBar(job.fraction(),
                           ImVec2(ImGui::GetContentRegionAvail().x - cancel_w - ImGui::GetStyle().ItemSpacing.x, 0),
                           overlay.c_str());
        ImGui::SameLine();
        if (ImGui::Button("Cancel")) ws_.cancel_job(job.id);
        ImGui::PopID();
    }
}

void App::draw_drop_zone(float height) {
    ImGui::BeginChild("drop-zone", ImVec2(0, height), false, ImGuiWindowFlags_NoScrollbar);
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 size = ImGui::GetContentRegionAvail();
    const ImVec2 max{min.x + size.x, min.y + size.y};
    const float pad = ImGui::GetFontSize();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, max, ImGui::GetColorU32(ImVec4(0.40f, 0.70f, 1.00f, 0.06f)), pad * 0.5f);
    draw->AddRect(min, max, ImGui::GetColorU32(ImVec4(0.40f, 0.70f, 1.00f, 0.55f)), pad * 0.5f, 0,
                  std::max(1.0f, pad / 8.0f));

    const char* title = "Drop evidence files here";
    const char* formats = "EVTX logs · ps, netstat, ss, lsof · tasklist, wmic · .reg exports · JSON, JSONL, CSV, syslog · Sigma rules (.yml)";
    const char* privacy = "Files are read in this browser. Nothing is uploaded.";
    auto centred = [&](const char* text, float y, ImVec4 colour) {
        const float w = ImGui::CalcTextSize(text).x;
        ImGui::SetCursorScreenPos(ImVec2(min.x + std::max(pad, (size.x - w) * 0.5f), y));
        ImGui::TextColored(colour, "%s", text);
    };
    const float mid = min.y + size.y * 0.5f;
    const float lh = ImGui::GetTextLineHeightWithSpacing();
    centred(title, mid - lh * 2.0f, kAccent);
    centred(formats, mid - lh * 0.5f, kMuted);
    centred(privacy, mid + lh * 0.5f, kMuted);
    const float bw = ImGui::CalcTextSize("Open files…").x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SetCursorScreenPos(ImVec2(min.x + (size.x - bw) * 0.5f, mid + lh * 2.0f));
    if (ImGui::Button("Open files…##drop")) ws_.request_file_picker();
    ImGui::EndChild();
}

void App::draw_log(float height) {
    ImGui::BeginChild("log", ImVec2(0, height), true);
    const auto entries = log::global().recent();
    for (const auto& entry : entries) {
        ImGui::TextColored(level_colour(entry.level), "%s", log::format(entry).c_str());
    }
    // Follow new entries unless the analyst scrolled up to read.
    const std::uint64_t newest = entries.empty() ? 0 : entries.back().sequence + 1;
    if (newest != log_seen_ && ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - ImGui::GetFontSize()) {
        ImGui::SetScrollHereY(1.0f);
    }
    log_seen_ = newest;
    ImGui::EndChild();
}

void App::draw_status_bar(const PageState& page) {
    std::uint64_t total = 0;
    for (const auto& e : ws_.evidence().items()) total += e.size;
    const std::size_t n = ws_.evidence().items().size();
    ImGui::TextColored(kMuted, "%zu file%s · %s", n, n == 1 ? "" : "s", evidence::format_size(total).c_str());
    if (!page.cross_origin_isolated) {
        ImGui::SameLine();
        ImGui::TextColored(kWarning, "· not served by trinity-proxy (no cross-origin isolation)");
    }
    ImGui::SameLine();
    ImGui::TextColored(kMuted, "· %.0f fps", static_cast<double>(ImGui::GetIO().Framerate));
}

}  // namespace trinity::web
