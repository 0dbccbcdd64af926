#include "hash_command.h"

#include <cstdio>
#include <memory>

#include <CLI/CLI.hpp>

#include "file_byte_source.h"
#include "trinity/hash/hash_source.h"
#include "trinity/text/json_text.h"

namespace trinity::cli {
namespace {

constexpr const char* kAlgoChoices[] = {"md5", "sha1", "sha256", "sha512", "ssdeep", "all"};

void print(const hash::Digests& d, const std::string& name, const HashCommandOptions& options, bool all) {
    if (options.json) {
        std::printf("%s\n", hash::to_json(d, name).c_str());
    } else if (all) {
        for (const hash::Algorithm a : hash::kAllAlgorithms) {
            std::printf("%s\n", hash::tagged_line(d, a, name).c_str());
        }
    } else if (d.algorithms == hash::AlgorithmSet(hash::Algorithm::ssdeep)) {
        std::printf("%s\n", hash::ssdeep_line(d, name).c_str());
    } else {
        for (const hash::Algorithm a : hash::kAllAlgorithms) {
            if (d.algorithms.has(a)) std::printf("%s\n", hash::sum_line(d, a, name).c_str());
        }
    }
}

}  // namespace

void add_hash_command(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<HashCommandOptions>();
    CLI::App* cmd = app.add_subcommand(
        "hash", "MD5, SHA-1, SHA-256, SHA-512 and ssdeep of each file, in one pass (sha256sum-style lines by default)");
    cmd->add_option("files", options->paths, "Files to hash")->required();
    cmd->add_flag("--json", options->json, "One JSON object per file, one per line, with every digest");
    cmd->add_option("--algo", options->algo, "Digest to print: md5, sha1, sha256 (default), sha512, ssdeep or all")
        ->check(CLI::IsMember(std::vector<std::string>(std::begin(kAlgoChoices), std::end(kAlgoChoices))));
    cmd->callback([options, &exit_code] { exit_code = run_hash(*options); });
}

int run_hash(const HashCommandOptions& options) {
    const bool all = options.algo == "all" || (options.algo.empty() && options.json);
    hash::HashOptions hashing;
    hashing.algorithms = all ? hash::AlgorithmSet::all()
                             : hash::AlgorithmSet(hash::parse_algorithm(options.algo.empty() ? "sha256" : options.algo)
                                                      .value_or(hash::Algorithm::sha256));
    if (!options.json && hashing.algorithms == hash::AlgorithmSet(hash::Algorithm::ssdeep)) {
        std::printf("%s\n", std::string(hash::kSsdeepHeader).c_str());
    }
    int exit_code = 0;
    for (const auto& path : options.paths) {
        auto source = FileByteSource::open(path);
        auto digests = source ? hash::hash_source(**source, hashing) : Result<hash::Digests>(source.error());
        if (!digests) {
            std::fprintf(stderr, "trinity: %s\n", digests.error().describe().c_str());
            if (options.json) {
                std::string line = "{\"name\":";
                text::append_json_string(line, path);
                line += ",\"error\":";
                text::append_json_string(line, digests.error().describe());
                std::printf("%s}\n", line.c_str());
            }
            exit_code = 1;
            continue;
        }
        print(*digests, path, options, all);
    }
    return exit_code;
}

}  // namespace trinity::cli
