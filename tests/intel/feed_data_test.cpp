// Data-driven feed tests: every feed file under tests/data/intel/<format>/
// is a case, and <file>.expected beside it says what loading it must give.
// Lines (repeatable ones marked *):
//
//   format: stix              detected format (to_string(FeedFormat))
//   entries: 20               records read
//   indicators: 12            values loaded
//   rejected: 2
//   skipped: 5                total skipped
//   skip <reason>: 1        * count of one skip reason
//   problems: 3               number of problems listed
//   problem: 14 pattern     * a problem on line 14 whose message contains "pattern"
//   listed: 3                 files a MISP manifest lists
//   error: not a feed         the whole file is refused; the message contains this
//   error_line: 7             ... at this line
//   policy: malicious >= 3    the rule for the judge lines (default: the seed's)
//   judge: sha256 ab.. malicious *   make_indicator(type, value) judged against
//                                    this feed alone has this verdict
//
// Feeds are loaded with "now" pinned to 2026-01-01T00:00:00Z, so STIX
// valid_until dates do not expire as time passes.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "test_files.h"
#include "trinity/intel/feed_set.h"

namespace {

namespace fs = std::filesystem;
using namespace trinity;

constexpr std::int64_t kPinnedNow = 1767225600;  // 2026-01-01T00:00:00Z

std::vector<std::pair<std::string, std::string>> read_expectations(const fs::path& path) {
    std::vector<std::pair<std::string, std::string>> out;
    std::istringstream in(test::read_text(path));
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        // The key ends at the first ": " (skip reasons contain no ": ").
        const auto colon = line.find(": ");
        if (colon == std::string::npos) continue;
        out.emplace_back(line.substr(0, colon), line.substr(colon + 2));
    }
    return out;
}

std::string describe(const intel::FeedReport& r) {
    std::string out = r.summary() + "\n";
    for (const auto& [reason, n] : r.skipped) out += "  skip " + reason + ": " + std::to_string(n) + "\n";
    for (const Error& e : r.problems) out += "  problem " + e.describe() + "\n";
    return out;
}

class FeedCase : public testing::Test {
public:
    explicit FeedCase(fs::path input) : input_(std::move(input)) {}

    void TestBody() override {
        const fs::path expected_path = input_.string() + ".expected";
        ASSERT_TRUE(fs::exists(expected_path)) << "missing " << expected_path;
        const auto expected = read_expectations(expected_path);
        ASSERT_FALSE(expected.empty()) << expected_path << " expects nothing";

        intel::FeedSet feeds(intel::FeedOptions{kPinnedNow});
        const auto bytes = test::read_bytes(input_);
        auto loaded = feeds.add(input_.filename().string(), bytes);

        intel::VerdictPolicy policy;
        for (const auto& [key, value] : expected) {
            if (key != "policy") continue;
            auto parsed = intel::parse_policy(value);
            ASSERT_TRUE(parsed) << parsed.error().describe();
            policy = *parsed;
        }

        for (const auto& [key, value] : expected) {
            if (key == "error") {
                ASSERT_FALSE(loaded) << "expected the file to be refused, got " << describe(*loaded);
                EXPECT_NE(loaded.error().message.find(value), std::string::npos) << loaded.error().describe();
            } else if (key == "error_line") {
                ASSERT_FALSE(loaded);
                EXPECT_EQ(loaded.error().location.line.value_or(0), std::stoull(value)) << loaded.error().describe();
            }
        }
        if (!loaded) {
            for (const auto& [key, value] : expected)
                EXPECT_TRUE(key == "error" || key == "error_line") << "the file was refused: " << loaded.error().describe();
            return;
        }
        const intel::FeedReport& r = *loaded;
        SCOPED_TRACE(describe(r));
        for (const auto& [key, value] : expected) {
            if (key == "format") {
                EXPECT_EQ(intel::to_string(r.format), value);
            } else if (key == "entries") {
                EXPECT_EQ(r.entries, std::stoull(value));
            } else if (key == "indicators") {
                EXPECT_EQ(r.indicators, std::stoull(value));
            } else if (key == "rejected") {
                EXPECT_EQ(r.rejected, std::stoull(value));
            } else if (key == "skipped") {
                EXPECT_EQ(r.skipped_total(), std::stoull(value));
            } else if (key.starts_with("skip ")) {
                const auto it = r.skipped.find(key.substr(5));
                EXPECT_TRUE(it != r.skipped.end()) << "no skip reason '" << key.substr(5) << "'";
                if (it != r.skipped.end()) {
                    EXPECT_EQ(it->second, std::stoull(value)) << key;
                }
            } else if (key == "problems") {
                EXPECT_EQ(r.problems.size(), std::stoull(value));
            } else if (key == "problem") {
                const auto space = value.find(' ');
                const std::uint64_t line = std::stoull(value.substr(0, space));
                const std::string text = space == std::string::npos ? "" : value.substr(space + 1);
                bool found = false;
                for (const Error& e : r.problems)
                    found = found || (e.location.line == line && e.message.find(text) != std::string::npos);
                EXPECT_TRUE(found) << "no problem on line " << line << " containing '" << text << "'";
            } else if (key == "listed") {
                EXPECT_EQ(r.listed_files.size(), std::stoull(value));
            } else if (key == "judge") {
                std::istringstream words(value);
                std::string type, indicator_value, verdict;
                words >> type >> indicator_value >> verdict;
                const auto indicator = ioc::make_indicator(type, indicator_value);
                ASSERT_TRUE(indicator) << "judge: not an indicator: " << value;
                const intel::Judgement j = feeds.judge(*indicator, policy);
                EXPECT_EQ(intel::to_string(j.verdict), verdict) << "judge: " << value;
            } else if (key != "policy") {
                ADD_FAILURE() << "unknown expectation '" << key << "'";
            }
        }
    }

private:
    fs::path input_;
};

const bool registered = [] {
    const fs::path dir = test::data_dir() / "intel";
    for (const auto& path : test::files_under(dir)) {
        if (path.extension() == ".expected") continue;
        const std::string name = fs::relative(path, dir).generic_string();
        testing::RegisterTest("FeedData", name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                              [path]() -> testing::Test* { return new FeedCase(path); });
    }
    return true;
}();

TEST(FeedData, FolderHasCases) {
    std::size_t cases = 0;
    for (const auto& path : test::files_under(test::data_dir() / "intel"))
        if (path.extension() != ".expected") ++cases;
    EXPECT_GE(cases, 15u);
}

}  // namespace
