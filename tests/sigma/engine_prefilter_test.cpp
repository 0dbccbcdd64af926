// The prefilter is only an optimisation: over every SigmaHQ rule and every
// event of the corpus's regression samples, the indexed engine must report
// exactly the hits of the engine that evaluates every rule in full.
#include <algorithm>
#include <set>
#include <tuple>

#include <gtest/gtest.h>

#include "test_files.h"
#include "trinity/evtx/evtx.h"
#include "trinity/evtx/evtx_fields.h"
#include "trinity/io/byte_source.h"
#include "trinity/sigma/engine.h"

namespace trinity::sigma {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> files_below(const fs::path& root, std::string_view ext) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file() && it->path().extension() == ext) out.push_back(it->path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

TEST(SigmaPrefilter, GivesTheHitsOfFullEvaluationOnTheCorpus) {
    const auto corpus = test::corpus_dir();
    if (!corpus) GTEST_SKIP() << "../shared/corpus is absent";
    const fs::path sigma = *corpus / "sigma";

    RuleSet rules;
    for (const char* tree : {"rules", "rules-emerging-threats", "rules-threat-hunting", "rules-dfir", "rules-compliance"}) {
        for (const fs::path& f : files_below(sigma / tree, ".yml")) rules.add_yaml(test::read_text(f), f.string());
    }
    rules.link();
    ASSERT_GT(rules.size(), 3000u);

    std::vector<event::Event> events;
    std::vector<std::string> blobs;
    for (const fs::path& f : files_below(sigma / "regression_data", ".evtx")) {
        const std::string bytes = test::read_text(f);
        io::SpanByteSource source(std::as_bytes(std::span(bytes.data(), bytes.size())), f.string());
        evtx::EvtxReader reader(source);
        if (!reader.open()) continue;
        (void)reader.read([&](const evtx::Record& r) {
            events.push_back(evtx::to_event(r, static_cast<evidence::EvidenceId>(events.size() + 1)));
            return true;
        });
    }
    ASSERT_GT(events.size(), 100u);

    using Key = std::tuple<std::uint32_t, std::uint64_t, std::uint32_t>;  // event, record, rule
    auto run = [&](bool prefilter) {
        EngineOptions options;
        options.prefilter = prefilter;
        Engine engine(rules, options);
        Matcher matcher(engine);
        std::set<Key> out;
        std::vector<Hit> hits;
        for (std::size_t i = 0; i < events.size(); ++i) {
            hits.clear();
            matcher.match(events[i], hits);
            for (const Hit& h : hits) out.emplace(static_cast<std::uint32_t>(i), h.provenance.record, h.rule);
        }
        return out;
    };
    const std::set<Key> indexed = run(true);
    const std::set<Key> full = run(false);
    EXPECT_FALSE(full.empty());
    std::vector<Key> missing, extra;
    std::set_difference(full.begin(), full.end(), indexed.begin(), indexed.end(), std::back_inserter(missing));
    std::set_difference(indexed.begin(), indexed.end(), full.begin(), full.end(), std::back_inserter(extra));
    for (const Key& k : missing) ADD_FAILURE() << "prefilter lost rule " << rules.info(std::get<2>(k)).title << " on event " << std::get<0>(k);
    for (const Key& k : extra) ADD_FAILURE() << "prefilter added rule " << rules.info(std::get<2>(k)).title << " on event " << std::get<0>(k);
}

}  // namespace
}  // namespace trinity::sigma
