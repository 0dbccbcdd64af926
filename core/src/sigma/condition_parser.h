// The condition of a Sigma detection: `selection and not 1 of filter_*`.
//
// Grammar (keywords case-insensitive; `not` binds tighter than `and`, which
// binds tighter than `or`):
//   expr    := and ('or' and)*
//   and     := unary ('and' unary)*
//   unary   := 'not' unary | '(' expr ')' | ('1' | 'any' | 'all') 'of' target | NAME
//   target  := 'them' | NAME-PATTERN (with '*' wildcards)
// `them` means every selection whose name does not start with '_'. A name,
// or a pattern that matches nothing, is an error; so is the Sigma 1
// aggregation syntax (`| count() by ...`), which version 2 replaced by
// correlation rules.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "compiled_rules.h"
#include "trinity/result.h"

namespace trinity::sigma::detail {

// Errors carry the 1-based column within the condition text.
Result<CondNode> parse_condition(std::string_view text, const std::vector<Selection>& selections);

}  // namespace trinity::sigma::detail
