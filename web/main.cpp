// Trinity's browser app: sets up GLFW (Emscripten's), WebGL2 and Dear ImGui,
// then draws the App once per animation frame.
#include <cstdio>

#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>

#include "app.h"
#include "display_scale.h"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "main_loop.h"
#include "shell_bridge.h"
#include "trinity/log/logger.h"

int main() {
    glfwSetErrorCallback([](int code, const char* message) {
        std::fprintf(stderr, "GLFW error %d: %s\n", code, message);
    });
    if (!glfwInit()) {
        std::fprintf(stderr, "trinity: GLFW failed to start\n");
        return 1;
    }
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    GLFWwindow* window = glfwCreateWindow(1280, 720, "Trinity", nullptr, nullptr);
    if (!window) {
        std::fprintf(stderr, "trinity: no WebGL2 context (is WebGL2 enabled in this browser?)\n");
        return 1;
    }
    glfwMakeContextCurrent(window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // layout is not persisted in MEMFS
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    // Copy buttons reach the system clipboard through the page (GLFW's web
    // clipboard stays inside the module).
    ImGui::GetIO().SetClipboardTextFn = [](void*, const char* text) { trinity_shell_copy_text(text); };
    ImGui_ImplOpenGL3_Init("#version 300 es");

    trinity::log::global().set_sink([](const trinity::log::Entry& e) {
        std::printf("%s\n", trinity::log::format(e).c_str());
    });
    static trinity::web::App app;
    static trinity::web::DisplayScale scale;
    trinity::web::attach_app(&app);

    trinity::web::run_main_loop([window] {
        scale.update();
        glfwPollEvents();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();

        trinity::web::PageState page;
        page.cross_origin_isolated = trinity_shell_cross_origin_isolated() != 0;
        page.drag_over = trinity_shell_drag_over() != 0;
        app.frame(page);
        if (app.workspace().take_open_request()) trinity_shell_open_file_picker();
        if (const auto rules = app.workspace().take_rules_picker_request(); rules != trinity::web::Workspace::RulesPicker::none) {
            trinity_shell_open_rules_picker(rules == trinity::web::Workspace::RulesPicker::folder ? 1 : 0);
        }
        for (const auto id : app.workspace().take_feed_requests()) trinity_shell_load_feed(static_cast<double>(id));
        trinity::evidence::EvidenceId detail_evidence = 0;
        std::uint64_t detail_offset = 0;
        if (app.workspace().take_detail_request(detail_evidence, detail_offset)) {
            trinity_shell_request_event(static_cast<double>(detail_evidence), static_cast<double>(detail_offset));
        }

        ImGui::Render();
        int w = 0, h = 0;
        glfwGetFramebufferSize(window, &w, &h);
        glViewport(0, 0, w, h);
        glClearColor(0.08f, 0.09f, 0.11f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    });
}
