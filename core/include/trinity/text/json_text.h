// Writing JSON text by hand, fast: for hot output paths (millions of events)
// where building an nlohmann DOM per record costs more than the parse.
#pragma once

#include <string>
#include <string_view>

namespace trinity::text {

// Appends `s` as a quoted JSON string. Valid UTF-8 passes through; control
// characters, '"' and '\\' are escaped; bytes that are not UTF-8 become
// U+FFFD, so the output is always valid JSON.
void append_json_string(std::string& out, std::string_view s);

// The same, returned.
std::string json_string(std::string_view s);

}  // namespace trinity::text
