// SpanByteSource and read_head: how bytes enter core.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "trinity/io/byte_source.h"

namespace {

using namespace std::string_view_literals;
using trinity::ErrorKind;
using trinity::Result;
using trinity::io::as_bytes;
using trinity::io::ByteSource;
using trinity::io::read_head;
using trinity::io::SpanByteSource;

// The first 24 bytes of an EVTX file header (with its NUL).
constexpr std::string_view kEvtxHead = "ElfFile\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"sv;
static_assert(kEvtxHead.size() == 24);
constexpr std::string_view kNetstatHead = "\r\nActive Connections\r\n\r\n  Proto  Local Address";

std::string to_string(std::span<const std::byte> bytes) {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

// Hands out at most `chunk` bytes per read, as a network or browser source
// may; optionally fails at an offset, or pretends to shrink.
class ChunkedSource final : public ByteSource {
public:
    ChunkedSource(std::string_view bytes, std::size_t chunk) : bytes_(bytes), chunk_(chunk) {}

    std::uint64_t size() const override { return claimed_size_ ? claimed_size_ : bytes_.size(); }
    const std::string& name() const override { return name_; }
    Result<std::size_t> read_at(std::uint64_t offset, std::span<std::byte> out) override {
        ++reads;
        if (fail_at_ && offset >= *fail_at_) {
            return trinity::fail(ErrorKind::io, "device not ready", trinity::Location::at_offset(name_, offset));
        }
        if (offset >= bytes_.size()) return std::size_t{0};
        const std::size_t n = std::min({out.size(), chunk_, bytes_.size() - static_cast<std::size_t>(offset)});
        std::copy_n(reinterpret_cast<const std::byte*>(bytes_.data()) + offset, n, out.begin());
        return n;
    }

    void fail_from(std::uint64_t offset) { fail_at_ = offset; }
    void claim_size(std::uint64_t size) { claimed_size_ = size; }

    int reads = 0;

private:
    std::string_view bytes_;
    std::size_t chunk_;
    std::string name_ = "usb-image.dd";
    std::optional<std::uint64_t> fail_at_;
    std::uint64_t claimed_size_ = 0;
};

TEST(AsBytes, ViewsTheSameMemory) {
    const auto b = as_bytes(kNetstatHead);
    EXPECT_EQ(b.size(), kNetstatHead.size());
    EXPECT_EQ(static_cast<const void*>(b.data()), static_cast<const void*>(kNetstatHead.data()));
}

TEST(SpanByteSource, SizeAndName) {
    SpanByteSource named(as_bytes(kEvtxHead), "Security.evtx");
    EXPECT_EQ(named.size(), 24u);
    EXPECT_EQ(named.name(), "Security.evtx");
    SpanByteSource unnamed(as_bytes(kEvtxHead));
    EXPECT_EQ(unnamed.name(), "<memory>");
}

TEST(SpanByteSource, ReadsAtOffset) {
    SpanByteSource src(as_bytes(kNetstatHead), "netstat.txt");
    std::array<std::byte, 18> buf{};
    auto got = src.read_at(2, buf);
    ASSERT_TRUE(got.ok()) << got.error().describe();
    EXPECT_EQ(*got, 18u);
    EXPECT_EQ(to_string(buf), "Active Connections");
}

TEST(SpanByteSource, ShortReadNearTheEnd) {
    SpanByteSource src(as_bytes(kNetstatHead), "netstat.txt");
    std::array<std::byte, 64> buf{};
    const std::size_t offset = kNetstatHead.size() - 7;
    auto got = src.read_at(offset, buf);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(*got, 7u);
    EXPECT_EQ(to_string(std::span(buf).first(*got)), "Address");
}

TEST(SpanByteSource, ReadAtTheEndReturnsZero) {
    SpanByteSource src(as_bytes(kEvtxHead), "Security.evtx");
    std::array<std::byte, 8> buf{};
    auto got = src.read_at(kEvtxHead.size(), buf);
    ASSERT_TRUE(got.ok()) << got.error().describe();
    EXPECT_EQ(*got, 0u);
}

TEST(SpanByteSource, ReadPastTheEndIsAnError) {
    SpanByteSource src(as_bytes(kEvtxHead), "Security.evtx");
    std::array<std::byte, 8> buf{};
    auto got = src.read_at(kEvtxHead.size() + 1, buf);
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.error().kind, ErrorKind::io);
    EXPECT_EQ(got.error().location.offset, 25u);
    EXPECT_EQ(got.error().describe(), "Security.evtx@25: read past the end");
}

TEST(SpanByteSource, EmptyReadSucceeds) {
    SpanByteSource src(as_bytes(kEvtxHead));
    auto got = src.read_at(3, {});
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(*got, 0u);
}

TEST(ReadHead, StopsAtTheLimit) {
    SpanByteSource src(as_bytes(kEvtxHead), "Security.evtx");
    auto head = read_head(src, 8);
    ASSERT_TRUE(head.ok());
    EXPECT_EQ(to_string(*head), "ElfFile\0"sv);
}

TEST(ReadHead, WholeSourceWhenSmallerThanTheLimit) {
    SpanByteSource src(as_bytes(kNetstatHead));
    auto head = read_head(src, 65536);
    ASSERT_TRUE(head.ok());
    EXPECT_EQ(to_string(*head), kNetstatHead);
}

TEST(ReadHead, EmptySource) {
    SpanByteSource src(std::span<const std::byte>{}, "empty.txt");
    auto head = read_head(src, 65536);
    ASSERT_TRUE(head.ok());
    EXPECT_TRUE(head->empty());
}

TEST(ReadHead, KeepsReadingShortChunks) {
    ChunkedSource src(kNetstatHead, 5);
    auto head = read_head(src, 30);
    ASSERT_TRUE(head.ok());
    EXPECT_EQ(to_string(*head), kNetstatHead.substr(0, 30));
    EXPECT_EQ(src.reads, 6);  // 30 bytes, 5 at a time
}

TEST(ReadHead, PassesOnAReadError) {
    ChunkedSource src(kNetstatHead, 4);
    src.fail_from(8);
    auto head = read_head(src, 30);
    ASSERT_FALSE(head.ok());
    EXPECT_EQ(head.error().kind, ErrorKind::io);
    EXPECT_EQ(head.error().describe(), "usb-image.dd@8: device not ready");
}

TEST(ReadHead, KeepsWhatItHasWhenTheSourceShrinks) {
    ChunkedSource src(kNetstatHead, 16);
    src.claim_size(4096);  // says 4 KiB, holds fewer bytes
    auto head = read_head(src, 1024);
    ASSERT_TRUE(head.ok());
    EXPECT_EQ(to_string(*head), kNetstatHead);
}

}  // namespace
