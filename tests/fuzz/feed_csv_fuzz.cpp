// Fuzzes the CSV feed parser (and content detection) with any bytes.
#include <cstddef>
#include <cstdint>

#include "feed_fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(data), size);
    (void)trinity::intel::detect_feed(bytes);
    trinity::fuzz::load_and_check(bytes, trinity::intel::FeedFormat::csv);
    return 0;
}
