// FeedFormat names and the one-line summary of a FeedReport.
#include "trinity/intel/feed.h"

namespace trinity::intel {

std::string_view to_string(FeedFormat format) {
    switch (format) {
        case FeedFormat::csv: return "csv";
        case FeedFormat::stix: return "stix";
        case FeedFormat::misp_event: return "misp-event";
        case FeedFormat::misp_manifest: return "misp-manifest";
        case FeedFormat::virustotal: return "virustotal";
    }
    return "unknown";
}

std::size_t FeedReport::skipped_total() const {
    std::size_t total = 0;
    for (const auto& [reason, count] : skipped) total += count;
    return total;
}

std::string FeedReport::summary() const {
    std::string out = name + ": " + std::string(to_string(format)) + ", ";
    if (format == FeedFormat::misp_manifest) {
        out += std::to_string(listed_files.size()) + " events listed";
    } else {
        out += std::to_string(indicators) + " indicators from " + std::to_string(entries) + " entries";
    }
    out += ", " + std::to_string(rejected) + " rejected, " + std::to_string(skipped_total()) + " skipped";
    return out;
}

}  // namespace trinity::intel
