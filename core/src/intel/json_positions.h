// Where things sit in a JSON text, for problem locations: nlohmann/json
// tells no positions for the values it parses, so a cheap scan finds the
// byte offset of each element of a top-level array ("objects" of a STIX
// bundle), and a LineCursor turns increasing offsets into lines.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "trinity/result.h"

namespace trinity::intel::detail {

// Offsets of the elements of the array under `key` in the root object
// (or of the root array's elements when key is empty), in order.
std::vector<std::size_t> array_element_offsets(std::string_view json, std::string_view key);

// Lines and columns of offsets visited in increasing order, in one pass.
class LineCursor {
public:
    explicit LineCursor(std::string_view text) : text_(text) {}
    Location at(std::size_t offset, const std::string& source);

private:
    std::string_view text_;
    std::size_t pos_ = 0;
    std::uint64_t line_ = 1, column_ = 1;
};

}  // namespace trinity::intel::detail
