// EVTX in the engine worker (shell/worker_evtx.js): a chunk into a batch of
// timeline rows, and one record again in full.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include <emscripten/emscripten.h>

#include "engine_result.h"
#include "trinity/event/event_summary.h"
#include "trinity/evtx/evtx.h"
#include "trinity/evtx/evtx_fields.h"
#include "trinity/text/json_text.h"

namespace {

using trinity::web::engine::result;

// At most one chunk of the caller's bytes.
std::span<const std::byte> chunk_of(const std::uint8_t* p, int size) {
    const auto b = trinity::web::engine::bytes_of(p, size);
    return b.first(std::min(b.size(), trinity::evtx::kChunkSize));
}

}  // namespace

extern "C" {

// Parses EVTX chunk `index` of evidence `evidence` and returns its records
// as a batch of timeline rows (sequence = chunk index), with the chunk's
// warnings and counts.
EMSCRIPTEN_KEEPALIVE const char* trinity_engine_evtx_chunk(const std::uint8_t* chunk, int size, int index,
                                                           double evidence, int codepage) {
    using namespace trinity;
    event::SummaryBatch batch;
    batch.sequence = static_cast<std::uint32_t>(index < 0 ? 0 : index);
    std::vector<evtx::Warning> warnings;
    const auto id = static_cast<evidence::EvidenceId>(evidence);
    const auto stats = evtx::read_chunk(chunk_of(chunk, size), batch.sequence, warnings,
                                        [&](const evtx::Record& r) {
                                            batch.rows.push_back(event::summarize(evtx::to_event(r, id)));
                                            return true;
                                        },
                                        static_cast<unsigned>(codepage));
    batch.records = stats.records;
    batch.recovered = stats.recovered;
    batch.rejected = stats.bad_records;
    for (auto& w : warnings) batch.warnings.push_back({w.offset, 0, std::move(w.message)});
    return result(event::encode_batch(batch));
}

// The whole record at file offset `offset` inside chunk `index`, as JSON:
// {"offset", "fields": {...event::to_json...}, "xml": "..."}, or "null" if
// no record starts there.
EMSCRIPTEN_KEEPALIVE const char* trinity_engine_evtx_record(const std::uint8_t* chunk, int size, int index,
                                                            double evidence, int codepage, double offset) {
    using namespace trinity;
    std::vector<evtx::Warning> warnings;
    std::string out = "null";
    const auto want = static_cast<std::uint64_t>(offset);
    (void)evtx::read_chunk(chunk_of(chunk, size), static_cast<std::uint32_t>(index < 0 ? 0 : index), warnings,
                           [&](const evtx::Record& r) {
                               if (r.offset != want) return true;
                               out = "{\"offset\":" + std::to_string(r.offset) + ",\"fields\":" +
                                     event::to_json(evtx::to_event(r, static_cast<evidence::EvidenceId>(evidence))) +
                                     ",\"xml\":" + text::json_string(evtx::render_xml(r)) + "}";
                               return false;
                           },
                           static_cast<unsigned>(codepage));
    return result(std::move(out));
}

}  // extern "C"
