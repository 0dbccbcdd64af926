// Sigma matching throughput: events/s of one Matcher (one thread) over
// real Windows events, with the first 100, the first 1,000 and all of the
// given rules (in path order), against the same engine with its literal
// prefilter switched off (every rule of an event's logsource evaluated in
// full) measured in the same run. Prints JSON lines for scripts/bench.sh.
//
//   trinity_bench_sigma --rules DIR... --events FILE.evtx... [--min-events N] [--repeat N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <ctime>
#include <vector>

#include "trinity/evtx/evtx.h"
#include "trinity/evtx/evtx_fields.h"
#include "trinity/io/byte_source.h"
#include "trinity/sigma/engine.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace trinity;
namespace fs = std::filesystem;

#ifdef __EMSCRIPTEN__
constexpr const char* kPlatform = "wasm";
#else
constexpr const char* kPlatform = "native";
#endif

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::string> rule_files(const std::vector<std::string>& roots) {
    std::vector<std::string> files;
    for (const std::string& root : roots) {
        std::error_code ec;
        if (fs::is_regular_file(root, ec)) {
            files.push_back(root);
            continue;
        }
        for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            const std::string ext = it->path().extension().string();
            if (it->is_regular_file() && (ext == ".yml" || ext == ".yaml")) files.push_back(it->path().string());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::vector<event::Event> load_events(const std::vector<std::string>& paths) {
    std::vector<event::Event> events;
    for (std::size_t i = 0; i < paths.size(); ++i) {
        const std::string bytes = read_file(paths[i]);
        io::SpanByteSource source(std::as_bytes(std::span(bytes.data(), bytes.size())), paths[i]);
        evtx::EvtxReader reader(source);
        if (!reader.open()) continue;
        (void)reader.read([&](const evtx::Record& r) {
            events.push_back(evtx::to_event(r, static_cast<evidence::EvidenceId>(i + 1)));
            return true;
        });
    }
    return events;
}

// CPU time of this thread natively (other work on a busy machine does not
// count against us); wall time under wasm, where there is no such clock.
double now_seconds() {
#ifdef __EMSCRIPTEN__
    return std::chrono::duration<double>(Clock::now().time_since_epoch()).count();
#else
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
#endif
}

struct Run {
    double seconds = 0;
    std::uint64_t hits = 0;
    std::uint64_t evaluated = 0;
};

Run measure(const sigma::Engine& engine, const std::vector<event::Event>& events, std::size_t total, int repeat) {
    Run best;
    best.seconds = 1e30;
    for (int r = 0; r < repeat; ++r) {
        sigma::Matcher matcher(engine);
        std::vector<sigma::Hit> hits;
        std::uint64_t count = 0;
        const double start = now_seconds();
        for (std::size_t done = 0; done < total; ++done) {
            matcher.match(events[done % events.size()], hits);
            count += hits.size();
            hits.clear();
        }
        const double seconds = now_seconds() - start;
        if (seconds < best.seconds) best = {seconds, count, matcher.evaluated()};
    }
    return best;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> rule_roots, event_files;
    std::size_t min_events = 200000;
    int repeat = 3;
    bool only_indexed = false;  // --only-indexed: skip the baseline (profiling)
    std::vector<std::string>* list = nullptr;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--rules") list = &rule_roots;
        else if (arg == "--events") list = &event_files;
        else if (arg == "--min-events" && i + 1 < argc) min_events = std::strtoull(argv[++i], nullptr, 10), list = nullptr;
        else if (arg == "--repeat" && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i])), list = nullptr;
        else if (arg == "--only-indexed") only_indexed = true, list = nullptr;
        else if (list) list->push_back(arg);
    }
    if (rule_roots.empty() || event_files.empty()) {
        std::fprintf(stderr, "usage: trinity_bench_sigma --rules DIR... --events FILE.evtx... [--min-events N] [--repeat N]\n");
        return 2;
    }
    const std::vector<std::string> files = rule_files(rule_roots);
    std::vector<std::string> texts;
    for (const std::string& f : files) texts.push_back(read_file(f));
    const std::vector<event::Event> events = load_events(event_files);
    if (events.empty() || texts.empty()) {
        std::fprintf(stderr, "trinity_bench_sigma: no events or no rules\n");
        return 1;
    }
    const std::size_t total = std::max(min_events, events.size());
    std::size_t bytes = 0, fields = 0;
    for (const event::Event& e : events) {
        fields += e.fields.size();
        for (const event::Field& f : e.fields) bytes += f.name.size() + f.value.size();
    }
    std::fprintf(stderr, "trinity_bench_sigma: %zu rule files, %zu events (%.1f fields, %.0f bytes each on average)\n",
                 files.size(), events.size(), static_cast<double>(fields) / static_cast<double>(events.size()),
                 static_cast<double>(bytes) / static_cast<double>(events.size()));

    for (std::size_t want : {std::size_t{100}, std::size_t{1000}, texts.size()}) {
        const std::size_t n = std::min(want, texts.size());
        sigma::RuleSet rules;
        const auto load_start = Clock::now();
        for (std::size_t i = 0; i < n; ++i) rules.add_yaml(texts[i], files[i]);
        rules.link();
        const double load_s = std::chrono::duration<double>(Clock::now() - load_start).count();
        for (const bool prefilter : {true, false}) {
            if (!prefilter && only_indexed) continue;
            sigma::EngineOptions options;
            options.prefilter = prefilter;
            options.record_matches = false;
            const auto build_start = Clock::now();
            sigma::Engine engine(rules, options);
            const double build_s = std::chrono::duration<double>(Clock::now() - build_start).count();
            // The unindexed engine is slow: measure it on fewer events.
            const Run run = measure(engine, events, prefilter ? total : std::max(events.size(), total / 20), repeat);
            const double processed = static_cast<double>(prefilter ? total : std::max(events.size(), total / 20));
            std::printf("{\"engine\":\"%s %s\",\"rules\":%zu,\"loaded\":%zu,\"events\":%.0f,\"seconds\":%.4f,"
                        "\"events_per_s\":%.0f,\"hits\":%llu,\"evaluated_per_event\":%.2f,\"load_s\":%.3f,\"build_s\":%.3f,"
                        "\"literals\":%zu,\"always\":%zu,\"states\":%zu,\"automaton_mb\":%.1f}\n",
                        prefilter ? "trinity" : "no-prefilter", kPlatform, n, rules.size(), processed, run.seconds,
                        processed / run.seconds, static_cast<unsigned long long>(run.hits),
                        static_cast<double>(run.evaluated) / processed, load_s, build_s, engine.stats().literals,
                        engine.stats().always_evaluated, engine.stats().automaton_states,
                        static_cast<double>(engine.stats().automaton_bytes) / 1e6);
            std::fflush(stdout);
        }
    }
    return 0;
}
