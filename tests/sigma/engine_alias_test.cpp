// Branch aliases rename a rule's field: on Security 4688, the rule's
// ProcessId is the event's NewProcessId and the event's own ProcessId is
// the parent's, so a rule asking for ProcessId never sees the parent's id.
#include <gtest/gtest.h>

#include "trinity/sigma/engine.h"

namespace trinity::sigma {
namespace {

constexpr std::string_view kMap = R"(
logsources:
  - logsource: {product: windows, category: process_creation}
    branches:
      - name: Security EventID 4688
        source: evtx
        where: {Channel: Security, EventID: 4688}
        aliases: {Image: NewProcessName, ProcessId: NewProcessId, ParentProcessId: ProcessId}
)";

std::string rule(std::string_view id, std::string_view selection) {
    return "title: t" + std::string(id) + "\nid: " + std::string(id) +
           "\nlogsource: {product: windows, category: process_creation}\ndetection:\n  sel: " + std::string(selection) +
           "\n  condition: sel\n";
}

TEST(SigmaAliases, RenamedRuleFieldsSeeOnlyTheAliasedEventField) {
    auto map = LogsourceMap::parse(kMap, "map.yaml");
    ASSERT_TRUE(map) << map.error().describe();
    RuleSet rules;
    rules.add_yaml(rule("own-pid", "{ProcessId: '0x64'}"), "a.yml");        // the parent's id: must not match
    rules.add_yaml(rule("new-pid", "{ProcessId: '0xc8'}"), "b.yml");        // NewProcessId
    rules.add_yaml(rule("parent-pid", "{ParentProcessId: '0x64'}"), "c.yml");
    rules.add_yaml(rule("image", "{Image|endswith: '\\cmd.exe'}"), "d.yml");
    rules.link();
    ASSERT_EQ(rules.size(), 4u) << (rules.report().failures.empty() ? "" : rules.report().failures[0].reason);
    EngineOptions options;
    options.logsources = &*map;
    Engine engine(rules, options);
    Matcher matcher(engine);

    event::Event e;
    e.source = "evtx";
    e.add("EventID", "4688", event::FieldType::integer);
    e.add("Channel", "Security");
    e.add("ProcessId", "0x64");
    e.add("NewProcessId", "0xc8");
    e.add("NewProcessName", "C:\\Windows\\System32\\cmd.exe");
    std::vector<Hit> hits;
    matcher.match(e, hits);
    std::vector<std::string> ids;
    for (const Hit& h : hits) ids.push_back(rules.info(h.rule).id);
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(ids, (std::vector<std::string>{"image", "new-pid", "parent-pid"}));
}

}  // namespace
}  // namespace trinity::sigma
