// `trinity hash FILE... [--json] [--algo md5|sha1|sha256|sha512|ssdeep|all]`:
// each file's digests, read once in chunks.
//
// Default output is sha256sum's ("<hex>  <name>"), so `sha256sum -c` checks
// it; --algo md5 gives md5sum's lines, --algo ssdeep the ssdeep tool's
// output, --algo all BSD tagged lines (`cksum -c` checks them). --json prints
// one object per file with every digest (or the one asked for).
#pragma once

#include <string>
#include <vector>

namespace CLI { class App; }

namespace trinity::cli {

struct HashCommandOptions {
    std::vector<std::string> paths;
    bool json = false;
    std::string algo;  // empty: sha256, or all with --json
};

void add_hash_command(CLI::App& app, int& exit_code);

// Returns the process exit code: 0, or 1 when any file could not be hashed
// (reported on stderr; the other files are still hashed).
int run_hash(const HashCommandOptions& options);

}  // namespace trinity::cli
