// evtx_dump JSON read back into Events: known shapes inline, then every
// regression case of the corpus against the same records parsed from the
// .evtx (EvtxReader + to_event).
#include <gtest/gtest.h>

#include "test_files.h"
#include "trinity/evtx/evtx.h"
#include "trinity/evtx/evtx_fields.h"
#include "trinity/evtx/evtx_json.h"
#include "trinity/io/byte_source.h"

namespace {

namespace fs = std::filesystem;
using trinity::event::Event;
using trinity::evtx::events_from_dump_json;

std::vector<std::pair<std::string, std::string>> pairs(const Event& e) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& f : e.fields) out.emplace_back(f.name, f.value);
    return out;
}

constexpr std::string_view kTwoRecords = R"(Record 7
{
  "Event": {
    "#attributes": {"xmlns": "http://schemas.microsoft.com/win/2004/08/events/event"},
    "System": {
      "Provider": {"#attributes": {"Name": "Service Control Manager", "Guid": "555908D1-A6D7-4695-8E1E-26931D2012F4",
                                   "EventSourceName": "Service Control Manager"}},
      "EventID": {"#attributes": {"Qualifiers": 16384}, "#text": 7036},
      "Version": 0, "Level": 4, "Task": 0, "Opcode": 0, "Keywords": "0x8080000000000000",
      "TimeCreated": {"#attributes": {"SystemTime": "2024-03-01T12:34:56.123456Z"}},
      "EventRecordID": 4242, "Correlation": null,
      "Execution": {"#attributes": {"ProcessID": 640, "ThreadID": 7000}},
      "Channel": "System", "Computer": "host", "Security": null
    },
    "EventData": {"Data": ["Windows Update", "running", {"#text": "x"}], "Binary": "570075"}
  }
}
Record 8
{
  "Event": {
    "System": {"EventID": 5858, "Channel": "Microsoft-Windows-WMI-Activity/Operational",
               "TimeCreated": {"#attributes": {"SystemTime": "2024-03-01T12:35:00Z"}}},
    "UserData": {
      "Operation_ClientFailure": {
        "#attributes": {"xmlns": "http://manifests.microsoft.com/win/2006/windows/WMI"},
        "Id": "{00000000-0000-0000-0000-000000000000}",
        "ClientProcessId": 25920,
        "Nested": {"Inner": "a", "Flag": true, "Empty": null, "Attr": {"#attributes": {"x": 1}}},
        "Repeated": ["one", "two"]
      }
    }
  }
}
)";

TEST(EvtxJson, ReadsSystemEventDataAndUserDataAsToEventNamesThem) {
    auto events = events_from_dump_json(kTwoRecords, "two.json", 9);
    ASSERT_TRUE(events.ok()) << events.error().describe();
    ASSERT_EQ(events->size(), 2u);
    const Event& scm = (*events)[0];
    EXPECT_EQ(scm.source, "evtx");
    const std::vector<std::pair<std::string, std::string>> kScm = {
        {"Provider_Name", "Service Control Manager"},
        {"Provider_Guid", "{555908D1-A6D7-4695-8E1E-26931D2012F4}"},
        {"Provider_EventSourceName", "Service Control Manager"},
        {"TimeCreated", "2024-03-01T12:34:56.123456Z"},
        {"Execution_ProcessID", "640"},
        {"Execution_ThreadID", "7000"},
        {"EventID", "7036"},
        {"Version", "0"},
        {"Level", "4"},
        {"Task", "0"},
        {"Opcode", "0"},
        {"Keywords", "0x8080000000000000"},
        {"EventRecordID", "4242"},
        {"Channel", "System"},
        {"Computer", "host"},
        {"Data", "Windows Update"},
        {"Data_2", "running"},
        {"Data_3", "x"},
        {"Binary", "570075"},
    };
    EXPECT_EQ(pairs(scm), kScm);
    EXPECT_EQ(scm.find("EventID")->type, trinity::event::FieldType::integer);
    EXPECT_EQ(scm.find("Keywords")->type, trinity::event::FieldType::string);
    ASSERT_TRUE(scm.time_us);
    EXPECT_EQ(trinity::event::format_time(*scm.time_us), "2024-03-01T12:34:56.123456Z");
    EXPECT_EQ(scm.provenance.evidence, 9u);
    EXPECT_EQ(scm.provenance.record, 7u);
    EXPECT_EQ(scm.provenance.line, 2u);

    const Event& wmi = (*events)[1];
    const std::vector<std::pair<std::string, std::string>> kWmi = {
        {"TimeCreated", "2024-03-01T12:35:00Z"},
        {"EventID", "5858"},
        {"Channel", "Microsoft-Windows-WMI-Activity/Operational"},
        {"Id", "{00000000-0000-0000-0000-000000000000}"},
        {"ClientProcessId", "25920"},
        {"Inner", "a"},
        {"Flag", "true"},
        {"Empty", ""},
        {"Attr", ""},
        {"Repeated", "one"},
        {"Repeated", "two"},
    };
    EXPECT_EQ(pairs(wmi), kWmi);
    EXPECT_EQ(wmi.provenance.record, 8u);
}

TEST(EvtxJson, ObjectsWithoutRecordLinesAreNumberedByPosition) {
    auto events = events_from_dump_json(R"({"Event": {"System": {"EventID": 1}}}{"Event": {"System": {"EventID": 2}}})",
                                        "x.json", 1);
    ASSERT_TRUE(events.ok());
    ASSERT_EQ(events->size(), 2u);
    EXPECT_EQ((*events)[1].provenance.record, 2u);
    EXPECT_EQ(*(*events)[1].value("EventID"), "2");
    // An object that is not a record is skipped; braces inside strings do not count.
    auto skipped = events_from_dump_json("{\"other\": \"}{\"}\n{\"Event\": {\"System\": {\"Channel\": \"a}\"}}}", "y", 1);
    ASSERT_TRUE(skipped.ok());
    ASSERT_EQ(skipped->size(), 1u);
    EXPECT_EQ(*(*skipped)[0].value("Channel"), "a}");
}

TEST(EvtxJson, MalformedJsonFailsWithItsLine) {
    auto broken = events_from_dump_json("Record 1\n{\"Event\": {}}\nRecord 2\n{\"Event\": {\"System\": [1,}}\n", "b.json", 1);
    ASSERT_FALSE(broken.ok());
    EXPECT_EQ(broken.error().location.source, "b.json");
    EXPECT_EQ(broken.error().location.line, 4u);
    auto truncated = events_from_dump_json("{\"Event\": {\"System\": {", "t.json", 1);
    ASSERT_FALSE(truncated.ok());
    EXPECT_EQ(truncated.error().location.line, 1u);
    auto bom = events_from_dump_json("\xEF\xBB\xBF{\"Event\": {\"System\": {\"EventID\": 4}}}", "bom.json", 1);
    ASSERT_TRUE(bom.ok());
    EXPECT_EQ(bom->size(), 1u);
    // Hostile nesting neither crashes nor recurses without bound.
    const std::string deep = "{\"Event\": {\"System\": {}, \"UserData\": " + std::string(100000, '[') +
                             std::string(100000, ']') + "}}";
    auto nested = events_from_dump_json(deep, "deep.json", 1);
    if (nested.ok()) {
        EXPECT_EQ(nested->size(), 1u);
    }
    auto empty = events_from_dump_json("", "e.json", 1);
    ASSERT_TRUE(empty.ok());
    EXPECT_TRUE(empty->empty());
}

// [SECTION] Differential: the corpus' .json against its .evtx -------------------

std::vector<Event> events_from_evtx(const fs::path& path) {
    std::vector<Event> out;
    auto bytes = trinity::test::read_bytes(path);
    trinity::io::SpanByteSource src(bytes, path.string());
    trinity::evtx::EvtxReader reader(src);
    if (!reader.open()) return out;
    (void)reader.read([&](const trinity::evtx::Record& r) {
        if (!r.recovered) out.push_back(trinity::evtx::to_event(r, 1));
        return true;
    });
    return out;
}

// The documented differences (evtx_json.h), nothing else: TimeCreated in
// microseconds rather than 100 ns ticks, and trailing spaces evtx_dump trims.
bool same_value(const std::string& name, std::string from_json, std::string from_evtx) {
    if (name == "TimeCreated") return trinity::event::parse_time(from_json) == trinity::event::parse_time(from_evtx);
    while (!from_evtx.empty() && from_evtx.back() == ' ') from_evtx.pop_back();
    while (!from_json.empty() && from_json.back() == ' ') from_json.pop_back();
    return from_json == from_evtx;
}

TEST(EvtxJson, RegressionCasesMatchTheEvtxReader) {
    const auto corpus = trinity::test::corpus_dir();
    if (!corpus) GTEST_SKIP() << "shared corpus not found at " TRINITY_CORPUS_DIR;
    std::size_t cases = 0;
    std::size_t fields = 0;
    for (const auto& path : trinity::test::files_under(*corpus / "sigma/regression_data")) {
        if (path.extension() != ".json") continue;
        const fs::path evtx_path = fs::path(path).replace_extension(".evtx");
        if (!fs::exists(evtx_path)) continue;
        ++cases;
        auto from_json = events_from_dump_json(trinity::test::read_text(path), path.string(), 1);
        ASSERT_TRUE(from_json.ok()) << from_json.error().describe();
        const auto from_evtx = events_from_evtx(evtx_path);
        ASSERT_EQ(from_json->size(), from_evtx.size()) << path;
        for (std::size_t n = 0; n < from_evtx.size(); ++n) {
            const Event& j = (*from_json)[n];
            const Event& e = from_evtx[n];
            EXPECT_EQ(j.source, e.source);
            EXPECT_EQ(j.time_us.has_value(), e.time_us.has_value()) << path;
            if (j.time_us && e.time_us) {
                EXPECT_EQ(*j.time_us, *e.time_us) << path;
            }
            EXPECT_EQ(j.provenance.record, e.provenance.record) << path;
            ASSERT_EQ(j.fields.size(), e.fields.size()) << path << " record " << n << "\njson: "
                                                          << testing::PrintToString(pairs(j))
                                                          << "\nevtx: " << testing::PrintToString(pairs(e));
            for (std::size_t f = 0; f < e.fields.size(); ++f) {
                EXPECT_EQ(j.fields[f].name, e.fields[f].name) << path;
                EXPECT_TRUE(same_value(e.fields[f].name, j.fields[f].value, e.fields[f].value))
                    << path << ": " << e.fields[f].name << " json '" << j.fields[f].value << "' evtx '"
                    << e.fields[f].value << "'";
                EXPECT_EQ(j.fields[f].type, e.fields[f].type) << path << ": " << e.fields[f].name;
                ++fields;
            }
        }
    }
    EXPECT_GE(cases, 100u);
    EXPECT_GE(fields, 3000u);
}

}  // namespace
