// The index behind FeedSet, and FeedSink: what each feed parser writes
// into. Parsers build a Sighting and the targets it is about, then call
// add(); bad entries go to reject(), unsupported ones to skip().
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ip_range.h"
#include "trinity/intel/feed_set.h"

namespace trinity::intel {

struct FeedSet::Index {
    static constexpr std::uint32_t kNone = 0xffffffff;
    // The sightings of one key form a chain, newest first (no vector per key:
    // most keys have one sighting, and a 200k-indicator feed would otherwise
    // make 200k small allocations).
    struct Posting {
        std::uint32_t sighting;
        std::uint32_t next;  // the posting before it, or kNone
    };

    std::vector<Sighting> sightings;
    std::vector<Posting> postings;
    // char(type) + canonical value → newest posting.
    std::unordered_map<std::string, std::uint32_t> exact;
    // [0] IPv4, [1] IPv6: masked_key(network, prefix) → newest posting, and
    // which prefix lengths occur at all (a lookup tries only those).
    std::array<std::unordered_map<std::string, std::uint32_t>, 2> ranges;
    std::array<std::vector<int>, 2> prefixes;

    // Links a sighting to a key's chain (once: a repeated value in one entry
    // adds nothing).
    void post(std::uint32_t& head, std::uint32_t sighting, bool is_new) {
        if (!is_new && postings[head].sighting == sighting) return;
        postings.push_back(Posting{sighting, is_new ? kNone : head});
        head = static_cast<std::uint32_t>(postings.size() - 1);
    }
    // Appends the sightings of a chain.
    void collect(std::uint32_t head, std::vector<std::uint32_t>& out) const {
        for (; head != kNone; head = postings[head].next) out.push_back(postings[head].sighting);
    }
};

namespace detail {

// What an entry of a feed is about: one indicator, or an address range.
struct Target {
    ioc::Indicator indicator;  // for a range: its network address
    std::optional<Cidr> range;
};

// The type a bare value has, for CSV rows without a type: IPv4, IPv6 (or a
// CIDR range of either), a hash by length, URL, e-mail, domain.
std::optional<Target> infer_target(std::string_view value);
// A value of a type named as feeds name them (ioc::make_indicator's names,
// plus "cidr"); address types accept CIDR ranges.
std::optional<Target> make_target(std::string_view type_name, std::string_view value);

class FeedSink {
public:
    FeedSink(FeedSet::Index& index, FeedReport& report, std::int64_t now) : index_(index), report_(report), now_(now) {}

    // Adds the sighting for each target; counts report.indicators.
    void add(const Sighting& sighting, const std::vector<Target>& targets);
    void reject(std::string message, Location location);
    // A problem worth listing that rejects nothing (a truncated tail, ...).
    void warn(std::string message, Location location, ErrorKind kind = ErrorKind::invalid);
    void skip(const std::string& reason, std::size_t count = 1) { report_.skipped[reason] += count; }

    FeedReport& report() { return report_; }
    const std::string& name() const { return report_.name; }
    std::int64_t now() const { return now_; }

private:
    void note(Error error);
    void add_exact(std::uint32_t id, const ioc::Indicator& indicator);
    void add_range(std::uint32_t id, const Cidr& range);

    FeedSet::Index& index_;
    FeedReport& report_;
    std::int64_t now_;
};

// A feed's text as UTF-8: a UTF-8 BOM dropped, UTF-16 (with a BOM) decoded.
struct FeedText {
    std::string decoded;  // only when decoding was needed
    std::string_view text;
};
FeedText feed_text(std::span<const std::byte> bytes);

// [SECTION] Per-format parsers (feed_csv.cpp, feed_stix.cpp, feed_misp.cpp,
// feed_virustotal.cpp). Each returns an Error only when the whole file is
// unusable.
Result<void> load_csv(std::string_view text, FeedSink& sink);
Result<void> load_stix(std::string_view text, FeedSink& sink);
Result<void> load_misp_event(std::string_view text, FeedSink& sink);
Result<void> load_misp_manifest(std::string_view text, FeedSink& sink);
Result<void> load_virustotal(std::string_view text, FeedSink& sink);

}  // namespace detail
}  // namespace trinity::intel
