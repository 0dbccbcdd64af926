// FeedSet: every loaded threat-intel feed, indexed for O(1) lookups.
//
//   intel::FeedSet feeds;
//   auto report = feeds.add("abuse.csv", bytes);          // by content
//   if (!report) ...report.error().describe()...
//   intel::Judgement j = feeds.judge(indicator, policy);  // worst verdict + every sighting
//
// Values from feeds go through ioc::make_indicator / ioc::canonicalize, so
// they compare equal to extracted indicators. IPv4/IPv6 CIDR ranges from
// feeds match every address inside them (one hash lookup per prefix length
// present in the feeds).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "trinity/intel/feed.h"
#include "trinity/intel/verdict.h"
#include "trinity/intel/verdict_policy.h"
#include "trinity/ioc/indicator.h"
#include "trinity/result.h"

namespace trinity::intel {

struct FeedOptions {
    // "Now" for STIX valid_until, in seconds since 1970 (UTC); nullopt: the
    // system clock when the FeedSet is made. Tests pin it.
    std::optional<std::int64_t> now;
};

class FeedSet {
public:
    FeedSet();
    explicit FeedSet(FeedOptions options);
    ~FeedSet();
    FeedSet(FeedSet&&) noexcept;
    FeedSet& operator=(FeedSet&&) noexcept;

    // Parses one feed file, recognised by content (or in the given format).
    // Bad entries are counted and listed in the report, the rest kept. A
    // file that is not a feed at all (binary, unknown JSON, JSON broken
    // before its first entry) is an Error and loads nothing.
    Result<FeedReport> add(std::string name, std::span<const std::byte> bytes,
                           std::optional<FeedFormat> format = std::nullopt);

    // Every sighting of the indicator across the feeds; the verdict is the
    // worst of them under `policy` (unknown when no feed lists it). Const:
    // once loading is done, threads may judge concurrently.
    Judgement judge(const ioc::Indicator& indicator, const VerdictPolicy& policy = {}) const;

    // Distinct indicator values and ranges loaded.
    std::size_t size() const;
    const std::vector<FeedReport>& reports() const;

    struct Index;  // defined in feed_index.h (core/src/intel)

private:
    FeedOptions options_;
    std::vector<FeedReport> reports_;
    std::unique_ptr<Index> index_;
};

}  // namespace trinity::intel
