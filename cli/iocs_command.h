// `trinity iocs EVIDENCE... [--format table|json|csv|stix|text] [--types LIST]
//  [--allowlist FILE] [--defang] [--feeds FEED... [--policy RULE]]`: the
// indicators in each file, deduplicated with counts, address classes and
// where they were first seen; with feeds, each one's verdict and sources.
#pragma once

#include <string>
#include <vector>

namespace CLI { class App; }

namespace trinity::cli {

struct IocsOptions {
    std::vector<std::string> paths;
    std::string format = "table";
    std::string types;      // empty: every type
    std::string allowlist;  // a file, or empty
    bool defang = false;
    std::vector<std::string> feeds;  // feed files or MISP feed folders
    std::string policy;              // verdict rule for scored sources; empty: "malicious > 5"
};

void add_iocs_command(CLI::App& app, int& exit_code);
int run_iocs(const IocsOptions& options);

}  // namespace trinity::cli
