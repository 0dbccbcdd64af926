// trinity iocs: reads each evidence file by its content (EVTX through the
// EVTX reader and evtx::to_event, anything else as text, line by line),
// collects indicators and prints them as a table or an export.
#include "iocs_command.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <unordered_map>

#include <CLI/CLI.hpp>

#include "feed_files.h"
#include "file_byte_source.h"
#include "trinity/artifact/sniff.h"
#include "trinity/evtx/evtx.h"
#include "trinity/evtx/evtx_fields.h"
#include "trinity/intel/feed_set.h"
#include "trinity/intel/verdict_policy.h"
#include "trinity/ioc/address_class.h"
#include "trinity/ioc/collect.h"
#include "trinity/ioc/export.h"
#include "trinity/ioc/refang.h"

namespace trinity::cli {
namespace {

void report(const Error& error) { std::fprintf(stderr, "trinity: %s\n", error.describe().c_str()); }

// The allowlist file, its bad lines reported as warnings.
std::optional<ioc::Allowlist> load_allowlist(const std::string& path) {
    auto source = FileByteSource::open(path);
    if (!source) {
        report(source.error());
        return std::nullopt;
    }
    auto bytes = io::read_head(**source, static_cast<std::size_t>((*source)->size()));
    if (!bytes) {
        report(bytes.error());
        return std::nullopt;
    }
    auto parsed = ioc::Allowlist::parse(
        std::string_view(reinterpret_cast<const char*>(bytes->data()), bytes->size()), path);
    for (const Error& e : parsed.errors) std::fprintf(stderr, "trinity: %s (line ignored)\n", e.describe().c_str());
    return std::move(parsed.allowlist);
}

// One evidence file into the collector; false when it could not be read.
bool collect_file(const std::string& path, evidence::EvidenceId id, ioc::Collector& collector) {
    auto source = FileByteSource::open(path);
    if (!source) {
        report(source.error());
        return false;
    }
    auto sniffed = artifact::sniff(**source);
    if (!sniffed) {
        report(sniffed.error());
        return false;
    }
    const ioc::EvidenceRef ref{path, ""};
    if (sniffed->format == artifact::Format::evtx) {
        evtx::EvtxReader reader(**source);
        if (auto header = reader.open(); !header) {
            report(header.error());
            return false;
        }
        auto stats = reader.read([&](const evtx::Record& r) {
            collector.add_event(evtx::to_event(r, id), ref);
            return true;
        });
        for (const auto& w : reader.warnings())
            std::fprintf(stderr, "trinity: %s@%llu: warning: %s\n", path.c_str(),
                         static_cast<unsigned long long>(w.offset), w.message.c_str());
        if (!stats) {
            report(stats.error());
            return false;
        }
        return true;
    }
    // Text of any kind, and binaries for their ASCII strings.
    auto stats = collector.add_text_source(**source, ref, ioc::syntax_for_format(artifact::to_string(sniffed->format)));
    if (!stats) {
        report(stats.error());
        return false;
    }
    if (stats->long_lines)
        std::fprintf(stderr, "trinity: %s: %llu lines longer than %zu bytes were scanned in pieces\n", path.c_str(),
                     static_cast<unsigned long long>(stats->long_lines), ioc::Collector::kMaxLine);
    return true;
}

// What the feeds say about each entry, judged once.
class Verdicts {
public:
    Verdicts(const intel::FeedSet& feeds, const intel::VerdictPolicy& policy) : feeds_(feeds), policy_(policy) {}

    const intel::Judgement& of(const ioc::IndicatorEntry& e) {
        auto it = cache_.find(&e);
        if (it == cache_.end()) it = cache_.emplace(&e, feeds_.judge(e.indicator, policy_)).first;
        return it->second;
    }
    std::string verdict(const ioc::IndicatorEntry& e) { return std::string(intel::to_string(of(e).verdict)); }
    // "feed.csv: malicious; vt.json: suspicious (VirusTotal: 3/70 engines)"
    std::string sources(const ioc::IndicatorEntry& e) {
        std::string out;
        for (const intel::Sighting& s : of(e).sightings) {
            if (!out.empty()) out += "; ";
            out += s.feed + ": " + std::string(intel::to_string(policy_.verdict_of(s)));
            if (!s.detail.empty()) out += " (" + s.detail + ")";
        }
        return out;
    }
    std::vector<ioc::ExtraColumn> columns() {
        return {{"verdict", [this](const ioc::IndicatorEntry& e) { return verdict(e); }},
                {"sources", [this](const ioc::IndicatorEntry& e) { return sources(e); }}};
    }

private:
    const intel::FeedSet& feeds_;
    const intel::VerdictPolicy& policy_;
    std::unordered_map<const ioc::IndicatorEntry*, intel::Judgement> cache_;
};

std::string first_seen(const ioc::IndicatorEntry& e) {
    if (e.first_time_us) return event::format_time(*e.first_time_us);
    std::string where = e.first.evidence;
    if (e.first.line) where += ":" + std::to_string(e.first.line);
    else if (e.first.record) where += "#" + std::to_string(e.first.record);
    return where;
}

void print_table(const ioc::IndicatorSet& set, bool defang, Verdicts* verdicts) {
    struct Row {
        std::string type, value, count, cls, seen, verdict, sources;
    };
    std::vector<Row> rows;
    Row header{"TYPE", "VALUE", "COUNT", "CLASS", "FIRST SEEN", "VERDICT", "SOURCES"};
    std::size_t w_seen = header.seen.size(), w_verdict = header.verdict.size();
    std::size_t w_type = header.type.size(), w_value = header.value.size(), w_count = header.count.size(),
                w_cls = header.cls.size();
    for (const ioc::IndicatorEntry* e : set.sorted()) {
        const auto cls = ioc::classify(e->indicator);
        Row r{std::string(ioc::to_string(e->indicator.type)), defang ? ioc::defang(e->indicator) : e->indicator.value,
              std::to_string(e->count), cls ? std::string(ioc::to_string(*cls)) : "-", first_seen(*e), "", ""};
        if (verdicts) {
            r.verdict = verdicts->verdict(*e);
            r.sources = verdicts->sources(*e);
        }
        w_seen = std::max(w_seen, r.seen.size());
        w_verdict = std::max(w_verdict, r.verdict.size());
        w_type = std::max(w_type, r.type.size());
        w_value = std::min<std::size_t>(std::max(w_value, r.value.size()), 100);
        w_count = std::max(w_count, r.count.size());
        w_cls = std::max(w_cls, r.cls.size());
        rows.push_back(std::move(r));
    }
    auto print = [&](const Row& r) {
        std::printf("%-*s  %-*s  %*s  %-*s  ", static_cast<int>(w_type), r.type.c_str(), static_cast<int>(w_value),
                    r.value.c_str(), static_cast<int>(w_count), r.count.c_str(), static_cast<int>(w_cls), r.cls.c_str());
        if (!verdicts) {
            std::printf("%s\n", r.seen.c_str());
            return;
        }
        std::printf("%-*s  %-*s  %s\n", static_cast<int>(w_seen), r.seen.c_str(), static_cast<int>(w_verdict),
                    r.verdict.c_str(), r.sources.c_str());
    };
    print(header);
    for (const Row& r : rows) print(r);
}

// STIX timestamps: SOURCE_DATE_EPOCH when set (reproducible builds'
// convention), else now.
std::int64_t stix_created_us() {
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
        char* end = nullptr;
        const long long seconds = std::strtoll(epoch, &end, 10);
        if (end && *end == '\0' && seconds >= 0) return seconds * 1000000LL;
    }
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

void add_iocs_command(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<IocsOptions>();
    CLI::App* cmd = app.add_subcommand("iocs", "Extract indicators (addresses, domains, URLs, hashes, ...) from evidence");
    cmd->add_option("evidence", options->paths, "Evidence files: EVTX logs, text, command outputs")->required();
    cmd->add_option("--format", options->format, "table (default), json, csv, stix (a STIX 2.1 bundle) or text (one value a line)")
        ->check(CLI::IsMember({"table", "json", "csv", "stix", "text"}));
    cmd->add_option("--types", options->types,
                    "Only these types, comma-separated: ipv4, ipv6, domain, url, email, md5, sha1, sha256, sha512, "
                    "windows-path, unix-path, registry-key, cve; or ip, hash, path");
    cmd->add_option("--allowlist", options->allowlist, "File of addresses, CIDR ranges, domains and values to leave out");
    cmd->add_flag("--defang", options->defang, "Write values defanged (hxxp, [.]) in the table and text formats");
    cmd->add_option("--feeds", options->feeds,
                    "Threat-intel feeds to judge every indicator by: CSV, STIX 2.1, MISP event JSON, MISP feed "
                    "folders, saved VirusTotal v3 responses (adds verdict and sources)");
    cmd->add_option("--policy", options->policy, "Verdict rule for VirusTotal engine counts (default \"malicious > 5\")");
    cmd->callback([options, &exit_code] { exit_code = run_iocs(*options); });
}

int run_iocs(const IocsOptions& o) {
    ioc::ExtractOptions extract;
    if (!o.types.empty()) {
        std::string bad;
        if (!ioc::parse_type_mask(o.types, extract.types, bad)) {
            std::fprintf(stderr, "trinity: unknown indicator type '%s' in --types\n", bad.c_str());
            return 2;
        }
    }
    std::optional<ioc::Allowlist> allowlist;
    if (!o.allowlist.empty()) {
        allowlist = load_allowlist(o.allowlist);
        if (!allowlist) return 2;
    }
    int exit_code = 0;
    intel::VerdictPolicy policy;
    if (!o.policy.empty()) {
        auto parsed = intel::parse_policy(o.policy);
        if (!parsed) {
            std::fprintf(stderr, "trinity: --policy: %s\n", parsed.error().describe().c_str());
            return 2;
        }
        policy = std::move(*parsed);
    }
    intel::FeedSet feeds;
    if (!o.feeds.empty()) {
        const std::size_t refused = add_feed_paths(feeds, o.feeds, [](const std::string& path, const Result<intel::FeedReport>& r) {
            if (r) std::fprintf(stderr, "trinity: feed %s\n", r->summary().c_str());
            else std::fprintf(stderr, "trinity: feed %s refused: %s\n", path.c_str(), r.error().describe().c_str());
        });
        if (refused) exit_code = 1;
    }
    std::optional<Verdicts> verdicts;
    if (!o.feeds.empty()) verdicts.emplace(feeds, policy);
    const std::vector<ioc::ExtraColumn> extras = verdicts ? verdicts->columns() : std::vector<ioc::ExtraColumn>{};

    ioc::Collector collector(extract, allowlist ? &*allowlist : nullptr);
    evidence::EvidenceId id = 1;
    for (const std::string& path : o.paths)
        if (!collect_file(path, id++, collector)) exit_code = 1;

    const ioc::IndicatorSet& set = collector.set();
    if (o.format == "json") {
        std::fputs(ioc::to_json(set, extras).c_str(), stdout);
    } else if (o.format == "csv") {
        std::fputs(ioc::to_csv(set, extras).c_str(), stdout);
    } else if (o.format == "stix") {
        ioc::StixOptions stix{stix_created_us(), "Trinity", {}};
        // With feeds, the verdict becomes the indicator's type (STIX 2.1 vocabulary).
        if (verdicts) {
            stix.indicator_types = [&verdicts](const ioc::IndicatorEntry& e) {
                switch (verdicts->of(e).verdict) {
                    case intel::Verdict::malicious: return std::vector<std::string>{"malicious-activity"};
                    case intel::Verdict::suspicious: return std::vector<std::string>{"anomalous-activity"};
                    case intel::Verdict::clean: return std::vector<std::string>{"benign"};
                    default: return std::vector<std::string>{"unknown"};
                }
            };
        }
        std::fputs(ioc::to_stix(set, stix).c_str(), stdout);
    } else if (o.format == "text") {
        for (const ioc::IndicatorEntry* e : set.sorted())
            std::printf("%s\n", (o.defang ? ioc::defang(e->indicator) : e->indicator.value).c_str());
    } else {
        print_table(set, o.defang, verdicts ? &*verdicts : nullptr);
    }
    std::fprintf(stderr, "trinity: %zu indicators (%llu sightings) in %zu files; %llu allowlisted\n", set.size(),
                 static_cast<unsigned long long>(set.total_sightings()), o.paths.size(),
                 static_cast<unsigned long long>(set.allowlisted()));
    return exit_code;
}

}  // namespace trinity::cli
