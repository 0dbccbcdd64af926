// EVTX in the Workspace: engine workers parse chunks in parallel
// (shell/evtx_jobs.js, shell/worker_evtx.js); the page hands their batches
// here in chunk order, and rows join the events table at once, so it fills
// while the file is still being read.
#include <algorithm>

#include "trinity/evtx/evtx.h"
#include "trinity/log/logger.h"
#include "workspace.h"

namespace trinity::web {

JobId Workspace::evtx_begin(evidence::EvidenceId id, std::span<const std::byte> header, std::uint64_t size) {
    const evidence::Evidence* e = evidence_.find(id);
    if (!e) return 0;
    std::vector<evtx::Warning> warnings;
    auto h = evtx::parse_file_header(header, e->name, warnings);
    if (!h) {
        log::error(h.error().describe());
        return 0;
    }
    // The first log (hash jobs of other files may have started before it).
    const bool first = std::none_of(jobs_.begin(), jobs_.end(), [](const Job& j) { return j.kind == Job::Kind::evtx; });
    Job& job = start_job(Job::Kind::evtx, id, evtx::chunk_count(size), "chunks");
    for (const auto& w : warnings) note_warning(job, w.offset, w.message);
    if (first) focus("events");  // the first log: show its events as they come
    log::info("reading " + e->name + ": " + std::to_string(job.total) + " chunks");
    return job.id;
}

void Workspace::add_event_batch(JobId id, std::span<const std::byte> bytes) {
    Job* job = this->job(id);
    if (!job || !job->running()) return;
    auto batch = event::decode_batch(bytes);
    if (!batch) {
        // A worker and this app are one build: a bad batch is a bug, and
        // its events are lost, so say so loudly.
        log::error(job->name + ": batch " + std::to_string(job->done) + " lost: " + batch.error().describe());
        ++job->done;
        return;
    }
    for (const auto& row : batch->rows) events_.add(row);
    job->records += batch->records;
    job->recovered += batch->recovered;
    job->rejected += batch->rejected;
    ++job->done;
    for (const auto& w : batch->warnings) note_warning(*job, w.offset, w.message);
}

}  // namespace trinity::web
