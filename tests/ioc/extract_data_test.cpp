// The extraction corpus: every tests/data/ioc/<name>.txt is a case, and
// <name>.txt.expected beside it lists the indicators it holds, one
// "type value" a line (canonical values; '#' comments). The file goes
// through Collector::add_text_source, as the CLI reads text evidence, so
// UTF-16 cases test decoding too. Extraction must find exactly that set:
// nothing missing, nothing extra.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "test_files.h"
#include "trinity/ioc/collect.h"

namespace {

namespace fs = std::filesystem;
using namespace trinity;

std::set<std::string> expected_set(const fs::path& path) {
    std::set<std::string> out;
    std::istringstream in(test::read_text(path));
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        out.insert(line);
    }
    return out;
}

class ExtractCase : public testing::Test {
public:
    explicit ExtractCase(fs::path input) : input_(std::move(input)) {}

    void TestBody() override {
        const fs::path expected_path = input_.string() + ".expected";
        ASSERT_TRUE(fs::exists(expected_path)) << "missing " << expected_path;
        const auto bytes = test::read_bytes(input_);
        io::SpanByteSource source(bytes, input_.filename().string());
        ioc::Collector collector;
        auto stats = collector.add_text_source(source, {input_.filename().string(), ""});
        ASSERT_TRUE(stats.ok()) << stats.error().describe();
        std::set<std::string> found;
        for (const auto& e : collector.set().entries())
            found.insert(std::string(ioc::to_string(e.indicator.type)) + " " + e.indicator.value);
        const auto expected = expected_set(expected_path);
        for (const auto& x : expected)
            EXPECT_TRUE(found.count(x)) << "missing: " << x;
        for (const auto& x : found)
            EXPECT_TRUE(expected.count(x)) << "unexpected: " << x;
    }

private:
    fs::path input_;
};

const bool registered = [] {
    for (const fs::path& p : test::files_under(test::data_dir() / "ioc")) {
        if (p.extension() != ".txt") continue;
        testing::RegisterTest("ExtractCorpus", p.stem().string().c_str(), nullptr, nullptr, __FILE__, __LINE__,
                              [p]() -> testing::Test* { return new ExtractCase(p); });
    }
    return true;
}();

}  // namespace
