// Workspace: everything the analyst has loaded in this tab, and the work
// under way on it. Views draw it; the page (through shell_bridge.cpp) feeds
// it. It knows nothing of ImGui.
//
// Each feature keeps its state here (evidence, events, ...) and its
// ingestion in its own workspace_<feature>.cpp. Long work is a Job: the
// page runs it in engine workers, the Workspace keeps its progress, counts
// and first warnings, and the analyst can cancel it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trinity/event/event_table.h"
#include "trinity/evidence/evidence.h"
#include "trinity/intel/feed_set.h"
#include "trinity/intel/verdict_policy.h"
#include "trinity/ioc/indicator_set.h"
#include "trinity/hash/digests.h"
#include "trinity/sigma/engine.h"
#include "trinity/sigma/rule.h"

namespace trinity::web {

using JobId = std::uint32_t;

// A piece of work on one evidence file, run by the page in workers.
struct Job {
    enum class State { running, done, cancelled, failed };
    enum class Kind { evtx, triage, logs, hash, scan, sigma };
    JobId id = 0;
    Kind kind = Kind::evtx;
    evidence::EvidenceId evidence = 0;
    std::string name;           // the file's name
    State state = State::running;
    std::uint64_t done = 0;     // units finished (chunks, bytes)
    std::uint64_t total = 0;
    std::string unit = "chunks";
    // What the work found so far.
    std::uint64_t records = 0;
    std::uint64_t recovered = 0;
    std::uint64_t rejected = 0;
    std::uint64_t warnings = 0;
    std::uint64_t detections = 0;  // Sigma scans: hits
    std::vector<std::string> warning_lines;  // the first kKeptWarnings
    static constexpr std::size_t kKeptWarnings = 20;
    unsigned codepage = 1252;   // EVTX: how ANSI strings decode

    bool running() const { return state == State::running; }
    float fraction() const { return total ? static_cast<float>(done) / static_cast<float>(total) : 1.0f; }
    // "3.1 MiB of 12.0 MiB" or "12 of 40 chunks".
    std::string progress() const;
    // "reading: 2261 events, 3 recovered, 0 unreadable, 0 warnings"
    std::string summary() const;
};

std::string_view to_string(Job::State state);

// The full event behind a selected row, fetched from a worker on demand.
struct EventDetail {
    enum class State { none, loading, ready, missing };
    State state = State::none;
    evidence::EvidenceId evidence = 0;
    std::uint64_t offset = 0;
    std::vector<std::pair<std::string, std::string>> fields;
    std::string xml;
};

class Workspace {
public:
    Workspace();

    // [SECTION] Evidence
    // A dropped or picked file: its name, full size and first bytes (at most
    // artifact::kSniffHeadBytes; the rest stays in the browser's File).
    evidence::EvidenceId add_file(std::string name, std::uint64_t size, std::span<const std::byte> head);
    // A file the browser could not read (a folder, a vanished file).
    evidence::EvidenceId add_unreadable(std::string name, std::uint64_t size, std::string reason);
    void remove_evidence(evidence::EvidenceId id);
    void clear();
    const evidence::EvidenceList& evidence() const { return evidence_; }
    // Bumped whenever evidence or rows are removed: views rebuild their views.
    std::uint64_t generation() const { return generation_; }

    // [SECTION] Jobs
    Job& start_job(Job::Kind kind, evidence::EvidenceId evidence, std::uint64_t total, std::string unit);
    Job* job(JobId id);
    const Job* job(JobId id) const;
    const Job* job_for(evidence::EvidenceId evidence, Job::Kind kind) const;
    const std::vector<Job>& jobs() const { return jobs_; }
    void note_warning(Job& job, std::uint64_t offset, const std::string& message);
    void cancel_job(JobId id);
    bool job_cancelled(JobId id) const;  // or gone: the page stops feeding it
    void end_job(JobId id);
    bool ingesting() const;

    // [SECTION] Events (all parsed evidence, one timeline)
    const event::EventTable& events() const { return events_; }
    // The EVTX job's parts: the header, batches in chunk order
    // (event::encode_batch from a worker), then end_job(). begin returns 0
    // when the file is not EVTX after all (the reason goes to the log).
    JobId evtx_begin(evidence::EvidenceId id, std::span<const std::byte> header, std::uint64_t size);
    void add_event_batch(JobId job, std::span<const std::byte> batch);
    unsigned ansi_codepage() const { return ansi_codepage_; }
    void set_ansi_codepage(unsigned codepage);

    // The full event of a row: the view asks, the page fetches it from a
    // worker and answers with event_detail() (JSON, or "null").
    void request_event_detail(evidence::EvidenceId evidence, std::uint64_t offset);
    bool take_detail_request(evidence::EvidenceId& evidence, std::uint64_t& offset);
    void event_detail(evidence::EvidenceId evidence, std::uint64_t offset, std::string_view json);
    const EventDetail& detail() const { return detail_; }
    void close_detail() { detail_ = EventDetail{}; }

    // [SECTION] Indicators: every file's, deduplicated, judged by the feeds
    // Files are scanned by a worker (Job::Kind::scan); threat-intel feeds
    // (STIX, MISP, VirusTotal responses; CSV on request) load whole.
    enum class EvidenceRole { none, scan, feed };
    EvidenceRole role(evidence::EvidenceId id) const;
    JobId iocs_begin(evidence::EvidenceId id, std::uint64_t size);
    void job_progress(JobId job, std::uint64_t done);
    // The worker's answer (web/engine/ioc_exports.cpp), or empty when the
    // scan never ran; ends the job.
    void iocs_end(JobId job, std::string_view json);
    const ioc::IndicatorSet& indicators() const { return indicators_; }
    // The feeds' judgement of entry `index` of indicators().entries().
    const intel::Judgement& judgement(std::size_t index);
    // Bumped when verdicts change (a feed loaded, the rule changed).
    std::uint64_t verdict_generation() const { return verdict_generation_; }

    bool add_feed(evidence::EvidenceId id, std::span<const std::byte> bytes);
    void feed_refused(evidence::EvidenceId id, const std::string& reason);
    const intel::FeedSet& feeds() const { return feeds_; }
    const std::vector<std::string>& feed_failures() const { return feed_failures_; }
    bool is_feed(evidence::EvidenceId id) const;
    const intel::VerdictPolicy& policy() const { return policy_; }
    // "malicious > 5"; an error (with its column) keeps the old rule.
    Result<void> set_policy(std::string_view rule);
    // A view asks the page to read a file as a feed (CSV feeds look like
    // any CSV, so the analyst says which).
    void request_feed(evidence::EvidenceId id) { feed_requests_.push_back(id); }
    std::vector<evidence::EvidenceId> take_feed_requests() { return std::exchange(feed_requests_, {}); }

    // [SECTION] Hashes (workspace_hash.cpp)
    // Every added file is hashed once by the page's hashing worker
    // (shell/hash_jobs.js): begin makes the job (unit: bytes), progress moves
    // it, done takes the worker's JSON (hash::to_json, or {"error"}) and sets
    // the evidence's SHA-256.
    JobId hash_begin(evidence::EvidenceId id);
    void hash_progress(JobId job, std::uint64_t done);
    void hash_done(JobId job, std::string_view json);
    // Whether any job other than hashing runs (hashing yields to parsing).
    bool parsing() const;
    // The digests of a hashed file, or nullptr.
    const hash::Digests* digests(evidence::EvidenceId id) const;
    // Brings the Evidence view up with a file selected (its digests show
    // below the list); the view takes the request on its next frame.
    void select_evidence(evidence::EvidenceId id) {
        selection_request_ = id;
        focus("evidence");
    }
    evidence::EvidenceId take_evidence_selection() { return std::exchange(selection_request_, 0); }

    // [SECTION] Sigma (workspace_sigma.cpp)
    // Rule files the analyst loaded (dropped .yml files that sniff as Sigma,
    // or "Load rules…"), compiled here into the UI thread's RuleSet and
    // Engine; engine workers compile the same texts in the same order and
    // scan each EVTX file (Job::Kind::sigma), so rule indexes agree. Any
    // change to the rules bumps rules_version(): the page then rescans.
    struct RuleFile {
        std::string name;
        std::string text;
    };
    // One hit's context, parallel to sigma_hits().
    struct Detection {
        evidence::EvidenceId evidence = 0;
        std::string computer;
        std::string event_id;
    };
    // A .yml/.yaml file whose head has a top-level detection:, correlation:
    // or filter: key.
    static bool is_rule_file(std::string_view name, std::span<const std::byte> head);
    void add_rule_file(std::string name, std::string text);
    // While held, added files wait; releasing compiles them all at once.
    void hold_rules(bool hold);
    void remove_rule_file(std::string_view name);
    void clear_rules();
    const std::vector<RuleFile>& rule_files() const { return rule_files_; }
    // nullptr until rules are loaded.
    const sigma::RuleSet* rules() const { return rules_.get(); }
    const sigma::Engine* sigma_engine() const { return sigma_engine_.get(); }
    std::uint64_t rules_version() const { return rules_version_; }
    // [{"name", "text"}, ...] as the workers take it.
    std::string rules_json() const;
    // Whether evidence `id` can be matched against the rules (EVTX for now).
    bool sigma_scannable(evidence::EvidenceId id) const;
    // Starts the scan of `id` under the rules of `version`; 0 when not scannable
    // or the version is stale.
    JobId sigma_begin(evidence::EvidenceId id, std::uint64_t size, std::uint64_t version);
    // The worker's answer (web/engine/sigma_exports.cpp), or empty; ends the job.
    void sigma_end(JobId job, std::string_view answer);
    const std::vector<sigma::Hit>& sigma_hits() const { return hits_; }
    const std::vector<Detection>& detections() const { return detections_; }
    const std::vector<sigma::CorrelationHit>& correlations() const { return correlations_; }
    // Bumped whenever hits are added or dropped.
    std::uint64_t detections_generation() const { return detections_generation_; }
    // "Load rules…": the page opens a picker of files (or of a folder).
    enum class RulesPicker { none, files, folder };
    void request_rules_picker(RulesPicker which) { rules_picker_ = which; }
    RulesPicker take_rules_picker_request() { return std::exchange(rules_picker_, RulesPicker::none); }

    // [SECTION] Requests to the page
    void request_file_picker() { open_requested_ = true; }
    bool take_open_request();
    // A view asks to be brought to the front once ("events" when the first
    // log starts streaming).
    void focus(std::string view) { focus_ = std::move(view); }
    std::string take_focus();

private:
    void remove_indicators_of(evidence::EvidenceId id);
    void clear_indicators();
    void rebuild_rules();
    void remove_detections_of(evidence::EvidenceId id);
    void clear_detections();

    evidence::EvidenceList evidence_;
    std::uint64_t generation_ = 0;
    std::vector<Job> jobs_;
    JobId next_job_ = 1;
    event::EventTable events_;
    unsigned ansi_codepage_ = 1252;
    EventDetail detail_;
    std::map<evidence::EvidenceId, hash::Digests> digests_;
    evidence::EvidenceId selection_request_ = 0;
    bool detail_requested_ = false;
    bool open_requested_ = false;
    ioc::IndicatorSet indicators_;  // the merge of every file's set below
    std::vector<std::pair<evidence::EvidenceId, ioc::IndicatorSet>> file_indicators_;
    intel::FeedSet feeds_;
    intel::VerdictPolicy policy_;
    std::vector<intel::Judgement> judgements_;
    std::uint64_t judged_generation_ = ~0ull;
    std::uint64_t verdict_generation_ = 0;
    std::vector<evidence::EvidenceId> feed_evidence_;
    std::vector<std::string> feed_failures_;
    std::vector<evidence::EvidenceId> feed_requests_;
    std::string focus_;
    std::vector<RuleFile> rule_files_;
    std::unique_ptr<sigma::RuleSet> rules_;
    std::unique_ptr<sigma::Engine> sigma_engine_;  // points into rules_
    std::uint64_t rules_version_ = 0;
    std::map<JobId, std::uint64_t> sigma_job_versions_;
    std::vector<sigma::Hit> hits_;
    std::vector<Detection> detections_;
    std::vector<sigma::CorrelationHit> correlations_;
    std::uint64_t detections_generation_ = 0;
    RulesPicker rules_picker_ = RulesPicker::none;
    bool rules_held_ = false;
    bool rules_dirty_ = false;
};

}  // namespace trinity::web
