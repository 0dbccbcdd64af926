#include "evidence_events.h"

#include "file_byte_source.h"
#include "trinity/artifact/sniff.h"
#include "trinity/evtx/evtx.h"
#include "trinity/evtx/evtx_fields.h"

namespace trinity::cli {

Result<EvidenceEventsStats> read_evidence_events(const std::string& path, evidence::EvidenceId id,
                                                 const std::function<void(const event::Event&)>& on_event) {
    auto source = FileByteSource::open(path);
    if (!source) return source.error();
    auto sniffed = artifact::sniff(**source);
    if (!sniffed) return sniffed.error();
    EvidenceEventsStats stats;
    if (sniffed->format == artifact::Format::evtx) {
        evtx::EvtxReader reader(**source);
        if (auto header = reader.open(); !header) return header.error();
        auto read = reader.read([&](const evtx::Record& r) {
            on_event(evtx::to_event(r, id));
            ++stats.events;
            return true;
        });
        for (const auto& w : reader.warnings()) {
            std::string text = "@";
            text += std::to_string(w.offset);
            text += ": ";
            text += w.message;
            stats.warnings.push_back(std::move(text));
        }
        if (!read) return read.error();
        stats.rejected = read->bad_records;
        return stats;
    }
    std::string what = "is ";
    what += artifact::to_string(sniffed->format);
    what += "; scan reads EVTX, JSON and JSON Lines";
    return fail(ErrorKind::unsupported, std::move(what), Location::in(path));
}

}  // namespace trinity::cli
