// Fuzzes the Sigma condition parser and evaluator: the bytes become the
// condition of a fixed rule with the search identifiers sel1, sel2 and
// filter_x (written as a double-quoted YAML scalar, so any bytes stay one
// condition). Whatever parses must evaluate, and when both C and
// "not (C)" load, exactly one of them hits each event.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "trinity/event/event.h"
#include "trinity/sigma/engine.h"
#include "trinity/sigma/rule.h"

namespace {

// A double-quoted YAML scalar holding `text`: quotes and backslashes
// escaped, every byte outside printable ASCII as \xNN.
std::string quoted(std::string_view text) {
    std::string out = "\"";
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += ch;
        } else if (c < 0x20 || c >= 0x7f) {
            char buf[5];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else {
            out += ch;
        }
    }
    return out + "\"";
}

std::string rule_yaml(std::string_view title, const std::string& condition) {
    std::string y = "title: ";
    y += title;
    y +=
        "\nlogsource: {product: trinity_test}\n"
        "detection:\n"
        "  sel1: {A: '1'}\n"
        "  sel2: {B|startswith: x}\n"
        "  filter_x: {C|contains: y}\n"
        "  condition: " +
        condition + "\n";
    return y;
}

// The eight events with every combination of sel1, sel2 and filter_x.
const std::vector<trinity::event::Event>& events() {
    static const std::vector<trinity::event::Event> all = [] {
        std::vector<trinity::event::Event> out;
        for (int bits = 0; bits < 8; ++bits) {
            trinity::event::Event e;
            e.source = "json";
            e.add("A", (bits & 1) ? "1" : "0");
            e.add("B", (bits & 2) ? "xb" : "b");
            e.add("C", (bits & 4) ? "zyz" : "zz");
            out.push_back(std::move(e));
        }
        return out;
    }();
    return all;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view condition(reinterpret_cast<const char*>(data), size);
    const std::string plain = rule_yaml("plain", quoted(condition));
    const std::string negated = rule_yaml("negated", quoted("not (" + std::string(condition) + ")"));
    trinity::sigma::RuleSet rules;
    rules.add_yaml(plain + "---\n" + negated, "condition.yml");
    const trinity::sigma::Engine engine(rules);
    trinity::sigma::Matcher matcher(engine);
    std::size_t plain_index = trinity::sigma::RuleSet::npos, negated_index = trinity::sigma::RuleSet::npos;
    for (std::size_t i = 0; i < rules.size(); ++i) {
        if (rules.info(i).title == "plain") plain_index = i;
        if (rules.info(i).title == "negated") negated_index = i;
    }
    for (const auto& event : events()) {
        std::vector<trinity::sigma::Hit> hits;
        matcher.match(event, hits);
        bool plain_hit = false, negated_hit = false;
        for (const auto& hit : hits) {
            if (hit.rule == plain_index) plain_hit = true;
            if (hit.rule == negated_index) negated_hit = true;
        }
        if (plain_index != trinity::sigma::RuleSet::npos && negated_index != trinity::sigma::RuleSet::npos &&
            plain_hit == negated_hit)
            std::abort();
    }
    return 0;
}
