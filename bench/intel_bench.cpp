// Threat-intel feed throughput: loading a generated 200k-indicator CSV and
// STIX bundle (indicators/s), and FeedSet::judge() lookups/s against a
// naive linear scan over the same indicators, measured in the same run.
// The STIX load is also set against nlohmann::json::parse of the same
// bundle alone (the floor: parsing without reading any indicator).
// Prints JSON lines for scripts/bench.sh.
//
//   trinity_bench_intel [--indicators N] [--repeat N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "trinity/intel/feed_set.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace trinity;

#ifdef __EMSCRIPTEN__
constexpr const char* kPlatform = "wasm";
#else
constexpr const char* kPlatform = "native";
#endif

// A deterministic mix: a quarter each IPv4 addresses, domains, SHA-256
// hashes and URLs.
std::string value_of(std::size_t i, std::string& type) {
    static constexpr char kHex[] = "0123456789abcdef";
    switch (i % 4) {
        case 0:
            type = "ipv4";
            return std::to_string(10 + (i >> 16) % 200) + "." + std::to_string((i >> 8) & 0xff) + "." +
                   std::to_string(i & 0xff) + "." + std::to_string(1 + i % 250);
        case 1: type = "domain"; return "host" + std::to_string(i) + ".bad-example.net";
        case 2: {
            type = "sha256";
            std::string h(64, '0');
            std::uint64_t x = i * 0x9e3779b97f4a7c15ULL + 1;
            for (char& c : h) {
                x ^= x >> 13;
                x *= 0xff51afd7ed558ccdULL;
                c = kHex[x & 0xf];
            }
            return h;
        }
        default: type = "url"; return "http://cdn" + std::to_string(i % 977) + ".bad-example.org/p/" + std::to_string(i);
    }
}

std::string make_csv(std::size_t n) {
    std::string out = "value,type,verdict,tags\n";
    std::string type;
    for (std::size_t i = 0; i < n; ++i) {
        const std::string v = value_of(i, type);
        out += v + "," + type + ",malicious,bench\n";
    }
    return out;
}

std::string make_stix(std::size_t n) {
    static constexpr const char* kPath[] = {"ipv4-addr:value", "domain-name:value", "file:hashes.'SHA-256'", "url:value"};
    std::string out = R"({"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000000","objects":[)";
    std::string type;
    for (std::size_t i = 0; i < n; ++i) {
        if (i) out += ",\n";
        const std::string v = value_of(i, type);
        out += R"({"type":"indicator","spec_version":"2.1","id":"indicator--)" + std::to_string(i) +
               R"(","created":"2025-01-01T00:00:00.000Z","modified":"2025-01-01T00:00:00.000Z",)"
               R"("indicator_types":["malicious-activity"],"pattern_type":"stix","valid_from":"2025-01-01T00:00:00Z",)"
               R"("pattern":"[)" + kPath[i % 4] + " = '" + v + R"(']"})";
    }
    out += "]}";
    return out;
}

std::span<const std::byte> bytes_of(const std::string& s) { return {reinterpret_cast<const std::byte*>(s.data()), s.size()}; }

void report(const std::string& engine, double seconds, std::uint64_t bytes, std::uint64_t records) {
    std::printf("{\"engine\":\"%s\",\"seconds\":%.4f,\"bytes\":%llu,\"records\":%llu,\"mb_per_s\":%.1f,"
                "\"records_per_s\":%.0f}\n",
                engine.c_str(), seconds, static_cast<unsigned long long>(bytes), static_cast<unsigned long long>(records),
                seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0.0,
                seconds > 0 ? static_cast<double>(records) / seconds : 0.0);
    std::fflush(stdout);
}

template <class F>
double best_of(int repeat, F&& f) {
    double best = 1e300;
    for (int r = 0; r < repeat; ++r) {
        const auto t0 = Clock::now();
        f();
        best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
    }
    return best;
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t n = 200000;
    int repeat = 3;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--indicators") == 0 && i + 1 < argc) n = std::strtoul(argv[++i], nullptr, 10);
        else if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) repeat = std::atoi(argv[++i]);
        else {
            std::fprintf(stderr, "usage: trinity_bench_intel [--indicators N] [--repeat N]\n");
            return 2;
        }
    }
    const std::string csv = make_csv(n);
    const std::string stix = make_stix(n);
    const std::string label = " (" + std::to_string(n / 1000) + "k)";
    std::size_t sink = 0;

    // [SECTION] loading
    const double csv_s = best_of(repeat, [&] {
        intel::FeedSet feeds;
        auto r = feeds.add("bench.csv", bytes_of(csv));
        if (!r || r->indicators != n) std::abort();
        sink += feeds.size();
    });
    report(std::string("trinity ") + kPlatform + ", CSV feed load" + label, csv_s, csv.size(), n);
    const double stix_s = best_of(repeat, [&] {
        intel::FeedSet feeds;
        auto r = feeds.add("bench.json", bytes_of(stix));
        if (!r || r->indicators != n) std::abort();
        sink += feeds.size();
    });
    report(std::string("trinity ") + kPlatform + ", STIX bundle load" + label, stix_s, stix.size(), n);
    const double parse_s = best_of(repeat, [&] { sink += nlohmann::json::parse(stix).size(); });
    report(std::string("nlohmann::json::parse ") + kPlatform + ", same bundle, no indicators read", parse_s, stix.size(), n);

    // [SECTION] lookups: every loaded indicator, and as many that are in no feed.
    intel::FeedSet feeds;
    if (!feeds.add("bench.csv", bytes_of(csv))) std::abort();
    std::vector<ioc::Indicator> queries;
    std::string type;
    for (std::size_t i = 0; i < 2 * n; ++i) {
        const std::string v = value_of(i, type);
        queries.push_back(*ioc::make_indicator(type, v));
    }
    const intel::VerdictPolicy policy;
    std::size_t hits = 0;
    const double judge_s = best_of(repeat, [&] {
        hits = 0;
        for (const auto& q : queries) hits += feeds.judge(q, policy).known();
    });
    if (hits != n) std::abort();
    report(std::string("trinity ") + kPlatform + ", judge() lookups", judge_s, 0, queries.size());

    // The naive form: every query compared with every indicator. Measured
    // on a sample (its cost is per query × feed size), reported per lookup.
    std::vector<ioc::Indicator> loaded(queries.begin(), queries.begin() + static_cast<std::ptrdiff_t>(n));
    const std::size_t sample = std::max<std::size_t>(1, std::min<std::size_t>(400, n) / 2) * 2;
    const double naive_s = best_of(1, [&] {
        for (std::size_t k = 0; k < sample; ++k) {
            const auto& q = queries[(k * 2 * n) / sample + (k & 1)];
            for (const auto& l : loaded)
                if (l.type == q.type && l.value == q.value) {
                    ++sink;
                    break;
                }
        }
    });
    report(std::string("naive linear scan ") + kPlatform + ", lookups", naive_s, 0, sample);
    std::fprintf(stderr, "(checksum %zu)\n", sink);
    return 0;
}
