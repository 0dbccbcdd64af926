// Event: the one record shape every engine after parsing works on.
//
// Parsers (EVTX, syslog, auditd, JSON, CSV, ...) turn each record of a piece
// of evidence into an Event: a flat list of named fields whose names are the
// ones Sigma rules use where such names exist (Image, CommandLine, EventID,
// Provider_Name, ...), a UTC timestamp when the record has one, and its
// provenance (which evidence, which record or line). Sigma, indicator
// extraction and playbooks read Events and never the parsers' own types.
//
// Values are kept as the text the source wrote (numbers in decimal, booleans
// as "true"/"false"), tagged with a type so comparisons can be numeric.
// Nested JSON objects are flattened with '.' between the keys
// ("process.command_line"); arrays keep one field per item, all under the
// same name.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trinity/evidence/evidence.h"

namespace trinity::event {

// Where an event came from. `record` is the record's own number where the
// format has one (EVTX EventRecordID, auditd serial) and otherwise the
// 1-based number of the record within the evidence; `line` is the 1-based
// line where the record starts in a text file (0 when not line based).
struct Provenance {
    evidence::EvidenceId evidence = 0;
    std::uint64_t record = 0;
    std::uint64_t line = 0;
    std::uint64_t offset = 0;  // byte offset of the record in the file
    bool recovered = false;    // carved from slack or free space, not live
};

enum class FieldType : std::uint8_t { string, integer, real, boolean, null };

std::string_view to_string(FieldType type);

struct Field {
    std::string name;
    std::string value;  // empty for null
    FieldType type = FieldType::string;
};

struct Event {
    // What kind of source produced it: "evtx", "syslog", "auditd",
    // "sysmon_linux", "json", "csv", ... (the logsource mapping reads it).
    std::string source;
    std::optional<std::int64_t> time_us;  // UTC, microseconds since 1970-01-01
    std::vector<Field> fields;
    Provenance provenance;

    // The first field named `name` (exact, case-sensitive), or nullptr.
    const Field* find(std::string_view name) const;
    // Its value, or nullptr when the field is absent.
    const std::string* value(std::string_view name) const;
    void add(std::string name, std::string value, FieldType type = FieldType::string);
};

// One flat JSON object: the fields (integers, reals and booleans as JSON
// numbers and booleans; a name that repeats becomes an array), plus
// "_time" (ISO 8601) when known, "_source" and "_evidence"/"_record"/"_line"
// for provenance. Keys starting with '_' are reserved for these.
std::string to_json(const Event& event);

// [SECTION] Time -------------------------------------------------------------

// Parses the timestamps logs write: ISO 8601 / RFC 3339 with 'T' or ' ',
// optional fraction (any digits; kept to microseconds) and zone ('Z',
// +hh:mm, +hhmm; none means UTC), and Unix epoch seconds/milliseconds given
// as a number. Returns nullopt for anything else.
std::optional<std::int64_t> parse_time(std::string_view text);

// Days from 1970-01-01 to a civil date (proleptic Gregorian), for parsers
// with their own date layouts (syslog, systeminfo).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day);

// The inverse: the civil date `days` after 1970-01-01.
struct CivilDate {
    std::int64_t year = 1970;
    unsigned month = 1;
    unsigned day = 1;
};
CivilDate civil_from_days(std::int64_t days);

// "2024-03-01T12:34:56.123456Z" (the fraction only when non-zero).
std::string format_time(std::int64_t time_us);

// 100 ns ticks since 1601-01-01 (Windows FILETIME) to Unix microseconds.
std::int64_t filetime_to_unix_us(std::uint64_t filetime);

}  // namespace trinity::event
