// Records flattened into Sigma's field names, checked against the regression
// data's evtx_dump JSON (every EventData item and the System ids) and on a
// known record.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_files.h"
#include "trinity/evtx/evtx.h"
#include "trinity/evtx/evtx_fields.h"
#include "trinity/io/byte_source.h"

namespace {

namespace fs = std::filesystem;
using trinity::evtx::EvtxReader;
using trinity::evtx::extract_fields;

// evtx_dump writes GUIDs without braces, Windows (and Trinity) with, and
// trims trailing spaces that are in the data (evtxexport keeps them, as
// Trinity does: Sysmon's ParentCommandLine often ends in one).
std::string unbrace(std::string s) {
    while (!s.empty() && s.back() == ' ') s.pop_back();
    if (s.size() == 38 && s.front() == '{' && s.back() == '}') return s.substr(1, 36);
    return s;
}

std::string as_text(const nlohmann::json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_null()) return "";
    return v.dump();
}

std::vector<trinity::evtx::Fields> read_fields(const fs::path& path) {
    std::vector<trinity::evtx::Fields> out;
    auto bytes = trinity::test::read_bytes(path);
    trinity::io::SpanByteSource src(bytes, path.string());
    EvtxReader reader(src);
    if (!reader.open()) return out;
    (void)reader.read([&](const trinity::evtx::Record& r) {
        if (!r.recovered) out.push_back(extract_fields(r));
        return true;
    });
    return out;
}

TEST(EvtxFields, RegressionSamplesMatchEvtxDumpJson) {
    const auto corpus = trinity::test::corpus_dir();
    if (!corpus) GTEST_SKIP() << "shared corpus not found at " TRINITY_CORPUS_DIR;
    std::size_t compared = 0;
    for (const auto& path : trinity::test::files_under(*corpus / "sigma/regression_data")) {
        if (path.extension() != ".evtx") continue;
        const fs::path json_path = fs::path(path).replace_extension(".json");
        if (!fs::exists(json_path)) continue;
        // evtx_dump's output: pretty JSON objects one after another.
        std::vector<nlohmann::json> events;
        const std::string text = trinity::test::read_text(json_path);
        std::size_t start = 0;
        int depth = 0;
        bool in_string = false;
        for (std::size_t i = 0; i < text.size(); ++i) {
            const char c = text[i];
            if (in_string) {
                if (c == '\\') ++i;
                else if (c == '"') in_string = false;
            } else if (c == '"') {
                in_string = true;
            } else if (c == '{') {
                if (depth++ == 0) start = i;
            } else if (c == '}' && --depth == 0) {
                events.push_back(nlohmann::json::parse(text.substr(start, i - start + 1)));
            }
        }
        const auto ours = read_fields(path);
        ASSERT_EQ(ours.size(), events.size()) << path;
        for (std::size_t n = 0; n < ours.size(); ++n) {
            const auto& event = events[n]["Event"];
            const auto& f = ours[n];
            ASSERT_NE(f.find("EventRecordID"), nullptr) << path;
            EXPECT_EQ(*f.find("EventRecordID"), as_text(event["System"]["EventRecordID"])) << path;
            EXPECT_EQ(*f.find("EventID"), as_text(event["System"]["EventID"].is_object()
                                                      ? event["System"]["EventID"]["#text"]
                                                      : event["System"]["EventID"]))
                << path;
            EXPECT_EQ(*f.find("Channel"), as_text(event["System"]["Channel"])) << path;
            EXPECT_EQ(*f.find("Computer"), as_text(event["System"]["Computer"])) << path;
            if (!event.contains("EventData") || !event["EventData"].is_object()) continue;
            for (const auto& [key, value] : event["EventData"].items()) {
                if (value.is_object() || value.is_array() || key == "Data") continue;  // unnamed items
                const std::string* got = f.find(key);
                if (!got) {
                    ADD_FAILURE() << path << ": no field " << key;
                    continue;
                }
                EXPECT_EQ(unbrace(*got), unbrace(as_text(value))) << path << ": " << key;
                ++compared;
            }
        }
    }
    EXPECT_GE(compared, 1000u);
}

TEST(EvtxFields, SysmonFileCreateRecordHasSigmaNames) {
    const auto corpus = trinity::test::corpus_dir();
    if (!corpus) GTEST_SKIP() << "shared corpus not found at " TRINITY_CORPUS_DIR;
    const auto fields = read_fields(*corpus / "sigma/regression_data/rules-emerging-threats/2026/Exploits/RedSun/"
                                               "file_event_win_exploit_redsun_indicators/"
                                               "f2e4b7d9-5c3a-4f8b-9e1d-7a6c2b3f4e5d.evtx");
    ASSERT_EQ(fields.size(), 1u);
    const auto& f = fields[0];
    const std::pair<const char*, const char*> kExpected[] = {
        {"Provider_Name", "Microsoft-Windows-Sysmon"},
        {"Provider_Guid", "{5770385F-C22A-43E0-BF4C-06F5698FFBD9}"},
        {"EventID", "11"},
        {"Keywords", "0x8000000000000000"},
        {"TimeCreated", "2026-04-17T05:24:53.0920519Z"},
        {"Execution_ProcessID", "3208"},
        {"Execution_ThreadID", "1724"},
        {"Security_UserID", "S-1-5-18"},
        {"Channel", "Microsoft-Windows-Sysmon/Operational"},
        {"Image", "C:\\Users\\xodih\\Downloads\\RedSun.exe"},
        {"User", "swachchhanda\\xodih"},
    };
    for (const auto& [name, value] : kExpected) {
        ASSERT_NE(f.find(name), nullptr) << name;
        EXPECT_EQ(*f.find(name), value) << name;
    }
    EXPECT_EQ(f.find("Correlation_ActivityID"), nullptr);  // <Correlation/> has no attributes
}

TEST(EvtxFields, RecordBecomesTypedEventWithProvenance) {
    const auto corpus = trinity::test::corpus_dir();
    if (!corpus) GTEST_SKIP() << "shared corpus not found at " TRINITY_CORPUS_DIR;
    const auto path = *corpus / "sigma/regression_data/rules-emerging-threats/2026/Exploits/RedSun/"
                                "file_event_win_exploit_redsun_indicators/f2e4b7d9-5c3a-4f8b-9e1d-7a6c2b3f4e5d.evtx";
    auto bytes = trinity::test::read_bytes(path);
    trinity::io::SpanByteSource src(bytes, path.string());
    EvtxReader reader(src);
    ASSERT_TRUE(reader.open());
    std::vector<trinity::event::Event> events;
    (void)reader.read([&](const trinity::evtx::Record& r) {
        events.push_back(trinity::evtx::to_event(r, 42));
        return true;
    });
    ASSERT_EQ(events.size(), 1u);
    const auto& e = events[0];
    EXPECT_EQ(e.source, "evtx");
    EXPECT_EQ(e.provenance.evidence, 42u);
    // Provenance names the record by its header id (unique in the file); the
    // XML's EventRecordID is the number the original log gave it.
    EXPECT_EQ(e.provenance.record, 1u);
    EXPECT_EQ(e.find("EventRecordID")->value, "83239");
    EXPECT_GT(e.provenance.offset, 0u);
    ASSERT_TRUE(e.time_us);
    EXPECT_EQ(trinity::event::format_time(*e.time_us), "2026-04-17T05:24:53.092051Z");
    EXPECT_EQ(e.find("EventID")->type, trinity::event::FieldType::integer);
    EXPECT_EQ(e.find("Image")->type, trinity::event::FieldType::string);
    EXPECT_EQ(*e.value("Image"), "C:\\Users\\xodih\\Downloads\\RedSun.exe");
}

}  // namespace
