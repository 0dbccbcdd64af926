// Reading feed files and MISP feed folders into a FeedSet (see feed_files.h).
#include "feed_files.h"

#include <algorithm>
#include <filesystem>
#include <vector>

#include "file_byte_source.h"

namespace trinity::cli {
namespace {

namespace fs = std::filesystem;

Result<std::vector<std::byte>> read_whole(const std::string& path) {
    auto source = FileByteSource::open(path);
    if (!source) return source.error();
    std::vector<std::byte> bytes(static_cast<std::size_t>((*source)->size()));
    std::size_t done = 0;
    while (done < bytes.size()) {
        auto n = (*source)->read_at(done, std::span<std::byte>(bytes).subspan(done));
        if (!n) return n.error();
        if (*n == 0) break;
        done += *n;
    }
    bytes.resize(done);
    return bytes;
}

bool add_file(intel::FeedSet& feeds, const std::string& path, std::optional<intel::FeedFormat> format,
              const FeedFileCallback& on_file, intel::FeedReport* report_out = nullptr) {
    auto bytes = read_whole(path);
    if (!bytes) {
        on_file(path, bytes.error());
        return false;
    }
    auto report = feeds.add(path, *bytes, format);
    on_file(path, report);
    if (report && report_out) *report_out = *report;
    return report.ok();
}

}  // namespace

std::size_t add_feed_paths(intel::FeedSet& feeds, const std::vector<std::string>& paths, const FeedFileCallback& on_file) {
    std::size_t failed = 0;
    for (const std::string& path : paths) {
        std::error_code ec;
        if (!fs::is_directory(path, ec)) {
            failed += !add_file(feeds, path, std::nullopt, on_file);
            continue;
        }
        const fs::path dir(path);
        if (fs::exists(dir / "manifest.json", ec)) {
            intel::FeedReport manifest;
            if (!add_file(feeds, (dir / "manifest.json").string(), intel::FeedFormat::misp_manifest, on_file, &manifest)) {
                ++failed;
                continue;
            }
            for (const std::string& event : manifest.listed_files)
                failed += !add_file(feeds, (dir / event).string(), intel::FeedFormat::misp_event, on_file);
            continue;
        }
        std::vector<std::string> files;
        for (const auto& entry : fs::directory_iterator(dir, ec))
            if (entry.is_regular_file(ec)) files.push_back(entry.path().string());
        if (ec) {
            on_file(path, Error{ErrorKind::io, "cannot list the folder: " + ec.message(), Location::in(path)});
            ++failed;
            continue;
        }
        std::sort(files.begin(), files.end());
        for (const std::string& file : files) failed += !add_file(feeds, file, std::nullopt, on_file);
    }
    return failed;
}

}  // namespace trinity::cli
