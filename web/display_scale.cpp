#include "display_scale.h"

#include <cmath>
#include <cstddef>

#include <emscripten/html5.h>

#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "shell_bridge.h"

extern const unsigned char trinity_ui_font[];
extern const std::size_t trinity_ui_font_size;

namespace trinity::web {
namespace {

// Scripts an analyst meets in artifacts: Latin (with extensions), Greek,
// Cyrillic, punctuation, currency, arrows, box drawing (process trees),
// shapes, and U+FFFD for undecodable bytes.
const ImWchar kGlyphRanges[] = {
    0x0020, 0x024F,  // Basic Latin, Latin-1, Latin Extended-A/B
    0x0370, 0x03FF,  // Greek
    0x0400, 0x052F,  // Cyrillic
    0x2000, 0x206F,  // General punctuation
    0x20A0, 0x20CF,  // Currency symbols
    0x2190, 0x21FF,  // Arrows
    0x2500, 0x25FF,  // Box drawing, block elements, geometric shapes
    0x2700, 0x27BF,  // Dingbats (check marks)
    0xFFFD, 0xFFFD,  // Replacement character
    0,
};

}  // namespace

void DisplayScale::rebuild_fonts(float ratio) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // the bytes are static, embedded at build time
    config.OversampleH = 2;
    config.OversampleV = 1;
    io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(trinity_ui_font),
                                   static_cast<int>(trinity_ui_font_size),
                                   std::round(kBaseFontSize * ratio), &config, kGlyphRanges);
    io.Fonts->Build();
    if (ratio_ != 0.0f) {
        // A new ratio (the window moved to another screen): re-upload. The
        // first time, the backend's first NewFrame uploads the atlas itself.
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }

    ImGuiStyle& style = ImGui::GetStyle();
    ImGuiStyle fresh;
    ImGui::StyleColorsDark(&fresh);
    fresh.WindowRounding = 0.0f;
    fresh.FrameRounding = 3.0f;
    fresh.ScaleAllSizes(ratio);
    style = fresh;
}

void DisplayScale::update() {
    double css_w = 0, css_h = 0;
    emscripten_get_element_css_size("#canvas", &css_w, &css_h);
    const float ratio = static_cast<float>(emscripten_get_device_pixel_ratio());
    const int w = static_cast<int>(std::lround(css_w * ratio));
    const int h = static_cast<int>(std::lround(css_h * ratio));
    if (ratio != ratio_) {
        rebuild_fonts(ratio);
        ratio_ = ratio;
    }
    if (w != width_ || h != height_) {
        width_ = w;
        height_ = h;
        trinity_shell_set_canvas_size(w, h);
    }
}

}  // namespace trinity::web
