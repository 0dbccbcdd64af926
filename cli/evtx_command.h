// `trinity evtx dump FILE [--xml|--json|--jsonl]` and `trinity evtx info FILE`.
#pragma once

namespace CLI { class App; }

namespace trinity::cli {

void add_evtx_command(CLI::App& app, int& exit_code);

}  // namespace trinity::cli
