// Fuzzes the MISP readers: the bytes as an event and as a feed manifest.
#include <cstddef>
#include <cstdint>

#include "feed_fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(data), size);
    trinity::fuzz::load_and_check(bytes, trinity::intel::FeedFormat::misp_event);
    trinity::fuzz::load_and_check(bytes, trinity::intel::FeedFormat::misp_manifest);
    return 0;
}
