// WorkerFileSource: an io::ByteSource over a File the worker script holds.
//
// Engines that read a whole file front to back (indicator scans of text
// logs) take a ByteSource. In a Web Worker, FileReaderSync reads a slice of
// a File synchronously, so the engine can pull bytes as it needs them while
// the page keeps the File: nothing is copied whole into wasm memory.
//
// The worker script keeps its Files in slots (shell/library_engine.js); a
// slot number names one here. Between reads the script reports progress to
// the page and checks the job's cancel flag (shared memory, since the
// worker cannot see new messages while the engine runs): a cancelled job's
// next read fails with ErrorKind::cancelled.
#pragma once

#include <cstdint>
#include <string>

#include "trinity/io/byte_source.h"

namespace trinity::web::engine {

class WorkerFileSource final : public io::ByteSource {
public:
    WorkerFileSource(int slot, std::uint64_t size, std::string name)
        : slot_(slot), size_(size), name_(std::move(name)) {}

    std::uint64_t size() const override { return size_; }
    const std::string& name() const override { return name_; }
    Result<std::size_t> read_at(std::uint64_t offset, std::span<std::byte> out) override;

private:
    int slot_;
    std::uint64_t size_;
    std::string name_;
};

}  // namespace trinity::web::engine
