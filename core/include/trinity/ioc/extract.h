// Indicator extraction from text: one pass over the bytes.
//
// The scanner walks the text once and stops only at anchors: the start of a
// word (for URLs "scheme://", CVE ids, e-mail addresses, domains, IPv4
// addresses, hashes and registry roots), ':' runs (IPv6), '\' and '%'
// (Windows paths) and '/' (Unix paths). Each anchor is checked where it
// stands, so the cost is linear in the text and no regular expression runs
// over it. Text with defanged forms is refanged first (ioc/refang.h).
//
// Rules that keep noise out (docs/indicators.md has the full list):
// - IPv4: four decimal octets not inside a longer dotted number
//   ("1.2.3.4.5") and not glued to a letter ("v10.0.19041.1").
// - Domains: every label valid, the last one a top-level domain of the
//   public suffix list and a label left of the public suffix, so "cmd.exe"
//   and "report.docx" are no domains; names inside paths (after '\' or a
//   single '/'), camel-case labels ("Net.WebClient") and two-label names
//   whose top-level domain is also a common file extension ("setup.zip",
//   "run.sh", "main.py") are left out unless inside a URL or an address.
// - Hashes: hex runs of exactly 32, 40, 64 or 128 digits with no word
//   character on either side and at least one letter.
// - URLs: a known scheme, then up to whitespace, a quote or '|'; trailing
//   punctuation and unbalanced closing brackets trimmed. The host is also
//   reported as a domain or address.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "trinity/ioc/indicator.h"
#include "trinity/ioc/public_suffix.h"

namespace trinity::ioc {

// A set of indicator types, one bit per IndicatorType.
class TypeMask {
public:
    static TypeMask all() { return TypeMask((1u << kIndicatorTypeCount) - 1); }
    static TypeMask none() { return TypeMask(0); }
    bool has(IndicatorType t) const { return (bits_ >> static_cast<unsigned>(t)) & 1u; }
    TypeMask& add(IndicatorType t) {
        bits_ |= 1u << static_cast<unsigned>(t);
        return *this;
    }
    bool empty() const { return bits_ == 0; }

private:
    explicit TypeMask(std::uint32_t bits) : bits_(bits) {}
    std::uint32_t bits_;
};

// Parses "ipv4,domain,hash,path" (type names of to_string(IndicatorType),
// plus "ip" = both addresses, "hash" = all four hashes, "path" = both
// paths). Returns the unknown name on error through `bad`.
bool parse_type_mask(std::string_view list, TypeMask& out, std::string& bad);

struct ExtractOptions {
    TypeMask types = TypeMask::all();
    bool refang = true;
    const PublicSuffixList* suffixes = nullptr;  // nullptr: the built-in list
};

struct Match {
    Indicator indicator;  // canonical
    // Where the text matched, in the (refanged) text that was scanned.
    std::size_t offset = 0;
    std::size_t length = 0;
};

// Every indicator in `text` in order of appearance, duplicates included.
std::vector<Match> extract(std::string_view text, const ExtractOptions& options = {});

// The same, appending to `out` (reused across lines to save allocations).
void extract(std::string_view text, const ExtractOptions& options, std::vector<Match>& out);

}  // namespace trinity::ioc
