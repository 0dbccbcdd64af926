// Verdicts: what the threat-intel feeds say about one indicator.
//
// Every feed that lists an indicator contributes a Sighting (which feed, its
// verdict, tags, a line of detail and, for scored sources such as
// VirusTotal, the engine counts). A Judgement is the combination of all
// sightings: the worst verdict wins (malicious > suspicious > clean >
// unknown) and every sighting is kept, so a front end can show where each
// verdict came from.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trinity::intel {

// Ordered from least to most severe: the combination takes the maximum.
enum class Verdict { unknown, clean, suspicious, malicious };

// "unknown", "clean", "suspicious", "malicious".
std::string_view to_string(Verdict verdict);
// The names above and the spellings feeds use ("bad", "malware", "benign",
// "whitelist", ...). Case-insensitive; nullopt for anything else.
std::optional<Verdict> parse_verdict(std::string_view text);
// The more severe of two verdicts.
Verdict worst(Verdict a, Verdict b);

struct Sighting {
    std::string feed;   // the name the feed was added under (its file name)
    Verdict verdict = Verdict::unknown;
    std::vector<std::string> tags;
    std::string detail;  // "VirusTotal: 12/70 engines", a STIX name, a MISP event's info
    // Engine counts of scored sources (VirusTotal); the VerdictPolicy turns
    // them into a verdict when judging, so changing the rule needs no reload.
    std::optional<int> malicious, suspicious, harmless, undetected;

    bool scored() const { return malicious.has_value(); }
};

struct Judgement {
    Verdict verdict = Verdict::unknown;
    std::vector<Sighting> sightings;  // in the order the feeds were added

    bool known() const { return !sightings.empty(); }
};

}  // namespace trinity::intel
