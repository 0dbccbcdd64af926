// Extraction over the shared corpus (skipped when it is absent):
// - jc's parsed netstat outputs are a second opinion: every address jc
//   read from a netstat/ss text must be found in that text by Trinity;
// - every EVTX file of the Sigma regression data goes through
//   evtx::to_event and the Collector: values come out canonical, domains
//   pass the public suffix list, and nothing is lost between fields.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_files.h"
#include "trinity/evtx/evtx.h"
#include "trinity/evtx/evtx_fields.h"
#include "trinity/ioc/collect.h"

namespace {

namespace fs = std::filesystem;
using namespace trinity;

TEST(IocCorpus, NetstatAddressesAgreeWithJc) {
    const auto corpus = test::corpus_dir();
    if (!corpus) GTEST_SKIP() << "shared corpus not found at " TRINITY_CORPUS_DIR;
    std::size_t checked = 0;
    for (const fs::path& json_path : test::files_under(*corpus / "triage")) {
        if (json_path.extension() != ".json") continue;
        const fs::path out_path = fs::path(json_path).replace_extension(".out");
        if (!fs::exists(out_path)) continue;
        const auto doc = nlohmann::json::parse(test::read_text(json_path), nullptr, false);
        if (!doc.is_array()) continue;
        const auto bytes = test::read_bytes(out_path);
        io::SpanByteSource source(bytes, out_path.filename().string());
        ioc::Collector collector;
        ASSERT_TRUE(collector.add_text_source(source, {out_path.filename().string(), ""}).ok());
        for (const auto& row : doc) {
            if (!row.is_object()) continue;
            for (const char* key : {"local_address", "foreign_address", "peer_address"}) {
                if (!row.contains(key) || !row[key].is_string()) continue;
                std::string v = row[key];
                if (!v.empty() && v.front() == '[') v = v.substr(1, v.find(']') - 1);
                v = v.substr(0, v.find('%'));
                for (auto type : {ioc::IndicatorType::ipv4, ioc::IndicatorType::ipv6}) {
                    const auto canonical = ioc::canonicalize(type, v);
                    if (!canonical || *canonical == "::") continue;
                    EXPECT_TRUE(collector.set().find({type, *canonical})) << out_path << ": " << v;
                    ++checked;
                }
            }
        }
    }
    EXPECT_GT(checked, 50u);
}

TEST(IocCorpus, SigmaRegressionEvtx) {
    const auto corpus = test::corpus_dir();
    if (!corpus) GTEST_SKIP() << "shared corpus not found at " TRINITY_CORPUS_DIR;
    ioc::Collector collector;
    std::size_t files = 0, events = 0;
    for (const fs::path& p : test::files_under(*corpus / "sigma" / "regression_data")) {
        if (p.extension() != ".evtx") continue;
        const auto bytes = test::read_bytes(p);
        io::SpanByteSource src(bytes, p.filename().string());
        evtx::EvtxReader reader(src);
        if (!reader.open()) continue;
        ++files;
        (void)reader.read([&](const evtx::Record& r) {
            collector.add_event(evtx::to_event(r, 1), {p.filename().string(), ""});
            ++events;
            return true;
        });
    }
    ASSERT_GT(files, 100u);
    const auto& set = collector.set();
    EXPECT_GT(set.size(), 100u);
    std::size_t paths = 0;
    for (const auto& e : set.entries()) {
        EXPECT_EQ(ioc::canonicalize(e.indicator.type, e.indicator.value), e.indicator.value);
        if (e.indicator.type == ioc::IndicatorType::domain) {
            EXPECT_TRUE(ioc::PublicSuffixList::builtin().is_domain(e.indicator.value)) << e.indicator.value;
        }
        if (e.indicator.type == ioc::IndicatorType::windows_path) ++paths;
        EXPECT_FALSE(e.first.field.empty());
        EXPECT_GT(e.first.record, 0u);
    }
    EXPECT_GT(paths, 50u);
    RecordProperty("events", std::to_string(events));
}

}  // namespace
