// The static half of trinity-proxy: serves the built web app with the
// headers a cross-origin-isolated wasm app needs, and /healthz.
#pragma once

#include <string>

namespace httplib { class Server; }

namespace trinity::proxy {

struct SiteConfig {
    std::string root;  // folder holding index.html, trinity.js, trinity.wasm, ...
};

// Registers the app's routes on `server`. Returns an error message, or ""
// when the site is ready to serve.
std::string mount_static_site(httplib::Server& server, const SiteConfig& config);

// Headers every response carries: cross-origin isolation (COOP/COEP, so
// SharedArrayBuffer and wasm threads work), no MIME sniffing, and a content
// security policy that allows only this origin and wasm compilation.
void add_security_headers(httplib::Server& server);

}  // namespace trinity::proxy
