#include "sniff_command.h"

#include <algorithm>
#include <cstdio>
#include <memory>

#include <CLI/CLI.hpp>

#include "file_byte_source.h"
#include "trinity/artifact/sniff.h"
#include "trinity/evidence/evidence.h"

namespace trinity::cli {

void add_sniff_command(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<SniffOptions>();
    CLI::App* cmd = app.add_subcommand("sniff", "Detect each file's format from its content");
    cmd->add_option("files", options->paths, "Files to examine")->required();
    cmd->add_flag("--json", options->json, "One JSON object per file, one per line");
    cmd->callback([options, &exit_code] { exit_code = run_sniff(*options); });
}

int run_sniff(const SniffOptions& options) {
    int exit_code = 0;
    evidence::EvidenceList list;
    for (const auto& path : options.paths) {
        auto source = FileByteSource::open(path);
        if (!source) {
            std::fprintf(stderr, "trinity: %s\n", source.error().describe().c_str());
            list.add_failed(path, 0, source.error());
            exit_code = 1;
            continue;
        }
        auto sniffed = artifact::sniff(**source);
        if (!sniffed) {
            std::fprintf(stderr, "trinity: %s\n", sniffed.error().describe().c_str());
            list.add_failed(path, (*source)->size(), sniffed.error());
            exit_code = 1;
            continue;
        }
        list.add(path, (*source)->size(), std::move(*sniffed));
    }

    if (options.json) {
        for (const auto& e : list.items()) std::printf("%s\n", evidence::to_json(e).c_str());
        return exit_code;
    }
    std::size_t width = 4;
    for (const auto& e : list.items()) {
        if (!e.error) width = std::max(width, e.name.size());
    }
    for (const auto& e : list.items()) {
        if (e.error) continue;  // already reported on stderr
        std::printf("%-*s  %-13s  %10s  %s\n", static_cast<int>(width), e.name.c_str(),
                    std::string(artifact::to_string(e.sniff.format)).c_str(),
                    evidence::format_size(e.size).c_str(), artifact::describe(e.sniff).c_str());
    }
    return exit_code;
}

}  // namespace trinity::cli
