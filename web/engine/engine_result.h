// The engine worker's result buffer: every exported function returns a
// pointer to bytes this module owns and keeps until the next call;
// trinity_engine_result_size() gives their length (see engine_result.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace trinity::web::engine {

// Keeps `bytes` as the current result and returns a pointer to them.
const char* result(std::string bytes);

// The caller's bytes as a span (empty for a null pointer or size <= 0).
inline std::span<const std::byte> bytes_of(const std::uint8_t* p, int size) {
    if (!p || size <= 0) return {};
    return {reinterpret_cast<const std::byte*>(p), static_cast<std::size_t>(size)};
}

}  // namespace trinity::web::engine
