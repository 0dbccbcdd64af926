// Sniffing the shared corpus (../shared/corpus): real EVTX files, including
// damaged ones, must sniff as EVTX; captured command outputs as text; the
// JSON renderings of the Sigma regression data as JSON.
#include <gtest/gtest.h>

#include "test_files.h"
#include "trinity/artifact/sniff.h"

namespace {

namespace fs = std::filesystem;
using trinity::artifact::Format;

// Sniffs the head of a file, as the app does for a dropped file.
trinity::artifact::SniffResult sniff_file(const fs::path& path) {
    auto bytes = trinity::test::read_bytes(path);
    const bool complete = bytes.size() <= trinity::artifact::kSniffHeadBytes;
    if (!complete) bytes.resize(trinity::artifact::kSniffHeadBytes);
    return trinity::artifact::sniff(bytes, complete);
}

// Sniffs every file with `extension` under corpus/`sub` and applies `check`
// to it; returns how many files there were.
template <class Check>
std::size_t sniff_each(const fs::path& root, const char* sub, std::string_view extension, Check check) {
    std::size_t n = 0;
    for (const auto& path : trinity::test::files_under(root / sub)) {
        if (path.extension() != extension) continue;
        ++n;
        const auto r = sniff_file(path);
        SCOPED_TRACE(path.string() + ": " + r.detail);
        check(r);
    }
    return n;
}

#define REQUIRE_CORPUS(root)                                                         \
    const auto corpus = trinity::test::corpus_dir();                                 \
    if (!corpus) GTEST_SKIP() << "shared corpus not found at " TRINITY_CORPUS_DIR;   \
    const fs::path root = *corpus

TEST(SniffCorpus, EveryEvtxFileIsEvtx) {
    REQUIRE_CORPUS(root);
    const auto n = sniff_each(root, "evtx", ".evtx", [](const auto& r) { EXPECT_EQ(r.format, Format::evtx); });
    EXPECT_GE(n, 25u);
}

TEST(SniffCorpus, CommandOutputsAreText) {
    REQUIRE_CORPUS(root);
    const auto n = sniff_each(root, "triage", ".out", [](const auto& r) { EXPECT_EQ(r.format, Format::text); });
    EXPECT_GE(n, 10u);
}

TEST(SniffCorpus, RegressionJsonIsJson) {
    REQUIRE_CORPUS(root);
    const auto n = sniff_each(root, "sigma/regression_data", ".json", [](const auto& r) {
        EXPECT_TRUE(r.format == Format::json || r.format == Format::jsonl);
    });
    EXPECT_GE(n, 100u);
}

TEST(SniffCorpus, EvtxRegressionSamplesAreEvtx) {
    REQUIRE_CORPUS(root);
    const auto n = sniff_each(root, "sigma/regression_data", ".evtx",
                              [](const auto& r) { EXPECT_EQ(r.format, Format::evtx); });
    EXPECT_GE(n, 100u);
}

}  // namespace
