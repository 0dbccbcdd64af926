// JSON objects as Events: one JSON object (a JSON-lines record, a test
// event, an exported log entry) becomes one event::Event.
//
// Nested objects are flattened with '.' between the keys
// ({"process": {"command_line": ...}} -> "process.command_line"); an array
// becomes one field per item, all under the array's name (objects inside
// arrays are flattened the same way under that name). Values keep their
// text: strings as they are, integers exactly as written, reals as the
// source wrote them (the tree overload, which has no source text, writes the
// shortest text that reads back the same), booleans "true"/"false", null as
// FieldType::null with an empty value.
//
// Two top-level keys are reserved: "_time" (any text event::parse_time
// reads, or epoch seconds/milliseconds as a number) sets Event::time_us and
// "_source" sets Event::source (default "json"). Neither becomes a field.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "trinity/event/event.h"
#include "trinity/result.h"

namespace trinity::event {

// Parses one JSON object. Syntax errors carry line and column in `origin`.
Result<Event> event_from_json(std::string_view object_text, std::string_view origin);

// The same from an already parsed value (which must be an object).
Result<Event> event_from_json(const nlohmann::json& object);

}  // namespace trinity::event
