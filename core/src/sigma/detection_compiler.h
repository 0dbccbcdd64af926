// Turns a rule's `detection:` map into selections and a condition tree,
// checking every modifier and value on the way.
#pragma once

#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "compiled_rules.h"
#include "trinity/result.h"
#include "trinity/sigma/rule.h"

namespace trinity::sigma::detail {

struct DetectionContext {
    FieldNames& fields;
    const Placeholders& placeholders;
    std::vector<std::string>& warnings;  // problems that do not stop the rule
};

// Errors carry the offending node's 0-based line/column from yaml-cpp in
// Location (the caller shifts them to the file).
Result<Detection> compile_detection(const YAML::Node& detection, DetectionContext& context);

}  // namespace trinity::sigma::detail
