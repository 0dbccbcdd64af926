// Reading indicators back from the JSON that ioc::to_json writes: a saved
// export, or another engine's scan (the browser's workers hand their
// findings to the page this way).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "trinity/ioc/indicator_set.h"
#include "trinity/result.h"

namespace trinity::ioc {

struct ImportedIndicators {
    std::vector<IndicatorEntry> entries;  // in the file's order
    std::uint64_t allowlisted = 0;
    std::uint64_t rejected = 0;           // entries whose type or value was not an indicator
};

// Entries whose type is unknown or whose value does not canonicalize are
// counted in `rejected`, never kept; a document that is not JSON, or not an
// object with an "indicators" array, is an error with its byte offset.
Result<ImportedIndicators> read_json(std::string_view json);

}  // namespace trinity::ioc
