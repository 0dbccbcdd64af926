// The App's side of EVTX streaming: the page reads a dropped file by
// 64 KiB slices and hands each chunk here; records become event rows at
// once, so the table fills while the file is still being read.
#include <unordered_set>

#include "app.h"
#include "trinity/evtx/evtx_fields.h"
#include "trinity/log/logger.h"

namespace trinity::web {
namespace {

// Fields shown in their own columns or too common to repeat in Details.
const std::unordered_set<std::string_view> kSystemFields = {
    "Provider_Name", "Provider_Guid", "Provider_EventSourceName", "TimeCreated", "Correlation_ActivityID",
    "Correlation_RelatedActivityID", "Execution_ProcessID", "Execution_ThreadID", "Security_UserID", "EventID",
    "Version", "Level", "Task", "Opcode", "Keywords", "EventRecordID", "Channel", "Computer"};

constexpr std::size_t kMaxDetails = 400;  // characters of EventData shown per row

// One line per row: the table virtualises rows of equal height, and values
// such as 4672's PrivilegeList hold newlines and tabs.
void append_one_line(std::string& out, std::string_view value) {
    bool space = false;
    for (char c : value) {
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
            space = true;
            continue;
        }
        if (space && !out.empty() && out.back() != '=') out += ' ';
        space = false;
        out += c;
    }
}

EventRow to_row(evidence::EvidenceId id, const evtx::Record& r) {
    const evtx::Fields f = evtx::extract_fields(r);
    EventRow row;
    row.evidence = id;
    row.record_id = r.record_id;
    row.recovered = r.recovered;
    auto get = [&](std::string_view name) { const std::string* v = f.find(name); return v ? *v : std::string(); };
    row.time = get("TimeCreated");
    row.event_id = get("EventID");
    row.provider = get("Provider_Name");
    row.channel = get("Channel");
    row.computer = get("Computer");
    for (const auto& [name, value] : f.items) {
        if (kSystemFields.count(name) || value.empty()) continue;
        if (!row.details.empty()) row.details += "  ";
        row.details += name;
        row.details += '=';
        append_one_line(row.details, value);
        if (row.details.size() > kMaxDetails) {
            row.details.resize(kMaxDetails);
            row.details += "…";
            break;
        }
    }
    return row;
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

bool App::evtx_begin(evidence::EvidenceId id, std::span<const std::byte> header, std::uint64_t size) {
    const evidence::Evidence* e = evidence_.find(id);
    if (!e) return false;
    EvtxJob job;
    job.evidence = id;
    job.name = e->name;
    auto h = evtx::parse_file_header(header, e->name, job.warnings);
    if (!h) {
        log::error(h.error().describe());
        return false;
    }
    job.chunks = evtx::chunk_count(size);
    if (jobs_.empty()) show_events_ = true;  // the first log: show its events as they come
    log::info("reading " + e->name + ": " + std::to_string(job.chunks) + " chunks");
    jobs_.push_back(std::move(job));
    return true;
}

void App::evtx_chunk(evidence::EvidenceId id, std::uint32_t index, std::span<const std::byte> chunk) {
    EvtxJob* job = find_job(id);
    if (!job || job->state != EvtxJob::State::parsing) return;
    const auto stats = evtx::read_chunk(chunk, index, job->warnings, [&](const evtx::Record& r) {
        events_.push_back(to_row(id, r));
        return true;
    });
    job->stats.records += stats.records;
    job->stats.recovered += stats.recovered;
    job->stats.bad_records += stats.bad_records;
    job->stats.skipped_chunks += stats.skipped_chunks;
    ++job->done;
    for (; job->warnings_logged < job->warnings.size(); ++job->warnings_logged) {
        const auto& w = job->warnings[job->warnings_logged];
        log::warning(job->name + "@" + std::to_string(w.offset) + ": " + w.message);
    }
}

void App::evtx_end(evidence::EvidenceId id) {
    EvtxJob* job = find_job(id);
    if (!job) return;
    if (job->state == EvtxJob::State::parsing) job->state = EvtxJob::State::done;
    log::info(job->name + ": " + std::to_string(job->stats.records) + " events, " +
              std::to_string(job->stats.recovered) + " recovered, " + std::to_string(job->warnings.size()) +
              " warnings" + (job->state == EvtxJob::State::cancelled ? " (cancelled)" : ""));
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
