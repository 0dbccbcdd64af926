// FeedSink: parsers' entries into the FeedSet index, and targets from the
// values feeds write.
#include "feed_index.h"

#include <algorithm>

#include "text_fold.h"
#include "trinity/artifact/text_encoding.h"

namespace trinity::intel::detail {
namespace {

bool is_address_type(std::string_view type_name) {
    const auto t = ioc::parse_indicator_type(type_name);
    if (t == ioc::IndicatorType::ipv4 || t == ioc::IndicatorType::ipv6) return true;
    const std::string name = lowered(trimmed(type_name));
    return name == "cidr" || name == "ip-range" || name == "netblock";
}

std::optional<Target> range_target(std::string_view value) {
    const bool v6 = value.find(':') != std::string_view::npos;
    auto cidr = parse_cidr(value, v6);
    if (!cidr) return std::nullopt;
    const auto type = v6 ? ioc::IndicatorType::ipv6 : ioc::IndicatorType::ipv4;
    const std::string text = format_cidr(*cidr);
    Target t;
    t.indicator = ioc::Indicator{type, text.substr(0, text.find('/'))};
    // A full-length prefix is one address: an exact indicator.
    if (cidr->prefix < cidr->network.bits()) t.range = *cidr;
    return t;
}

}  // namespace

std::optional<Target> infer_target(std::string_view raw) {
    const std::string_view value = trimmed(raw);
    if (value.empty()) return std::nullopt;
    using ioc::IndicatorType;
    if (value.find("://") != std::string_view::npos) return make_target("url", value);
    if (value.find('/') != std::string_view::npos) return range_target(value);
    if (value.find('@') != std::string_view::npos) return make_target("email", value);
    if (auto hash = ioc::hash_type_for(value)) return make_target(ioc::to_string(*hash), value);
    for (IndicatorType type : {IndicatorType::ipv4, IndicatorType::ipv6, IndicatorType::domain}) {
        if (auto canonical = ioc::canonicalize(type, value)) return Target{ioc::Indicator{type, std::move(*canonical)}, {}};
    }
    return std::nullopt;
}

std::optional<Target> make_target(std::string_view type_name, std::string_view raw) {
    const std::string_view value = trimmed(raw);
    if (value.find('/') != std::string_view::npos && is_address_type(type_name)) return range_target(value);
    if (auto indicator = ioc::make_indicator(type_name, value)) return Target{std::move(*indicator), {}};
    return std::nullopt;
}

void FeedSink::add(const Sighting& sighting, const std::vector<Target>& targets) {
    std::optional<std::uint32_t> exact_id;  // one copy of the sighting for every exact target
    for (const Target& t : targets) {
        const auto next_id = static_cast<std::uint32_t>(index_.sightings.size());
        if (!t.range) {
            if (!exact_id) {
                exact_id = next_id;
                index_.sightings.push_back(sighting);
            }
            add_exact(*exact_id, t.indicator);
        } else {
            // A range gets its own copy of the sighting, saying which range matched.
            Sighting ranged = sighting;
            const std::string range_text = "range " + format_cidr(*t.range);
            ranged.detail = ranged.detail.empty() ? range_text : ranged.detail + " (" + range_text + ")";
            index_.sightings.push_back(std::move(ranged));
            add_range(next_id, *t.range);
        }
        ++report_.indicators;
    }
}

void FeedSink::add_exact(std::uint32_t id, const ioc::Indicator& indicator) {
    std::string key(1, static_cast<char>(indicator.type));
    key += indicator.value;
    const auto [it, is_new] = index_.exact.try_emplace(std::move(key), FeedSet::Index::kNone);
    index_.post(it->second, id, is_new);
}

void FeedSink::add_range(std::uint32_t id, const Cidr& range) {
    const std::size_t family = range.network.v6 ? 1 : 0;
    const auto [it, is_new] =
        index_.ranges[family].try_emplace(masked_key(range.network, range.prefix), FeedSet::Index::kNone);
    index_.post(it->second, id, is_new);
    auto& prefixes = index_.prefixes[family];
    if (std::find(prefixes.begin(), prefixes.end(), range.prefix) == prefixes.end()) {
        prefixes.push_back(range.prefix);
        std::sort(prefixes.begin(), prefixes.end());
    }
}

void FeedSink::reject(std::string message, Location location) {
    ++report_.rejected;
    note(Error{ErrorKind::invalid, std::move(message), std::move(location)});
}

void FeedSink::warn(std::string message, Location location, ErrorKind kind) {
    note(Error{kind, std::move(message), std::move(location)});
}

void FeedSink::note(Error error) {
    if (error.location.source.empty()) error.location.source = report_.name;
    if (report_.problems.size() < FeedReport::kMaxProblems) {
        report_.problems.push_back(std::move(error));
    } else {
        ++report_.problems_dropped;
    }
}

FeedText feed_text(std::span<const std::byte> bytes) {
    FeedText out;
    const auto b = [&](std::size_t i) { return std::to_integer<unsigned>(bytes[i]); };
    if (bytes.size() >= 2 && ((b(0) == 0xff && b(1) == 0xfe) || (b(0) == 0xfe && b(1) == 0xff))) {
        const auto encoding = b(0) == 0xff ? artifact::Encoding::utf16le : artifact::Encoding::utf16be;
        out.decoded = artifact::decode_to_utf8(bytes.subspan(2), encoding);
        out.text = out.decoded;
        return out;
    }
    std::size_t skip = 0;
    if (bytes.size() >= 3 && b(0) == 0xef && b(1) == 0xbb && b(2) == 0xbf) skip = 3;
    out.text = std::string_view(reinterpret_cast<const char*>(bytes.data()) + skip, bytes.size() - skip);
    return out;
}

}  // namespace trinity::intel::detail
