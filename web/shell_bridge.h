// The seam between the page (shell/*.js) and the app. JS calls the exported
// C functions in shell_bridge.cpp; the app calls into JS only through the
// functions of shell/library_trinity.js declared here.
#pragma once

namespace trinity::web {

class App;

// The app the exported functions act on; set once by main().
void attach_app(App* app);

}  // namespace trinity::web

extern "C" {
// Implemented in shell/library_trinity.js.
void trinity_shell_open_file_picker();
int trinity_shell_cross_origin_isolated();
int trinity_shell_drag_over();
void trinity_shell_set_canvas_size(int width, int height);
// Puts UTF-8 `text` on the system clipboard (navigator.clipboard).
void trinity_shell_copy_text(const char* text);
// Asks a worker to read the event at `offset` of evidence `evidence` again;
// the page answers with trinity_event_detail().
void trinity_shell_request_event(double evidence, double offset);
}
