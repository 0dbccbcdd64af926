// Fuzzes the STIX 2.1 bundle reader. An input starting with 'P' is a bare
// pattern, wrapped into an indicator so the pattern reader gets the bytes
// directly; anything else is a bundle as it stands.
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "feed_fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using trinity::intel::FeedFormat;
    if (size > 0 && data[0] == 'P') {
        const std::string pattern(reinterpret_cast<const char*>(data) + 1, size - 1);
        const nlohmann::json indicator = {{"type", "indicator"},       {"id", "indicator--1"},
                                          {"pattern_type", "stix"},    {"pattern", pattern},
                                          {"indicator_types", {"malicious-activity"}}};
        const std::string bundle =
            R"({"type":"bundle","id":"bundle--1","objects":[)" +
            indicator.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "]}";
        trinity::fuzz::load_and_check({reinterpret_cast<const std::byte*>(bundle.data()), bundle.size()}, FeedFormat::stix);
        return 0;
    }
    trinity::fuzz::load_and_check({reinterpret_cast<const std::byte*>(data), size}, FeedFormat::stix);
    return 0;
}
