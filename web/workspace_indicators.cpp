// Indicators in the Workspace: engine workers scan each text or EVTX file
// (shell/ioc_jobs.js, web/engine/ioc_exports.cpp) and hand back that file's
// deduplicated indicators, merged here into one set for the whole case;
// threat-intel feeds load whole and judge every indicator.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "trinity/intel/feed.h"
#include "trinity/ioc/export.h"
#include "trinity/ioc/import.h"
#include "trinity/log/logger.h"
#include "workspace.h"

namespace trinity::web {
namespace {

// A worker's scan answer: a line of counts, then the indicators.
struct ScanAnswer {
    std::vector<ioc::IndicatorEntry> entries;
    std::uint64_t allowlisted = 0;
    std::string error;  // why the scan stopped early, if it did
};

Result<ScanAnswer> read_scan(std::string_view text) {
    const auto newline = text.find('\n');
    if (newline == std::string_view::npos) return fail(ErrorKind::invalid, "no indicator list");
    ScanAnswer answer;
    const auto head = nlohmann::json::parse(text.substr(0, newline), nullptr, false);
    if (head.is_discarded() || !head.is_object()) return fail(ErrorKind::invalid, "a bad first line");
    if (head.contains("error") && head["error"].is_string()) answer.error = head["error"].get<std::string>();
    auto set = ioc::read_json(text.substr(newline + 1));
    if (!set) return set.error();
    answer.entries = std::move(set->entries);
    answer.allowlisted = set->allowlisted;
    return answer;
}

}  // namespace

Workspace::EvidenceRole Workspace::role(evidence::EvidenceId id) const {
    const evidence::Evidence* e = evidence_.find(id);
    if (!e || e->error) return EvidenceRole::none;
    if (is_feed(id)) return EvidenceRole::feed;
    using artifact::Format;
    switch (e->sniff.format) {
        case Format::evtx:
        case Format::json:
        case Format::jsonl:
        case Format::csv:
        case Format::reg:
        case Format::text: return EvidenceRole::scan;
        default: return EvidenceRole::none;
    }
}

bool Workspace::is_feed(evidence::EvidenceId id) const {
    return std::find(feed_evidence_.begin(), feed_evidence_.end(), id) != feed_evidence_.end();
}

JobId Workspace::iocs_begin(evidence::EvidenceId id, std::uint64_t size) {
    if (role(id) != EvidenceRole::scan) return 0;
    return start_job(Job::Kind::scan, id, size, "bytes").id;
}

void Workspace::job_progress(JobId id, std::uint64_t done) {
    if (Job* job = this->job(id); job && job->running()) job->done = std::min(done, job->total);
}

void Workspace::iocs_end(JobId id, std::string_view json) {
    Job* job = this->job(id);
    if (!job) return;
    const bool cancelled = !job->running();
    if (!json.empty() && json != "null") {
        auto scan = read_scan(json);
        if (!scan) {
            log::error(job->name + ": the indicator scan's answer was unreadable: " + scan.error().describe());
        } else {
            const evidence::Evidence* e = evidence_.find(job->evidence);
            ioc::IndicatorSet file_set;
            for (auto& entry : scan->entries) {
                // The file may have been hashed since the scan started.
                if (e && !e->sha256.empty()) {
                    for (auto& s : entry.sightings)
                        if (s.evidence_sha256.empty()) s.evidence_sha256 = e->sha256;
                }
                indicators_.merge(entry);
                file_set.merge(entry);
            }
            indicators_.count_allowlisted(scan->allowlisted);
            file_set.count_allowlisted(scan->allowlisted);
            if (e) file_indicators_.emplace_back(e->id, std::move(file_set));
            job->records = scan->entries.size();
            if (!scan->error.empty() && !cancelled) {
                note_warning(*job, 0, scan->error);
                log::warning(job->name + ": indicator scan stopped: " + scan->error);
            }
            log::info(job->name + ": " + std::to_string(scan->entries.size()) + " distinct indicators");
        }
    }
    if (!cancelled) job->done = job->total;
    end_job(id);
}

void Workspace::remove_indicators_of(evidence::EvidenceId id) {
    const auto before = file_indicators_.size();
    std::erase_if(file_indicators_, [id](const auto& f) { return f.first == id; });
    if (file_indicators_.size() != before) {
        // Counts and provenance are merged, so the set is rebuilt from the
        // files that stay.
        indicators_ = ioc::IndicatorSet{};
        for (const auto& [file, set] : file_indicators_) {
            for (const auto& entry : set.entries()) indicators_.merge(entry);
            indicators_.count_allowlisted(set.allowlisted());
        }
        ++verdict_generation_;
    }
    if (is_feed(id)) log::warning("a removed feed's indicators stay loaded until Clear");
}

void Workspace::clear_indicators() {
    indicators_ = ioc::IndicatorSet{};
    file_indicators_.clear();
    feeds_ = intel::FeedSet{};
    feed_evidence_.clear();
    feed_failures_.clear();
    feed_requests_.clear();
    ++verdict_generation_;
}

const intel::Judgement& Workspace::judgement(std::size_t index) {
    if (judged_generation_ != verdict_generation_) {
        judgements_.clear();
        judged_generation_ = verdict_generation_;
    }
    const auto& entries = indicators_.entries();
    while (judgements_.size() < entries.size())
        judgements_.push_back(feeds_.judge(entries[judgements_.size()].indicator, policy_));
    static const intel::Judgement kNone;
    return index < judgements_.size() ? judgements_[index] : kNone;
}

bool Workspace::add_feed(evidence::EvidenceId id, std::span<const std::byte> bytes) {
    const evidence::Evidence* e = evidence_.find(id);
    if (!e) return false;
    auto report = feeds_.add(e->name, bytes);
    if (!report) {
        feed_failures_.push_back(report.error().describe());
        log::error("feed " + report.error().describe());
        return false;
    }
    if (!is_feed(id)) {
        // Threat intel, not evidence: what a scan found in it goes.
        remove_indicators_of(id);
        feed_evidence_.push_back(id);
    }
    log::info("feed " + report->summary());
    for (const auto& problem : report->problems) log::warning(problem.describe());
    ++verdict_generation_;
    return true;
}

void Workspace::feed_refused(evidence::EvidenceId id, const std::string& reason) {
    const evidence::Evidence* e = evidence_.find(id);
    const std::string line = (e ? e->name : std::string("feed")) + ": " + reason;
    feed_failures_.push_back(line);
    log::error("feed " + line);
}

Result<void> Workspace::set_policy(std::string_view rule) {
    auto policy = intel::parse_policy(rule);
    if (!policy) return policy.error();
    policy_ = std::move(*policy);
    ++verdict_generation_;
    log::info("verdict rule: " + policy_.describe());
    return {};
}

}  // namespace trinity::web
