#include "worker_file_source.h"

#include <algorithm>

// shell/library_engine.js: reads [offset, offset + size) of the slot's File
// into `out`; returns the bytes read, -1 when the job was cancelled, -2 when
// the browser could not read the file.
extern "C" double trinity_engine_read_file(int slot, double offset, void* out, double size);

namespace trinity::web::engine {

Result<std::size_t> WorkerFileSource::read_at(std::uint64_t offset, std::span<std::byte> out) {
    if (offset >= size_ || out.empty()) return std::size_t{0};
    const std::uint64_t want = std::min<std::uint64_t>(out.size(), size_ - offset);
    const double got = trinity_engine_read_file(slot_, static_cast<double>(offset), out.data(), static_cast<double>(want));
    if (got == -1) return fail(ErrorKind::cancelled, "cancelled", Location::in(name_));
    if (got < 0) return fail(ErrorKind::io, "the browser could not read the file", Location::at_offset(name_, offset));
    return static_cast<std::size_t>(got);
}

}  // namespace trinity::web::engine
