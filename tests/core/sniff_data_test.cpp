// Data-driven sniffing tests: every file in tests/data/sniff/ is a case,
// and <file>.expected beside it says what sniffing must find:
//
//   format: csv            (required; the names of artifact::to_string)
//   encoding: utf-16le     (optional, likewise)
//   bom: true              (optional)
//   delimiter: ;           (optional; "tab" for a tab)
//   line_endings: crlf     (optional)
//   head: 120              (optional: sniff only the first 120 bytes, as a
//                           head of a larger file)
//
// One test is registered per case, so a failure names the file.
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "test_files.h"
#include "trinity/artifact/sniff.h"

namespace {

namespace fs = std::filesystem;
using trinity::artifact::SniffResult;

std::map<std::string, std::string> read_expectations(const fs::path& path) {
    std::map<std::string, std::string> out;
    std::istringstream in(trinity::test::read_text(path));
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        auto key = line.substr(0, colon);
        auto value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        value.erase(value.find_last_not_of(" \r") + 1);
        out[key] = value;
    }
    return out;
}

class SniffCase : public testing::Test {
public:
    explicit SniffCase(fs::path input) : input_(std::move(input)) {}

    void TestBody() override {
        const fs::path expected_path = input_.string() + ".expected";
        ASSERT_TRUE(fs::exists(expected_path)) << "missing " << expected_path;
        auto expected = read_expectations(expected_path);
        ASSERT_TRUE(expected.count("format")) << expected_path << " names no format";

        auto bytes = trinity::test::read_bytes(input_);
        std::span<const std::byte> head(bytes);
        bool complete = true;
        if (expected.count("head")) {
            const std::size_t n = std::stoul(expected["head"]);
            ASSERT_LT(n, bytes.size()) << "head: must be shorter than the file";
            head = head.first(n);
            complete = false;
        }
        const SniffResult r = trinity::artifact::sniff(head, complete);
        SCOPED_TRACE("detail: " + r.detail);
        EXPECT_EQ(trinity::artifact::to_string(r.format), expected["format"]);
        if (expected.count("encoding")) {
            EXPECT_EQ(trinity::artifact::to_string(r.encoding), expected["encoding"]);
        }
        if (expected.count("bom")) {
            EXPECT_EQ(r.bom ? "true" : "false", expected["bom"]);
        }
        if (expected.count("line_endings")) {
            EXPECT_EQ(trinity::artifact::to_string(r.line_endings), expected["line_endings"]);
        }
        if (expected.count("delimiter")) {
            const std::string d = r.delimiter == '\t' ? "tab" : std::string(1, r.delimiter);
            EXPECT_EQ(d, expected["delimiter"]);
        }
    }

private:
    fs::path input_;
};

// Registers one test per case file before main() runs the suite.
const bool registered = [] {
    const fs::path dir = trinity::test::data_dir() / "sniff";
    for (const auto& path : trinity::test::files_under(dir)) {
        if (path.extension() == ".expected") continue;
        const std::string name = fs::relative(path, dir).generic_string();
        testing::RegisterTest("SniffData", name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                              [path]() -> testing::Test* { return new SniffCase(path); });
    }
    return true;
}();

// Guards against a data folder that silently vanished.
TEST(SniffData, FolderHasCases) {
    EXPECT_GE(trinity::test::files_under(trinity::test::data_dir() / "sniff").size(), 20u);
}

}  // namespace
