#include "condition_parser.h"

#include <cctype>

namespace trinity::sigma::detail {

namespace {

bool name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '*' || c == '-' || c == '.' ||
           static_cast<unsigned char>(c) >= 0x80;
}

// "'text'": built by appending (GCC 12 warns falsely on operator+ here).
std::string quoted(std::string_view text, std::string_view after = {}) {
    std::string out;
    out.reserve(text.size() + after.size() + 2);
    out += '\'';
    out.append(text);
    out += '\'';
    out.append(after);
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    }
    return true;
}

// Selection names against a pattern where '*' is any run.
bool name_matches(std::string_view pattern, std::string_view name) {
    std::size_t p = 0, n = 0, star = std::string_view::npos, mark = 0;
    while (n < name.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = n;
        } else if (p < pattern.size() && pattern[p] == name[n]) {
            ++p;
            ++n;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            n = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

class Parser {
public:
    Parser(std::string_view text, const std::vector<Selection>& selections) : text_(text), selections_(selections) {
        tokenize();
    }

    Result<CondNode> parse() {
        if (!error_.empty()) return failure();
        if (tokens_.empty()) {
            error_ = "the condition is empty";
            return failure();
        }
        CondNode node = parse_or();
        if (error_.empty() && pos_ < tokens_.size()) {
            error_at_ = tokens_[pos_].column;
            error_ = "unexpected " + quoted(tokens_[pos_].text);
        }
        if (!error_.empty()) return failure();
        return node;
    }

private:
    struct Tok {
        std::string_view text;
        std::size_t column = 0;
    };

    void tokenize() {
        for (std::size_t i = 0; i < text_.size();) {
            const char c = text_[i];
            if (std::isspace(static_cast<unsigned char>(c))) {
                ++i;
            } else if (c == '(' || c == ')') {
                tokens_.push_back({text_.substr(i, 1), i + 1});
                ++i;
            } else if (c == '|') {
                error_at_ = i + 1;
                error_ = "aggregation expressions ('| count() ...') were removed in Sigma 2: use a correlation rule";
                return;
            } else if (name_char(c)) {
                std::size_t j = i;
                while (j < text_.size() && name_char(text_[j])) ++j;
                tokens_.push_back({text_.substr(i, j - i), i + 1});
                i = j;
            } else {
                error_at_ = i + 1;
                error_ = std::string("unexpected character '") + c + "'";
                return;
            }
        }
    }

    bool at(std::string_view word) const { return pos_ < tokens_.size() && iequals(tokens_[pos_].text, word); }

    void fail_here(std::string message) {
        if (!error_.empty()) return;
        error_at_ = pos_ < tokens_.size() ? tokens_[pos_].column : text_.size() + 1;
        error_ = std::move(message);
    }

    CondNode parse_or() {
        CondNode first = parse_and();
        if (!at("or")) return first;
        CondNode node;
        node.kind = CondNode::any;
        node.children.push_back(std::move(first));
        while (error_.empty() && at("or")) {
            ++pos_;
            node.children.push_back(parse_and());
        }
        return node;
    }

    CondNode parse_and() {
        CondNode first = parse_unary();
        if (!at("and")) return first;
        CondNode node;
        node.kind = CondNode::all;
        node.children.push_back(std::move(first));
        while (error_.empty() && at("and")) {
            ++pos_;
            node.children.push_back(parse_unary());
        }
        return node;
    }

    CondNode parse_unary() {
        if (++depth_ > 200) {
            fail_here("the condition nests too deeply");
            return {};
        }
        CondNode node = parse_unary_inner();
        --depth_;
        return node;
    }

    CondNode parse_unary_inner() {
        if (pos_ >= tokens_.size()) {
            fail_here("the condition ends where a selection was expected");
            return {};
        }
        if (at("not")) {
            ++pos_;
            CondNode node;
            node.kind = CondNode::negate;
            node.children.push_back(parse_unary());
            return node;
        }
        if (at("(")) {
            ++pos_;
            CondNode node = parse_or();
            if (!at(")")) {
                fail_here("missing ')'");
                return node;
            }
            ++pos_;
            return node;
        }
        if ((at("1") || at("any") || at("all")) && pos_ + 1 < tokens_.size() && iequals(tokens_[pos_ + 1].text, "of")) {
            const bool all = at("all");
            pos_ += 2;
            return quantifier(all);
        }
        const Tok tok = tokens_[pos_];
        if (tok.text == ")" || iequals(tok.text, "and") || iequals(tok.text, "or") || iequals(tok.text, "of")) {
            fail_here("unexpected " + quoted(tok.text));
            return {};
        }
        for (std::size_t i = 0; i < selections_.size(); ++i) {
            if (selections_[i].name == tok.text) {
                ++pos_;
                CondNode node;
                node.index = static_cast<std::uint32_t>(i);
                return node;
            }
        }
        fail_here("the condition names " + quoted(tok.text, ", which the detection does not define"));
        return {};
    }

    CondNode quantifier(bool all) {
        if (pos_ >= tokens_.size()) {
            fail_here("'of' needs a selection pattern or 'them'");
            return {};
        }
        const std::string_view target = tokens_[pos_].text;
        const bool them = iequals(target, "them");
        CondNode node;
        node.kind = all ? CondNode::all : CondNode::any;
        for (std::size_t i = 0; i < selections_.size(); ++i) {
            const std::string& name = selections_[i].name;
            const bool take = them ? !name.starts_with('_') : name_matches(target, name);
            if (!take) continue;
            CondNode leaf;
            leaf.index = static_cast<std::uint32_t>(i);
            node.children.push_back(leaf);
        }
        if (node.children.empty()) {
            fail_here(quoted(target, " matches no selection"));
            return {};
        }
        ++pos_;
        return node;
    }

    Failure failure() const {
        Location where;
        where.column = error_at_ ? error_at_ : 1;
        return fail(ErrorKind::invalid, "condition: " + error_, where);
    }

    std::string_view text_;
    const std::vector<Selection>& selections_;
    std::vector<Tok> tokens_;
    std::size_t pos_ = 0;
    int depth_ = 0;
    std::string error_;
    std::size_t error_at_ = 0;
};

}  // namespace

Result<CondNode> parse_condition(std::string_view text, const std::vector<Selection>& selections) {
    return Parser(text, selections).parse();
}

}  // namespace trinity::sigma::detail
