#include <gtest/gtest.h>

#include <cstring>

#include "trinity/event/event_summary.h"

namespace trinity::event {
namespace {

std::span<const std::byte> bytes_of(const std::string& s) {
    return {reinterpret_cast<const std::byte*>(s.data()), s.size()};
}

Event sysmon_process() {
    Event e;
    e.source = "evtx";
    e.time_us = 1'700'000'000'000'000;
    e.provenance = {3, 4242, 0, 69632, false};
    e.add("Provider_Name", "Microsoft-Windows-Sysmon");
    e.add("EventID", "1", FieldType::integer);
    e.add("Level", "4", FieldType::integer);
    e.add("Channel", "Microsoft-Windows-Sysmon/Operational");
    e.add("Computer", "WS-FIN-042");
    e.add("Image", R"(C:\Windows\System32\cmd.exe)");
    e.add("CommandLine", "cmd.exe  /c\r\n whoami");
    e.add("ParentImage", "");
    return e;
}

TEST(EventSummary, EvtxFieldsFillTheColumns) {
    const auto s = summarize(sysmon_process());
    EXPECT_EQ(s.event_id, "1");
    EXPECT_EQ(s.provider, "Microsoft-Windows-Sysmon");
    EXPECT_EQ(s.channel, "Microsoft-Windows-Sysmon/Operational");
    EXPECT_EQ(s.computer, "WS-FIN-042");
    // Columns, bookkeeping (Level) and empty values stay out; whitespace folds.
    EXPECT_EQ(s.details, R"(Image=C:\Windows\System32\cmd.exe  CommandLine=cmd.exe /c whoami)");
    EXPECT_EQ(s.provenance.record, 4242u);
    EXPECT_EQ(s.time_us, 1'700'000'000'000'000);
}

TEST(EventSummary, CommonLogNamesFillTheColumnsToo) {
    Event e;
    e.source = "jsonl";
    e.add("event_type", "ProcessRollup");
    e.add("hostname", "WS-FIN-042");
    e.add("pid", "6120", FieldType::integer);
    const auto s = summarize(e);
    EXPECT_EQ(s.event_id, "ProcessRollup");
    EXPECT_EQ(s.computer, "WS-FIN-042");
    EXPECT_EQ(s.provider, "");
    EXPECT_EQ(s.details, "pid=6120");
}

TEST(EventSummary, DetailsAreCutOnACharacterBoundary) {
    Event e;
    e.add("Message", std::string(10, 'a') + "ééééé");
    const auto s = summarize(e, 20);  // "Message=aaaaaaaaaa" is 18 bytes, then 2-byte é's
    EXPECT_EQ(s.details, "Message=aaaaaaaaaaé…");
}

TEST(EventBatch, RoundTrips) {
    SummaryBatch b;
    b.sequence = 17;
    b.records = 2;
    b.recovered = 1;
    b.rejected = 3;
    b.warnings.push_back({4096, 0, "chunk 0: header checksum mismatch"});
    b.rows.push_back(summarize(sysmon_process()));
    EventSummary recovered;
    recovered.provenance = {3, 9, 12, 70000, true};
    recovered.details = "Data=ü";
    b.rows.push_back(recovered);
    const std::string wire = encode_batch(b);
    const auto back = decode_batch(bytes_of(wire));
    ASSERT_TRUE(back) << back.error().describe();
    EXPECT_EQ(back->sequence, 17u);
    EXPECT_EQ(back->records, 2u);
    EXPECT_EQ(back->recovered, 1u);
    EXPECT_EQ(back->rejected, 3u);
    ASSERT_EQ(back->warnings.size(), 1u);
    EXPECT_EQ(back->warnings[0].offset, 4096u);
    EXPECT_EQ(back->warnings[0].message, "chunk 0: header checksum mismatch");
    ASSERT_EQ(back->rows.size(), 2u);
    EXPECT_EQ(back->rows[0].details, b.rows[0].details);
    EXPECT_EQ(back->rows[0].computer, "WS-FIN-042");
    EXPECT_EQ(back->rows[0].time_us, b.rows[0].time_us);
    EXPECT_FALSE(back->rows[1].time_us);
    EXPECT_TRUE(back->rows[1].provenance.recovered);
    EXPECT_EQ(back->rows[1].provenance.line, 12u);
    EXPECT_EQ(back->rows[1].details, "Data=ü");
}

TEST(EventBatch, EveryTruncationIsAnErrorNotACrash) {
    SummaryBatch b;
    b.warnings.push_back({1, 2, "w"});
    b.rows.push_back(summarize(sysmon_process()));
    const std::string wire = encode_batch(b);
    for (std::size_t n = 0; n < wire.size(); ++n) {
        const auto r = decode_batch(bytes_of(wire.substr(0, n)));
        EXPECT_FALSE(r) << "decoded from " << n << " of " << wire.size() << " bytes";
    }
    EXPECT_FALSE(decode_batch(bytes_of(wire + "x"))) << "trailing bytes";
}

TEST(EventBatch, ALyingRowCountIsRefusedBeforeAllocating) {
    SummaryBatch b;
    std::string wire = encode_batch(b);
    // The row count is the last field of an empty batch.
    const std::uint32_t huge = 0xFFFFFFF0u;
    std::memcpy(wire.data() + wire.size() - 4, &huge, 4);
    const auto r = decode_batch(bytes_of(wire));
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("row count"), std::string::npos);
}

}  // namespace
}  // namespace trinity::event
