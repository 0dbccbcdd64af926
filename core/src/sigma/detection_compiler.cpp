#include "detection_compiler.h"

#include <charconv>
#include <cmath>

#include "condition_parser.h"
#include "decimal_text.h"

namespace trinity::sigma::detail {

namespace {

Failure node_error(const YAML::Node& node, std::string message) {
    Location where;
    const YAML::Mark mark = node.Mark();
    if (!mark.is_null()) {
        where.line = static_cast<std::uint64_t>(mark.line);
        where.column = static_cast<std::uint64_t>(mark.column) + 1;
    }
    return fail(ErrorKind::invalid, std::move(message), where);
}

struct Modifiers {
    std::vector<std::string> chain;  // string transformations in the order written
    bool contains = false, startswith = false, endswith = false;
    bool all = false, cased = false, neq = false, exists = false;
    bool re = false, re_i = false, re_m = false, re_s = false;
    bool cidr = false, fieldref = false, expand = false;
    std::optional<NumOp> num_op;
    TimePart time_part = TimePart::none;
};

Result<Modifiers> read_modifiers(const std::vector<std::string_view>& names, const YAML::Node& key) {
    Modifiers m;
    for (std::string_view raw : names) {
        std::string name(raw);
        fold_ascii(name);
        if (name == "contains") m.contains = true, m.chain.push_back(name);
        else if (name == "startswith") m.startswith = true, m.chain.push_back(name);
        else if (name == "endswith") m.endswith = true, m.chain.push_back(name);
        else if (name == "all") m.all = true;
        else if (name == "cased") m.cased = true;
        else if (name == "neq") m.neq = true;
        else if (name == "exists") m.exists = true;
        else if (name == "re") m.re = true;
        else if (name == "i" || name == "m" || name == "s") {
            if (!m.re) return node_error(key, "modifier '" + name + "' needs 're' before it");
            (name == "i" ? m.re_i : name == "m" ? m.re_m : m.re_s) = true;
        } else if (name == "windash" || name == "base64" || name == "base64offset" || name == "utf16le" ||
                   name == "utf16be" || name == "utf16" || name == "wide") {
            m.chain.push_back(name);
        } else if (name == "lt") m.num_op = NumOp::lt;
        else if (name == "lte") m.num_op = NumOp::lte;
        else if (name == "gt") m.num_op = NumOp::gt;
        else if (name == "gte") m.num_op = NumOp::gte;
        else if (name == "cidr") m.cidr = true;
        else if (name == "fieldref") m.fieldref = true;
        else if (name == "expand") m.expand = true;
        else if (name == "minute") m.time_part = TimePart::minute;
        else if (name == "hour") m.time_part = TimePart::hour;
        else if (name == "day") m.time_part = TimePart::day;
        else if (name == "week") m.time_part = TimePart::week;
        else if (name == "month") m.time_part = TimePart::month;
        else if (name == "year") m.time_part = TimePart::year;
        else return node_error(key, "unknown modifier '" + std::string(raw) + "'");
    }
    const int kinds = int(m.re) + int(m.cidr) + int(m.num_op.has_value() || m.time_part != TimePart::none) +
                      int(m.exists) + int(m.fieldref && !m.re);
    if (kinds > 1) return node_error(key, "modifiers that cannot be combined (re, cidr, lt/gt, exists, fieldref)");
    if ((m.re || m.cidr || m.num_op || m.exists) && !m.chain.empty()) {
        return node_error(key, "string modifiers (" + m.chain.front() + ") cannot apply to re, cidr, exists or numeric values");
    }
    return m;
}

std::optional<double> number_of(std::string_view text) { return parse_decimal(text); }

// `%name%` placeholders replaced by each of their values (every
// combination); `\%` is a plain percent sign.
Result<std::vector<std::string>> expand_placeholders(const std::string& value, const Placeholders& placeholders,
                                                     const YAML::Node& node) {
    std::vector<std::string> out{""};
    auto append = [&](std::string_view text) {
        for (std::string& o : out) o.append(text);
    };
    for (std::size_t i = 0; i < value.size();) {
        if (value[i] == '\\' && i + 1 < value.size() && value[i + 1] == '%') {
            append("%");
            i += 2;
            continue;
        }
        const std::size_t close = value[i] == '%' ? value.find('%', i + 1) : std::string::npos;
        if (close == std::string::npos) {
            append(std::string_view(value).substr(i, 1));
            ++i;
            continue;
        }
        const std::string name = value.substr(i + 1, close - i - 1);
        const auto found = placeholders.values.find(name);
        if (found == placeholders.values.end() || found->second.empty()) {
            return node_error(node, "placeholder %" + name + "% has no values (give them in a placeholder file)");
        }
        std::vector<std::string> next;
        for (const std::string& o : out) {
            for (const std::string& v : found->second) next.push_back(o + v);
        }
        if (next.size() > 4096) return node_error(node, "placeholder expansion gives more than 4096 values");
        out = std::move(next);
        i = close + 1;
    }
    return out;
}

// One written value through the string modifiers: one or more patterns.
Result<std::vector<Tokens>> string_patterns(const std::string& raw, const Modifiers& m, bool keyword,
                                            const YAML::Node& node) {
    std::vector<Tokens> values{parse_value(raw)};
    for (const std::string& mod : m.chain) {
        if (mod == "contains") {
            for (Tokens& t : values) add_leading_wildcard(t), add_trailing_wildcard(t);
        } else if (mod == "startswith") {
            for (Tokens& t : values) add_trailing_wildcard(t);
        } else if (mod == "endswith") {
            for (Tokens& t : values) add_leading_wildcard(t);
        } else if (mod == "windash") {
            for (Tokens& t : values) apply_windash(t);
        } else {
            std::vector<Tokens> next;
            for (const Tokens& t : values) {
                if (has_wildcards(t)) {
                    return node_error(node, "'" + mod + "' cannot encode a wildcard: put contains/startswith/endswith after it");
                }
                const std::string text = t.empty() ? std::string() : t.front().text;
                if (mod == "utf16le" || mod == "wide") next.push_back(literal_tokens(utf16le_bytes(text)));
                else if (mod == "utf16be") next.push_back(literal_tokens(utf16be_bytes(text)));
                else if (mod == "utf16") next.push_back(literal_tokens("\xFF\xFE" + utf16le_bytes(text)));
                else if (mod == "base64") next.push_back(literal_tokens(base64_encode(text)));
                else {  // base64offset
                    for (std::string& v : base64_offsets(text)) next.push_back(literal_tokens(v));
                }
            }
            values = std::move(next);
        }
    }
    if (keyword) {
        // A keyword is searched for anywhere in a value, its own wildcards
        // included ('rm *bash_history' finds "sudo rm -f ~/.bash_history").
        for (Tokens& t : values) add_leading_wildcard(t), add_trailing_wildcard(t);
    }
    return values;
}

Result<std::vector<ValueTest>> value_tests(const YAML::Node& node, const Modifiers& m, bool keyword,
                                           DetectionContext& context) {
    std::vector<ValueTest> out;
    if (node.IsNull()) {
        if (m.exists || m.re || m.cidr || m.num_op || m.fieldref || !m.chain.empty()) {
            return node_error(node, "null cannot take modifiers");
        }
        ValueTest t;
        t.op = ValueOp::null;
        t.negate = m.neq;
        t.text = "null";
        out.push_back(std::move(t));
        return out;
    }
    if (!node.IsScalar()) return node_error(node, "a value must be a string, number, boolean or null");
    const std::string& written = node.Scalar();

    if (m.exists) {
        std::string v = written;
        fold_ascii(v);
        if (v != "true" && v != "false" && v != "yes" && v != "no") return node_error(node, "'exists' takes true or false");
        ValueTest t;
        t.op = ValueOp::exists;
        t.number = (v == "true" || v == "yes") ? 1 : 0;
        t.text = written;
        out.push_back(std::move(t));
        return out;
    }

    std::vector<std::string> raws{written};
    if (m.expand) {
        auto expanded = expand_placeholders(written, context.placeholders, node);
        if (!expanded) return expanded.error();
        raws = std::move(*expanded);
    }

    for (const std::string& raw : raws) {
        ValueTest base;
        base.negate = m.neq;
        base.cased = m.cased;
        base.text = raw;
        if (m.re) {
            std::string flags;
            if (m.re_i) flags += 'i';
            if (m.re_m) flags += 'm';
            if (m.re_s) flags += 's';
            RE2::Options options;
            options.set_log_errors(false);
            auto re = std::make_shared<RE2>(flags.empty() ? raw : "(?" + flags + ")" + raw, options);
            if (!re->ok()) return node_error(node, "invalid regular expression: " + re->error());
            base.op = ValueOp::regex;
            base.regex = std::move(re);
            out.push_back(std::move(base));
        } else if (m.cidr) {
            auto cidr = intel::detail::parse_cidr(raw, raw.find(':') != std::string::npos);
            if (!cidr) return node_error(node, "'" + raw + "' is not a CIDR range");
            base.op = ValueOp::cidr;
            base.cidr = *cidr;
            out.push_back(std::move(base));
        } else if (m.num_op || m.time_part != TimePart::none) {
            const auto number = number_of(raw);
            if (!number) return node_error(node, "'" + raw + "' is not a number");
            base.op = ValueOp::compare;
            base.num_op = m.num_op.value_or(NumOp::eq);
            base.number = *number;
            base.time_part = m.time_part;
            out.push_back(std::move(base));
        } else if (m.fieldref) {
            base.op = ValueOp::fieldref;
            base.ref_field = context.fields.intern(raw);
            Tokens shape{Token{Token::literal, "x"}};
            if (m.contains || m.endswith) add_leading_wildcard(shape);
            if (m.contains || m.startswith) add_trailing_wildcard(shape);
            base.pattern = Pattern(std::move(shape));
            out.push_back(std::move(base));
        } else {
            auto patterns = string_patterns(raw, m, keyword, node);
            if (!patterns) return patterns.error();
            for (Tokens& tokens : *patterns) {
                ValueTest t = base;
                if (!m.cased) fold_tokens(tokens);
                t.pattern = Pattern(std::move(tokens));
                out.push_back(std::move(t));
            }
        }
    }
    return out;
}

std::vector<std::string_view> split_key(std::string_view key) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t bar = key.find('|', start);
        parts.push_back(key.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start));
        if (bar == std::string_view::npos) break;
        start = bar + 1;
    }
    return parts;
}

Result<FieldTest> field_test(const YAML::Node& key, const YAML::Node& values, DetectionContext& context) {
    const std::vector<std::string_view> parts = split_key(key.Scalar());
    const std::vector<std::string_view> modifier_names(parts.begin() + 1, parts.end());
    auto m = read_modifiers(modifier_names, key);
    if (!m) return m.error();
    FieldTest test;
    const bool keyword = parts.front().empty();
    if (!keyword) test.field = context.fields.intern(parts.front());
    test.all = m->all;
    if (keyword && (m->exists || m->fieldref)) return node_error(key, "a keyword (field-less) value cannot use exists or fieldref");

    auto add = [&](const YAML::Node& value) -> Result<void> {
        auto tests = value_tests(value, *m, keyword, context);
        if (!tests) return tests.error();
        for (ValueTest& t : *tests) test.values.push_back(std::move(t));
        return {};
    };
    if (values.IsSequence()) {
        if (values.size() == 0) return node_error(values, "an empty list of values matches nothing");
        if (m->all && values.size() == 1) {
            context.warnings.push_back("'all' on a single value: it changes nothing");
        }
        for (const YAML::Node& v : values) {
            if (auto r = add(v); !r) return r.error();
        }
    } else if (values.IsMap()) {
        return node_error(values, "a field's value cannot be a map");
    } else {
        if (auto r = add(values); !r) return r.error();
    }
    // neq with several values: the field must differ from all of them.
    if (m->neq) test.all = true;
    // base64offset and expand turn one written value into alternatives: under
    // 'all' each written value must still hold, so keep OR inside it.
    if (test.all && test.values.size() != (values.IsSequence() ? values.size() : 1) && !m->neq) {
        return node_error(key, "'all' cannot be combined with modifiers that give several forms of one value (base64offset, expand)");
    }
    return test;
}

Result<std::vector<FieldTest>> map_alternative(const YAML::Node& map, DetectionContext& context) {
    std::vector<FieldTest> tests;
    for (const auto& entry : map) {
        if (!entry.first.IsScalar()) return node_error(entry.first, "a field name must be a string");
        auto test = field_test(entry.first, entry.second, context);
        if (!test) return test.error();
        tests.push_back(std::move(*test));
    }
    if (tests.empty()) return node_error(map, "an empty map matches nothing");
    return tests;
}

Result<Selection> selection(const std::string& name, const YAML::Node& node, DetectionContext& context) {
    Selection sel;
    sel.name = name;
    if (node.IsMap()) {
        auto alt = map_alternative(node, context);
        if (!alt) return alt.error();
        sel.alternatives.push_back(std::move(*alt));
    } else if (node.IsSequence()) {
        if (node.size() == 0) return node_error(node, "selection '" + name + "' is an empty list");
        FieldTest keywords;  // plain items: one keyword test, OR over them
        for (const YAML::Node& item : node) {
            if (item.IsMap()) {
                auto alt = map_alternative(item, context);
                if (!alt) return alt.error();
                sel.alternatives.push_back(std::move(*alt));
            } else if (item.IsScalar()) {
                auto tests = value_tests(item, Modifiers{}, true, context);
                if (!tests) return tests.error();
                for (ValueTest& t : *tests) keywords.values.push_back(std::move(t));
            } else {
                return node_error(item, "selection '" + name + "' mixes lists into its list");
            }
        }
        if (!keywords.values.empty()) sel.alternatives.push_back({std::move(keywords)});
    } else if (node.IsScalar()) {
        auto tests = value_tests(node, Modifiers{}, true, context);
        if (!tests) return tests.error();
        FieldTest keywords;
        keywords.values = std::move(*tests);
        sel.alternatives.push_back({std::move(keywords)});
    } else {
        return node_error(node, "selection '" + name + "' is empty");
    }
    return sel;
}

}  // namespace

Result<Detection> compile_detection(const YAML::Node& detection, DetectionContext& context) {
    if (!detection.IsMap()) return node_error(detection, "'detection' must be a map");
    Detection out;
    YAML::Node condition;
    for (const auto& entry : detection) {
        const std::string key = entry.first.as<std::string>("");
        if (key == "condition") {
            condition = entry.second;
            continue;
        }
        if (key == "timeframe") {
            context.warnings.push_back("'timeframe' in detection is Sigma 1 syntax and is ignored: use a correlation rule");
            continue;
        }
        auto sel = selection(key, entry.second, context);
        if (!sel) return sel.error();
        out.selections.push_back(std::move(*sel));
    }
    if (!condition.IsDefined() || condition.IsNull()) return node_error(detection, "the detection has no condition");
    std::vector<std::string> texts;
    if (condition.IsScalar()) {
        texts.push_back(condition.Scalar());
    } else if (condition.IsSequence() && condition.size() > 0) {
        for (const YAML::Node& c : condition) {
            if (!c.IsScalar()) return node_error(c, "a condition must be a string");
            texts.push_back(c.Scalar());
        }
    } else {
        return node_error(condition, "the condition must be a string or a list of strings");
    }
    CondNode any;
    any.kind = CondNode::any;
    for (const std::string& text : texts) {
        auto node = parse_condition(text, out.selections);
        if (!node) {
            Error e = node.error();
            const YAML::Mark mark = condition.Mark();
            e.location.line = static_cast<std::uint64_t>(mark.line);
            e.message += " (in '" + text + "')";
            return e;
        }
        any.children.push_back(std::move(*node));
    }
    out.condition = any.children.size() == 1 ? std::move(any.children.front()) : std::move(any);
    return out;
}

}  // namespace trinity::sigma::detail
