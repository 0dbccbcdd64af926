#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "trinity/event/event_json.h"

namespace trinity::event {
namespace {

std::vector<std::string> values_of(const Event& e, std::string_view name) {
    std::vector<std::string> out;
    for (const Field& f : e.fields)
        if (f.name == name) out.push_back(f.value);
    return out;
}

TEST(EventJson, FlatStringsKeepTheirNamesAndValues) {
    auto e = event_from_json(R"({"Image": "C:\\Windows\\System32\\cmd.exe", "CommandLine": "cmd /c whoami"})", "t");
    ASSERT_TRUE(e.ok()) << e.error().describe();
    EXPECT_EQ(e->source, "json");
    EXPECT_FALSE(e->time_us.has_value());
    ASSERT_EQ(e->fields.size(), 2u);
    EXPECT_EQ(*e->value("Image"), "C:\\Windows\\System32\\cmd.exe");
    EXPECT_EQ(e->find("CommandLine")->type, FieldType::string);
}

TEST(EventJson, NestedObjectsAreFlattenedWithDots) {
    auto e = event_from_json(R"({"process": {"command_line": "ls", "parent": {"pid": 7}}})", "t");
    ASSERT_TRUE(e.ok()) << e.error().describe();
    EXPECT_EQ(*e->value("process.command_line"), "ls");
    ASSERT_NE(e->find("process.parent.pid"), nullptr);
    EXPECT_EQ(e->find("process.parent.pid")->type, FieldType::integer);
    EXPECT_EQ(e->find("process"), nullptr);
}

TEST(EventJson, ArraysBecomeOneFieldPerItem) {
    auto e = event_from_json(R"({"tags": ["a", "b", 3], "hosts": [{"ip": "10.0.0.1"}, {"ip": "10.0.0.2", "up": true}]})", "t");
    ASSERT_TRUE(e.ok()) << e.error().describe();
    EXPECT_EQ(values_of(*e, "tags"), (std::vector<std::string>{"a", "b", "3"}));
    EXPECT_EQ(values_of(*e, "hosts.ip"), (std::vector<std::string>{"10.0.0.1", "10.0.0.2"}));
    EXPECT_EQ(values_of(*e, "hosts.up"), (std::vector<std::string>{"true"}));
    EXPECT_TRUE(values_of(*e, "tags.0").empty());
}

TEST(EventJson, NumbersKeepTheTextTheSourceWrote) {
    auto e = event_from_json(R"({"i": 1000000, "neg": -42, "big": 18446744073709551615, "r": 1.50, "x": 1e6})", "t");
    ASSERT_TRUE(e.ok()) << e.error().describe();
    EXPECT_EQ(*e->value("i"), "1000000");
    EXPECT_EQ(e->find("i")->type, FieldType::integer);
    EXPECT_EQ(*e->value("neg"), "-42");
    EXPECT_EQ(*e->value("big"), "18446744073709551615");
    EXPECT_EQ(*e->value("r"), "1.50");
    EXPECT_EQ(e->find("r")->type, FieldType::real);
    EXPECT_EQ(*e->value("x"), "1e6");
}

TEST(EventJson, BooleansAndNull) {
    auto e = event_from_json(R"({"yes": true, "no": false, "none": null, "empty": ""})", "t");
    ASSERT_TRUE(e.ok()) << e.error().describe();
    EXPECT_EQ(*e->value("yes"), "true");
    EXPECT_EQ(e->find("no")->type, FieldType::boolean);
    EXPECT_EQ(*e->value("no"), "false");
    ASSERT_NE(e->find("none"), nullptr);
    EXPECT_EQ(e->find("none")->type, FieldType::null);
    EXPECT_EQ(*e->value("none"), "");
    EXPECT_EQ(e->find("empty")->type, FieldType::string);
}

TEST(EventJson, ReservedTimeAndSourceKeys) {
    auto e = event_from_json(R"({"_time": "2024-03-01T12:00:00Z", "_source": "sysmon_linux", "a": 1})", "t");
    ASSERT_TRUE(e.ok()) << e.error().describe();
    EXPECT_EQ(e->source, "sysmon_linux");
    ASSERT_TRUE(e->time_us.has_value());
    EXPECT_EQ(*e->time_us, parse_time("2024-03-01T12:00:00Z").value());
    EXPECT_EQ(e->find("_time"), nullptr);
    EXPECT_EQ(e->find("_source"), nullptr);
    EXPECT_EQ(e->fields.size(), 1u);

    auto epoch = event_from_json(R"({"_time": 1709294400})", "t");
    ASSERT_TRUE(epoch.ok()) << epoch.error().describe();
    EXPECT_EQ(*epoch->time_us, 1709294400LL * 1000000);

    // Only at the top level: a nested _time is an ordinary field.
    auto nested = event_from_json(R"({"a": {"_time": "x"}})", "t");
    ASSERT_TRUE(nested.ok());
    EXPECT_EQ(*nested->value("a._time"), "x");
}

TEST(EventJson, BadReservedValuesAreErrors) {
    EXPECT_FALSE(event_from_json(R"({"_time": "yesterday"})", "t").ok());
    EXPECT_FALSE(event_from_json(R"({"_time": {"a": 1}})", "t").ok());
    EXPECT_FALSE(event_from_json(R"({"_source": 3})", "t").ok());
}

TEST(EventJson, SyntaxErrorsCarryLineAndColumn) {
    auto e = event_from_json("{\"a\": 1,\n  \"b\": ]}", "events.jsonl");
    ASSERT_FALSE(e.ok());
    EXPECT_EQ(e.error().kind, ErrorKind::invalid);
    EXPECT_EQ(e.error().location.source, "events.jsonl");
    ASSERT_TRUE(e.error().location.line.has_value());
    EXPECT_EQ(*e.error().location.line, 2u);
    EXPECT_EQ(*e.error().location.column, 8u);
}

TEST(EventJson, OnlyObjectsAreEvents) {
    EXPECT_FALSE(event_from_json("[1, 2]", "t").ok());
    EXPECT_FALSE(event_from_json("42", "t").ok());
    EXPECT_FALSE(event_from_json("", "t").ok());
    EXPECT_FALSE(event_from_json(R"({"a": 1} {"b": 2})", "t").ok());
    EXPECT_FALSE(event_from_json(nlohmann::json::array({1})).ok());
}

TEST(EventJson, DeepNestingIsRefused) {
    std::string deep;
    for (int i = 0; i < 1000; ++i) deep += "{\"a\":";
    deep += "1";
    for (int i = 0; i < 1000; ++i) deep += "}";
    auto e = event_from_json(deep, "t");
    ASSERT_FALSE(e.ok());
    EXPECT_EQ(e.error().kind, ErrorKind::limit);
}

TEST(EventJson, TreeOverloadAgreesWithText) {
    const char* text = R"({"b": {"c": [1, "x", null]}, "a": 2.5, "_source": "csv", "t": false})";
    auto from_text = event_from_json(text, "t");
    auto from_tree = event_from_json(nlohmann::json::parse(text));
    ASSERT_TRUE(from_text.ok());
    ASSERT_TRUE(from_tree.ok());
    EXPECT_EQ(from_tree->source, "csv");
    EXPECT_EQ(values_of(*from_tree, "b.c"), values_of(*from_text, "b.c"));
    EXPECT_EQ(*from_tree->value("a"), "2.5");
    EXPECT_EQ(from_tree->find("b.c")->type, FieldType::integer);
    EXPECT_EQ(*from_tree->value("t"), "false");
    EXPECT_EQ(from_tree->fields.size(), from_text->fields.size());
}

}  // namespace
}  // namespace trinity::event
