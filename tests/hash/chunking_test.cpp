// The same digests whatever the chunking: any split of the input, any read
// size, with or without the total size announced to ssdeep. Plus progress,
// cancel and read errors through hash_source.
#include <gtest/gtest.h>

#include <atomic>
#include <vector>

#include "generated_data.h"
#include "trinity/hash/hash_source.h"
#include "trinity/hash/multi_hasher.h"
#include "trinity/hash/ssdeep.h"

namespace {

using trinity::hash::Digests;
using trinity::test::DataKind;
using trinity::test::generated;

void expect_same(const Digests& a, const Digests& b) {
    EXPECT_EQ(a.md5, b.md5);
    EXPECT_EQ(a.sha1, b.sha1);
    EXPECT_EQ(a.sha256, b.sha256);
    EXPECT_EQ(a.sha512, b.sha512);
    EXPECT_EQ(a.ssdeep, b.ssdeep);
    EXPECT_EQ(a.size, b.size);
}

Digests hash_split(std::span<const std::byte> bytes, std::size_t cut, std::optional<std::uint64_t> total) {
    auto hasher = trinity::hash::MultiHasher::create(trinity::hash::AlgorithmSet::all(), total);
    EXPECT_TRUE(hasher.ok());
    EXPECT_TRUE(hasher->update(bytes.first(cut)).ok());
    EXPECT_TRUE(hasher->update(bytes.subspan(cut)).ok());
    auto d = hasher->finish();
    EXPECT_TRUE(d.ok());
    return d.ok() ? *d : Digests{};
}

TEST(Chunking, AnyTwoWaySplitGivesTheSameDigests) {
    const auto bytes = generated(300000, 42, DataKind::text);
    auto whole = trinity::hash::hash_bytes(bytes);
    ASSERT_TRUE(whole.ok());
    for (const std::size_t cut : {0, 1, 6, 7, 63, 64, 65, 4095, 4096, 4097, 150001, 299999, 300000}) {
        SCOPED_TRACE("cut at " + std::to_string(cut));
        expect_same(hash_split(bytes, cut, std::nullopt), *whole);
        expect_same(hash_split(bytes, cut, bytes.size()), *whole);
    }
}

TEST(Chunking, AnyReadSizeGivesTheSameDigests) {
    const auto bytes = generated(200003, 7, DataKind::random);
    auto whole = trinity::hash::hash_bytes(bytes);
    ASSERT_TRUE(whole.ok());
    for (const std::size_t chunk : {1, 3, 1000, 4096, 65536, 1 << 20}) {
        trinity::io::SpanByteSource source(bytes);
        trinity::hash::HashOptions options;
        options.chunk_size = chunk;
        auto d = trinity::hash::hash_source(source, options);
        ASSERT_TRUE(d.ok());
        SCOPED_TRACE("chunk " + std::to_string(chunk));
        expect_same(*d, *whole);
    }
}

TEST(Chunking, FuzzyHashDoesNotNeedTheSizeUpFront) {
    for (const std::size_t size : {0, 100, 5000, 70000, 1000000}) {
        const auto bytes = generated(size, static_cast<std::uint32_t>(size + 1), DataKind::zero_tail);
        trinity::hash::FuzzyHasher unknown;
        for (std::size_t off = 0; off < bytes.size(); off += 777) {
            unknown.update(std::span(bytes).subspan(off, std::min<std::size_t>(777, bytes.size() - off)));
        }
        auto a = unknown.digest();
        ASSERT_TRUE(a.ok());
        EXPECT_EQ(*a, trinity::hash::ssdeep_hash(bytes)) << "size " << size;
    }
}

TEST(HashSource, ReportsProgressUpToTheTotal) {
    const auto bytes = generated(10000, 3, DataKind::random);
    trinity::io::SpanByteSource source(bytes);
    std::vector<std::uint64_t> seen;
    trinity::hash::HashOptions options;
    options.chunk_size = 4096;
    options.progress = [&](std::uint64_t done, std::uint64_t total) {
        EXPECT_EQ(total, 10000u);
        seen.push_back(done);
    };
    ASSERT_TRUE(trinity::hash::hash_source(source, options).ok());
    EXPECT_EQ(seen, (std::vector<std::uint64_t>{4096, 8192, 10000}));
}

TEST(HashSource, StopsWhenCancelled) {
    const auto bytes = generated(100000, 3, DataKind::random);
    trinity::io::SpanByteSource source(bytes, "big.bin");
    std::atomic<bool> cancel{false};
    trinity::hash::HashOptions options;
    options.chunk_size = 1000;
    options.cancel = &cancel;
    options.progress = [&](std::uint64_t done, std::uint64_t) {
        if (done >= 5000) cancel = true;
    };
    auto d = trinity::hash::hash_source(source, options);
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.error().kind, trinity::ErrorKind::cancelled);
    EXPECT_EQ(d.error().location.offset, 5000u);
}

// A source that fails, or ends early, part way through.
class BrokenSource final : public trinity::io::ByteSource {
public:
    explicit BrokenSource(bool error) : error_(error) {}
    std::uint64_t size() const override { return 10000; }
    const std::string& name() const override { return name_; }
    trinity::Result<std::size_t> read_at(std::uint64_t offset, std::span<std::byte> out) override {
        if (offset >= 4000) {
            if (error_) return trinity::fail(trinity::ErrorKind::io, "disk on fire", trinity::Location::at_offset(name_, offset));
            return std::size_t{0};
        }
        const std::size_t n = std::min<std::size_t>(out.size(), 4000 - offset);
        std::fill_n(out.begin(), n, std::byte{'x'});
        return n;
    }

private:
    bool error_;
    std::string name_ = "broken.bin";
};

TEST(HashSource, ReadErrorsKeepTheirLocation) {
    BrokenSource source(true);
    trinity::hash::HashOptions options;
    options.chunk_size = 1000;
    auto d = trinity::hash::hash_source(source, options);
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.error().describe(), "broken.bin@4000: disk on fire");
}

TEST(HashSource, ASourceThatShrinksIsAnError) {
    BrokenSource source(false);
    auto d = trinity::hash::hash_source(source);
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.error().kind, trinity::ErrorKind::io);
    EXPECT_NE(d.error().message.find("4000 of 10000"), std::string::npos) << d.error().message;
}

}  // namespace
