// Fuzzes the event batch decoder: workers and the UI exchange batches as
// bytes, so any bytes must decode or fail cleanly, and what decodes must
// encode back to the same bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "trinity/event/event_summary.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(data), size);
    const auto batch = trinity::event::decode_batch(bytes);
    if (!batch) return 0;
    const std::string again = trinity::event::encode_batch(*batch);
    // Flag bits other than "has time" and "recovered" are dropped, and a
    // row without time may carry any time bytes: compare by re-decoding.
    const auto twice = trinity::event::decode_batch(
        std::span<const std::byte>(reinterpret_cast<const std::byte*>(again.data()), again.size()));
    if (!twice || trinity::event::encode_batch(*twice) != again) std::abort();
    return 0;
}
