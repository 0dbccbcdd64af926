// Known-answer vectors: RFC 1321 (MD5) and NIST FIPS 180 examples (SHA-1,
// SHA-256, SHA-512), including one million 'a' fed in odd-sized chunks.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "trinity/hash/hash_source.h"
#include "trinity/hash/multi_hasher.h"
#include "trinity/io/byte_source.h"

namespace {

using trinity::hash::Algorithm;
using trinity::hash::AlgorithmSet;
using trinity::hash::Digests;

constexpr std::string_view kMessage448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

struct Vector {
    std::string_view input;
    std::string_view md5, sha1, sha256, sha512;
};

// NIST examples (FIPS 180-2 appendix / CSRC example values) and RFC 1321 A.5.
constexpr Vector kEmpty{
    "", "d41d8cd98f00b204e9800998ecf8427e", "da39a3ee5e6b4b0d3255bfef95601890afd80709",
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"};
constexpr Vector kAbc{
    "abc", "900150983cd24fb0d6963f7d28e17f72", "a9993e364706816aba3e25717850c26c9cd0d89d",
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"};
constexpr Vector k448Bits{
    kMessage448, "8215ef0796a20bcaaae116d3876c664a", "84983e441c3bd26ebaae4aa1f95129e5e54670f1",
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c33596fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445"};
constexpr Vector kMillionA{
    "", "7707d6ae4e027c70eea2a935c2296f21", "34aa973cd4c4daa4f61eeb2bdbad27316534016f",
    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
    "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b"};

// RFC 1321, appendix A.5 (the test suite's remaining inputs).
struct Md5Vector {
    std::string_view input, md5;
};
constexpr Md5Vector kRfc1321[] = {
    {"", "d41d8cd98f00b204e9800998ecf8427e"},
    {"a", "0cc175b9c0f1b6a831c399e269772661"},
    {"abc", "900150983cd24fb0d6963f7d28e17f72"},
    {"message digest", "f96b697d7cb7938d525a2f31aaf161d0"},
    {"abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"},
    {"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"},
    {"12345678901234567890123456789012345678901234567890123456789012345678901234567890",
     "57edf4a22be3c955ac49da2e2107b67a"},
};

void expect_vector(const Digests& d, const Vector& v) {
    EXPECT_EQ(d.md5, v.md5);
    EXPECT_EQ(d.sha1, v.sha1);
    EXPECT_EQ(d.sha256, v.sha256);
    EXPECT_EQ(d.sha512, v.sha512);
}

Digests hash_text(std::string_view text) {
    auto d = trinity::hash::hash_bytes(trinity::io::as_bytes(text));
    EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().describe());
    return d.ok() ? *d : Digests{};
}

TEST(KnownAnswer, EmptyString) { expect_vector(hash_text(""), kEmpty); }
TEST(KnownAnswer, Abc) { expect_vector(hash_text("abc"), kAbc); }
TEST(KnownAnswer, Message448Bits) { expect_vector(hash_text(kMessage448), k448Bits); }

TEST(KnownAnswer, Rfc1321Md5Suite) {
    for (const auto& v : kRfc1321) {
        auto d = trinity::hash::hash_bytes(trinity::io::as_bytes(v.input), Algorithm::md5);
        ASSERT_TRUE(d.ok());
        EXPECT_EQ(d->md5, v.md5) << "input \"" << v.input << "\"";
        EXPECT_TRUE(d->sha256.empty()) << "only MD5 was asked for";
    }
}

// One million 'a' streamed in chunks of odd sizes, never as one buffer.
TEST(KnownAnswer, MillionAInOddChunks) {
    for (const std::size_t chunk : {std::size_t{1}, std::size_t{7}, std::size_t{333}, std::size_t{65537},
                                    std::size_t{999999}}) {
        auto hasher = trinity::hash::MultiHasher::create();
        ASSERT_TRUE(hasher.ok());
        const std::string piece(chunk, 'a');
        std::size_t left = 1000000;
        while (left > 0) {
            const std::size_t n = std::min(left, chunk);
            ASSERT_TRUE(hasher->update(trinity::io::as_bytes(std::string_view(piece).substr(0, n))).ok());
            left -= n;
        }
        EXPECT_EQ(hasher->bytes_hashed(), 1000000u);
        auto d = hasher->finish();
        ASSERT_TRUE(d.ok());
        SCOPED_TRACE("chunk size " + std::to_string(chunk));
        expect_vector(*d, kMillionA);
        EXPECT_EQ(d->size, 1000000u);
    }
}

TEST(KnownAnswer, SingleAlgorithmLeavesOthersEmpty) {
    auto d = trinity::hash::hash_bytes(trinity::io::as_bytes("abc"), Algorithm::sha512);
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->sha512, kAbc.sha512);
    EXPECT_TRUE(d->md5.empty());
    EXPECT_TRUE(d->sha1.empty());
    EXPECT_TRUE(d->ssdeep.empty());
}

TEST(MultiHasher, FinishTwiceIsAnError) {
    auto hasher = trinity::hash::MultiHasher::create(AlgorithmSet(Algorithm::md5));
    ASSERT_TRUE(hasher.ok());
    ASSERT_TRUE(hasher->finish().ok());
    EXPECT_FALSE(hasher->finish().ok());
    EXPECT_FALSE(hasher->update(trinity::io::as_bytes("x")).ok());
}

}  // namespace
