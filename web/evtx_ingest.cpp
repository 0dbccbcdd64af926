// The App's side of EVTX parsing: engine workers parse chunks in parallel
// (shell/trinity_worker.js), the page hands their batches here in chunk
// order, and rows join the Events table at once, so it fills while the file
// is still being read.
#include "app.h"
#include "trinity/log/logger.h"

namespace trinity::web {
namespace {

// A warning goes to the log, and the first few stay with the file for the
// Evidence tab.
void note_warning(EvtxJob& job, std::uint64_t offset, const std::string& message) {
    log::warning(job.name + "@" + std::to_string(offset) + ": " + message);
    if (job.warning_lines.size() < EvtxJob::kKeptWarnings) {
        job.warning_lines.push_back("@" + std::to_string(offset) + ": " + message);
    }
    ++job.warnings;
}

}  // namespace

EvtxJob* App::find_job(evidence::EvidenceId id) {
    for (auto& j : jobs_) {
        if (j.evidence == id) return &j;
    }
    return nullptr;
}

const EvtxJob* App::evtx_job(evidence::EvidenceId id) const {
    for (const auto& j : jobs_) {
        if (j.evidence == id) return &j;
    }
    return nullptr;
}

bool App::ingesting() const {
    for (const auto& j : jobs_) {
        if (j.state == EvtxJob::State::parsing) return true;
    }
    return false;
}

bool App::evtx_begin(evidence::EvidenceId id, std::span<const std::byte> header, std::uint64_t size) {
    const evidence::Evidence* e = evidence_.find(id);
    if (!e) return false;
    EvtxJob job;
    job.evidence = id;
    job.name = e->name;
    job.codepage = ansi_codepage_;
    std::vector<evtx::Warning> warnings;
    auto h = evtx::parse_file_header(header, e->name, warnings);
    if (!h) {
        log::error(h.error().describe());
        return false;
    }
    for (const auto& w : warnings) note_warning(job, w.offset, w.message);
    job.chunks = evtx::chunk_count(size);
    if (jobs_.empty()) show_events_ = true;  // the first log: show its events as they come
    log::info("reading " + e->name + ": " + std::to_string(job.chunks) + " chunks");
    jobs_.push_back(std::move(job));
    return true;
}

void App::evtx_batch(evidence::EvidenceId id, std::span<const std::byte> bytes) {
    EvtxJob* job = find_job(id);
    if (!job || job->state != EvtxJob::State::parsing) return;
    auto batch = event::decode_batch(bytes);
    if (!batch) {
        // A worker and this app are one build: a bad batch is a bug, and
        // the chunk's events are lost, so say so loudly.
        log::error(job->name + ": chunk " + std::to_string(job->done) + " lost: " + batch.error().describe());
        ++job->done;
        return;
    }
    for (const auto& row : batch->rows) events_.add(row);
    job->stats.records += batch->records;
    job->stats.recovered += batch->recovered;
    job->stats.bad_records += batch->rejected;
    ++job->stats.chunks;
    ++job->done;
    for (const auto& w : batch->warnings) note_warning(*job, w.offset, w.message);
}

void App::evtx_end(evidence::EvidenceId id) {
    EvtxJob* job = find_job(id);
    if (!job) return;
    if (job->state == EvtxJob::State::parsing) job->state = EvtxJob::State::done;
    log::info(job->name + ": " + std::to_string(job->stats.records) + " events, " +
              std::to_string(job->stats.recovered) + " recovered, " + std::to_string(job->stats.bad_records) +
              " unreadable, " + std::to_string(job->warnings) + " warnings" +
              (job->state == EvtxJob::State::cancelled ? " (cancelled)" : ""));
}

void App::cancel_evtx(evidence::EvidenceId id) {
    EvtxJob* job = find_job(id);
    if (!job || job->state != EvtxJob::State::parsing) return;
    job->state = EvtxJob::State::cancelled;
    log::info("cancelled reading " + job->name);
}

bool App::evtx_cancelled(evidence::EvidenceId id) const {
    const EvtxJob* job = evtx_job(id);
    return !job || job->state != EvtxJob::State::parsing;
}

}  // namespace trinity::web
