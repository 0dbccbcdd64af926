// Hashing in the Workspace: the page's hashing worker reads each added file
// once, by slices (shell/hash_jobs.js, shell/worker_hash.js); its progress
// and final digests land here, and the Evidence view shows them.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "trinity/log/logger.h"
#include "workspace.h"

namespace trinity::web {

JobId Workspace::hash_begin(evidence::EvidenceId id) {
    const evidence::Evidence* e = evidence_.find(id);
    if (!e) return 0;
    return start_job(Job::Kind::hash, id, e->size, "bytes").id;
}

void Workspace::hash_progress(JobId id, std::uint64_t done) {
    Job* j = job(id);
    if (j && j->running() && j->kind == Job::Kind::hash) j->done = std::min(done, j->total);
}

void Workspace::hash_done(JobId id, std::string_view json) {
    Job* j = job(id);
    if (!j || !j->running() || j->kind != Job::Kind::hash) return;
    std::string error;
    hash::Digests d;
    try {
        const auto doc = nlohmann::json::parse(json);
        if (doc.contains("error")) {
            error = doc.at("error").get<std::string>();
        } else {
            d.size = doc.at("size").get<std::uint64_t>();
            for (const hash::Algorithm a : hash::kAllAlgorithms) {
                const auto it = doc.find(std::string(hash::to_string(a)));
                if (it == doc.end()) continue;
                d.get(a) = it->get<std::string>();
                d.algorithms = d.algorithms.with(a);
            }
        }
    } catch (const nlohmann::json::exception& e) {
        error = std::string("unreadable digests from the worker: ") + e.what();
    }
    if (!error.empty()) {
        j->state = Job::State::failed;
        note_warning(*j, j->done, "hashing failed: " + error);
        return;
    }
    j->done = j->total;
    j->state = Job::State::done;
    evidence_.set_sha256(j->evidence, d.sha256);
    log::info("hashed " + j->name + ": SHA-256 " + d.sha256);
    digests_[j->evidence] = std::move(d);
}

bool Workspace::parsing() const {
    return std::any_of(jobs_.begin(), jobs_.end(), [](const Job& j) { return j.running() && j.kind != Job::Kind::hash; });
}

const hash::Digests* Workspace::digests(evidence::EvidenceId id) const {
    const auto it = digests_.find(id);
    return it == digests_.end() ? nullptr : &it->second;
}

}  // namespace trinity::web
