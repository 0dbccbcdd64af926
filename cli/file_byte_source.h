// FileByteSource: a ByteSource over a native file, read with pread() so
// engines can fetch any chunk without holding the file in memory.
#pragma once

#include <memory>
#include <string>

#include "trinity/io/byte_source.h"
#include "trinity/result.h"

namespace trinity::cli {

class FileByteSource final : public io::ByteSource {
public:
    // Opens a regular file; a clear error for missing, unreadable or
    // non-regular paths (directories, devices, pipes).
    static Result<std::unique_ptr<FileByteSource>> open(const std::string& path);
    ~FileByteSource() override;

    FileByteSource(const FileByteSource&) = delete;
    FileByteSource& operator=(const FileByteSource&) = delete;

    std::uint64_t size() const override { return size_; }
    const std::string& name() const override { return path_; }
    Result<std::size_t> read_at(std::uint64_t offset, std::span<std::byte> out) override;

private:
    FileByteSource(int fd, std::uint64_t size, std::string path)
        : fd_(fd), size_(size), path_(std::move(path)) {}

    int fd_;
    std::uint64_t size_;
    std::string path_;
};

}  // namespace trinity::cli
