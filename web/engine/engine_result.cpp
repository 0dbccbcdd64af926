// trinity_engine: the engine as a Web Worker runs it. No UI, no GL: the
// worker script (shell/trinity_worker.js) reads slices of a dropped File,
// copies them into this module's memory and calls the exported functions of
// web/engine/*_exports.cpp; results go back to the UI thread as bytes.
#include "engine_result.h"

#include <emscripten/emscripten.h>

namespace trinity::web::engine {
namespace {
std::string g_result;
}

const char* result(std::string bytes) {
    g_result = std::move(bytes);
    return g_result.c_str();
}

}  // namespace trinity::web::engine

extern "C" EMSCRIPTEN_KEEPALIVE double trinity_engine_result_size() {
    return static_cast<double>(trinity::web::engine::g_result.size());
}
