// EventSummary: an event as one row of a timeline, and a compact binary
// form for moving many of them between engine instances.
//
// The browser parses in Web Workers, each with its own engine; the UI
// thread keeps only what a timeline row shows: time, provenance, the usual
// columns (event id, provider, channel, computer) and a one-line digest of
// the other fields. The full event is re-read from the evidence on demand.
// Batches cross threads as bytes (encode_batch / decode_batch), so no
// worker shares memory with the UI.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "trinity/event/event.h"
#include "trinity/result.h"

namespace trinity::event {

inline constexpr std::size_t kDefaultDetailsLimit = 240;  // bytes of digest per row

struct EventSummary {
    std::optional<std::int64_t> time_us;
    Provenance provenance;
    std::string source;
    std::string event_id;  // EventID, or the source's event type
    std::string provider;  // Provider_Name, or the program that logged it
    std::string channel;   // Channel, or the log's facility/stream
    std::string computer;  // Computer, or the host name
    std::string details;   // "Name=value  Name=value", one line, at most the limit
};

// The row for an event. Fields named for the columns (EVTX names first,
// then common log names: event_type, hostname, program, ...) fill them; the
// rest go into details in their order, whitespace folded to single spaces,
// cut at `details_limit` bytes on a UTF-8 boundary with "…".
EventSummary summarize(const Event& event, std::size_t details_limit = kDefaultDetailsLimit);

// What engines report alongside a batch: counts and damage.
struct BatchWarning {
    std::uint64_t offset = 0;  // byte offset in the evidence
    std::uint64_t line = 0;    // 1-based, 0 when not line based
    std::string message;
};

struct SummaryBatch {
    std::uint32_t sequence = 0;  // where the batch belongs (e.g. EVTX chunk index)
    std::uint64_t records = 0;
    std::uint64_t recovered = 0;
    std::uint64_t rejected = 0;
    std::vector<BatchWarning> warnings;
    std::vector<EventSummary> rows;
};

std::string encode_batch(const SummaryBatch& batch);
// Fails (invalid, with the byte offset) on truncated or malformed bytes;
// never reads outside `bytes`.
Result<SummaryBatch> decode_batch(std::span<const std::byte> bytes);

}  // namespace trinity::event
