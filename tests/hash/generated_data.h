// Deterministic test inputs for hashing: the same bytes for a size, seed and
// kind on every platform, so ssdeep vectors taken from the Debian `ssdeep`
// tool on these bytes can be hard-coded for the wasm build.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace trinity::test {

enum class DataKind {
    random,     // xorshift32 bytes
    text,       // words, spaces and newlines: low entropy, like logs
    zero_tail,  // random, the last quarter zero bytes (rolling sum ends at 0)
};

inline std::vector<std::byte> generated(std::size_t size, std::uint32_t seed, DataKind kind) {
    static constexpr std::string_view kWords[] = {
        "svchost", "powershell", "-enc", "cmd.exe", "/c", "whoami", "net", "user",
        "admin", "10.0.0.5", "http://example.org/a", "Event", "4624", "logon", "the", "and"};
    std::uint32_t x = seed ? seed : 1;
    auto next = [&x] {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        return x;
    };
    std::vector<std::byte> out;
    out.reserve(size);
    while (out.size() < size) {
        if (kind == DataKind::text) {
            const std::uint32_t r = next();
            for (const char c : kWords[r % 16]) out.push_back(static_cast<std::byte>(c));
            out.push_back(static_cast<std::byte>((r >> 8) % 8 == 0 ? '\n' : ' '));
        } else {
            out.push_back(static_cast<std::byte>(next() >> 24));
        }
    }
    out.resize(size);
    if (kind == DataKind::zero_tail) {
        for (std::size_t i = size - size / 4; i < size; ++i) out[i] = std::byte{0};
    }
    return out;
}

}  // namespace trinity::test
