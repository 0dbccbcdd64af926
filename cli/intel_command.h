// `trinity intel check FEED...`: loads threat-intel feeds (files, MISP feed
// folders) and prints each one's report: what was loaded, rejected (with
// file:line) and skipped. Validates feeds before they are used with
// `trinity iocs --feeds`.
#pragma once

namespace CLI { class App; }

namespace trinity::cli {

void add_intel_command(CLI::App& app, int& exit_code);

}  // namespace trinity::cli
