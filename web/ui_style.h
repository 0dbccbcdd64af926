// The app's colours, shared by every view.
#pragma once

#include "imgui.h"

namespace trinity::web::style {

inline const ImVec4 kAccent{0.40f, 0.70f, 1.00f, 1.00f};
inline const ImVec4 kMuted{0.62f, 0.64f, 0.68f, 1.00f};
inline const ImVec4 kWarning{1.00f, 0.78f, 0.30f, 1.00f};
inline const ImVec4 kError{1.00f, 0.42f, 0.38f, 1.00f};
inline const ImVec4 kGood{0.45f, 0.85f, 0.50f, 1.00f};

}  // namespace trinity::web::style
