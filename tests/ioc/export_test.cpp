// Exports: CSV quoting (RFC 4180), JSON, the STIX 2.1 bundle's shape and
// deterministic ids, defanged text.
#include <gtest/gtest.h>
#include <re2/re2.h>

#include <nlohmann/json.hpp>

#include "trinity/ioc/collect.h"
#include "trinity/ioc/export.h"

namespace {

using namespace trinity::ioc;

// Known answers: Python's uuid.uuid5(UUID('6b1f3c52-9e0a-4d8e-a157-2c44d06e931b'), name).
constexpr std::string_view kUuidIpv4 = "dc53a6d4-5092-5c2f-8260-f1cae66e9077";  // "ipv4:1.2.3.4"
constexpr std::string_view kUuidCve = "1eb9406d-52fa-5c2e-b7df-5e75c0d96425";   // "cve:CVE-2021-44228"
constexpr std::int64_t kCreated = 1700000000123456;  // 2023-11-14T22:13:20.123456Z

IndicatorSet sample() {
    IndicatorSet set;
    set.add({IndicatorType::ipv4, "1.2.3.4"}, Sighting{"a.log", "", 0, 3, "", {}});
    set.add({IndicatorType::ipv4, "1.2.3.4"}, Sighting{"a.log", "", 0, 9, "", {}});
    set.add({IndicatorType::windows_path, "C:\\a, \"b\"\\x.exe"}, Sighting{"s.evtx", "", 7, 0, "Image", 1700000000000000});
    set.add({IndicatorType::cve, "CVE-2021-44228"}, Sighting{"a.log", "", 0, 4, "", {}});
    set.add({IndicatorType::url, "http://evil.com/x'y"}, Sighting{"a.log", "", 0, 5, "", {}});
    return set;
}

TEST(Export, Uuid5KnownAnswers) {
    EXPECT_EQ(uuid5("ipv4:1.2.3.4"), kUuidIpv4);
    EXPECT_EQ(uuid5("cve:CVE-2021-44228"), kUuidCve);
}

TEST(Export, CsvQuoting) {
    const std::string csv = to_csv(sample());
    EXPECT_EQ(csv.substr(0, csv.find("\r\n")), "type,value,count,class,first_seen,last_seen,evidence,record,line,field");
    EXPECT_NE(csv.find("\r\nipv4,1.2.3.4,2,public,,,a.log,,3,\r\n"), std::string::npos);
    // Commas and quotes: quoted, quotes doubled.
    EXPECT_NE(csv.find("windows-path,\"C:\\a, \"\"b\"\"\\x.exe\",1,,2023-11-14T22:13:20Z,2023-11-14T22:13:20Z,s.evtx,7,,Image\r\n"),
              std::string::npos)
        << csv;
    std::vector<ExtraColumn> extra = {{"verdict", [](const IndicatorEntry&) { return std::string("unknown"); }}};
    EXPECT_NE(to_csv(sample(), extra).find(",field,verdict\r\n"), std::string::npos);
}

TEST(Export, Json) {
    const auto doc = nlohmann::json::parse(to_json(sample()));
    ASSERT_EQ(doc["indicators"].size(), 4u);
    const auto& ip = doc["indicators"][0];
    EXPECT_EQ(ip["type"], "ipv4");
    EXPECT_EQ(ip["count"], 2);
    EXPECT_EQ(ip["class"], "public");
    ASSERT_EQ(ip["sightings"].size(), 2u);
    EXPECT_EQ(ip["sightings"][1]["line"], 9);
    EXPECT_EQ(doc["allowlisted"], 0);
}

TEST(Export, StixPatterns) {
    EXPECT_EQ(stix_pattern({IndicatorType::ipv4, "1.2.3.4"}), "[ipv4-addr:value = '1.2.3.4']");
    EXPECT_EQ(stix_pattern({IndicatorType::sha256, "ab"}), "[file:hashes.'SHA-256' = 'ab']");
    EXPECT_EQ(stix_pattern({IndicatorType::url, "http://x.com/a'b\\c"}), "[url:value = 'http://x.com/a\\'b\\\\c']");
    EXPECT_EQ(stix_pattern({IndicatorType::windows_path, "C:\\Temp\\x.exe"}),
              "[file:name = 'x.exe' AND file:parent_directory_ref.path = 'C:\\\\Temp']");
    // The hive written out, as STIX 2.1 requires.
    EXPECT_EQ(stix_pattern({IndicatorType::registry_key, "HKLM\\Run"}),
              "[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\Run']");
    EXPECT_EQ(stix_pattern({IndicatorType::registry_key, "\\REGISTRY\\USER\\S-1-5-18"}),
              "[windows-registry-key:key = 'HKEY_USERS\\\\S-1-5-18']");
    EXPECT_EQ(stix_pattern({IndicatorType::registry_key, "HKEY_CURRENT_USER\\x"}),
              "[windows-registry-key:key = 'HKEY_CURRENT_USER\\\\x']");
    EXPECT_FALSE(stix_pattern({IndicatorType::cve, "CVE-2021-44228"}));
}

TEST(Export, StixBundleShape) {
    const std::string text = to_stix(sample(), StixOptions{kCreated, "Trinity", {}});
    EXPECT_EQ(text, to_stix(sample(), StixOptions{kCreated, "Trinity", {}}));  // reproducible
    const auto bundle = nlohmann::json::parse(text);
    EXPECT_EQ(bundle["type"], "bundle");
    EXPECT_FALSE(bundle.contains("spec_version"));  // bundles have none in 2.1
    // RE2 rather than std::regex: GCC 12 warns inside <regex> under -O2 + ASan.
    const RE2 uuid_re("[a-z-]+--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    const RE2 time_re("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    EXPECT_TRUE(RE2::FullMatch(bundle["id"].get<std::string>(), uuid_re));
    const auto& objects = bundle["objects"];
    ASSERT_EQ(objects.size(), 5u);  // identity + 3 indicators + 1 vulnerability
    EXPECT_EQ(objects[0]["type"], "identity");
    const std::string identity = objects[0]["id"];
    int indicators = 0, vulnerabilities = 0;
    for (const auto& o : objects) {
        const std::string type = o["type"];
        const std::string id = o["id"];
        EXPECT_EQ(o["spec_version"], "2.1");
        EXPECT_EQ(id.substr(0, type.size() + 2), type + "--");
        EXPECT_TRUE(RE2::FullMatch(id, uuid_re)) << id;
        EXPECT_EQ(o["created"], "2023-11-14T22:13:20.123Z");
        EXPECT_TRUE(RE2::FullMatch(o["modified"].get<std::string>(), time_re));
        if (type == "identity") continue;
        EXPECT_EQ(o["created_by_ref"], identity);
        if (type == "indicator") {
            ++indicators;
            EXPECT_EQ(o["pattern_type"], "stix");
            EXPECT_EQ(o["pattern_version"], "2.1");
            EXPECT_TRUE(RE2::FullMatch(o["valid_from"].get<std::string>(), time_re));
            const std::string pattern = o["pattern"];
            EXPECT_EQ(pattern.front(), '[');
            EXPECT_EQ(pattern.back(), ']');
        } else {
            ++vulnerabilities;
            EXPECT_EQ(type, "vulnerability");
            EXPECT_EQ(o["external_references"][0]["source_name"], "cve");
            EXPECT_EQ(o["external_references"][0]["external_id"], "CVE-2021-44228");
            EXPECT_EQ(id, "vulnerability--" + std::string(kUuidCve));
        }
    }
    EXPECT_EQ(indicators, 3);
    EXPECT_EQ(vulnerabilities, 1);
    EXPECT_EQ(objects[1]["id"], "indicator--" + std::string(kUuidIpv4));
    // valid_from is the first sighting's time when the record had one.
    EXPECT_EQ(objects[3]["valid_from"], "2023-11-14T22:13:20.000Z");
}

TEST(Export, StixIndicatorTypesFromTheCaller) {
    StixOptions options{kCreated, "Trinity", {}};
    options.indicator_types = [](const IndicatorEntry& e) {
        return std::vector<std::string>{e.indicator.type == IndicatorType::url ? "malicious-activity" : "unknown"};
    };
    const auto bundle = nlohmann::json::parse(to_stix(sample(), options));
    EXPECT_EQ(bundle["objects"][1]["indicator_types"][0], "unknown");             // ipv4
    EXPECT_EQ(bundle["objects"][2]["indicator_types"][0], "malicious-activity");  // url
}

TEST(Export, DefangedText) {
    EXPECT_EQ(to_defanged_text(sample()), "1[.]2[.]3[.]4\nhxxp://evil[.]com/x'y\nC:\\a, \"b\"\\x.exe\nCVE-2021-44228\n");
}

TEST(Export, StixTime) {
    EXPECT_EQ(stix_time(0), "1970-01-01T00:00:00.000Z");
    EXPECT_EQ(stix_time(1700000000123456), "2023-11-14T22:13:20.123Z");
}

}  // namespace
