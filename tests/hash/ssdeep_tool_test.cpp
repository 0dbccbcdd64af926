// Differential tests against Debian's `ssdeep` (2.14.1): generated files of
// many sizes and kinds are hashed by the tool and by Trinity, and signature
// pairs are scored by `ssdeep -a -x` and by ssdeep_compare. Skips with a
// message when the tool is not installed. Native only (runs a program).
#include <gtest/gtest.h>
#include <re2/re2.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <unistd.h>

#include "generated_data.h"
#include "trinity/hash/hash_source.h"
#include "trinity/hash/ssdeep.h"

namespace {

namespace fs = std::filesystem;
using trinity::test::DataKind;

constexpr const char* kTool = "/usr/bin/ssdeep";

std::string run(const std::string& command) {
    std::string out;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return out;
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
    ::pclose(pipe);
    return out;
}

class SsdeepTool : public ::testing::Test {
protected:
    void SetUp() override {
        if (::access(kTool, X_OK) != 0) GTEST_SKIP() << "Debian's ssdeep is not installed (apt-get install ssdeep)";
        dir_ = fs::temp_directory_path() / ("trinity_ssdeep_" + std::to_string(::getpid()));
        fs::create_directories(dir_);
    }
    void TearDown() override {
        std::error_code ec;
        if (!dir_.empty()) fs::remove_all(dir_, ec);
    }

    fs::path write(const std::string& name, const std::vector<std::byte>& bytes) {
        const fs::path p = dir_ / name;
        std::ofstream(p, std::ios::binary)
            .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        return p;
    }

    // bare name -> signature, from `ssdeep -s -b` over every file of the directory.
    std::map<std::string, std::string> tool_hashes() {
        std::map<std::string, std::string> out;
        const std::string text = run(std::string(kTool) + " -s -b " + (dir_ / "*").string());
        // RE2 rather than std::regex: GCC 12 warns inside <regex> under -O2 + ASan.
        static const RE2 line(R"re((?m)^([^,\n]+),"([^"]+)"$)re");
        re2::StringPiece rest(text);
        std::string signature, name;
        while (RE2::FindAndConsume(&rest, line, &signature, &name)) out[name] = signature;
        return out;
    }

    fs::path dir_;
};

TEST_F(SsdeepTool, HashesOfManySizesAndKindsMatch) {
    std::map<std::string, std::string> ours;
    const std::size_t sizes[] = {0,    1,    2,     6,     7,     8,     63,     64,     65,     191,
                                 192,  193,  383,   384,   385,   1000,  4095,   4096,   4097,   6143,
                                 6144, 6145, 12289, 24575, 49152, 65536, 100000, 196608, 393217, 1 << 20};
    const DataKind kinds[] = {DataKind::random, DataKind::text, DataKind::zero_tail};
    std::uint32_t seed = 100;
    for (const std::size_t size : sizes) {
        for (const DataKind kind : kinds) {
            const auto bytes = trinity::test::generated(size, ++seed, kind);
            const std::string name = std::string("g").append(std::to_string(size)).append("_").append(std::to_string(static_cast<int>(kind)));
            write(name, bytes);
            ours[name] = trinity::hash::ssdeep_hash(bytes);
        }
    }
    // Constant files: the rolling sum stays 0 on zeros.
    for (const std::size_t size : {std::size_t{100}, std::size_t{7000}, std::size_t{300000}}) {
        const std::vector<std::byte> zeros(size, std::byte{0});
        const std::string name = std::string("zeros").append(std::to_string(size));
        write(name, zeros);
        ours[name] = trinity::hash::ssdeep_hash(zeros);
    }
    const auto theirs = tool_hashes();
    ASSERT_EQ(theirs.size(), ours.size()) << "the tool hashed fewer files";
    for (const auto& [name, hash] : ours) {
        auto it = theirs.find(name);
        ASSERT_NE(it, theirs.end()) << name;
        EXPECT_EQ(hash, it->second) << name;
    }
}

TEST_F(SsdeepTool, LargeFileStreamedMatches) {
    // 9 MB of text, hashed through hash_source in 1 MiB reads.
    const auto bytes = trinity::test::generated(9'000'000, 77, DataKind::text);
    write("large", bytes);
    trinity::io::SpanByteSource source(bytes);
    auto d = trinity::hash::hash_source(source);
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->ssdeep, tool_hashes()["large"]);
}

// Variants of one base input: overwrites, insertions, cuts; every pair is
// scored by the tool and by ssdeep_compare.
TEST_F(SsdeepTool, CompareScoresMatch) {
    std::vector<std::string> sigs;
    for (const auto& [size, kind] : {std::pair{20000, DataKind::text}, std::pair{60000, DataKind::text},
                                     std::pair{150000, DataKind::random}}) {
        const auto base = trinity::test::generated(static_cast<std::size_t>(size), 9, kind);
        std::uint32_t r = 12345;
        auto next = [&r] { return r = r * 1103515245u + 12345u; };
        for (int edits : {0, 1, 2, 5, 10, 20, 40}) {
            auto v = base;
            for (int e = 0; e < edits; ++e) {
                const std::size_t at = next() % (v.size() - 64);
                if (e % 3 == 0) {
                    for (std::size_t k = 0; k < 32; ++k) v[at + k] = static_cast<std::byte>(next() >> 16);
                } else if (e % 3 == 1) {
                    v.insert(v.begin() + static_cast<std::ptrdiff_t>(at), 50, std::byte{'Z'});
                } else {
                    v.erase(v.begin() + static_cast<std::ptrdiff_t>(at), v.begin() + static_cast<std::ptrdiff_t>(at + 40));
                }
            }
            sigs.push_back(trinity::hash::ssdeep_hash(v));
        }
        sigs.push_back(trinity::hash::ssdeep_hash(std::span(base).first(base.size() / 2)));
        sigs.push_back(trinity::hash::ssdeep_hash(std::span(base).subspan(base.size() / 3)));
    }
    // Hand-made signatures: long runs, short parts, neighbouring block sizes.
    for (const char* s : {"3:AAAAAAAAAAAAbcdefghij:AAAAAAAbcdefg", "3:AAAbcdefghij:AAAbcdefg", "6:bcdefghijklmn:xyz",
                          "12:bcdefghijklmn:opqrstuvwxyz", "24:opqrstuvwxyZ:abc", "48:abcdefg:abcdefg", "48:abcdefgh:abcdefg",
                          "96:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:aaa"}) {
        sigs.push_back(s);
    }
    {
        std::ofstream f(dir_ / "sigs.txt");
        f << trinity::hash::kSsdeepHeader << "\n";
        for (std::size_t i = 0; i < sigs.size(); ++i) f << sigs[i] << ",\"s" << i << "\"\n";
    }
    const std::string text = run(std::string(kTool) + " -a -x " + (dir_ / "sigs.txt").string());
    static const RE2 line(R"re(:s(\d+) matches [^\n]*:s(\d+) \((\d+)\))re");
    int checked = 0;
    re2::StringPiece rest(text);
    std::size_t a = 0, b = 0;
    int expected = 0;
    while (RE2::FindAndConsume(&rest, line, &a, &b, &expected)) {
        auto score = trinity::hash::ssdeep_compare(sigs[a], sigs[b]);
        ASSERT_TRUE(score.ok()) << sigs[a];
        EXPECT_EQ(*score, expected) << sigs[a] << " vs " << sigs[b];
        ++checked;
    }
    EXPECT_GT(checked, 500) << "too few comparisons parsed from the tool:\n" << text.substr(0, 2000);
}

}  // namespace
