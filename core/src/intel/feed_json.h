// JSON at the boundary of the feed parsers: nlohmann/json's exceptions
// become Errors with line, column and byte offset, and small accessors
// read fields feeds write inconsistently (numbers as strings, ...).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "trinity/result.h"

namespace trinity::intel::detail {

// Line and column (1-based) and offset (0-based) of a byte of `text`.
Location location_in(std::string_view text, std::size_t offset, const std::string& source);

// The whole document, or an Error at the offset nlohmann reports.
Result<nlohmann::json> parse_json(std::string_view text, const std::string& source);

// The Error for a nlohmann exception thrown while reading `text`.
Error json_error(const std::exception& e, std::string_view text, const std::string& source);

// obj[key] as text: strings as they are, numbers and booleans written out,
// "" when missing, null or a container.
std::string json_text(const nlohmann::json& obj, std::string_view key);
// obj[key] as an integer: a number or a string of digits.
std::optional<std::int64_t> json_int(const nlohmann::json& obj, std::string_view key);
// obj[key] as a boolean: true/false, or "1"/"0"/"true"/"false" as MISP writes.
std::optional<bool> json_bool(const nlohmann::json& obj, std::string_view key);
// obj[key] if it is an array (or an empty array).
const nlohmann::json& json_array(const nlohmann::json& obj, std::string_view key);

}  // namespace trinity::intel::detail
