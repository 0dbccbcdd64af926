// Digests written out: JSON, sha256sum lines (with coreutils' escaping),
// tagged lines, the ssdeep tool's line; algorithm names.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "trinity/hash/digests.h"
#include "trinity/hash/hash_source.h"
#include "trinity/io/byte_source.h"

namespace {

using trinity::hash::Algorithm;

trinity::hash::Digests abc() {
    auto d = trinity::hash::hash_bytes(trinity::io::as_bytes("abc"));
    EXPECT_TRUE(d.ok());
    return d.ok() ? *d : trinity::hash::Digests{};
}

TEST(Digests, JsonHoldsEveryComputedDigest) {
    const auto j = nlohmann::json::parse(to_json(abc(), "dir/a \"b\".txt"));
    EXPECT_EQ(j["name"], "dir/a \"b\".txt");
    EXPECT_EQ(j["size"], 3);
    EXPECT_EQ(j["md5"], "900150983cd24fb0d6963f7d28e17f72");
    EXPECT_EQ(j["sha1"], "a9993e364706816aba3e25717850c26c9cd0d89d");
    EXPECT_EQ(j["sha256"], "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(j["sha512"].get<std::string>().size(), 128u);
    EXPECT_EQ(j["ssdeep"], "3:uG:uG");
}

TEST(Digests, JsonLeavesOutAlgorithmsNotComputed) {
    auto d = trinity::hash::hash_bytes(trinity::io::as_bytes("abc"), Algorithm::md5);
    ASSERT_TRUE(d.ok());
    const auto j = nlohmann::json::parse(to_json(*d));
    EXPECT_FALSE(j.contains("name"));
    EXPECT_FALSE(j.contains("sha256"));
    EXPECT_TRUE(j.contains("md5"));
}

TEST(Digests, SumLinesAreWhatCoreutilsPrints) {
    const auto d = abc();
    EXPECT_EQ(sum_line(d, Algorithm::sha256, "abc.txt"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  abc.txt");
    EXPECT_EQ(sum_line(d, Algorithm::md5, "a b"), "900150983cd24fb0d6963f7d28e17f72  a b");
    // Backslashes and newlines are escaped, and the line is marked with '\'.
    EXPECT_EQ(sum_line(d, Algorithm::md5, "a\\b\nc"), "\\900150983cd24fb0d6963f7d28e17f72  a\\\\b\\nc");
}

TEST(Digests, TaggedAndSsdeepLines) {
    const auto d = abc();
    EXPECT_EQ(tagged_line(d, Algorithm::sha1, "x"), "SHA1 (x) = a9993e364706816aba3e25717850c26c9cd0d89d");
    EXPECT_EQ(ssdeep_line(d, "x"), "3:uG:uG,\"x\"");
}

TEST(Digests, AlgorithmNamesRoundTrip) {
    for (const Algorithm a : trinity::hash::kAllAlgorithms) {
        EXPECT_EQ(trinity::hash::parse_algorithm(to_string(a)), a);
    }
    EXPECT_FALSE(trinity::hash::parse_algorithm("crc32").has_value());
    EXPECT_FALSE(trinity::hash::parse_algorithm("SHA256").has_value());
}

}  // namespace
