// BinXML values rendered as Windows writes them: known answers.
#include <gtest/gtest.h>

#include <array>
#include <cstring>
#include <vector>

#include "trinity/evtx/evtx.h"

namespace {

using trinity::evtx::Value;
using trinity::evtx::value_text;
using trinity::evtx::ValueType;

template <std::size_t N>
std::vector<std::byte> bytes(const std::array<unsigned, N>& v) {
    std::vector<std::byte> out;
    for (unsigned x : v) out.push_back(static_cast<std::byte>(x));
    return out;
}

std::string text_of(ValueType type, const std::vector<std::byte>& b) {
    return value_text(Value{static_cast<std::uint8_t>(type), b});
}

// 2026-04-17T05:24:53.0920519Z as a FILETIME.
constexpr std::uint64_t kSysmonFiletime = 134208770930920519ull;
constexpr const char* kSysmonIso = "2026-04-17T05:24:53.0920519Z";

TEST(EvtxValue, FiletimeWith100nsPrecision) {
    EXPECT_EQ(trinity::evtx::filetime_iso(kSysmonFiletime), kSysmonIso);
    EXPECT_EQ(trinity::evtx::filetime_iso(116444736000000000ull), "1970-01-01T00:00:00.0000000Z");
    EXPECT_EQ(trinity::evtx::filetime_iso(0), "1601-01-01T00:00:00.0000000Z");
}

TEST(EvtxValue, GuidIsBracedUpperCase) {
    // {5770385F-C22A-43E0-BF4C-06F5698FFBD9}, the Sysmon provider, as stored.
    const auto g = bytes(std::array<unsigned, 16>{0x5f, 0x38, 0x70, 0x57, 0x2a, 0xc2, 0xe0, 0x43,
                                                  0xbf, 0x4c, 0x06, 0xf5, 0x69, 0x8f, 0xfb, 0xd9});
    EXPECT_EQ(text_of(ValueType::guid, g), "{5770385F-C22A-43E0-BF4C-06F5698FFBD9}");
}

TEST(EvtxValue, SidLocalSystemAndDomainUser) {
    EXPECT_EQ(text_of(ValueType::sid, bytes(std::array<unsigned, 12>{1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0})), "S-1-5-18");
    const auto user = bytes(std::array<unsigned, 28>{1, 5, 0, 0, 0, 0, 0, 5, 21, 0, 0, 0, 0x39, 0x30, 0, 0,
                                                     0x31, 0xd4, 0, 0, 0x40, 0xe2, 1, 0, 0xe9, 3, 0, 0});
    EXPECT_EQ(text_of(ValueType::sid, user), "S-1-5-21-12345-54321-123456-1001");
}

TEST(EvtxValue, TruncatedSidFallsBackToHex) {
    EXPECT_EQ(text_of(ValueType::sid, bytes(std::array<unsigned, 9>{1, 5, 0, 0, 0, 0, 0, 5, 21})), "010500000000000515");
}

TEST(EvtxValue, IntegersAndHex) {
    EXPECT_EQ(text_of(ValueType::uint16, bytes(std::array<unsigned, 2>{0x0b, 0})), "11");
    EXPECT_EQ(text_of(ValueType::int32, bytes(std::array<unsigned, 4>{0xff, 0xff, 0xff, 0xff})), "-1");
    EXPECT_EQ(text_of(ValueType::hex_int64, bytes(std::array<unsigned, 8>{0, 0, 0, 0, 0, 0, 0, 0x80})),
              "0x8000000000000000");
    EXPECT_EQ(text_of(ValueType::hex_int32, bytes(std::array<unsigned, 4>{0x10, 0, 0, 0})), "0x10");
    EXPECT_EQ(text_of(ValueType::size_t_, bytes(std::array<unsigned, 8>{0x34, 0x12, 0, 0, 0, 0, 0, 0})), "0x1234");
    EXPECT_EQ(text_of(ValueType::hex_int64, bytes(std::array<unsigned, 8>{0xe7, 3, 0, 0, 0, 0, 0, 0})), "0x3e7");
}

TEST(EvtxValue, StringsDropTrailingNul) {
    const auto s = bytes(std::array<unsigned, 8>{'c', 0, 'm', 0, 'd', 0, 0, 0});
    EXPECT_EQ(text_of(ValueType::string, s), "cmd");
    EXPECT_EQ(text_of(ValueType::ansi_string, bytes(std::array<unsigned, 4>{'a', 0x80, 'b', 0})), "a\u20acb");
}

TEST(EvtxValue, StringArrayIsCommaSeparated) {
    const auto arr = bytes(std::array<unsigned, 8>{'a', 0, 0, 0, 'b', 0, 0, 0});
    EXPECT_EQ(value_text(Value{0x81, arr}), "a,b");
}

TEST(EvtxValue, IntegerArray) {
    const auto arr = bytes(std::array<unsigned, 8>{1, 0, 0, 0, 2, 0, 0, 0});
    EXPECT_EQ(value_text(Value{0x88, arr}), "1,2");
}

TEST(EvtxValue, BooleanAndBinary) {
    EXPECT_EQ(text_of(ValueType::boolean, bytes(std::array<unsigned, 4>{1, 0, 0, 0})), "true");
    EXPECT_EQ(text_of(ValueType::boolean, bytes(std::array<unsigned, 4>{0, 0, 0, 0})), "false");
    EXPECT_EQ(text_of(ValueType::binary, bytes(std::array<unsigned, 3>{0xde, 0xad, 0x01})), "DEAD01");
}

TEST(EvtxValue, Crc32KnownAnswer) {
    constexpr std::string_view kCheck = "123456789";  // the CRC-32 check value: 0xCBF43926
    const auto* p = reinterpret_cast<const std::byte*>(kCheck.data());
    EXPECT_EQ(trinity::evtx::crc32(std::span(p, kCheck.size())), 0xCBF43926u);
}

}  // namespace
