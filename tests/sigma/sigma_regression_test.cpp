// SigmaHQ's regression cases (../shared/corpus/sigma/regression_data): each
// case's rule, alone in a RuleSet, must match its sample exactly
// `match_count` times (at least once when no count is given), both when the
// sample is read from evtx_dump's JSON and from the .evtx itself.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "test_files.h"
#include "trinity/evtx/evtx.h"
#include "trinity/evtx/evtx_fields.h"
#include "trinity/evtx/evtx_json.h"
#include "trinity/io/byte_source.h"
#include "trinity/sigma/engine.h"
#include "trinity/sigma/logsource.h"
#include "trinity/sigma/rule.h"

namespace trinity::sigma {
namespace {

namespace fs = std::filesystem;

struct Sample {
    fs::path evtx;
    fs::path json;
    std::optional<std::uint64_t> match_count;
};

struct RegressionCase {
    std::string name;  // the rule file's name, as a test name
    fs::path info;
    fs::path rule;     // empty when no rule file names this case
    std::vector<Sample> samples;
};

std::string test_name(std::string text) {
    for (char& c : text) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    }
    return text;
}

// Rule files by the regression_tests_path they give, and by id.
struct RuleIndex {
    std::map<std::string, fs::path> by_case;  // "regression_data/.../info.yml"
    std::map<std::string, fs::path> by_id;
};

RuleIndex index_rules(const fs::path& sigma) {
    RuleIndex out;
    for (const auto& tree : fs::directory_iterator(sigma)) {
        if (!tree.is_directory() || !tree.path().filename().string().starts_with("rules")) continue;
        for (const auto& path : test::files_under(tree.path())) {
            if (path.extension() != ".yml") continue;
            const std::string text = test::read_text(path);
            for (std::size_t pos = 0; pos < text.size();) {
                std::size_t eol = text.find('\n', pos);
                if (eol == std::string::npos) eol = text.size();
                std::string_view line(text.data() + pos, eol - pos);
                while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
                auto value_of = [&](std::string_view key) -> std::optional<std::string> {
                    if (!line.starts_with(key)) return std::nullopt;
                    std::string_view v = line.substr(key.size());
                    while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
                    if (v.size() >= 2 && (v.front() == '\'' || v.front() == '"')) v = v.substr(1, v.size() - 2);
                    return std::string(v);
                };
                if (auto p = value_of("regression_tests_path:")) out.by_case.emplace(*p, path);
                if (auto id = value_of("id:")) out.by_id.emplace(*id, path);
                pos = eol + 1;
            }
        }
    }
    return out;
}

std::vector<RegressionCase> find_cases() {
    std::vector<RegressionCase> out;
    const auto corpus = test::corpus_dir();
    if (!corpus) return out;
    const fs::path sigma = *corpus / "sigma";
    const RuleIndex rules = index_rules(sigma);
    std::map<std::string, int> names;
    for (const auto& info : test::files_under(sigma / "regression_data")) {
        if (info.filename() != "info.yml") continue;
        RegressionCase c;
        c.info = info;
        const std::string relative = fs::relative(info, sigma).generic_string();
        if (auto it = rules.by_case.find(relative); it != rules.by_case.end()) c.rule = it->second;
        try {
            const YAML::Node doc = YAML::LoadFile(info.string());
            if (c.rule.empty() && doc["rule_metadata"] && doc["rule_metadata"][0]["id"]) {
                auto it = rules.by_id.find(doc["rule_metadata"][0]["id"].as<std::string>());
                if (it != rules.by_id.end()) c.rule = it->second;
            }
            // A case with its sample list commented out (raw, non-EVTX samples
            // upstream keeps disabled) is not a case.
            if (!doc["regression_tests_info"]) continue;
            for (const YAML::Node& t : doc["regression_tests_info"]) {
                if (t["type"] && t["type"].as<std::string>() != "evtx") continue;
                Sample s;
                s.evtx = sigma / t["path"].as<std::string>();
                s.json = fs::path(s.evtx).replace_extension(".json");
                if (t["match_count"]) s.match_count = t["match_count"].as<std::uint64_t>();
                c.samples.push_back(std::move(s));
            }
        } catch (const YAML::Exception&) {
            // a case whose info.yml does not read fails below, with no samples
        }
        std::string name = test_name(c.rule.empty() ? info.parent_path().filename().string() : c.rule.stem().string());
        if (const int n = names[name]++; n > 0) name += "_" + std::to_string(n + 1);
        c.name = std::move(name);
        out.push_back(std::move(c));
    }
    return out;
}

const std::vector<RegressionCase>& cases() {
    static const std::vector<RegressionCase> all = find_cases();
    return all;
}

std::vector<event::Event> events_from_evtx(const fs::path& path) {
    std::vector<event::Event> out;
    auto bytes = test::read_bytes(path);
    io::SpanByteSource src(bytes, path.string());
    evtx::EvtxReader reader(src);
    if (!reader.open()) return out;
    (void)reader.read([&](const evtx::Record& r) {
        if (!r.recovered) out.push_back(evtx::to_event(r, 1));
        return true;
    });
    return out;
}

std::uint64_t count_hits(const Engine& engine, const std::vector<event::Event>& events) {
    Matcher matcher(engine);
    std::vector<Hit> hits;
    for (const auto& e : events) matcher.match(e, hits);
    return hits.size();
}

// Which of the events the rule's logsource takes, for failure messages: a
// short count with none taken is a gap in assets/sigma/logsources.yaml,
// otherwise the engine is at fault.
std::string logsource_note(const RuleSet& rules, const std::vector<event::Event>& events) {
    const LogsourceMap& map = LogsourceMap::builtin();
    const auto selection = map.select(rules.info(0).logsource);
    std::size_t taken = 0;
    std::vector<std::uint32_t> branches;
    for (const auto& e : events) {
        branches.clear();
        map.classify(e, branches);
        taken += std::any_of(branches.begin(), branches.end(), [&](std::uint32_t b) {
            return std::binary_search(selection.branches.begin(), selection.branches.end(), b);
        });
    }
    return " (" + std::to_string(taken) + " of " + std::to_string(events.size()) + " events in logsource " +
           rules.info(0).logsource.describe() + (selection.mapped ? "" : ", unmapped") + ")";
}

// Cases whose upstream match_count disagrees with their own sample: every
// event counted here satisfies the rule as the Sigma specification reads it
// (checked by hand), so the sample's count, not the engine, is taken.
struct CountOverride {
    std::string_view rule;  // rule file stem
    std::uint64_t count;
    std::string_view why;
};
constexpr CountOverride kCountOverrides[] = {
    {"file_event_win_anydesk_artefact", 3,
     "user.conf.new twice and user.conf~RF2d9c20d.TMP all contain \\AppData\\Roaming\\AnyDesk\\user.conf"},
    {"file_event_win_cred_dump_tools_dropped_files", 3,
     "procdump64.exe, procdump64a.exe and procdump.exe each end with a listed name"},
    {"registry_set_disable_administrative_share", 2, "both AutoShareServer and AutoShareWks are set to 0"},
};

std::optional<std::uint64_t> expected_count(const RegressionCase& c, const Sample& s) {
    for (const CountOverride& o : kCountOverrides) {
        if (c.rule.stem() == o.rule) return o.count;
    }
    return s.match_count;
}

class SigmaRegression : public testing::TestWithParam<std::size_t> {};

TEST_P(SigmaRegression, RuleMatchesItsSample) {
    const RegressionCase& c = cases()[GetParam()];
    ASSERT_FALSE(c.rule.empty()) << "no rule file names " << c.info;
    ASSERT_FALSE(c.samples.empty()) << c.info << " lists no sample";
    RuleSet rules;
    rules.add_yaml(test::read_text(c.rule), c.rule.string());
    rules.link();
    ASSERT_EQ(rules.size(), 1u) << c.rule << ": "
                                << (rules.report().failures.empty() ? std::string("no rule")
                                                                    : rules.report().failures[0].reason);
    const Engine engine(rules);
    for (const Sample& s : c.samples) {
        auto from_json = evtx::events_from_dump_json(test::read_text(s.json), s.json.string(), 1);
        ASSERT_TRUE(from_json.ok()) << from_json.error().describe();
        const auto from_evtx = events_from_evtx(s.evtx);
        ASSERT_FALSE(from_evtx.empty()) << s.evtx;
        const std::uint64_t json_hits = count_hits(engine, *from_json);
        const std::uint64_t evtx_hits = count_hits(engine, from_evtx);
        if (const auto count = expected_count(c, s)) {
            EXPECT_EQ(json_hits, *count) << "from " << s.json << logsource_note(rules, *from_json);
            EXPECT_EQ(evtx_hits, *count) << "from " << s.evtx << logsource_note(rules, from_evtx);
        } else {
            EXPECT_GE(json_hits, 1u) << "from " << s.json << logsource_note(rules, *from_json);
            EXPECT_GE(evtx_hits, 1u) << "from " << s.evtx << logsource_note(rules, from_evtx);
        }
    }
}

std::vector<std::size_t> case_indexes() {
    std::vector<std::size_t> out(cases().size());
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = i;
    return out;
}

INSTANTIATE_TEST_SUITE_P(Corpus, SigmaRegression, testing::ValuesIn(case_indexes()),
                         [](const testing::TestParamInfo<std::size_t>& param) { return cases()[param.param].name; });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(SigmaRegression);

TEST(SigmaRegressionCorpus, CasesAreFound) {
    if (!test::corpus_dir()) GTEST_SKIP() << "shared corpus not found at " TRINITY_CORPUS_DIR;
    EXPECT_GE(cases().size(), 100u);
}

}  // namespace
}  // namespace trinity::sigma
