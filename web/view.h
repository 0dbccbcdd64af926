// View: one tab of the app. Each feature draws its state from the
// Workspace in a View of its own (views/<feature>_view.cpp); App lists them.
#pragma once

#include <string>

namespace trinity::web {

class Workspace;

class View {
public:
    explicit View(Workspace& workspace) : ws_(workspace) {}
    virtual ~View() = default;
    View(const View&) = delete;
    View& operator=(const View&) = delete;

    // A stable id ("events"), used to bring the view to the front.
    virtual const char* id() const = 0;
    // The tab's label, counts included ("Events (2,264)").
    virtual std::string title() const = 0;
    // Whether the tab is shown at all (e.g. only once there is something).
    virtual bool visible() const { return true; }
    // Draws the body; `height` is what the tab has.
    virtual void draw(float height) = 0;

protected:
    Workspace& ws_;
};

}  // namespace trinity::web
