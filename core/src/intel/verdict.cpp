// Verdict names and their combination (the worst wins).
#include "trinity/intel/verdict.h"

#include <algorithm>

#include "text_fold.h"

namespace trinity::intel {
std::string_view to_string(Verdict verdict) {
    switch (verdict) {
        case Verdict::unknown: return "unknown";
        case Verdict::clean: return "clean";
        case Verdict::suspicious: return "suspicious";
        case Verdict::malicious: return "malicious";
    }
    return "unknown";
}

std::optional<Verdict> parse_verdict(std::string_view text) {
    struct Alias {
        std::string_view name;
        Verdict verdict;
    };
    static constexpr Alias kAliases[] = {
        {"malicious", Verdict::malicious}, {"malware", Verdict::malicious}, {"bad", Verdict::malicious},
        {"block", Verdict::malicious},     {"blocklist", Verdict::malicious}, {"blacklist", Verdict::malicious},
        {"high", Verdict::malicious},      {"suspicious", Verdict::suspicious}, {"medium", Verdict::suspicious},
        {"low", Verdict::suspicious},      {"grey", Verdict::suspicious},   {"gray", Verdict::suspicious},
        {"clean", Verdict::clean},         {"benign", Verdict::clean},      {"good", Verdict::clean},
        {"harmless", Verdict::clean},      {"allow", Verdict::clean},       {"allowlist", Verdict::clean},
        {"whitelist", Verdict::clean},     {"unknown", Verdict::unknown},   {"undetected", Verdict::unknown},
    };
    const std::string name = detail::lowered(detail::trimmed(text));
    for (const Alias& alias : kAliases)
        if (name == alias.name) return alias.verdict;
    return std::nullopt;
}

Verdict worst(Verdict a, Verdict b) { return std::max(a, b); }

}  // namespace trinity::intel
