// Indicator scans in the engine worker (shell/worker_iocs.js): one whole
// file, read through FileReaderSync slices (WorkerFileSource), never whole
// in memory. EVTX files are parsed record by record and every field of
// every event is scanned; text files (logs, command outputs, JSON, CSV,
// .reg) line by line in whatever encoding they are in.
#include <string>

#include <emscripten/emscripten.h>

#include "engine_result.h"
#include "trinity/artifact/sniff.h"
#include "trinity/evtx/evtx.h"
#include "trinity/evtx/evtx_fields.h"
#include "trinity/ioc/collect.h"
#include "trinity/ioc/export.h"
#include "trinity/text/json_text.h"
#include "worker_file_source.h"

namespace {

using trinity::text::json_string;

bool is_text(trinity::artifact::Format format) {
    using trinity::artifact::Format;
    return format == Format::json || format == Format::jsonl || format == Format::csv || format == Format::reg ||
           format == Format::text;
}

}  // namespace

extern "C" {

// Scans the file in slot `slot` (`size` bytes, named `name`) and returns
// one line {"format", "records", "lines", "error"}, then the file's
// indicators as ioc::to_json writes them. "error" is null, or why the scan
// stopped ("cancelled" included); what was found before it is kept.
EMSCRIPTEN_KEEPALIVE const char* trinity_engine_iocs_scan(int slot, double size, const char* name, const char* sha256) {
    using namespace trinity;
    web::engine::WorkerFileSource source(slot, static_cast<std::uint64_t>(size), name ? name : "");
    const ioc::EvidenceRef ref{source.name(), sha256 ? sha256 : ""};
    ioc::Collector collector;
    std::string error = "null";
    std::uint64_t records = 0, lines = 0;
    std::string format = "binary";

    auto head = io::read_head(source, artifact::kSniffHeadBytes);
    if (!head) {
        error = json_string(head.error().describe());
    } else {
        const auto sniffed = artifact::sniff(*head, head->size() >= source.size());
        format = std::string(artifact::to_string(sniffed.format));
        if (sniffed.format == artifact::Format::evtx) {
            evtx::EvtxReader reader(source);
            if (auto opened = reader.open(); !opened) {
                error = json_string(opened.error().describe());
            } else {
                auto read = reader.read([&](const evtx::Record& record) {
                    collector.add_event(evtx::to_event(record, 0), ref);
                    ++records;
                    return true;
                });
                if (!read) error = json_string(read.error().describe());
            }
        } else if (is_text(sniffed.format)) {
            auto stats = collector.add_text_source(source, ref, ioc::syntax_for_format(format));
            if (!stats) error = json_string(stats.error().describe());
            else lines = stats->lines;
        }
    }
    std::string out = "{\"format\":" + json_string(format) + ",\"records\":" + std::to_string(records) +
                      ",\"lines\":" + std::to_string(lines) + ",\"error\":" + error + "}\n" +
                      ioc::to_json(collector.set());
    return web::engine::result(std::move(out));
}

}  // extern "C"
