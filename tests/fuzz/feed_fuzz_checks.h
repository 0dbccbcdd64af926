// What every feed fuzzer checks after a load: the report's counts agree
// with each other and with the index, and judging never fails.
#pragma once

#include <cstdlib>
#include <span>

#include "trinity/intel/feed_set.h"

namespace trinity::fuzz {

inline void load_and_check(std::span<const std::byte> bytes, intel::FeedFormat format) {
    intel::FeedSet feeds(intel::FeedOptions{1767225600});
    auto report = feeds.add("fuzz", bytes, format);
    if (!report) {
        if (feeds.size() != 0 || !feeds.reports().empty()) std::abort();  // a refused file loads nothing
        return;
    }
    const intel::FeedReport& r = *report;
    if (r.problems.size() > intel::FeedReport::kMaxProblems) std::abort();
    if (r.rejected > r.problems.size() + r.problems_dropped) std::abort();  // every rejection is listed or counted
    if (feeds.size() > r.indicators) std::abort();
    (void)r.summary();
    for (const auto& [type, value] : {std::pair{"ip", "198.51.100.7"}, std::pair{"ip", "2001:db8::1"},
                                      std::pair{"domain", "example.com"}, std::pair{"md5", "d41d8cd98f00b204e9800998ecf8427e"}}) {
        const auto j = feeds.judge(*ioc::make_indicator(type, value));
        for (const auto& s : j.sightings)
            if (s.verdict > j.verdict) std::abort();  // the judgement is the worst sighting
    }
}

}  // namespace trinity::fuzz
