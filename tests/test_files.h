// Helpers shared by Trinity's tests: reading files, finding test data and
// the shared corpus (tests that need the corpus skip when it is absent).
#pragma once

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iterator>
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

inline std::vector<std::byte> read_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<char> chars((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<std::byte> out(chars.size());
    for (std::size_t i = 0; i < chars.size(); ++i) out[i] = static_cast<std::byte>(chars[i]);
    return out;
}

inline std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
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
