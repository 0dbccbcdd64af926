#include "static_site.h"

#include <filesystem>

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace trinity::proxy {
namespace {

// cpp-httplib 0.11 knows most types but not wasm (browsers refuse streaming
// compilation without application/wasm) nor source maps.
constexpr std::pair<const char*, const char*> kMimeTypes[] = {
    {"wasm", "application/wasm"},
    {"js", "text/javascript; charset=utf-8"},
    {"mjs", "text/javascript; charset=utf-8"},
    {"html", "text/html; charset=utf-8"},
    {"css", "text/css; charset=utf-8"},
    {"json", "application/json"},
    {"map", "application/json"},
    {"ttf", "font/ttf"},
    {"ico", "image/x-icon"},
    {"yml", "text/yaml; charset=utf-8"},
    {"yaml", "text/yaml; charset=utf-8"},
};

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

}  // namespace

void add_security_headers(httplib::Server& server) {
    server.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
        res.set_header("Cross-Origin-Opener-Policy", "same-origin");
        res.set_header("Cross-Origin-Embedder-Policy", "require-corp");
        res.set_header("Cross-Origin-Resource-Policy", "same-origin");
        res.set_header("X-Content-Type-Options", "nosniff");
        res.set_header("Referrer-Policy", "no-referrer");
        res.set_header("Content-Security-Policy", kContentSecurityPolicy);
        res.set_header("Cache-Control", "no-cache");
    });
}

std::string mount_static_site(httplib::Server& server, const SiteConfig& config) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path root = fs::absolute(config.root, ec);
    if (ec || !fs::is_directory(root, ec)) {
        return "app folder '" + config.root + "' does not exist (build the web app first)";
    }
    if (!fs::is_regular_file(root / "index.html", ec)) {
        return "app folder '" + config.root + "' has no index.html (build the web app first)";
    }
    for (const auto& [ext, type] : kMimeTypes) server.set_file_extension_and_mimetype_mapping(ext, type);

    server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
        const nlohmann::json body = {{"status", "ok"}, {"service", "trinity-proxy"}, {"version", "0.1.0"}};
        res.set_content(body.dump(), "application/json");
    });
    if (!server.set_mount_point("/", root.string())) {
        return "cannot serve '" + root.string() + "'";
    }
    return {};
}

}  // namespace trinity::proxy
