// VerdictPolicy: parsing "malicious > 5 or suspicious >= 10" and scoring
// engine counts with it. A hand-written scanner: the grammar is two levels
// (or of ands) of FIELD OP NUMBER.
#include "trinity/intel/verdict_policy.h"

#include <cstddef>

namespace trinity::intel {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_word(char c) { return (lower(c) >= 'a' && lower(c) <= 'z') || c == '_'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

struct FieldName {
    std::string_view name;
    StatField field;
};
constexpr FieldName kFields[] = {
    {"malicious", StatField::malicious}, {"suspicious", StatField::suspicious},
    {"harmless", StatField::harmless},   {"undetected", StatField::undetected},
    {"total", StatField::total},
};

struct OpName {
    std::string_view text;
    CompareOp op;
};
// Two-character operators first, so ">=" is not read as ">".
constexpr OpName kOps[] = {
    {">=", CompareOp::greater_equal}, {"<=", CompareOp::less_equal}, {"==", CompareOp::equal},
    {"!=", CompareOp::not_equal},     {">", CompareOp::greater},     {"<", CompareOp::less},
    {"=", CompareOp::equal},
};

std::int64_t value_of(const EngineCounts& c, StatField field) {
    switch (field) {
        case StatField::malicious: return c.malicious;
        case StatField::suspicious: return c.suspicious;
        case StatField::harmless: return c.harmless;
        case StatField::undetected: return c.undetected;
        case StatField::total: return c.malicious + c.suspicious + c.harmless + c.undetected;
    }
    return 0;
}

bool compare(std::int64_t a, CompareOp op, std::int64_t b) {
    switch (op) {
        case CompareOp::greater: return a > b;
        case CompareOp::greater_equal: return a >= b;
        case CompareOp::less: return a < b;
        case CompareOp::less_equal: return a <= b;
        case CompareOp::equal: return a == b;
        case CompareOp::not_equal: return a != b;
    }
    return false;
}

class RuleParser {
public:
    explicit RuleParser(std::string_view text) : text_(text) {}

    Result<VerdictPolicy> parse() {
        VerdictPolicy policy;
        policy.malicious_when.clear();
        policy.malicious_when.emplace_back();
        for (;;) {
            auto cmp = comparison();
            if (!cmp) return cmp.error();
            policy.malicious_when.back().push_back(*cmp);
            skip_space();
            if (pos_ == text_.size()) break;
            const std::size_t at = pos_;
            const std::string_view joiner = word_or_symbol();
            if (joiner == "and" || joiner == "&&") continue;
            if (joiner == "or" || joiner == "||") {
                policy.malicious_when.emplace_back();
                continue;
            }
            return error(at, "expected 'and' or 'or'");
        }
        return policy;
    }

private:
    Result<StatComparison> comparison() {
        skip_space();
        const std::size_t at = pos_;
        const std::string_view name = word_or_symbol();
        StatComparison cmp;
        bool found = false;
        for (const FieldName& f : kFields) {
            if (name == f.name) {
                cmp.field = f.field;
                found = true;
            }
        }
        if (!found) {
            return error(at, name.empty() ? "expected a field (malicious, suspicious, harmless, undetected, total)"
                                          : "unknown field '" + std::string(name) +
                                                "' (malicious, suspicious, harmless, undetected, total)");
        }
        skip_space();
        const std::size_t op_at = pos_;
        found = false;
        for (const OpName& o : kOps) {
            if (text_.substr(pos_, o.text.size()) == o.text) {
                cmp.op = o.op;
                pos_ += o.text.size();
                found = true;
                break;
            }
        }
        if (!found) return error(op_at, "expected a comparison (> >= < <= == !=)");
        skip_space();
        const std::size_t num_at = pos_;
        std::int64_t value = 0;
        while (pos_ < text_.size() && is_digit(text_[pos_])) {
            if (value > 1'000'000'000) return error(num_at, "number too large");
            value = value * 10 + (text_[pos_++] - '0');
        }
        if (pos_ == num_at) return error(num_at, "expected a whole number");
        cmp.value = value;
        return cmp;
    }

    // A lower-cased word, or a run of '&' / '|'.
    std::string_view word_or_symbol() {
        word_.clear();
        if (pos_ < text_.size() && (text_[pos_] == '&' || text_[pos_] == '|')) {
            while (pos_ < text_.size() && (text_[pos_] == '&' || text_[pos_] == '|')) word_ += text_[pos_++];
        } else {
            while (pos_ < text_.size() && is_word(text_[pos_])) word_ += lower(text_[pos_++]);
        }
        return word_;
    }

    void skip_space() {
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
    }

    Failure error(std::size_t at, std::string message) const {
        return fail(ErrorKind::invalid, std::move(message), Location::at_line("verdict rule", 1, at + 1));
    }

    std::string_view text_;
    std::size_t pos_ = 0;
    std::string word_;
};

}  // namespace

bool VerdictPolicy::holds(const EngineCounts& counts) const {
    for (const auto& group : malicious_when) {
        if (group.empty()) continue;
        bool all = true;
        for (const StatComparison& c : group) all = all && compare(value_of(counts, c.field), c.op, c.value);
        if (all) return true;
    }
    return false;
}

Verdict VerdictPolicy::score(const EngineCounts& c) const {
    if (c.malicious == 0 && c.suspicious == 0 && c.harmless == 0 && c.undetected == 0) return Verdict::unknown;
    if (holds(c)) return Verdict::malicious;
    if (c.malicious > 0 || c.suspicious > 0) return Verdict::suspicious;
    return Verdict::clean;
}

Verdict VerdictPolicy::verdict_of(const Sighting& s) const {
    if (!s.scored()) return s.verdict;
    return score(EngineCounts{s.malicious.value_or(0), s.suspicious.value_or(0), s.harmless.value_or(0),
                              s.undetected.value_or(0)});
}

std::string VerdictPolicy::describe() const {
    std::string out;
    for (const auto& group : malicious_when) {
        if (!out.empty()) out += " or ";
        bool first = true;
        for (const StatComparison& c : group) {
            if (!first) out += " and ";
            first = false;
            for (const FieldName& f : kFields)
                if (f.field == c.field) out += f.name;
            for (const OpName& o : kOps) {
                if (o.op == c.op) {
                    out += ' ';
                    out += o.text;
                    out += ' ';
                    break;
                }
            }
            out += std::to_string(c.value);
        }
    }
    return out;
}

Result<VerdictPolicy> parse_policy(std::string_view rule) { return RuleParser(rule).parse(); }

}  // namespace trinity::intel
