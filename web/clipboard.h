// The app's clipboard: ImGui's copy (SetClipboardText, Ctrl+C in a text
// field) goes to the system clipboard through the page, and paste inside the
// app gives back what the app copied last. Emscripten's GLFW clipboard
// functions are empty, so without this every Copy button did nothing.
#pragma once

namespace trinity::web {

// Call once after the ImGui GLFW backend is set up (it installs its own).
void install_clipboard();

}  // namespace trinity::web
