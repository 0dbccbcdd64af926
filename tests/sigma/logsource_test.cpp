#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "test_files.h"
#include "trinity/sigma/engine.h"
#include "trinity/sigma/logsource.h"

namespace trinity::sigma {
namespace {

Logsource ls(std::string category, std::string product, std::string service = {}) {
    Logsource out;
    out.category = std::move(category);
    out.product = std::move(product);
    out.service = std::move(service);
    return out;
}

event::Event evtx_event(std::string channel, std::string event_id) {
    event::Event e;
    e.source = "evtx";
    e.add("Provider_Name", "Some-Provider");
    e.add("EventID", std::move(event_id), event::FieldType::integer);
    e.add("Channel", std::move(channel));
    return e;
}

std::vector<std::string> names(const LogsourceMap& map, const std::vector<std::uint32_t>& branches) {
    std::vector<std::string> out;
    for (std::uint32_t b : branches) {
        out.push_back(map.entry(map.branch(b).entry).describe() + " / " + map.branch(b).description);
    }
    return out;
}

std::vector<std::uint32_t> classify(const LogsourceMap& map, const event::Event& e) {
    std::vector<std::uint32_t> out;
    map.classify(e, out);
    return out;
}

bool has_branch(const LogsourceMap& map, const std::vector<std::uint32_t>& branches, std::string_view description) {
    return std::any_of(branches.begin(), branches.end(),
                       [&](std::uint32_t b) { return map.branch(b).description == description; });
}

TEST(SigmaLogsource, BuiltinMapParses) {
    auto parsed = LogsourceMap::parse(
        test::read_text(std::filesystem::path(TRINITY_TEST_DATA_DIR) / "../../assets/sigma/logsources.yaml"),
        "logsources.yaml");
    ASSERT_TRUE(parsed.ok()) << parsed.error().describe();
    const LogsourceMap& map = LogsourceMap::builtin();
    EXPECT_EQ(map.entry_count(), parsed->entry_count());
    EXPECT_EQ(map.branch_count(), parsed->branch_count());
    EXPECT_GT(map.entry_count(), 80u);
    for (std::uint32_t b = 0; b < map.branch_count(); ++b) EXPECT_LT(map.branch(b).entry, map.entry_count());
}

TEST(SigmaLogsource, ProcessCreationIsSysmonOneOrSecurity4688WithAliases) {
    const LogsourceMap& map = LogsourceMap::builtin();
    const auto sel = map.select(ls("process_creation", "windows"));
    ASSERT_TRUE(sel.mapped);
    ASSERT_EQ(sel.branches.size(), 2u);
    EXPECT_TRUE(std::is_sorted(sel.branches.begin(), sel.branches.end()));
    EXPECT_EQ(map.branch(sel.branches[0]).description, "Sysmon EventID 1");
    const LogsourceBranch& security = map.branch(sel.branches[1]);
    EXPECT_EQ(security.description, "Security EventID 4688");
    auto alias = [&](std::string_view rule_field) -> std::string {
        for (const auto& a : security.aliases) {
            if (a.rule_field == rule_field) return a.event_field;
        }
        return {};
    };
    EXPECT_EQ(alias("Image"), "NewProcessName");
    EXPECT_EQ(alias("ParentImage"), "ParentProcessName");
    EXPECT_EQ(alias("User"), "SubjectUserName");
    EXPECT_TRUE(map.branch(sel.branches[0]).aliases.empty());
}

// Rules write Data for any unnamed <Data> item (Data, Data_2, ...).
TEST(SigmaLogsource, ClassicPowerShellDataMeansEveryUnnamedItem) {
    const LogsourceMap& map = LogsourceMap::builtin();
    const auto sel = map.select(ls("ps_classic_start", "windows"));
    ASSERT_EQ(sel.branches.size(), 1u);
    std::vector<std::string> targets;
    for (const auto& a : map.branch(sel.branches[0]).aliases) {
        if (a.rule_field == "Data") targets.push_back(a.event_field);
    }
    ASSERT_GE(targets.size(), 2u);
    EXPECT_EQ(targets[0], "Data_2");
    EXPECT_EQ(targets[1], "Data_3");
}

// Through the engine: the aliases of the event's branches bind the rule's
// fields (Security 4688's NewProcessName as Image, a later Data item as Data).
TEST(SigmaLogsource, EngineUsesTheBranchAliases) {
    RuleSet rules;
    rules.add_yaml(R"(title: classic
id: 00000000-0000-4000-8000-000000000001
logsource: {product: windows, category: ps_classic_start}
detection:
    selection:
        Data|contains: 'HostName=ConsoleHost'
    condition: selection
---
title: image
id: 00000000-0000-4000-8000-000000000002
logsource: {product: windows, category: process_creation}
detection:
    selection:
        Image|endswith: '\cmd.exe'
    condition: selection
)",
                   "inline.yml");
    rules.link();
    ASSERT_EQ(rules.size(), 2u);
    const Engine engine(rules);
    Matcher matcher(engine);
    std::vector<Hit> hits;

    event::Event classic = evtx_event("Windows PowerShell", "400");
    classic.add("Data", "Available");
    classic.add("Data_2", "None");
    classic.add("Data_3", "NewEngineState=Available\n\tHostName=ConsoleHost\n");
    matcher.match(classic, hits);
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(rules.info(hits[0].rule).title, "classic");

    hits.clear();
    event::Event security = evtx_event("Security", "4688");
    security.add("NewProcessName", "C:\\Windows\\System32\\cmd.exe");
    matcher.match(security, hits);
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(rules.info(hits[0].rule).title, "image");

    hits.clear();
    event::Event other_channel = evtx_event("Application", "4688");  // no alias there
    other_channel.add("NewProcessName", "C:\\Windows\\System32\\cmd.exe");
    matcher.match(other_channel, hits);
    EXPECT_TRUE(hits.empty());
}

TEST(SigmaLogsource, SelectionIsCaseInsensitive) {
    const LogsourceMap& map = LogsourceMap::builtin();
    EXPECT_EQ(map.select(ls("Process_Creation", "WINDOWS")).branches, map.select(ls("process_creation", "windows")).branches);
    EXPECT_TRUE(map.select(ls("", "windows", "Security")).mapped);
}

TEST(SigmaLogsource, ExactEntryWinsOverMoreSpecificOnes) {
    const LogsourceMap& map = LogsourceMap::builtin();
    // product: windows alone is its own entry: every EVTX event.
    const auto windows = map.select(ls("", "windows"));
    ASSERT_TRUE(windows.mapped);
    ASSERT_EQ(windows.branches.size(), 1u);
    EXPECT_EQ(map.branch(windows.branches[0]).description, "any EVTX event");
    // category: process_creation alone has no entry: every entry with that category.
    const auto any_product = map.select(ls("process_creation", ""));
    ASSERT_TRUE(any_product.mapped);
    const auto names_found = names(map, any_product.branches);
    EXPECT_EQ(any_product.branches.size(), 3u) << testing::PrintToString(names_found);
    // registry_event is all three Sysmon registry IDs in one branch.
    EXPECT_EQ(map.select(ls("registry_event", "windows")).branches.size(), 1u);
}

TEST(SigmaLogsource, UnknownLogsourcesAreUnmapped) {
    const LogsourceMap& map = LogsourceMap::builtin();
    EXPECT_FALSE(map.select(ls("process_creation", "macos")).mapped);
    EXPECT_FALSE(map.select(ls("no_such_category", "windows")).mapped);
    EXPECT_FALSE(map.select(ls("webserver", "")).mapped);
    EXPECT_FALSE(map.select(Logsource{}).mapped);
    EXPECT_TRUE(map.select(ls("", "windows", "no-such-service")).branches.empty());
}

TEST(SigmaLogsource, ClassifiesSysmonEventsByChannelAndEventId) {
    const LogsourceMap& map = LogsourceMap::builtin();
    const auto b = classify(map, evtx_event("microsoft-windows-SYSMON/operational", "1"));
    EXPECT_TRUE(std::is_sorted(b.begin(), b.end()));
    EXPECT_EQ(std::adjacent_find(b.begin(), b.end()), b.end());
    EXPECT_TRUE(has_branch(map, b, "Sysmon EventID 1"));
    EXPECT_TRUE(has_branch(map, b, "Sysmon"));
    EXPECT_TRUE(has_branch(map, b, "any EVTX event"));
    EXPECT_FALSE(has_branch(map, b, "Security EventID 4688"));
    EXPECT_EQ(b.size(), 3u) << testing::PrintToString(names(map, b));

    const auto reg = classify(map, evtx_event("Microsoft-Windows-Sysmon/Operational", "13"));
    EXPECT_TRUE(has_branch(map, reg, "Sysmon EventID 12 to 14"));
    EXPECT_TRUE(has_branch(map, reg, "Sysmon EventID 13"));
    EXPECT_FALSE(has_branch(map, reg, "Sysmon EventID 12"));
}

TEST(SigmaLogsource, ClassifiesSecurity4688AsProcessCreation) {
    const LogsourceMap& map = LogsourceMap::builtin();
    const auto b = classify(map, evtx_event("Security", "4688"));
    EXPECT_TRUE(has_branch(map, b, "Security EventID 4688"));
    EXPECT_TRUE(has_branch(map, b, "Security"));
    EXPECT_TRUE(has_branch(map, b, "any EVTX event"));
    EXPECT_EQ(b.size(), 3u) << testing::PrintToString(names(map, b));
    // The same channel and ID from another parser is not an EVTX record.
    event::Event json = evtx_event("Security", "4688");
    json.source = "json";
    EXPECT_TRUE(classify(map, json).empty());
}

TEST(SigmaLogsource, ClassifiesSyslogByProgram) {
    const LogsourceMap& map = LogsourceMap::builtin();
    event::Event e;
    e.source = "syslog";
    e.add("program", "sshd");
    const auto b = classify(map, e);
    EXPECT_TRUE(has_branch(map, b, "sshd"));
    EXPECT_TRUE(has_branch(map, b, "auth.log programs"));
    EXPECT_TRUE(has_branch(map, b, "syslog"));
    EXPECT_TRUE(has_branch(map, b, "any Linux log event"));
    EXPECT_EQ(b.size(), 4u) << testing::PrintToString(names(map, b));
}

TEST(SigmaLogsource, CloudTrailNeedsItsFieldsPresent) {
    const LogsourceMap& map = LogsourceMap::builtin();
    event::Event e;
    e.source = "json";
    e.add("eventSource", "s3.amazonaws.com");
    e.add("eventName", "GetObject");
    EXPECT_TRUE(classify(map, e).empty());
    e.add("eventVersion", "1.08");
    const auto b = classify(map, e);
    ASSERT_EQ(b.size(), 1u);
    EXPECT_EQ(map.entry(map.branch(b[0]).entry).service, "cloudtrail");
    event::Event plain;
    plain.source = "json";
    plain.add("message", "hello");
    EXPECT_TRUE(classify(map, plain).empty());
}

// The decision tree agrees with testing every branch one by one, for an
// event built to satisfy each branch in turn.
TEST(SigmaLogsource, IndexAgreesWithLinearTests) {
    const LogsourceMap& map = LogsourceMap::builtin();
    LogsourceMap linear;  // filled by hand: no index
    linear.entries_ = map.entries_;
    linear.branches_ = map.branches_;
    for (std::uint32_t b = 0; b < map.branch_count(); ++b) {
        event::Event e;
        for (const auto& test : map.branches_[b].tests) {
            std::string value = test.values.empty() ? "x" : test.values.back();
            for (char& c : value) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            if (test.field.empty()) {
                e.source = test.values.front();
            } else {
                e.add(test.field, value);
            }
        }
        const auto indexed = classify(map, e);
        EXPECT_EQ(indexed, classify(linear, e)) << map.branch(b).description;
        EXPECT_TRUE(std::binary_search(indexed.begin(), indexed.end(), b)) << map.branch(b).description;
    }
}

// A map with one windows entry whose only branch is `branch` (a flow map),
// on line 4.
Result<LogsourceMap> parse_branch(std::string_view branch) {
    return LogsourceMap::parse("logsources:\n  - logsource: {product: windows}\n    branches:\n      - " +
                                   std::string(branch) + "\n",
                               "b.yaml");
}

TEST(SigmaLogsource, ParseErrorsCarryLineAndColumn) {
    auto bad_yaml = LogsourceMap::parse("logsources:\n  - logsource: {product: windows\n", "x.yaml");
    ASSERT_FALSE(bad_yaml.ok());
    EXPECT_EQ(bad_yaml.error().location.source, "x.yaml");
    EXPECT_TRUE(bad_yaml.error().location.line.has_value());

    auto good = parse_branch("{name: x, source: evtx, where: {Channel: [a, b]}, present: [c], aliases: {d: e, f: [g, h]}}");
    ASSERT_TRUE(good.ok()) << good.error().describe();
    ASSERT_EQ(good->branch(0).aliases.size(), 3u);
    EXPECT_EQ(good->branch(0).aliases[2].rule_field, "f");
    EXPECT_EQ(good->branch(0).aliases[2].event_field, "h");
    EXPECT_EQ(good->branches_[0].tests.size(), 3u);
    const std::string_view kBadBranches[] = {
        "{name: x, source: evtx, chanel: Security}",  // unknown key
        "{name: x}",                                    // no test
        "{source: evtx}",                               // no name
        "{name: x, where: {}}",                         // empty where
        "{name: x, where: {Channel: [[a]]}}",           // nested list
        "{name: x, source: evtx, aliases: [a]}",        // aliases not a map
        "[x]",
    };
    for (std::string_view branch : kBadBranches) {
        auto parsed = parse_branch(branch);
        ASSERT_FALSE(parsed.ok()) << branch;
        EXPECT_EQ(parsed.error().location.line, 4u) << branch << ": " << parsed.error().describe();
    }
    EXPECT_NE(parse_branch("{name: x, source: evtx, chanel: Security}").error().message.find("chanel"), std::string::npos);

    EXPECT_TRUE(LogsourceMap::parse("logsources: []\n", "e.yaml").ok());
    EXPECT_FALSE(LogsourceMap::parse("[1, 2]\n", "l.yaml").ok());
    EXPECT_FALSE(LogsourceMap::parse("logsources:\n  - logsource: {}\n    branches: [{name: a, source: b}]\n", "k.yaml").ok());
    EXPECT_FALSE(LogsourceMap::parse("logsources:\n  - logsource: {product: x, vendor: y}\n    branches: [{name: a, source: b}]\n", "v.yaml").ok());
    EXPECT_FALSE(LogsourceMap::parse("logsources:\n  - logsource: {product: x}\n", "n.yaml").ok());
    EXPECT_FALSE(LogsourceMap::parse("logsources: []\nlogsource: []\n", "t.yaml").ok());
}

// Every logsource the Windows rules of the corpus use is mapped.
TEST(SigmaLogsource, CorpusWindowsRulesAreMapped) {
    const auto corpus = test::corpus_dir();
    if (!corpus) GTEST_SKIP() << "../shared/corpus is absent";
    const LogsourceMap& map = LogsourceMap::builtin();
    std::set<std::string> unmapped;
    std::size_t rules = 0;
    for (const auto& tree : std::filesystem::directory_iterator(*corpus / "sigma")) {
        if (!tree.is_directory() || !tree.path().filename().string().starts_with("rules")) continue;
        const auto windows = tree.path() / "windows";
        if (!std::filesystem::is_directory(windows)) continue;
        for (const auto& file : std::filesystem::recursive_directory_iterator(windows)) {
            if (file.path().extension() != ".yml") continue;
            try {
                for (const YAML::Node& doc : YAML::LoadAll(test::read_text(file.path()))) {
                    const YAML::Node l = doc["logsource"];
                    if (!l) continue;
                    Logsource source;
                    if (l["category"]) source.category = l["category"].as<std::string>();
                    if (l["product"]) source.product = l["product"].as<std::string>();
                    if (l["service"]) source.service = l["service"].as<std::string>();
                    ++rules;
                    if (map.select(source).branches.empty()) unmapped.insert(source.describe());
                }
            } catch (const YAML::Exception&) {
                // the rule loader's tests cover broken files
            }
        }
    }
    EXPECT_GT(rules, 2000u);
    EXPECT_TRUE(unmapped.empty()) << testing::PrintToString(unmapped);
}

}  // namespace
}  // namespace trinity::sigma
