// `trinity sigma check RULES... [--placeholders FILE] [--format table|json]`:
// loads rule files and folders and lists every rule that failed, with file,
// line, column and reason; exit 1 when any failed.
//
// `trinity scan EVIDENCE... --rules RULES... [--format table|json|jsonl|csv]
//  [--min-level L] [--placeholders FILE]`: matches the evidence's events
// against the rules and prints the detections as a timeline (time order),
// correlations after them; a progress line on a terminal.
#pragma once

#include <string>
#include <vector>

namespace CLI { class App; }

namespace trinity::cli {

struct SigmaCheckOptions {
    std::vector<std::string> rules;
    std::string placeholders;
    std::string format = "table";
};

struct ScanOptions {
    std::vector<std::string> evidence;
    std::vector<std::string> rules;
    std::string placeholders;
    std::string format = "table";
    std::string min_level = "informational";
};

void add_sigma_commands(CLI::App& app, int& exit_code);
int run_sigma_check(const SigmaCheckOptions& options);
int run_scan(const ScanOptions& options);

}  // namespace trinity::cli
