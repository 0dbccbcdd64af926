// Fuzzes the zip reader: the directory of any bytes, then every member read
// (bounded to 1 MiB each, so inflate bombs end as errors, not as memory).
// Members that read must be exactly their stated size.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "trinity/archive/zip.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    trinity::io::SpanByteSource source(std::as_bytes(std::span(data, size)), "fuzz.zip");
    trinity::archive::ZipLimits limits;
    limits.max_member_size = 1 << 20;
    limits.max_entries = 10000;
    auto zip = trinity::archive::ZipReader::open(source, limits);
    if (!zip) return 0;
    for (const auto& entry : zip->entries()) {
        auto bytes = zip->read(entry);
        if (bytes && bytes->size() != entry.size) std::abort();
    }
    return 0;
}
