// `trinity sniff FILE...`: the detected format of each file.
#pragma once

#include <string>
#include <vector>

namespace CLI { class App; }

namespace trinity::cli {

struct SniffOptions {
    std::vector<std::string> paths;
    bool json = false;
};

void add_sniff_command(CLI::App& app, int& exit_code);

// Returns the process exit code: 0, or 1 when any path could not be read.
int run_sniff(const SniffOptions& options);

}  // namespace trinity::cli
