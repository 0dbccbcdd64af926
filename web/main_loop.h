// One main-loop body for the app; main_loop_web.cpp drives it from the
// browser's animation frames.
#pragma once

#include <functional>

namespace trinity::web {

// Calls `frame` once per display refresh, forever. Does not return.
[[noreturn]] void run_main_loop(std::function<void()> frame);

}  // namespace trinity::web
