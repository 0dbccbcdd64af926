// trinity-proxy: serves the Trinity web app and, in later versions, relays
// the connector calls that must leave the analyst's machine.
#include <csignal>
#include <cstdio>
#include <string>
#include <thread>

#include <pthread.h>

#include <CLI/CLI.hpp>
#include <httplib.h>

#include "static_site.h"
#include "trinity/log/logger.h"

namespace {

struct Options {
    std::string root = "web";
    std::string bind = "127.0.0.1";
    int port = 8080;
    bool quiet = false;
};

void log_to_stderr() {
    trinity::log::global().set_sink([](const trinity::log::Entry& e) {
        std::fprintf(stderr, "%s\n", trinity::log::format(e).c_str());
    });
}

}  // namespace

int main(int argc, char** argv) {
    Options opt;
    CLI::App app{"trinity-proxy: serves the Trinity web app", "trinity-proxy"};
    app.add_option("--root", opt.root, "Folder of the built web app (index.html, trinity.js, trinity.wasm)")
        ->capture_default_str();
    app.add_option("--bind", opt.bind, "Address to listen on")->capture_default_str();
    app.add_option("--port", opt.port, "Port to listen on (0: any free port)")
        ->capture_default_str()->check(CLI::Range(0, 65535));
    app.add_flag("--quiet", opt.quiet, "Do not log each request");
    CLI11_PARSE(app, argc, argv);
    log_to_stderr();

    // Block the stop signals in every thread; one thread waits for them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    httplib::Server server;
    trinity::proxy::add_security_headers(server);
    if (auto err = trinity::proxy::mount_static_site(server, {opt.root}); !err.empty()) {
        std::fprintf(stderr, "trinity-proxy: %s\n", err.c_str());
        return 1;
    }
    if (!opt.quiet) {
        server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
            trinity::log::info(req.method + " " + req.path + " " + std::to_string(res.status));
        });
    }

    int port = opt.port;
    if (port == 0) {
        port = server.bind_to_any_port(opt.bind);
        if (port < 0) port = -1;
    } else if (!server.bind_to_port(opt.bind, port)) {
        port = -1;
    }
    if (port < 0) {
        std::fprintf(stderr, "trinity-proxy: cannot listen on %s:%d (address in use, or not this machine's?)\n",
                     opt.bind.c_str(), opt.port);
        return 1;
    }
    const std::string host = opt.bind.find(':') != std::string::npos ? "[" + opt.bind + "]" : opt.bind;
    std::printf("trinity-proxy: serving %s at http://%s:%d/\n", opt.root.c_str(), host.c_str(), port);
    std::fflush(stdout);

    std::thread waiter([&] {
        int sig = 0;
        sigwait(&stop_signals, &sig);
        trinity::log::info(std::string("stopping on ") + (sig == SIGINT ? "SIGINT" : "SIGTERM"));
        server.stop();
    });
    const bool ok = server.listen_after_bind();
    if (!ok) {
        // listen ended without a signal: wake the waiter so we can join it.
        pthread_kill(waiter.native_handle(), SIGTERM);
    }
    waiter.join();
    return 0;
}
