// The seam between the page (shell/*.js) and the app. JS calls the exported
// C functions in shell_bridge.cpp; the app calls into JS only through the
// functions of shell/library_trinity.js declared here.
#pragma once

namespace trinity::web {

class App;

// The app the exported functions act on; set once by main().
void attach_app(App* app);
// That app, or nullptr before main() ran: feature bridges
// (shell_bridge_<feature>.cpp) reach it through this.
App* attached_app();

}  // namespace trinity::web

extern "C" {
// Implemented in shell/library_trinity.js.
void trinity_shell_open_file_picker();
int trinity_shell_cross_origin_isolated();
int trinity_shell_drag_over();
void trinity_shell_set_canvas_size(int width, int height);
// Offers `text` to the analyst as a file download.
void trinity_shell_download(const char* name, const char* mime, const char* text);
// Asks the page to read evidence `id` whole and add it as a threat-intel
// feed (trinity_feed_add).
void trinity_shell_load_feed(double id);
// Puts UTF-8 `text` on the system clipboard (navigator.clipboard).
void trinity_shell_copy_text(const char* text);
// Asks a worker to read the event at `offset` of evidence `evidence` again;
// the page answers with trinity_event_detail().
void trinity_shell_request_event(double evidence, double offset);
// Opens the page's picker of Sigma rule files (`folder` 1: of a folder).
void trinity_shell_open_rules_picker(int folder);
}
