// trinity: the command line over Trinity's engine.
#include <cstdio>

#include <CLI/CLI.hpp>

#include "evtx_command.h"
#include "iocs_command.h"
#include "hash_command.h"
#include "sniff_command.h"
#include "intel_command.h"
#include "sigma_command.h"

int main(int argc, char** argv) {
    CLI::App app{"Trinity: DFIR + CTI + SOAR workbench (command line)", "trinity"};
    app.set_version_flag("--version", "trinity 0.1.0");
    app.require_subcommand(1);
    int exit_code = 0;
    trinity::cli::add_sniff_command(app, exit_code);
    trinity::cli::add_evtx_command(app, exit_code);
    trinity::cli::add_iocs_command(app, exit_code);
    trinity::cli::add_intel_command(app, exit_code);
    trinity::cli::add_hash_command(app, exit_code);
    trinity::cli::add_sigma_commands(app, exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // Usage errors exit with 2, as Unix tools do; --help and --version with 0.
        const int code = app.exit(e);
        return code == 0 ? 0 : 2;
    }
    return exit_code;
}
