// App: Trinity's browser UI. Owns the Workspace and the views (one tab
// each) and draws the frame around them: header, drop zone, progress of
// running jobs, tabs, log, status bar. Knows nothing of the page around it
// (shell_bridge.cpp connects the two).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "view.h"
#include "views/detections_view.h"
#include "views/events_view.h"
#include "views/indicators_view.h"
#include "views/rules_view.h"
#include "workspace.h"

namespace trinity::web {

// What the page tells the app each frame.
struct PageState {
    bool cross_origin_isolated = false;
    bool drag_over = false;  // files are being dragged over the page
};

class App {
public:
    App();

    // Draws one frame. Call between ImGui::NewFrame() and ImGui::Render().
    void frame(const PageState& page);

    Workspace& workspace() { return ws_; }
    const Workspace& workspace() const { return ws_; }
    EventsView& events_view() { return *events_view_; }
    IndicatorsView& indicators_view() { return *indicators_view_; }
    RulesView& rules_view() { return *rules_view_; }
    DetectionsView& detections_view() { return *detections_view_; }
    std::uint64_t frames() const { return frames_; }

private:
    void draw_header();
    void draw_drop_zone(float height);
    void draw_jobs();
    void draw_log(float height);
    void draw_status_bar(const PageState& page);

    Workspace ws_;
    std::vector<std::unique_ptr<View>> views_;
    EventsView* events_view_ = nullptr;
    IndicatorsView* indicators_view_ = nullptr;
    RulesView* rules_view_ = nullptr;
    DetectionsView* detections_view_ = nullptr;
    std::uint64_t frames_ = 0;
    std::uint64_t log_seen_ = 0;
};

}  // namespace trinity::web
