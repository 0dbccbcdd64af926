#include "clipboard.h"

#include <string>

#include "imgui.h"
#include "shell_bridge.h"

namespace trinity::web {
namespace {

std::string g_copied;

void set_text(void*, const char* text) {
    g_copied = text ? text : "";
    trinity_shell_copy_text(g_copied.c_str());
}

const char* get_text(void*) { return g_copied.c_str(); }

}  // namespace

void install_clipboard() {
    ImGuiIO& io = ImGui::GetIO();
    io.SetClipboardTextFn = set_text;
    io.GetClipboardTextFn = get_text;
    io.ClipboardUserData = nullptr;
}

}  // namespace trinity::web
