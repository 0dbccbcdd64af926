// Allowlist: indicators the analyst does not want to see (their own
// domains, internal ranges, the hash of a known tool).
//
// A file of one entry a line, '#' starting a comment:
//   10.0.0.0/8            a CIDR range (IPv4 or IPv6)
//   192.168.1.10          one address
//   example.com           the domain and every name under it; also matches
//   *.example.com         URLs and e-mail addresses on those hosts
//   d41d8cd98f00b204e9800998ecf8427e   any other indicator, matched exactly
//                         by canonical value (hashes, paths, CVE ids, URLs)
// A line that is none of these is reported with its line number; the rest
// of the file is kept.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "trinity/ioc/indicator.h"
#include "trinity/result.h"

namespace trinity::ioc {

class Allowlist {
public:
    struct Parsed;
    // Parses a file's text; `source` names it in errors.
    static Parsed parse(std::string_view text, const std::string& source);

    // Adds one entry (a line of the format above); false when it is none.
    bool add(std::string_view entry);

    // True when the indicator is allowlisted.
    bool allows(const Indicator& indicator) const;

    std::size_t size() const;

private:
    struct Range {
        std::array<std::uint8_t, 16> bytes{};
        unsigned prefix = 0;
        bool v6 = false;
    };
    bool host_allowed(std::string_view host) const;

    std::vector<Range> ranges_;
    std::unordered_set<std::string> domains_;
    std::unordered_set<std::string> values_;  // type byte + canonical value
};

struct Allowlist::Parsed {
    Allowlist allowlist;
    std::vector<Error> errors;  // one per rejected line
};

}  // namespace trinity::ioc
