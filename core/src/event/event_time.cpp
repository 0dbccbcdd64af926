// Timestamps: parsing what logs write, printing ISO 8601 UTC.
#include <charconv>
#include <cstdio>

#include "trinity/event/event.h"

namespace trinity::event {
namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;
constexpr std::int64_t kSecondsPerDay = 86'400;

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
    if (at + n > s.size()) return false;
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
}

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

}  // namespace

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    // Howard Hinnant's days_from_civil, in our own words: shift the year to
    // start in March so the leap day falls at the end, then count eras of
    // 400 years.
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilDate civil_from_days(std::int64_t days) {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    CivilDate out;
    out.day = doy - (153 * mp + 2) / 5 + 1;
    out.month = mp < 10 ? mp + 3 : mp - 9;
    out.year = static_cast<std::int64_t>(yoe) + era * 400 + (out.month <= 2);
    return out;
}

std::optional<std::int64_t> parse_time(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '"')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '"')) s.remove_suffix(1);
    if (all_digits(s)) {
        // Epoch seconds (10 digits) or milliseconds (13 digits).
        std::int64_t v = 0;
        if (std::from_chars(s.data(), s.data() + s.size(), v).ec != std::errc{}) return std::nullopt;
        if (s.size() == 10) return v * kMicrosPerSecond;
        if (s.size() == 13) return v * 1000;
        return std::nullopt;
    }
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!digits(s, 0, 4, year) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, month) || s[7] != '-' ||
        !digits(s, 8, 2, day) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !digits(s, 11, 2, hour) ||
        s[13] != ':' || !digits(s, 14, 2, minute) || s[16] != ':' || !digits(s, 17, 2, second)) {
        return std::nullopt;
    }
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
        return std::nullopt;
    }
    std::size_t i = 19;
    std::int64_t micros = 0;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
        ++i;
        int n = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            if (n < 6) micros = micros * 10 + (s[i] - '0');
            ++n;
            ++i;
        }
        if (n == 0) return std::nullopt;
        for (int k = n; k < 6; ++k) micros *= 10;
    }
    std::int64_t offset_seconds = 0;
    if (i < s.size()) {
        if (s[i] == 'Z' || s[i] == 'z') {
            ++i;
        } else if (s[i] == '+' || s[i] == '-') {
            const int sign = s[i] == '-' ? -1 : 1;
            int oh = 0, om = 0;
            if (!digits(s, i + 1, 2, oh)) return std::nullopt;
            std::size_t j = i + 3;
            if (j < s.size() && s[j] == ':') ++j;
            if (!digits(s, j, 2, om)) return std::nullopt;
            i = j + 2;
            offset_seconds = sign * (oh * 3600 + om * 60);
        }
    }
    if (i != s.size()) return std::nullopt;
    const std::int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    const std::int64_t seconds = days * kSecondsPerDay + hour * 3600 + minute * 60 + second - offset_seconds;
    return seconds * kMicrosPerSecond + micros;
}

std::string format_time(std::int64_t time_us) {
    std::int64_t seconds = time_us / kMicrosPerSecond;
    std::int64_t micros = time_us % kMicrosPerSecond;
    if (micros < 0) {
        micros += kMicrosPerSecond;
        --seconds;
    }
    std::int64_t days = seconds / kSecondsPerDay;
    std::int64_t rem = seconds % kSecondsPerDay;
    if (rem < 0) {
        rem += kSecondsPerDay;
        --days;
    }
    const CivilDate date = civil_from_days(days);
    const std::int64_t y = date.year;
    const unsigned m = date.month, d = date.day;
    char buf[48];
    const int hh = static_cast<int>(rem / 3600), mm = static_cast<int>(rem / 60 % 60), ss = static_cast<int>(rem % 60);
    int n = 0;
    if (micros) {
        n = std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d.%06lldZ", static_cast<long long>(y), m, d,
                          hh, mm, ss, static_cast<long long>(micros));
    } else {
        n = std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02dZ", static_cast<long long>(y), m, d, hh, mm,
                          ss);
    }
    return std::string(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
}

std::int64_t filetime_to_unix_us(std::uint64_t filetime) {
    // 11644473600 seconds lie between 1601-01-01 and 1970-01-01.
    constexpr std::int64_t kEpochDelta = 11'644'473'600LL * kMicrosPerSecond;
    return static_cast<std::int64_t>(filetime / 10) - kEpochDelta;
}

}  // namespace trinity::event
