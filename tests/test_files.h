// Helpers shared by Trinity's tests: reading files, finding test data and
// the shared corpus (tests that need the corpus skip when it is absent).
#pragma once

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <cstring>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

namespace trinity::test {

inline std::filesystem::path data_dir() { return TRINITY_TEST_DATA_DIR; }

// The shared corpus, or nothing when this checkout has none beside it.
inline std::optional<std::filesystem::path> corpus_dir() {
    std::error_code ec;
    std::filesystem::path dir = TRINITY_CORPUS_DIR;
    if (std::filesystem::is_directory(dir, ec)) return dir;
    return std::nullopt;
}

// Whole-file reads for test inputs (sized reads: GCC 12 at -O3 misreports
// istreambuf_iterator loops under -Wnull-dereference).
inline std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) return {};
    std::string out(static_cast<std::size_t>(in.tellg()), '\0');
    in.seekg(0);
    in.read(out.data(), static_cast<std::streamsize>(out.size()));
    out.resize(static_cast<std::size_t>(in.gcount()));
    return out;
}

inline std::vector<std::byte> read_bytes(const std::filesystem::path& path) {
    const std::string text = read_text(path);
    std::vector<std::byte> out(text.size());
    if (!text.empty()) std::memcpy(out.data(), text.data(), text.size());
    return out;
}

// Regular files under `dir` (recursively), sorted, so test names are stable.
inline std::vector<std::filesystem::path> files_under(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> out;
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec)) out.push_back(it->path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace trinity::test
