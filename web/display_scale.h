// HiDPI for the web app. ImGui works in device pixels: the canvas backbuffer
// is its CSS size times devicePixelRatio, fonts are rasterised at that
// scale and style sizes scaled to match, so text stays crisp on any screen
// and mouse coordinates (which Emscripten's GLFW reports in backbuffer
// pixels) line up.
#pragma once

namespace trinity::web {

class DisplayScale {
public:
    // Fits the canvas to its CSS box at the current device pixel ratio and
    // rebuilds the fonts when the ratio changed. Call once per frame before
    // ImGui's NewFrame.
    void update();

    float ratio() const { return ratio_; }

private:
    void rebuild_fonts(float ratio);

    float ratio_ = 0.0f;
    int width_ = 0;
    int height_ = 0;
};

// Point size of body text in CSS pixels.
inline constexpr float kBaseFontSize = 15.0f;

}  // namespace trinity::web
