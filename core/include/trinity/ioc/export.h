// Writing an IndicatorSet out: CSV, JSON, a STIX 2.1 bundle, defanged text.
//
// Rows are in IndicatorSet::sorted() order (type, then value), so the same
// input gives the same bytes. STIX ids are UUIDv5 of "type:value" under a
// fixed Trinity namespace, so a second run gives the same ids and a feed
// importer can deduplicate.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "trinity/ioc/indicator_set.h"

namespace trinity::ioc {

// Extra columns a caller adds per entry (the CLI's verdict from feeds).
struct ExtraColumn {
    std::string name;
    std::function<std::string(const IndicatorEntry&)> value;
};

// RFC 4180: header row, CRLF line ends, fields with ',', '"', CR or LF
// quoted and '"' doubled. Columns: type, value, count, class, first_seen,
// last_seen, evidence, record, line, field (the first sighting), extras.
std::string to_csv(const IndicatorSet& set, const std::vector<ExtraColumn>& extras = {});

// {"indicators": [{type, value, count, class?, first_seen?, last_seen?,
// sightings: [{evidence, sha256?, record?, line?, field?, time?}], extras}],
// "allowlisted": n}
std::string to_json(const IndicatorSet& set, const std::vector<ExtraColumn>& extras = {});

struct StixOptions {
    // created/modified/valid_from of every object, microseconds since 1970.
    std::int64_t created_us = 0;
    std::string identity_name = "Trinity";
    // indicator_types of an entry's indicator SDO (STIX 2.1 open vocabulary:
    // "malicious-activity", "benign", ...); unset: ["unknown"].
    std::function<std::vector<std::string>(const IndicatorEntry&)> indicator_types;
};

// A STIX 2.1 bundle: an identity SDO (created_by_ref of the rest), one
// indicator SDO per address, domain, URL, e-mail, hash, path and registry
// key (pattern_type "stix", pattern_version "2.1"), one vulnerability SDO per
// CVE id.
std::string to_stix(const IndicatorSet& set, const StixOptions& options);

// The STIX pattern for an indicator ("[ipv4-addr:value = '1.2.3.4']"), or
// nullopt for CVE ids (they are vulnerabilities, not patterns).
std::optional<std::string> stix_pattern(const Indicator& indicator);

// RFC 4122 version 5 (SHA-1) UUID of `name` under Trinity's namespace.
std::string uuid5(std::string_view name);

// One defanged value a line (ioc::defang), in sorted order.
std::string to_defanged_text(const IndicatorSet& set);

// "2024-03-01T12:34:56.123Z": STIX timestamps (milliseconds, UTC).
std::string stix_time(std::int64_t time_us);

}  // namespace trinity::ioc
