// Fuzzes the reader of saved VirusTotal v3 responses.
#include <cstddef>
#include <cstdint>

#include "feed_fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    trinity::fuzz::load_and_check({reinterpret_cast<const std::byte*>(data), size}, trinity::intel::FeedFormat::virustotal);
    return 0;
}
