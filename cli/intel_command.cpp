// `trinity intel check` (see intel_command.h). Exit code 1 when any feed
// file could not be read or was refused whole; rejected entries inside a
// loaded feed are listed but do not fail the command.
#include "intel_command.h"

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "feed_files.h"

namespace trinity::cli {
namespace {

struct CheckOptions {
    std::vector<std::string> paths;
    std::string policy;
    bool quiet = false;
};

void print_report(const intel::FeedReport& r, bool quiet) {
    std::printf("%s\n", r.summary().c_str());
    if (quiet) return;
    for (const auto& [reason, count] : r.skipped) std::printf("  skipped %zu: %s\n", count, reason.c_str());
    for (const Error& e : r.problems) std::printf("  %s\n", e.describe().c_str());
    if (r.problems_dropped) std::printf("  ... and %zu more problems\n", r.problems_dropped);
}

int run_check(const CheckOptions& options) {
    if (!options.policy.empty()) {
        auto policy = intel::parse_policy(options.policy);
        if (!policy) {
            std::fprintf(stderr, "trinity: --policy: %s\n", policy.error().describe().c_str());
            return 2;
        }
        std::printf("verdict rule: %s\n", policy->describe().c_str());
    }
    intel::FeedSet feeds;
    const std::size_t failed = add_feed_paths(feeds, options.paths, [&](const std::string&, const Result<intel::FeedReport>& r) {
        if (r) {
            print_report(*r, options.quiet);
        } else {
            std::fprintf(stderr, "trinity: %s\n", r.error().describe().c_str());
        }
    });
    std::printf("%zu feed files loaded, %zu refused; %zu distinct indicators and ranges\n", feeds.reports().size(),
                failed, feeds.size());
    return failed ? 1 : 0;
}

}  // namespace

void add_intel_command(CLI::App& app, int& exit_code) {
    CLI::App* intel = app.add_subcommand("intel", "Offline threat-intel feeds");
    intel->require_subcommand(1);
    auto options = std::make_shared<CheckOptions>();
    CLI::App* check = intel->add_subcommand("check", "Load feeds (CSV, STIX 2.1, MISP event or feed folder, VirusTotal v3) and report on each");
    check->add_option("feeds", options->paths, "Feed files or MISP feed folders")->required();
    check->add_option("--policy", options->policy, "Also validate a verdict rule, e.g. \"malicious > 5\"");
    check->add_flag("-q,--quiet", options->quiet, "Only each feed's summary line");
    check->callback([options, &exit_code] { exit_code = run_check(*options); });
}

}  // namespace trinity::cli
