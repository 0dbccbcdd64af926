// SigmaHQ's rules load: all of them with the shipped placeholder values,
// and without placeholders every failure is an unresolved placeholder, with
// the rule's position and the placeholder's name.
#include <algorithm>

#include <gtest/gtest.h>

#include "test_files.h"
#include "trinity/sigma/rule.h"

namespace trinity::sigma {
namespace {

namespace fs = std::filesystem;

RuleSet load_corpus(const fs::path& sigma, LoadOptions options) {
    RuleSet rules(std::move(options));
    std::vector<fs::path> files;
    for (const char* tree : {"rules", "rules-emerging-threats", "rules-threat-hunting", "rules-placeholder",
                             "rules-compliance", "rules-dfir"}) {
        std::error_code ec;
        for (auto it = fs::recursive_directory_iterator(sigma / tree, ec); !ec && it != fs::recursive_directory_iterator();
             it.increment(ec)) {
            if (it->is_regular_file() && it->path().extension() == ".yml") files.push_back(it->path());
        }
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) rules.add_yaml(test::read_text(f), f.string());
    rules.link();
    return rules;
}

TEST(SigmaCorpus, EveryRuleLoadsWithTheShippedPlaceholders) {
    const auto corpus = test::corpus_dir();
    if (!corpus) GTEST_SKIP() << "../shared/corpus is absent";
    const auto placeholders_file = test::data_dir().parent_path().parent_path() / "assets" / "sigma" / "placeholders.yaml";
    auto placeholders = parse_placeholders(test::read_text(placeholders_file), placeholders_file.string());
    ASSERT_TRUE(placeholders) << placeholders.error().describe();
    LoadOptions options;
    options.placeholders = std::move(*placeholders);
    const RuleSet rules = load_corpus(*corpus / "sigma", std::move(options));
    const LoadReport& report = rules.report();
    EXPECT_GE(report.documents, 3700u);
    for (const LoadFailure& f : report.failures) {
        ADD_FAILURE() << f.pos.file << ":" << f.pos.line << ":" << f.pos.column << ": " << f.reason;
    }
    EXPECT_GE(static_cast<double>(report.loaded), 0.995 * static_cast<double>(report.documents));
}

TEST(SigmaCorpus, WithoutPlaceholdersOnlyPlaceholderRulesFailAndSayWhere) {
    const auto corpus = test::corpus_dir();
    if (!corpus) GTEST_SKIP() << "../shared/corpus is absent";
    const RuleSet rules = load_corpus(*corpus / "sigma", {});
    const LoadReport& report = rules.report();
    EXPECT_GT(report.failures.size(), 0u);
    for (const LoadFailure& f : report.failures) {
        EXPECT_NE(f.reason.find("placeholder %"), std::string::npos) << f.pos.file << ": " << f.reason;
        EXPECT_GT(f.pos.line, 1u) << f.pos.file << ": the position should be the value's, not the document's";
        EXPECT_FALSE(f.id.empty());
    }
    EXPECT_GE(static_cast<double>(report.loaded), 0.99 * static_cast<double>(report.documents));
}

}  // namespace
}  // namespace trinity::sigma
