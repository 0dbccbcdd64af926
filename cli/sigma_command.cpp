#include "sigma_command.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "evidence_events.h"
#include "sigma_rules_files.h"
#include "trinity/event/event.h"
#include "trinity/sigma/engine.h"
#include "trinity/text/json_text.h"

namespace trinity::cli {

namespace {

std::string position(const sigma::SourcePos& pos) {
    std::string out = pos.file;
    if (pos.line) out += ":" + std::to_string(pos.line);
    if (pos.line && pos.column) out += ":" + std::to_string(pos.column);
    return out;
}

void print_failures(const sigma::LoadReport& report) {
    for (const sigma::LoadFailure& f : report.failures) {
        std::string who = f.id.empty() ? f.title : f.id;
        std::fprintf(stderr, "%s: %s%s%s\n", position(f.pos).c_str(), who.c_str(), who.empty() ? "" : ": ", f.reason.c_str());
    }
}

}  // namespace

int run_sigma_check(const SigmaCheckOptions& options) {
    auto rules = load_rule_paths(options.rules, options.placeholders);
    if (!rules) {
        std::fprintf(stderr, "trinity sigma check: %s\n", rules.error().describe().c_str());
        return 2;
    }
    const sigma::LoadReport& report = rules->report();
    if (options.format == "json") {
        nlohmann::json out;
        out["files"] = report.files;
        out["documents"] = report.documents;
        out["loaded"] = report.loaded;
        out["failed"] = report.failures.size();
        out["failures"] = nlohmann::json::array();
        for (const sigma::LoadFailure& f : report.failures) {
            out["failures"].push_back({{"file", f.pos.file}, {"line", f.pos.line}, {"column", f.pos.column},
                                       {"id", f.id}, {"title", f.title}, {"reason", f.reason}});
        }
        out["warnings"] = report.warnings;
        std::cout << out.dump(2) << "\n";
    } else {
        print_failures(report);
        for (const std::string& w : report.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
        const double share = report.documents ? 100.0 * static_cast<double>(report.loaded) / static_cast<double>(report.documents) : 100.0;
        std::printf("%llu files, %llu rule documents: %llu loaded (%.2f%%), %zu failed, %zu warnings\n",
                    static_cast<unsigned long long>(report.files), static_cast<unsigned long long>(report.documents),
                    static_cast<unsigned long long>(report.loaded), share, report.failures.size(), report.warnings.size());
    }
    return report.failures.empty() ? 0 : 1;
}

namespace {

struct Detection {
    const sigma::Hit* hit;
    std::string computer, event_id;
    std::string evidence;
};

std::string time_text(const std::optional<std::int64_t>& t) { return t ? event::format_time(*t) : std::string("-"); }

std::string csv_cell(std::string_view s) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

class Progress {
public:
    explicit Progress(bool enabled) : enabled_(enabled), start_(std::chrono::steady_clock::now()) {}
    void update(const std::string& file, std::uint64_t events, std::uint64_t hits) {
        if (!enabled_) return;
        const auto now = std::chrono::steady_clock::now();
        if (now - last_ < std::chrono::milliseconds(100)) return;
        last_ = now;
        std::fprintf(stderr, "\r\033[K%s: %llu events, %llu hits", file.c_str(), static_cast<unsigned long long>(events),
                     static_cast<unsigned long long>(hits));
    }
    void done() {
        if (enabled_) std::fprintf(stderr, "\r\033[K");
    }

private:
    bool enabled_;
    std::chrono::steady_clock::time_point start_, last_{};
};

}  // namespace

int run_scan(const ScanOptions& options) {
    const auto min_level = sigma::parse_level(options.min_level);
    if (!min_level) {
        std::fprintf(stderr, "trinity scan: unknown level '%s'\n", options.min_level.c_str());
        return 2;
    }
    auto rules = load_rule_paths(options.rules, options.placeholders);
    if (!rules) {
        std::fprintf(stderr, "trinity scan: %s\n", rules.error().describe().c_str());
        return 2;
    }
    print_failures(rules->report());
    if (!rules->report().failures.empty()) {
        std::fprintf(stderr, "trinity scan: %zu rules failed to load (listed above); scanning with the %llu that loaded\n",
                     rules->report().failures.size(), static_cast<unsigned long long>(rules->report().loaded));
    }
    sigma::Engine engine(*rules);
    sigma::Matcher matcher(engine);

    std::vector<sigma::Hit> hits;
    std::vector<Detection> rows;
    Progress progress(isatty(STDERR_FILENO) != 0);
    int status = 0;
    std::uint64_t events = 0;
    for (std::size_t e = 0; e < options.evidence.size(); ++e) {
        const std::string& path = options.evidence[e];
        const auto evidence_id = static_cast<evidence::EvidenceId>(e + 1);
        auto read = read_evidence_events(path, evidence_id, [&](const event::Event& ev) {
            const std::size_t before = hits.size();
            matcher.match(ev, hits);
            for (std::size_t i = before; i < hits.size(); ++i) {
                Detection d;
                d.hit = nullptr;
                const std::string* computer = ev.value("Computer");
                if (!computer) computer = ev.value("hostname");
                const std::string* id = ev.value("EventID");
                d.computer = computer ? *computer : "";
                d.event_id = id ? *id : "";
                d.evidence = path;
                rows.push_back(std::move(d));
            }
            progress.update(path, ++events, hits.size());
        });
        if (!read) {
            std::fprintf(stderr, "trinity scan: %s\n", read.error().describe().c_str());
            status = 1;
            continue;
        }
        for (const std::string& w : read->warnings) std::fprintf(stderr, "%s: %s\n", path.c_str(), w.c_str());
        if (read->rejected) {
            std::fprintf(stderr, "%s: %llu records could not be read (listed above)\n", path.c_str(),
                         static_cast<unsigned long long>(read->rejected));
        }
    }
    progress.done();
    for (std::size_t i = 0; i < hits.size(); ++i) rows[i].hit = &hits[i];
    const std::vector<sigma::CorrelationHit> correlations = engine.correlate(hits);

    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const sigma::RuleInfo& info = rules->info(rows[i].hit->rule);
        if (info.level < *min_level || !engine.reported(rows[i].hit->rule)) continue;
        order.push_back(i);
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return rows[a].hit->time_us.value_or(INT64_MIN) < rows[b].hit->time_us.value_or(INT64_MIN);
    });

    const std::string& format = options.format;
    if (format == "json" || format == "jsonl") {
        nlohmann::json all = nlohmann::json::array();
        auto emit = [&](nlohmann::json j) {
            if (format == "jsonl") std::cout << j.dump() << "\n";
            else all.push_back(std::move(j));
        };
        for (std::size_t i : order) {
            const Detection& d = rows[i];
            const sigma::RuleInfo& info = rules->info(d.hit->rule);
            nlohmann::json matched = nlohmann::json::object();
            for (const auto& m : d.hit->matched) matched[m.field] = m.value;
            emit({{"time", time_text(d.hit->time_us)}, {"rule_id", info.id}, {"title", info.title},
                  {"level", sigma::to_string(info.level)}, {"status", info.status}, {"tags", info.tags},
                  {"tactics", info.attack_tactics()}, {"techniques", info.attack_techniques()},
                  {"computer", d.computer}, {"event_id", d.event_id}, {"evidence", d.evidence},
                  {"record", d.hit->provenance.record}, {"matched", matched}});
        }
        for (const sigma::CorrelationHit& c : correlations) {
            const sigma::RuleInfo& info = rules->info(c.rule);
            if (info.level < *min_level) continue;
            nlohmann::json group = nlohmann::json::object();
            for (const auto& g : c.group) group[g.field] = g.value;
            std::vector<std::uint64_t> records;
            for (std::size_t h : c.hits) records.push_back(hits[h].provenance.record);
            emit({{"time", event::format_time(c.first_us)}, {"last", event::format_time(c.last_us)}, {"rule_id", info.id},
                  {"title", info.title}, {"level", sigma::to_string(info.level)}, {"correlation", true},
                  {"group", group}, {"value", c.value}, {"records", records}});
        }
        if (format == "json") std::cout << all.dump(2) << "\n";
    } else if (format == "csv") {
        std::printf("time,level,rule_id,title,computer,event_id,evidence,record,matched\n");
        for (std::size_t i : order) {
            const Detection& d = rows[i];
            const sigma::RuleInfo& info = rules->info(d.hit->rule);
            std::printf("%s,%s,%s,%s,%s,%s,%s,%llu,%s\n", time_text(d.hit->time_us).c_str(),
                        std::string(sigma::to_string(info.level)).c_str(), csv_cell(info.id).c_str(), csv_cell(info.title).c_str(),
                        csv_cell(d.computer).c_str(), csv_cell(d.event_id).c_str(), csv_cell(d.evidence).c_str(),
                        static_cast<unsigned long long>(d.hit->provenance.record), csv_cell(matched_text(*d.hit)).c_str());
        }
    } else {
        for (std::size_t i : order) {
            const Detection& d = rows[i];
            const sigma::RuleInfo& info = rules->info(d.hit->rule);
            std::printf("%-27s %-13s %-60.60s %-16.16s %6s #%-8llu %s\n", time_text(d.hit->time_us).c_str(),
                        std::string(sigma::to_string(info.level)).c_str(), info.title.c_str(), d.computer.c_str(),
                        d.event_id.c_str(), static_cast<unsigned long long>(d.hit->provenance.record), matched_text(*d.hit).c_str());
        }
        for (const sigma::CorrelationHit& c : correlations) {
            const sigma::RuleInfo& info = rules->info(c.rule);
            if (info.level < *min_level) continue;
            std::string group;
            for (const auto& g : c.group) group += g.field + "=" + g.value + " ";
            std::printf("%-27s %-13s %-60.60s correlation: %s value %g over %zu hits until %s\n", event::format_time(c.first_us).c_str(),
                        std::string(sigma::to_string(info.level)).c_str(), info.title.c_str(), group.c_str(), c.value,
                        c.hits.size(), event::format_time(c.last_us).c_str());
        }
        std::fprintf(stderr, "%llu events, %zu detections (%zu shown), %zu correlations; %zu rules\n",
                     static_cast<unsigned long long>(events), hits.size(), order.size(), correlations.size(), rules->size());
    }
    return status;
}

void add_sigma_commands(CLI::App& app, int& exit_code) {
    auto* sigma_cmd = app.add_subcommand("sigma", "Sigma rules");
    sigma_cmd->require_subcommand(1);
    auto check_options = std::make_shared<SigmaCheckOptions>();
    auto* check = sigma_cmd->add_subcommand("check", "Load rules and list every rule that fails, with the reason");
    check->add_option("rules", check_options->rules, "Rule files and folders")->required();
    check->add_option("--placeholders", check_options->placeholders, "YAML map of placeholder name to values (for |expand)");
    check->add_option("--format", check_options->format, "table or json")->check(CLI::IsMember({"table", "json"}));
    check->callback([check_options, &exit_code] { exit_code = run_sigma_check(*check_options); });

    auto scan_options = std::make_shared<ScanOptions>();
    auto* scan = app.add_subcommand("scan", "Match evidence against Sigma rules: a timeline of detections");
    scan->add_option("evidence", scan_options->evidence, "EVTX, JSON or JSON Lines files")->required();
    scan->add_option("--rules", scan_options->rules, "Rule files and folders")->required();
    scan->add_option("--placeholders", scan_options->placeholders, "YAML map of placeholder name to values (for |expand)");
    scan->add_option("--format", scan_options->format, "table, json, jsonl or csv")
        ->check(CLI::IsMember({"table", "json", "jsonl", "csv"}));
    scan->add_option("--min-level", scan_options->min_level, "informational, low, medium, high or critical");
    scan->callback([scan_options, &exit_code] { exit_code = run_scan(*scan_options); });
}

}  // namespace trinity::cli
