// EVTX parsing throughput: Trinity against Debian's evtxexport on the same
// files in the same run. Prints one JSON line per measurement; scripts/bench.sh
// turns them (and the wasm build's) into a table with ratios.
//
//   trinity_bench_evtx [--repeat N] [--reference /usr/bin/evtxexport] FILE...
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "trinity/event/event_summary.h"
#include "trinity/event/event_table.h"
#include "trinity/evtx/evtx.h"
#include "trinity/evtx/evtx_fields.h"
#include "trinity/io/byte_source.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Input {
    std::string path;
    std::vector<std::byte> bytes;
};

std::vector<std::byte> slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    std::vector<std::byte> out(static_cast<std::size_t>(in.tellg()));
    in.seekg(0);
    in.read(reinterpret_cast<char*>(out.data()), static_cast<std::streamsize>(out.size()));
    return out;
}

// Parses every file once; `render` also renders each record as XML (what
// evtxexport does). Returns the number of live records.
std::uint64_t parse_all(const std::vector<Input>& inputs, bool render, unsigned threads, std::uint64_t& sink) {
    std::uint64_t records = 0;
    for (const auto& in : inputs) {
        trinity::io::SpanByteSource source(in.bytes, in.path);
        trinity::evtx::EvtxReader reader(source);
        if (!reader.open()) continue;
        (void)reader.read_parallel(
            [render](const trinity::evtx::Record& r, std::string& out) {
                if (r.recovered) return;
                if (render) out += trinity::evtx::render_xml(r);
                else out += static_cast<char>('0' + (r.elements.size() + r.pieces.size()) % 10);
            },
            [&](const trinity::evtx::Record& r, std::string_view text) {
                records += !r.recovered;
                sink += text.size();
                return true;
            },
            threads);
    }
    return records;
}

// The browser's path, worker side: every chunk parsed, each record turned
// into an event and a timeline row, the chunk's rows encoded as one batch.
std::uint64_t timeline_batches(const std::vector<Input>& inputs, std::vector<std::string>& batches) {
    std::uint64_t records = 0;
    batches.clear();
    for (const auto& in : inputs) {
        const std::uint32_t chunks = trinity::evtx::chunk_count(in.bytes.size());
        for (std::uint32_t i = 0; i < chunks; ++i) {
            const std::size_t off = trinity::evtx::kFileHeaderSize + std::size_t{i} * trinity::evtx::kChunkSize;
            const auto chunk = std::span<const std::byte>(in.bytes).subspan(
                off, std::min(trinity::evtx::kChunkSize, in.bytes.size() - off));
            trinity::event::SummaryBatch batch;
            std::vector<trinity::evtx::Warning> warnings;
            (void)trinity::evtx::read_chunk(chunk, i, warnings, [&](const trinity::evtx::Record& r) {
                batch.rows.push_back(trinity::event::summarize(trinity::evtx::to_event(r, 1)));
                records += !r.recovered;
                return true;
            });
            batches.push_back(trinity::event::encode_batch(batch));
        }
    }
    return records;
}

// ... and the UI thread's side: batches decoded into the events table.
std::uint64_t timeline_ingest(const std::vector<std::string>& batches) {
    trinity::event::EventTable table;
    for (const auto& b : batches) {
        auto decoded = trinity::event::decode_batch(
            std::span<const std::byte>(reinterpret_cast<const std::byte*>(b.data()), b.size()));
        if (!decoded) std::abort();
        for (const auto& row : decoded->rows) table.add(row);
    }
    trinity::table::RowView view;  // the Events view over it, sorted by time
    view.set_sort(trinity::event::EventTable::kTime, false);
    (void)view.step(table, table.size());
    return table.size();
}

void report(const char* engine, double seconds, std::uint64_t bytes, std::uint64_t records) {
    std::printf("{\"engine\":\"%s\",\"seconds\":%.4f,\"bytes\":%llu,\"records\":%llu,\"mb_per_s\":%.1f,"
                "\"records_per_s\":%.0f}\n",
                engine, seconds, static_cast<unsigned long long>(bytes), static_cast<unsigned long long>(records),
                static_cast<double>(bytes) / 1e6 / seconds, static_cast<double>(records) / seconds);
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
    int repeat = 5;
    std::string reference;
    std::vector<Input> inputs;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--repeat" && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
        else if (arg == "--reference" && i + 1 < argc) reference = argv[++i];
        else inputs.push_back({arg, slurp(arg)});
    }
    if (inputs.empty()) {
        std::fprintf(stderr, "usage: trinity_bench_evtx [--repeat N] [--reference evtxexport] FILE...\n");
        return 2;
    }
    std::uint64_t bytes = 0;
    for (const auto& in : inputs) bytes += in.bytes.size();

#ifdef TRINITY_OS_WEB
    const char* platform = "wasm";
#else
    const char* platform = "native";
#endif
    std::uint64_t sink = 0;
    auto measure = [&](bool render, unsigned threads) {
        double best = 1e9;
        std::uint64_t records = 0;
        for (int r = 0; r < repeat; ++r) {
            const auto t0 = Clock::now();
            records = parse_all(inputs, render, threads, sink);
            best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
        }
        const std::string engine = std::string("trinity ") + platform + (render ? " parse+XML" : " parse") + ", " +
                                   std::to_string(threads) + (threads == 1 ? " thread" : " threads");
        report(engine.c_str(), best, bytes, records);
    };
    measure(false, 1);
    measure(true, 1);
    {
        // What one browser worker does per chunk, and what the UI thread
        // does with the result.
        std::vector<std::string> batches;
        double best = 1e9, best_ingest = 1e9;
        std::uint64_t records = 0, rows = 0;
        for (int r = 0; r < repeat; ++r) {
            auto t0 = Clock::now();
            records = timeline_batches(inputs, batches);
            best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
            t0 = Clock::now();
            rows = timeline_ingest(batches);
            best_ingest = std::min(best_ingest, std::chrono::duration<double>(Clock::now() - t0).count());
        }
        report((std::string("trinity ") + platform + " parse+timeline rows (browser worker), 1 thread").c_str(), best,
               bytes, records);
        report((std::string("trinity ") + platform + " timeline ingest (browser UI thread)").c_str(), best_ingest,
               bytes, rows);
    }
#ifndef TRINITY_OS_WEB
    if (const unsigned all = std::thread::hardware_concurrency(); all > 1) {
        measure(false, all);
        measure(true, all);
    }
#endif

#ifndef TRINITY_OS_WEB
    if (!reference.empty()) {
        // The peer runs as its own process, writing XML to /dev/null.
        const auto t0 = Clock::now();
        for (const auto& in : inputs) {
            const std::string cmd = reference + " -f xml '" + in.path + "' >/dev/null 2>&1";
            if (std::system(cmd.c_str()) == -1) return 1;
        }
        const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
        report("evtxexport -f xml (libevtx)", seconds, bytes, 0);
    }
#endif
    return sink == 42 ? 1 : 0;  // keeps the work observable
}
