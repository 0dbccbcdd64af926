// EvtxReader::read_parallel with native threads. Chunks are independent
// (templates and strings never cross a chunk), so workers claim chunk
// indices, read, parse and render them into slots, and the calling thread
// hands the renderings out in file order. A window bounds how far workers
// run ahead. Records themselves never cross threads: copying a record's tree
// costs more than parsing it.
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "evtx_binxml.h"
#include "trinity/evtx/evtx.h"

namespace trinity::evtx {
namespace {

// A rendered chunk: each record's header fields and its rendering, one
// string holding them all.
struct Slot {
    std::vector<Record> headers;       // record id, time, offset, flags; no tree
    std::vector<std::size_t> ends;     // end of each rendering in `text`
    std::string text;
    detail::ChunkOutcome outcome;
    std::optional<Error> error;
};

}  // namespace

Result<ReadStats> EvtxReader::read_parallel(const Render& render, const Consume& consume, unsigned threads) {
    const std::uint32_t chunks = detail::chunk_count(source_.size());
    if (threads <= 1 || chunks <= 1) {
        std::string out;
        return read([&](const Record& r) {
            out.clear();
            render(r, out);
            return consume(r, out);
        });
    }
    threads = std::min<unsigned>(threads, chunks);
    const std::uint32_t window = threads * 4;

    std::mutex mutex;
    std::condition_variable changed;
    std::map<std::uint32_t, Slot> ready;  // parsed, not yet handed out
    std::uint32_t next_claim = 0;
    std::uint32_t next_emit = 0;
    bool stop = false;

    auto work = [&] {
        for (;;) {
            std::uint32_t index;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return stop || next_claim >= chunks || next_claim < next_emit + window; });
                if (stop || next_claim >= chunks) return;
                index = next_claim++;
            }
            Slot slot;
            const std::uint64_t off = kFileHeaderSize + std::uint64_t{index} * kChunkSize;
            std::vector<std::byte> bytes(kChunkSize);
            auto got = source_.read_at(off, bytes);
            if (!got) {
                slot.error = got.error();
            } else {
                bytes.resize(*got);
                detail::ChunkParser parser(bytes);
                slot.outcome = detail::read_chunk(index, off, bytes, parser, [&](const Record& r) {
                    Record header;
                    header.record_id = r.record_id;
                    header.written_filetime = r.written_filetime;
                    header.offset = r.offset;
                    header.chunk_index = r.chunk_index;
                    header.recovered = r.recovered;
                    header.ansi_codepage = r.ansi_codepage;
                    slot.headers.push_back(std::move(header));
                    render(r, slot.text);
                    slot.ends.push_back(slot.text.size());
                    return true;
                }, ansi_codepage_);
            }
            std::lock_guard lock(mutex);
            ready.emplace(index, std::move(slot));
            changed.notify_all();
        }
    };
    std::vector<std::thread> workers;
    workers.reserve(threads);
    for (unsigned t = 0; t < threads; ++t) workers.emplace_back(work);

    ReadStats stats;
    std::optional<Error> error;
    for (; next_emit < chunks;) {
        Slot slot;
        {
            std::unique_lock lock(mutex);
            changed.wait(lock, [&] { return ready.count(next_emit) > 0; });
            slot = std::move(ready.at(next_emit));
            ready.erase(next_emit);
        }
        bool stopped = false;
        if (slot.error) {
            error = slot.error;
            stopped = true;
        } else {
            std::size_t begin = 0;
            for (std::size_t i = 0; i < slot.headers.size(); ++i) {
                const std::string_view text(slot.text.data() + begin, slot.ends[i] - begin);
                begin = slot.ends[i];
                if (!consume(slot.headers[i], text)) {
                    stopped = true;
                    break;
                }
            }
            merge(std::move(slot.outcome), stats);
        }
        std::lock_guard lock(mutex);
        ++next_emit;
        if (stopped) stop = true;
        changed.notify_all();
        if (stopped) break;
    }
    for (auto& w : workers) w.join();
    if (error) return *error;
    return stats;
}

}  // namespace trinity::evtx
