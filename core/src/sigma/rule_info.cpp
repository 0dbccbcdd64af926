#include <cctype>

#include "trinity/sigma/rule.h"

namespace trinity::sigma {

std::string_view to_string(Level level) {
    switch (level) {
        case Level::informational: return "informational";
        case Level::low: return "low";
        case Level::medium: return "medium";
        case Level::high: return "high";
        case Level::critical: return "critical";
    }
    return "medium";
}

std::optional<Level> parse_level(std::string_view text) {
    std::string t;
    for (char c : text) t.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (t == "informational" || t == "info") return Level::informational;
    if (t == "low") return Level::low;
    if (t == "medium") return Level::medium;
    if (t == "high") return Level::high;
    if (t == "critical") return Level::critical;
    return std::nullopt;
}

std::string_view to_string(RuleKind kind) {
    switch (kind) {
        case RuleKind::detection: return "detection";
        case RuleKind::correlation: return "correlation";
        case RuleKind::filter: return "filter";
    }
    return "detection";
}

std::string Logsource::describe() const {
    std::string out;
    for (const std::string* part : {&product, &service, &category}) {
        if (part->empty()) continue;
        if (!out.empty()) out += '/';
        out += *part;
    }
    return out.empty() ? "(any)" : out;
}

namespace {

// ATT&CK tags: attack.t1059.001 (technique), attack.execution (tactic),
// attack.g0016 / attack.s0002 (groups, software) are neither.
bool technique_tag(std::string_view rest) {
    return rest.size() >= 5 && (rest[0] == 't' || rest[0] == 'T') && std::isdigit(static_cast<unsigned char>(rest[1]));
}

bool group_or_software(std::string_view rest) {
    return rest.size() >= 5 && (rest[0] == 'g' || rest[0] == 's' || rest[0] == 'G' || rest[0] == 'S') &&
           std::isdigit(static_cast<unsigned char>(rest[1]));
}

}  // namespace

std::vector<std::string> RuleInfo::attack_techniques() const {
    std::vector<std::string> out;
    for (const std::string& tag : tags) {
        if (!tag.starts_with("attack.")) continue;
        const std::string_view rest = std::string_view(tag).substr(7);
        if (!technique_tag(rest)) continue;
        std::string technique(rest);
        for (char& c : technique) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        out.push_back(std::move(technique));
    }
    return out;
}

std::vector<std::string> RuleInfo::attack_tactics() const {
    std::vector<std::string> out;
    for (const std::string& tag : tags) {
        if (!tag.starts_with("attack.")) continue;
        const std::string_view rest = std::string_view(tag).substr(7);
        if (rest.empty() || technique_tag(rest) || group_or_software(rest)) continue;
        out.emplace_back(rest);
    }
    return out;
}

}  // namespace trinity::sigma
