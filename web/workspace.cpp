#include "workspace.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "trinity/artifact/codepage.h"
#include "trinity/artifact/sniff.h"
#include "trinity/intel/feed.h"
#include "trinity/log/logger.h"

namespace trinity::web {

std::string_view to_string(Job::State state) {
    switch (state) {
        case Job::State::running: return "running";
        case Job::State::done: return "done";
        case Job::State::cancelled: return "cancelled";
        case Job::State::failed: return "failed";
    }
    return "running";
}

std::string Job::summary() const {
    static constexpr const char* kStates[] = {"reading", "read", "cancelled", "failed"};
    if (kind == Kind::scan) {
        static constexpr const char* kScan[] = {"scanning", "scanned", "scan cancelled", "scan failed"};
        return std::string(kScan[static_cast<int>(state)]) + ": " + std::to_string(records) + " distinct indicators, " +
               std::to_string(warnings) + " warnings";
    }
    if (kind == Kind::sigma) {
        static constexpr const char* kSigma[] = {"matching", "matched", "Sigma scan cancelled", "Sigma scan failed"};
        return std::string(kSigma[static_cast<int>(state)]) + ": " + std::to_string(records) + " events, " +
               std::to_string(detections) + " detections, " + std::to_string(warnings) + " warnings";
    }
    return std::string(kStates[static_cast<int>(state)]) + ": " + std::to_string(records) + " events, " +
           std::to_string(recovered) + " recovered, " + std::to_string(rejected) + " unreadable, " +
           std::to_string(warnings) + " warnings";
}

std::string Job::progress() const {
    if (unit == "bytes") return evidence::format_size(done) + " of " + evidence::format_size(total);
    return std::to_string(done) + " of " + std::to_string(total) + " " + unit;
}

Workspace::Workspace() { log::info("Trinity ready: drop evidence files or open them"); }

// [SECTION] Evidence

evidence::EvidenceId Workspace::add_file(std::string name, std::uint64_t size, std::span<const std::byte> head) {
    const bool complete = head.size() >= size;
    const auto& e = evidence_.add(std::move(name), size, artifact::sniff(head, complete));
    log::info("added " + e.name + " (" + evidence::format_size(e.size) + "): " + artifact::describe(e.sniff));
    // JSON threat-intel feeds say what they are; a CSV feed looks like any
    // CSV, so the analyst marks it (Indicators tab).
    if (e.sniff.format == artifact::Format::json) {
        const auto feed = intel::detect_feed(head);
        if (feed && *feed != intel::FeedFormat::csv) feed_evidence_.push_back(e.id);
    }
    return e.id;
}

evidence::EvidenceId Workspace::add_unreadable(std::string name, std::uint64_t size, std::string reason) {
    const auto& e = evidence_.add_failed(std::move(name), size, Error{ErrorKind::io, std::move(reason), Location{}});
    log::warning("could not read " + e.name + ": " + e.error->message);
    return e.id;
}

void Workspace::remove_evidence(evidence::EvidenceId id) {
    for (auto& j : jobs_) {
        if (j.evidence == id && j.running()) j.state = Job::State::cancelled;
    }
    evidence_.remove(id);
    events_.remove_evidence(static_cast<std::uint32_t>(id));
    remove_indicators_of(id);
    remove_detections_of(id);
    if (detail_.evidence == id) detail_ = EventDetail{};
    ++generation_;
}

void Workspace::clear() {
    log::info("cleared " + std::to_string(evidence_.items().size()) + " evidence files");
    for (auto& j : jobs_) {
        if (j.running()) j.state = Job::State::cancelled;
    }
    evidence_.clear();
    events_.clear();
    clear_indicators();
    clear_detections();
    detail_ = EventDetail{};
    ++generation_;
}

// [SECTION] Jobs

Job& Workspace::start_job(Job::Kind kind, evidence::EvidenceId evidence, std::uint64_t total, std::string unit) {
    Job j;
    j.id = next_job_++;
    j.kind = kind;
    j.evidence = evidence;
    if (const auto* e = evidence_.find(evidence)) j.name = e->name;
    j.total = total;
    j.unit = std::move(unit);
    j.codepage = ansi_codepage_;
    jobs_.push_back(std::move(j));
    return jobs_.back();
}

Job* Workspace::job(JobId id) {
    for (auto& j : jobs_) {
        if (j.id == id) return &j;
    }
    return nullptr;
}

const Job* Workspace::job(JobId id) const { return const_cast<Workspace*>(this)->job(id); }

const Job* Workspace::job_for(evidence::EvidenceId evidence, Job::Kind kind) const {
    const Job* found = nullptr;
    for (const auto& j : jobs_) {
        if (j.evidence == evidence && j.kind == kind) found = &j;  // the latest
    }
    return found;
}

void Workspace::note_warning(Job& job, std::uint64_t offset, const std::string& message) {
    log::warning(job.name + "@" + std::to_string(offset) + ": " + message);
    if (job.warning_lines.size() < Job::kKeptWarnings) {
        job.warning_lines.push_back("@" + std::to_string(offset) + ": " + message);
    }
    ++job.warnings;
}

void Workspace::cancel_job(JobId id) {
    Job* j = job(id);
    if (!j || !j->running()) return;
    j->state = Job::State::cancelled;
    log::info("cancelled reading " + j->name);
}

bool Workspace::job_cancelled(JobId id) const {
    const Job* j = job(id);
    return !j || !j->running();
}

void Workspace::end_job(JobId id) {
    Job* j = job(id);
    if (!j) return;
    if (j->running()) j->state = Job::State::done;
    log::info(j->name + ": " + j->summary());
}

bool Workspace::ingesting() const {
    return std::any_of(jobs_.begin(), jobs_.end(), [](const Job& j) { return j.running(); });
}

// [SECTION] Events

void Workspace::set_ansi_codepage(unsigned codepage) {
    if (artifact::codepage_supported(codepage)) ansi_codepage_ = codepage;
}

void Workspace::request_event_detail(evidence::EvidenceId evidence, std::uint64_t offset) {
    detail_ = EventDetail{};
    detail_.state = EventDetail::State::loading;
    detail_.evidence = evidence;
    detail_.offset = offset;
    detail_requested_ = true;
}

bool Workspace::take_detail_request(evidence::EvidenceId& evidence, std::uint64_t& offset) {
    if (!detail_requested_) return false;
    detail_requested_ = false;
    evidence = detail_.evidence;
    offset = detail_.offset;
    return true;
}

void Workspace::event_detail(evidence::EvidenceId evidence, std::uint64_t offset, std::string_view json) {
    if (detail_.state != EventDetail::State::loading || detail_.evidence != evidence || detail_.offset != offset) {
        return;  // the analyst has moved on to another row
    }
    try {
        const auto doc = nlohmann::ordered_json::parse(json);  // fields in document order
        if (!doc.is_object()) {
            detail_.state = EventDetail::State::missing;
            return;
        }
        for (const auto& item : doc.at("fields").items()) {
            const std::string& key = item.key();
            if (!key.empty() && key[0] == '_') continue;  // provenance, shown apart
            auto one = [&](const nlohmann::ordered_json& v) {
                detail_.fields.emplace_back(key, v.is_string() ? v.get<std::string>() : v.dump());
            };
            if (item.value().is_array()) {
                for (const auto& v : item.value()) one(v);
            } else {
                one(item.value());
            }
        }
        detail_.xml = doc.value("xml", "");
        detail_.state = EventDetail::State::ready;
    } catch (const nlohmann::json::exception& e) {
        log::error(std::string("event detail: ") + e.what());
        detail_.state = EventDetail::State::missing;
    }
}

// [SECTION] Requests to the page

bool Workspace::take_open_request() {
    const bool requested = open_requested_;
    open_requested_ = false;
    return requested;
}

std::string Workspace::take_focus() {
    std::string f;
    f.swap(focus_);
    return f;
}

}  // namespace trinity::web
