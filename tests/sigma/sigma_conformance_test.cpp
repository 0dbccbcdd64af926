// Sigma conformance: one test per case file under tests/data/sigma/ (the
// `correlation` and `regression` folders excepted: they have their own
// runners, correlation_cases_test.cpp and the corpus regression test).
//
// A case file holds rules (one YAML text, any number of documents), optional
// placeholder values, events (YAML maps, turned into JSON and then into
// Events by event_from_json), and what must happen: `expect` lists every
// rule that hits with the 0-based indexes of the events it hits (a rule not
// listed must hit nothing), `load_errors` the rules that must fail to load
// with a substring of the reason (case-insensitive; without `rule`, any
// failure, e.g. for malformed YAML). The format is described in
// tests/data/sigma/README.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "test_files.h"
#include "trinity/event/event_json.h"
#include "trinity/sigma/engine.h"
#include "trinity/sigma/rule.h"

namespace trinity::sigma {
namespace {

namespace fs = std::filesystem;

// [SECTION] Case discovery ---------------------------------------------------

struct CaseFile {
    fs::path path;
    std::string relative;  // "modifiers/contains.yml"
};

void PrintTo(const CaseFile& file, std::ostream* os) { *os << file.relative; }

fs::path cases_root() { return test::data_dir() / "sigma"; }

std::vector<CaseFile> case_files() {
    std::vector<CaseFile> out;
    const fs::path root = cases_root();
    for (const fs::path& p : test::files_under(root)) {
        if (p.extension() != ".yml" && p.extension() != ".yaml") continue;
        const fs::path rel = p.lexically_relative(root);
        bool elsewhere = false;
        for (const auto& part : rel)
            if (part == "regression" || part == "correlation") elsewhere = true;
        if (elsewhere) continue;
        out.push_back({p, rel.generic_string()});
    }
    return out;
}

std::string test_name(const ::testing::TestParamInfo<CaseFile>& info) {
    std::string name;
    const std::string& rel = info.param.relative;
    const std::size_t dot = rel.rfind('.');
    for (char c : rel.substr(0, dot)) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return name;
}

// [SECTION] YAML events to JSON ------------------------------------------------

bool is_one_of(const std::string& s, std::initializer_list<const char*> words) {
    for (const char* w : words)
        if (s == w) return true;
    return false;
}

// A plain YAML scalar as JSON: YAML 1.2 core schema (null, booleans, numbers),
// everything else and every quoted scalar a string.
nlohmann::json scalar_json(const YAML::Node& node) {
    const std::string& text = node.Scalar();
    if (node.Tag() == "!") return text;  // quoted
    if (is_one_of(text, {"", "~", "null", "Null", "NULL"})) return nullptr;
    if (is_one_of(text, {"true", "True", "TRUE"})) return true;
    if (is_one_of(text, {"false", "False", "FALSE"})) return false;
    const char* first = text.data();
    const char* last = text.data() + text.size();
    std::int64_t i = 0;
    if (auto r = std::from_chars(first, last, i); r.ec == std::errc() && r.ptr == last) return i;
    const bool looks_real = text.find_first_of(".eE") != std::string::npos &&
                            text.find_first_not_of("0123456789+-.eE") == std::string::npos;
    double d = 0;
    if (auto r = std::from_chars(first, last, d); looks_real && r.ec == std::errc() && r.ptr == last) return d;
    return text;
}

nlohmann::json yaml_to_json(const YAML::Node& node) {
    switch (node.Type()) {
        case YAML::NodeType::Map: {
            nlohmann::json obj = nlohmann::json::object();
            for (const auto& kv : node) obj[kv.first.Scalar()] = yaml_to_json(kv.second);
            return obj;
        }
        case YAML::NodeType::Sequence: {
            nlohmann::json arr = nlohmann::json::array();
            for (const auto& item : node) arr.push_back(yaml_to_json(item));
            return arr;
        }
        case YAML::NodeType::Scalar: return scalar_json(node);
        default: return nullptr;
    }
}

// [SECTION] Helpers ----------------------------------------------------------

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string join(const std::set<std::size_t>& values) {
    std::string out = "[";
    for (std::size_t v : values) out += (out.size() > 1 ? ", " : "") + std::to_string(v);
    return out + "]";
}

std::set<std::size_t> index_set(const YAML::Node& list) {
    std::set<std::size_t> out;
    if (list && list.IsSequence())
        for (const auto& item : list) out.insert(item.as<std::size_t>());
    return out;
}

// RuleSet::link() resolves references between rules (filters, correlations)
// once a whole set is loaded; older RuleSets resolve as they load.
template <class Rules>
void link_if_present(Rules& rules) {
    if constexpr (requires { rules.link(); }) {
        (void)rules.link();
    }
}

// The rule a case names by id, name or title, or npos.
std::size_t find_rule(const RuleSet& rules, const std::string& ref) {
    const std::size_t by_id = rules.find(ref);
    if (by_id != RuleSet::npos) return by_id;
    for (std::size_t i = 0; i < rules.size(); ++i)
        if (rules.info(i).title == ref) return i;
    return RuleSet::npos;
}

std::string describe_rule(const RuleSet& rules, std::size_t index) {
    const RuleInfo& info = rules.info(index);
    return "'" + (info.title.empty() ? info.id : info.title) + "' (" + std::string(to_string(info.kind)) + " #" +
           std::to_string(index) + ")";
}

// Every event index a correlation hit stands for, through chained correlations.
void collect_events(const std::vector<CorrelationHit>& all, std::size_t at, const std::vector<std::size_t>& hit_event,
                    std::set<std::size_t>& out, int depth = 0) {
    if (depth > 64) return;
    for (std::size_t h : all[at].hits)
        if (h < hit_event.size()) out.insert(hit_event[h]);
    for (std::size_t c : all[at].correlations)
        if (c < all.size()) collect_events(all, c, hit_event, out, depth + 1);
}

// [SECTION] The test ---------------------------------------------------------

class SigmaConformance : public ::testing::TestWithParam<CaseFile> {};

TEST_P(SigmaConformance, Case) {
    const CaseFile& file = GetParam();
    YAML::Node doc;
    try {
        doc = YAML::Load(test::read_text(file.path));
    } catch (const YAML::Exception& e) {
        FAIL() << file.relative << ": the case file is not YAML: " << e.what();
    }
    ASSERT_TRUE(doc["rules"] && doc["rules"].IsScalar()) << file.relative << ": `rules` must be one YAML text";

    LoadOptions options;
    if (const YAML::Node ph = doc["placeholders"]) {
        for (const auto& kv : ph) {
            std::vector<std::string>& values = options.placeholders.values[kv.first.Scalar()];
            if (kv.second.IsSequence()) {
                for (const auto& v : kv.second) values.push_back(v.Scalar());
            } else {
                values.push_back(kv.second.Scalar());
            }
        }
    }
    RuleSet rules(std::move(options));
    rules.add_yaml(doc["rules"].Scalar(), file.relative);
    link_if_present(rules);
    const LoadReport& report = rules.report();

    // Load errors: every expected one happens, and nothing else fails.
    std::vector<bool> claimed(report.failures.size(), false);
    for (const auto& want : doc["load_errors"]) {
        const std::string rule = want["rule"] ? want["rule"].Scalar() : std::string();
        const std::string reason = want["reason"] ? lower(want["reason"].Scalar()) : std::string();
        bool found = false;
        for (std::size_t i = 0; i < report.failures.size(); ++i) {
            const LoadFailure& f = report.failures[i];
            if (!rule.empty() && f.id != rule && f.title != rule) continue;
            if (lower(f.reason).find(reason) == std::string::npos) continue;
            claimed[i] = found = true;
        }
        std::string seen;
        for (const LoadFailure& f : report.failures) seen += "\n  " + f.title + " [" + f.id + "]: " + f.reason;
        EXPECT_TRUE(found) << file.relative << ": rule '" << rule << "' should fail to load with a reason containing '"
                           << reason << "'; failures:" << (seen.empty() ? " none" : seen);
        if (!rule.empty()) {
            EXPECT_EQ(find_rule(rules, rule), RuleSet::npos)
                << file.relative << ": rule '" << rule << "' should not have loaded";
        }
    }
    for (std::size_t i = 0; i < report.failures.size(); ++i) {
        const LoadFailure& f = report.failures[i];
        EXPECT_TRUE(claimed[i]) << file.relative << ":" << f.pos.line << ": unexpected load failure of '" << f.title
                                << "' [" << f.id << "]: " << f.reason;
    }

    // Events.
    const YAML::Node events_node = doc["events"];
    std::vector<event::Event> events;
    std::vector<std::string> event_text;
    for (const auto& ev : events_node) {
        const nlohmann::json json = yaml_to_json(ev);
        auto parsed = event::event_from_json(json);
        ASSERT_TRUE(parsed.ok()) << file.relative << ": event " << events.size() << ": " << parsed.error().describe();
        parsed->provenance.record = events.size() + 1;
        event_text.push_back(json.dump());
        events.push_back(std::move(*parsed));
    }

    // Match.
    const Engine engine(rules);
    Matcher matcher(engine);
    std::vector<Hit> hits;
    std::vector<std::size_t> hit_event;  // hits[i] came from events[hit_event[i]]
    for (std::size_t i = 0; i < events.size(); ++i) {
        matcher.match(events[i], hits);
        hit_event.resize(hits.size(), i);
    }
    std::map<std::size_t, std::set<std::size_t>> detected;  // rule -> event indexes
    // Every detection hit counts, also of rules whose hits only feed
    // correlations (Engine::reported() false): the case lists what matched.
    for (std::size_t h = 0; h < hits.size(); ++h) detected[hits[h].rule].insert(hit_event[h]);
    const std::vector<CorrelationHit> correlated = engine.correlate(hits);

    auto show = [&](const std::set<std::size_t>& indexes) {
        std::string out;
        for (std::size_t i : indexes)
            if (i < event_text.size()) out += "\n    event " + std::to_string(i) + ": " + event_text[i];
        return out;
    };
    auto compare = [&](const std::string& what, const std::set<std::size_t>& want, const std::set<std::size_t>& got) {
        if (want == got) return;
        std::set<std::size_t> missing, extra;
        std::set_difference(want.begin(), want.end(), got.begin(), got.end(), std::inserter(missing, missing.end()));
        std::set_difference(got.begin(), got.end(), want.begin(), want.end(), std::inserter(extra, extra.end()));
        ADD_FAILURE() << file.relative << ": " << what << ": expected events " << join(want) << ", got " << join(got)
                      << (missing.empty() ? "" : "\n  missed:" + show(missing))
                      << (extra.empty() ? "" : "\n  hit but should not:" + show(extra));
    };

    // Detection expectations: exactly the listed events, for every rule.
    std::set<std::size_t> listed;
    std::vector<YAML::Node> correlation_expect;
    for (const auto& want : doc["expect"]) {
        const std::string ref = want["rule"] ? want["rule"].Scalar() : std::string();
        const std::size_t rule = find_rule(rules, ref);
        if (rule == RuleSet::npos) {
            ADD_FAILURE() << file.relative << ": `expect` names rule '" << ref << "', which did not load";
            continue;
        }
        listed.insert(rule);
        if (rules.info(rule).kind == RuleKind::correlation) {
            correlation_expect.push_back(want);
            continue;
        }
        compare("rule " + describe_rule(rules, rule), index_set(want["events"]), detected[rule]);
    }
    for (const auto& [rule, got] : detected) {
        if (!listed.count(rule)) compare("rule " + describe_rule(rules, rule) + " (not in expect)", {}, got);
    }

    // [SECTION] correlation expectations
    // `{rule: X, groups: N}`: X produced N correlation hits; `{rule: X,
    // events: [...]}`: the union of the events its hits grouped (through
    // chained correlations). A correlation not listed must not fire.
    std::map<std::size_t, std::vector<std::size_t>> fired;  // correlation rule -> indexes into `correlated`
    for (std::size_t c = 0; c < correlated.size(); ++c) fired[correlated[c].rule].push_back(c);
    for (const YAML::Node& want : correlation_expect) {
        const std::size_t rule = find_rule(rules, want["rule"].Scalar());
        const std::vector<std::size_t>& mine = fired[rule];
        if (want["groups"]) {
            EXPECT_EQ(mine.size(), want["groups"].as<std::size_t>())
                << file.relative << ": correlation " << describe_rule(rules, rule) << ": number of groups";
        }
        if (want["events"]) {
            std::set<std::size_t> got;
            for (std::size_t c : mine) collect_events(correlated, c, hit_event, got);
            compare("correlation " + describe_rule(rules, rule), index_set(want["events"]), got);
        }
    }
    for (const auto& [rule, mine] : fired) {
        if (!listed.count(rule) && !mine.empty())
            ADD_FAILURE() << file.relative << ": correlation " << describe_rule(rules, rule) << " fired " << mine.size()
                          << " time(s) but is not in expect";
    }
}

INSTANTIATE_TEST_SUITE_P(Cases, SigmaConformance, ::testing::ValuesIn(case_files()), test_name);

TEST(SigmaConformanceData, CasesArePresent) {
    const std::size_t n = case_files().size();
    EXPECT_GE(n, 80u) << "expected the conformance cases under " << cases_root();
}

}  // namespace
}  // namespace trinity::sigma
