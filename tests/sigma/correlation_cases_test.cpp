// Correlation conformance cases: every tests/data/sigma/correlation/*.yml
// loads its rules, matches its events with the engine, runs the
// correlations and compares with `expect:` (detection hits) and
// `correlations:` (every correlation that fires, the events it grouped and
// how many hits it gave; correlations not listed must not fire). Optional
// `unreported:` lists the detection rules Engine::reported() refuses
// (`generate`); when it is there, every other detection rule must be
// reported.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "test_files.h"
#include "trinity/event/event.h"
#include "trinity/sigma/engine.h"
#include "trinity/sigma/rule.h"

namespace trinity::sigma {
namespace {

std::filesystem::path cases_dir() { return test::data_dir() / "sigma" / "correlation"; }

std::vector<std::string> case_names() {
    std::vector<std::string> out;
    for (const auto& path : test::files_under(cases_dir())) {
        if (path.extension() == ".yml") out.push_back(path.stem().string());
    }
    return out;
}

// A case's event (a YAML map) as an Event: nested maps become dotted names,
// lists repeat the field, `_time` is the event's time.
void add_fields(event::Event& out, const std::string& name, const YAML::Node& node) {
    if (node.IsMap()) {
        for (auto it = node.begin(); it != node.end(); ++it) {
            const std::string key = it->first.Scalar();
            add_fields(out, name.empty() ? key : name + "." + key, it->second);
        }
    } else if (node.IsSequence()) {
        for (const auto& item : node) add_fields(out, name, item);
    } else if (node.IsNull()) {
        out.add(name, "", event::FieldType::null);
    } else if (name == "_time") {
        out.time_us = event::parse_time(node.Scalar());
    } else {
        const std::string& text = node.Scalar();
        event::FieldType type = event::FieldType::string;
        if (node.Tag() != "!") {  // plain scalars only: quoted text stays a string
            if (!text.empty() && text.find_first_not_of("-0123456789") == std::string::npos) {
                type = event::FieldType::integer;
            } else if (text == "true" || text == "false") {
                type = event::FieldType::boolean;
            }
        }
        out.add(name, text, type);
    }
}

// The RuleSet index of the rule a case names by id, name or title.
std::size_t find_rule(const RuleSet& rules, const std::string& ref) {
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const RuleInfo& info = rules.info(i);
        if (info.id == ref || info.name == ref || info.title == ref) return i;
    }
    return RuleSet::npos;
}

std::set<std::size_t> index_set(const YAML::Node& list) {
    std::set<std::size_t> out;
    for (const auto& item : list) out.insert(item.as<std::size_t>());
    return out;
}

std::string describe(const std::set<std::size_t>& events) {
    std::string out = "[";
    for (const std::size_t e : events) out += (out.size() > 1 ? ", " : "") + std::to_string(e);
    return out + "]";
}

class CorrelationCase : public testing::TestWithParam<std::string> {};

TEST_P(CorrelationCase, Matches) {
    const std::filesystem::path path = cases_dir() / (GetParam() + ".yml");
    YAML::Node doc;
    try {
        doc = YAML::LoadFile(path.string());
    } catch (const YAML::Exception& e) {
        FAIL() << path << ": " << e.what();
    }

    RuleSet rules;
    rules.add_yaml(doc["rules"].as<std::string>(), path.filename().string());
    for (const auto& failure : rules.report().failures) {
        ADD_FAILURE() << failure.pos.file << ":" << failure.pos.line << ": " << failure.reason;
    }

    const Engine engine(rules);
    Matcher matcher(engine);
    std::vector<Hit> hits;
    std::vector<std::size_t> hit_event;  // hits[i] came from events[hit_event[i]]
    std::size_t event_count = 0;
    for (const auto& node : doc["events"]) {
        event::Event ev;
        ev.source = "json";
        add_fields(ev, "", node);
        matcher.match(ev, hits);
        hit_event.resize(hits.size(), event_count);
        ++event_count;
    }

    // Detection hits.
    std::map<std::size_t, std::set<std::size_t>> detected;
    for (std::size_t h = 0; h < hits.size(); ++h) detected[hits[h].rule].insert(hit_event[h]);
    std::set<std::size_t> expected_rules;
    for (const auto& item : doc["expect"]) {
        const std::string ref = item["rule"].as<std::string>();
        const std::size_t rule = find_rule(rules, ref);
        ASSERT_NE(rule, RuleSet::npos) << "expect names an unknown rule: " << ref;
        expected_rules.insert(rule);
        EXPECT_EQ(describe(detected[rule]), describe(index_set(item["events"]))) << "detection rule " << ref;
    }
    for (const auto& [rule, events] : detected) {
        if (!expected_rules.count(rule) && !events.empty()) {
            ADD_FAILURE() << "rule " << rules.info(rule).title << " hit events " << describe(events)
                          << " but the case expects nothing from it";
        }
    }

    // generate: which detection rules are reported on their own.
    std::set<std::size_t> unreported;
    for (const auto& item : doc["unreported"]) {
        const std::size_t rule = find_rule(rules, item.as<std::string>());
        ASSERT_NE(rule, RuleSet::npos) << "unreported names an unknown rule: " << item.as<std::string>();
        unreported.insert(rule);
    }
    for (std::size_t i = 0; doc["unreported"] && i < rules.size(); ++i) {
        if (rules.info(i).kind != RuleKind::detection) continue;
        EXPECT_EQ(engine.reported(static_cast<std::uint32_t>(i)), !unreported.count(i))
            << "reported(" << rules.info(i).title << ")";
    }

    // Correlation hits.
    const std::vector<CorrelationHit> fired = engine.correlate(hits);
    std::map<std::size_t, std::pair<std::set<std::size_t>, std::size_t>> grouped;  // events, hit count
    for (const auto& hit : fired) {
        auto& [events, count] = grouped[hit.rule];
        ++count;
        for (const std::size_t h : hit.hits) events.insert(hit_event.at(h));
    }
    std::set<std::size_t> expected_correlations;
    for (const auto& item : doc["correlations"]) {
        const std::string ref = item["rule"].as<std::string>();
        const std::size_t rule = find_rule(rules, ref);
        ASSERT_NE(rule, RuleSet::npos) << "correlations names an unknown rule: " << ref;
        expected_correlations.insert(rule);
        const auto& [events, count] = grouped[rule];
        EXPECT_EQ(describe(events), describe(index_set(item["events"]))) << "correlation " << ref;
        if (item["count"]) {
            EXPECT_EQ(count, item["count"].as<std::size_t>()) << "correlation " << ref;
        }
    }
    for (const auto& [rule, result] : grouped) {
        if (!expected_correlations.count(rule) && result.second != 0) {
            ADD_FAILURE() << "correlation " << rules.info(rule).title << " fired " << result.second
                          << " time(s) over events " << describe(result.first) << " but the case lists none";
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Files, CorrelationCase, testing::ValuesIn(case_names()),
                         [](const testing::TestParamInfo<std::string>& param) { return param.param; });

}  // namespace
}  // namespace trinity::sigma
