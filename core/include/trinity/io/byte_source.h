// ByteSource: how file bytes enter core.
//
// Engines never open files and never see browser objects. They read from a
// ByteSource by offset, in chunks, so a 2 GB log is never held whole in
// memory. The CLI implements it over a file descriptor, the browser over
// slices of a dropped File, tests over a span.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "trinity/result.h"

namespace trinity::io {

class ByteSource {
public:
    virtual ~ByteSource() = default;

    // Total size in bytes, known up front.
    virtual std::uint64_t size() const = 0;

    // A name for messages ("evidence.evtx"), never used to open anything.
    virtual const std::string& name() const = 0;

    // Reads up to out.size() bytes at offset. Returns the number of bytes
    // read: fewer than asked only at the end of the source.
    virtual Result<std::size_t> read_at(std::uint64_t offset, std::span<std::byte> out) = 0;
};

// A ByteSource over memory the caller keeps alive.
class SpanByteSource final : public ByteSource {
public:
    SpanByteSource(std::span<const std::byte> bytes, std::string name = "<memory>")
        : bytes_(bytes), name_(std::move(name)) {}

    std::uint64_t size() const override { return bytes_.size(); }
    const std::string& name() const override { return name_; }
    Result<std::size_t> read_at(std::uint64_t offset, std::span<std::byte> out) override;

private:
    std::span<const std::byte> bytes_;
    std::string name_;
};

// Reads the first `limit` bytes (or the whole source if smaller).
Result<std::vector<std::byte>> read_head(ByteSource& source, std::size_t limit);

// Views text as bytes, for tests and callers holding std::string data.
inline std::span<const std::byte> as_bytes(std::string_view text) {
    return {reinterpret_cast<const std::byte*>(text.data()), text.size()};
}

}  // namespace trinity::io
