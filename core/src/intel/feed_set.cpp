// FeedSet: loading feeds by content into one index, and judging
// indicators against it (exact lookups, then the CIDR ranges of the
// address's family, one lookup per prefix length present).
#include "trinity/intel/feed_set.h"

#include <algorithm>
#include <chrono>
#include <exception>

#include "feed_index.h"

namespace trinity::intel {

FeedSet::FeedSet() : FeedSet(FeedOptions{}) {}

FeedSet::FeedSet(FeedOptions options) : options_(options), index_(std::make_unique<Index>()) {
    if (!options_.now) {
        options_.now = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
    }
}

FeedSet::~FeedSet() = default;
FeedSet::FeedSet(FeedSet&&) noexcept = default;
FeedSet& FeedSet::operator=(FeedSet&&) noexcept = default;

Result<FeedReport> FeedSet::add(std::string name, std::span<const std::byte> bytes, std::optional<FeedFormat> format) {
    if (!format) {
        format = detect_feed(bytes.first(std::min<std::size_t>(bytes.size(), 64 * 1024)));
        if (!format) {
            return fail(ErrorKind::unsupported,
                        bytes.empty() ? "empty file: not a threat-intel feed"
                                      : "not a threat-intel feed (CSV, STIX 2.1, MISP event or manifest, VirusTotal v3)",
                        Location::in(name));
        }
    }
    FeedReport report;
    report.name = std::move(name);
    report.format = *format;
    const detail::FeedText text = detail::feed_text(bytes);
    detail::FeedSink sink(*index_, report, *options_.now);
    try {
        Result<void> loaded;
        switch (*format) {
            case FeedFormat::csv: loaded = detail::load_csv(text.text, sink); break;
            case FeedFormat::stix: loaded = detail::load_stix(text.text, sink); break;
            case FeedFormat::misp_event: loaded = detail::load_misp_event(text.text, sink); break;
            case FeedFormat::misp_manifest: loaded = detail::load_misp_manifest(text.text, sink); break;
            case FeedFormat::virustotal: loaded = detail::load_virustotal(text.text, sink); break;
        }
        if (!loaded) return loaded.error();
    } catch (const std::exception& e) {
        // The parsers catch what nlohmann throws; this is memory exhaustion or a bug.
        return fail(ErrorKind::internal, std::string("loading the feed failed: ") + e.what(), Location::in(report.name));
    }
    reports_.push_back(report);
    return report;
}

Judgement FeedSet::judge(const ioc::Indicator& indicator, const VerdictPolicy& policy) const {
    std::vector<std::uint32_t> ids;
    // Indicators from ioc::make_indicator are canonical already; others are made so.
    std::string key(1, static_cast<char>(indicator.type));
    key += ioc::canonicalize(indicator.type, indicator.value).value_or(indicator.value);
    if (const auto it = index_->exact.find(key); it != index_->exact.end()) index_->collect(it->second, ids);
    const bool v4 = indicator.type == ioc::IndicatorType::ipv4;
    if (v4 || indicator.type == ioc::IndicatorType::ipv6) {
        const std::size_t family = v4 ? 0 : 1;
        if (!index_->prefixes[family].empty()) {
            if (const auto ip = detail::parse_ip(std::string_view(key).substr(1), !v4)) {
                for (int prefix : index_->prefixes[family]) {
                    const auto it = index_->ranges[family].find(detail::masked_key(*ip, prefix));
                    if (it != index_->ranges[family].end()) index_->collect(it->second, ids);
                }
            }
        }
    }
    std::sort(ids.begin(), ids.end());  // load order
    Judgement judgement;
    for (std::uint32_t id : ids) {
        Sighting s = index_->sightings[id];
        s.verdict = policy.verdict_of(s);
        judgement.verdict = worst(judgement.verdict, s.verdict);
        judgement.sightings.push_back(std::move(s));
    }
    return judgement;
}

std::size_t FeedSet::size() const {
    return index_->exact.size() + index_->ranges[0].size() + index_->ranges[1].size();
}

const std::vector<FeedReport>& FeedSet::reports() const { return reports_; }

}  // namespace trinity::intel
