#include "main_loop.h"

#include <emscripten.h>

namespace trinity::web {
namespace {

void call_frame(void* arg) { (*static_cast<std::function<void()>*>(arg))(); }

}  // namespace

void run_main_loop(std::function<void()> frame) {
    static std::function<void()> body;
    body = std::move(frame);
    // fps 0: the browser's requestAnimationFrame paces us. Simulating an
    // infinite loop keeps main()'s locals alive and never returns.
    emscripten_set_main_loop_arg(call_frame, &body, 0, true);
    __builtin_unreachable();
}

}  // namespace trinity::web
