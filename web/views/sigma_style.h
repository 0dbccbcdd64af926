// Colours of Sigma levels, shared by the Rules and Detections tabs.
#pragma once

#include "../ui_style.h"
#include "imgui.h"
#include "trinity/sigma/rule.h"

namespace trinity::web {

inline ImVec4 level_colour(sigma::Level level) {
    switch (level) {
        case sigma::Level::critical: return ImVec4(1.00f, 0.30f, 0.45f, 1.00f);
        case sigma::Level::high: return style::kError;
        case sigma::Level::medium: return style::kWarning;
        case sigma::Level::low: return style::kAccent;
        case sigma::Level::informational: break;
    }
    return style::kMuted;
}

}  // namespace trinity::web
