// Threat-intel feed files: their formats, how they are recognised, and the
// report each load produces.
//
// Formats (docs/threat-intel.md has the details and what each skips):
//   csv            value[,type,verdict,tags,description,source] rows, or
//                  value-only lines with the type inferred from the value
//   stix           a STIX 2.1 bundle (indicator objects with STIX patterns)
//   misp_event     a MISP event JSON ({"Event": {...}})
//   misp_manifest  a MISP feed folder's manifest.json (an index of events:
//                  the caller adds each <uuid>.json it lists)
//   virustotal     a saved VirusTotal v3 object response (file, IP, domain, URL)
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "trinity/result.h"

namespace trinity::intel {

enum class FeedFormat { csv, stix, misp_event, misp_manifest, virustotal };

// "csv", "stix", "misp-event", "misp-manifest", "virustotal".
std::string_view to_string(FeedFormat format);

// Recognises a feed by its content (a head of the file is enough; 4 KiB is
// plenty): JSON by its keys, text as CSV. nullopt for binary or JSON of no
// known shape.
std::optional<FeedFormat> detect_feed(std::span<const std::byte> head);

// What loading one feed file did. Nothing is dropped silently: every entry
// is loaded, rejected (bad: counted, and listed in `problems` with its
// line or byte offset) or skipped (well-formed but not an indicator Trinity
// matches, or revoked/expired: counted by reason).
struct FeedReport {
    std::string name;
    FeedFormat format = FeedFormat::csv;
    std::size_t entries = 0;     // records read: CSV rows, STIX objects, MISP attributes
    std::size_t indicators = 0;  // indicator values loaded (a STIX pattern may give several)
    std::size_t rejected = 0;
    std::vector<Error> problems;  // the first kMaxProblems rejections and warnings
    std::size_t problems_dropped = 0;  // problems beyond the first kMaxProblems
    std::map<std::string, std::size_t> skipped;  // reason → count
    // misp_manifest only: the event files the manifest lists ("<uuid>.json"),
    // for the caller to read and add one by one.
    std::vector<std::string> listed_files;

    static constexpr std::size_t kMaxProblems = 100;

    std::size_t skipped_total() const;
    // One line: "feed.csv: csv, 120 indicators, 2 rejected, 3 skipped".
    std::string summary() const;
};

}  // namespace trinity::intel
