// The checked, compiled form of loaded Sigma rules (private to core).
//
// A detection rule is a list of named selections and a condition tree over
// them. A selection is an OR of alternatives (a list of maps, or a keyword
// list); an alternative is an AND of field tests; a field test is one
// `Field|modifiers: values` entry: an OR (or, with |all, an AND) of value
// tests on the field's values. Field names are interned to ids shared by
// every rule of the set.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <re2/re2.h>

#include "correlation.h"
#include "intel/ip_range.h"
#include "trinity/sigma/rule.h"
#include "value_pattern.h"

namespace trinity::sigma::detail {

inline constexpr std::uint32_t kKeywordField = 0xffffffffu;  // field-less (keyword) test

enum class ValueOp : std::uint8_t {
    pattern,    // string pattern (equals / prefix / suffix / contains / glob)
    regex,      // RE2, unanchored search
    compare,    // lt / lte / gt / gte / eq on numbers
    cidr,
    exists,     // field present (number = 1) or absent (number = 0)
    null,       // field absent or JSON null
    fieldref,   // compares with another field of the same event
};

enum class NumOp : std::uint8_t { lt, lte, gt, gte, eq };

enum class TimePart : std::uint8_t { none, minute, hour, day, week, month, year };

struct ValueTest {
    ValueOp op = ValueOp::pattern;
    bool negate = false;  // |neq
    bool cased = false;   // |cased: compare the raw value, not the folded one
    Pattern pattern;      // op == pattern (folded unless cased); fieldref: shape only
    std::shared_ptr<const RE2> regex;
    NumOp num_op = NumOp::eq;
    double number = 0;
    TimePart time_part = TimePart::none;
    intel::detail::Cidr cidr;
    std::uint32_t ref_field = 0;  // fieldref
    std::string text;             // the value as the rule wrote it (for reports)
};

struct FieldTest {
    std::uint32_t field = kKeywordField;
    bool all = false;  // |all: every value test must hold
    std::vector<ValueTest> values;
};

struct Selection {
    std::string name;
    std::vector<std::vector<FieldTest>> alternatives;  // OR of ANDs
};

struct CondNode {
    enum Kind : std::uint8_t { selection, all, any, negate } kind = selection;
    std::uint32_t index = 0;  // selection
    std::vector<CondNode> children;
};

struct Detection {
    std::vector<Selection> selections;
    CondNode condition;
};

struct FilterDef {
    std::vector<std::string> rules;  // ids or names; empty: every rule of the logsource
    Detection detection;
};

struct CompiledRule {
    RuleInfo info;
    std::string source;
    Detection detection;                      // detection and filter rules
    std::optional<CorrelationDef> correlation;  // correlation rules
    std::optional<FilterDef> filter;            // filter rules
};

class FieldNames {
public:
    // Field names are matched case-insensitively (ASCII).
    std::uint32_t intern(std::string_view name);
    std::optional<std::uint32_t> find(std::string_view name) const;
    const std::string& name(std::uint32_t id) const { return names_[id]; }
    std::size_t size() const { return names_.size(); }

private:
    std::vector<std::string> names_;
    std::unordered_map<std::string, std::uint32_t> ids_;  // folded name -> id
};

struct CompiledRules {
    FieldNames fields;
    std::vector<CompiledRule> rules;
};

}  // namespace trinity::sigma::detail
