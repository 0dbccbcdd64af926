// Sigma in the Workspace: the rule files the analyst loaded, compiled into
// one RuleSet and Engine, and the detections engine workers found in each
// EVTX file (shell/sigma_jobs.js, web/engine/sigma_exports.cpp).
// Correlation rules run here, over every file's hits together.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "trinity/log/logger.h"
#include "trinity/text/json_text.h"
#include "workspace.h"

namespace trinity::web {
namespace {

bool ends_with_folded(std::string_view s, std::string_view suffix) {
    if (s.size() < suffix.size()) return false;
    return std::equal(suffix.begin(), suffix.end(), s.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                      [](char a, char b) { return a == (b >= 'A' && b <= 'Z' ? static_cast<char>(b - 'A' + 'a') : b); });
}

}  // namespace

bool Workspace::is_rule_file(std::string_view name, std::span<const std::byte> head) {
    if (!ends_with_folded(name, ".yml") && !ends_with_folded(name, ".yaml")) return false;
    const std::string_view text(reinterpret_cast<const char*>(head.data()), head.size());
    for (std::string_view key : {"detection:", "correlation:", "filter:"}) {
        for (std::size_t at = text.find(key); at != std::string_view::npos; at = text.find(key, at + 1)) {
            if (at == 0 || text[at - 1] == '\n') return true;  // a top-level key
        }
    }
    return false;
}

void Workspace::add_rule_file(std::string name, std::string text) {
    auto same = std::find_if(rule_files_.begin(), rule_files_.end(), [&](const RuleFile& f) { return f.name == name; });
    if (same != rule_files_.end()) same->text = std::move(text);
    else rule_files_.push_back({std::move(name), std::move(text)});
    if (rules_held_) rules_dirty_ = true;
    else rebuild_rules();
}

void Workspace::hold_rules(bool hold) {
    rules_held_ = hold;
    if (!hold && rules_dirty_) rebuild_rules();
}

void Workspace::remove_rule_file(std::string_view name) {
    std::erase_if(rule_files_, [&](const RuleFile& f) { return f.name == name; });
    rebuild_rules();
}

void Workspace::clear_rules() {
    rule_files_.clear();
    rebuild_rules();
}

void Workspace::rebuild_rules() {
    rules_dirty_ = false;
    sigma_engine_.reset();
    rules_.reset();
    if (!rule_files_.empty()) {
        rules_ = std::make_unique<sigma::RuleSet>();
        for (const RuleFile& f : rule_files_) rules_->add_yaml(f.text, f.name);
        rules_->link();
        sigma_engine_ = std::make_unique<sigma::Engine>(*rules_);
        const auto& report = rules_->report();
        log::info("Sigma: " + std::to_string(rule_files_.size()) + " rule files, " + std::to_string(report.loaded) +
                  " rules loaded, " + std::to_string(report.failures.size()) + " failed");
    }
    ++rules_version_;
    // Hits of the old rules name old indexes: every file is scanned again.
    for (auto& j : jobs_) {
        if (j.kind == Job::Kind::sigma && j.running()) j.state = Job::State::cancelled;
    }
    clear_detections();
}

std::string Workspace::rules_json() const {
    std::string out = "[";
    for (const RuleFile& f : rule_files_) {
        if (out.size() > 1) out += ',';
        out += "{\"name\":" + text::json_string(f.name) + ",\"text\":" + text::json_string(f.text) + "}";
    }
    return out + "]";
}

bool Workspace::sigma_scannable(evidence::EvidenceId id) const {
    const evidence::Evidence* e = evidence_.find(id);
    return e && !e->error && e->sniff.format == artifact::Format::evtx;
}

JobId Workspace::sigma_begin(evidence::EvidenceId id, std::uint64_t size, std::uint64_t version) {
    if (!sigma_engine_ || version != rules_version_ || !sigma_scannable(id)) return 0;
    const JobId job = start_job(Job::Kind::sigma, id, size, "bytes").id;
    sigma_job_versions_[job] = version;
    return job;
}

void Workspace::sigma_end(JobId id, std::string_view answer) {
    Job* job = this->job(id);
    if (!job) return;
    const auto version = sigma_job_versions_.find(id);
    const bool current = version != sigma_job_versions_.end() && version->second == rules_version_;
    if (version != sigma_job_versions_.end()) sigma_job_versions_.erase(version);
    const bool cancelled = !job->running();
    const auto newline = answer.find('\n');
    if (current && evidence_.find(job->evidence) && newline != std::string_view::npos) {
        try {
            const auto head = nlohmann::json::parse(answer.substr(0, newline));
            const auto body = nlohmann::json::parse(answer.substr(newline + 1));
            job->records = head.value("records", std::uint64_t{0});
            if (head.contains("error") && head["error"].is_string() && !cancelled) {
                note_warning(*job, 0, head["error"].get<std::string>());
            }
            if (head.value("truncated", false)) note_warning(*job, 0, "too many hits: the rest were not kept");
            for (const auto& h : body.at("hits")) {
                sigma::Hit hit;
                hit.rule = h.at("rule").get<std::uint32_t>();
                if (!rules_ || hit.rule >= rules_->size()) continue;
                if (h.at("time").is_number()) hit.time_us = h["time"].get<std::int64_t>();
                hit.provenance.evidence = job->evidence;
                hit.provenance.record = h.at("record").get<std::uint64_t>();
                hit.provenance.offset = h.at("offset").get<std::uint64_t>();
                for (const auto& m : h.at("matched")) hit.matched.push_back({m.at(0).get<std::string>(), m.at(1).get<std::string>()});
                for (const auto& k : h.at("keys")) {
                    hit.has_key.push_back(k.is_string());
                    hit.keys.push_back(k.is_string() ? k.get<std::string>() : std::string());
                }
                hits_.push_back(std::move(hit));
                detections_.push_back({job->evidence, h.value("computer", ""), h.value("event_id", "")});
                ++job->detections;
            }
            if (sigma_engine_) correlations_ = sigma_engine_->correlate(hits_);
            ++detections_generation_;
            log::info(job->name + ": " + std::to_string(job->detections) + " Sigma detections");
        } catch (const nlohmann::json::exception& e) {
            log::error(job->name + ": the Sigma scan's answer was unreadable: " + e.what());
        }
    }
    if (!cancelled) job->done = job->total;
    end_job(id);
}

void Workspace::remove_detections_of(evidence::EvidenceId id) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < hits_.size(); ++i) {
        if (detections_[i].evidence == id) continue;
        if (kept != i) {
            hits_[kept] = std::move(hits_[i]);
            detections_[kept] = std::move(detections_[i]);
        }
        ++kept;
    }
    if (kept == hits_.size()) return;
    hits_.resize(kept);
    detections_.resize(kept);
    correlations_ = sigma_engine_ ? sigma_engine_->correlate(hits_) : std::vector<sigma::CorrelationHit>{};
    ++detections_generation_;
}

void Workspace::clear_detections() {
    hits_.clear();
    detections_.clear();
    correlations_.clear();
    ++detections_generation_;
}

}  // namespace trinity::web
