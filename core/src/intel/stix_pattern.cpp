// A recursive-descent reader of STIX 2.1 patterning (see stix_pattern.h).
// [SECTION] tokens  [SECTION] grammar
#include "stix_pattern.h"

#include <cstddef>

namespace trinity::intel::detail {
namespace {

// [SECTION] tokens

enum class Tok { end, lbracket, rbracket, lparen, rparen, comma, op, string, timestamp, other_literal, number, word, path };

struct Token {
    Tok kind = Tok::end;
    std::string text;  // words upper-cased; strings unescaped; paths without quotes
    std::size_t column = 0;
};

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name(char c) { return is_alpha(c) || is_digit(c) || c == '_' || c == '-'; }

class Lexer {
public:
    explicit Lexer(std::string_view s) : s_(s) {}

    Result<Token> next() {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\r' || s_[pos_] == '\n')) ++pos_;
        Token t;
        t.column = pos_ + 1;
        if (pos_ >= s_.size()) return t;
        const char c = s_[pos_];
        switch (c) {
            case '[': ++pos_; t.kind = Tok::lbracket; return t;
            case ']': ++pos_; t.kind = Tok::rbracket; return t;
            case '(': ++pos_; t.kind = Tok::lparen; return t;
            case ')': ++pos_; t.kind = Tok::rparen; return t;
            case ',': ++pos_; t.kind = Tok::comma; return t;
            default: break;
        }
        if (c == '=' || c == '!' || c == '<' || c == '>') {
            t.kind = Tok::op;
            t.text = c;
            ++pos_;
            if (pos_ < s_.size() && s_[pos_] == '=') t.text += s_[pos_++];
            if (t.text == "!") return error(t.column, "'!' must be followed by '='");
            return t;
        }
        if (c == '\'') {
            t.kind = Tok::string;
            return quoted(t);
        }
        if ((c == 't' || c == 'b' || c == 'h') && pos_ + 1 < s_.size() && s_[pos_ + 1] == '\'') {
            t.kind = c == 't' ? Tok::timestamp : Tok::other_literal;
            ++pos_;
            return quoted(t);
        }
        if (is_digit(c) || c == '-' || c == '+') {
            t.kind = Tok::number;
            while (pos_ < s_.size() && (is_digit(s_[pos_]) || s_[pos_] == '.' || s_[pos_] == '-' || s_[pos_] == '+'))
                t.text += s_[pos_++];
            return t;
        }
        if (is_alpha(c) || c == '_') {
            while (pos_ < s_.size() && is_name(s_[pos_])) t.text += s_[pos_++];
            if (pos_ < s_.size() && s_[pos_] == ':') return path(t);
            t.kind = Tok::word;
            for (char& ch : t.text) ch = (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch;
            return t;
        }
        return error(t.column, std::string("unexpected character '") + c + "'");
    }

private:
    // 'text' with \' and \\ escapes; the opening quote is at pos_.
    Result<Token> quoted(Token& t) {
        ++pos_;
        while (pos_ < s_.size() && s_[pos_] != '\'') {
            if (s_[pos_] == '\\') {
                if (pos_ + 1 >= s_.size() || (s_[pos_ + 1] != '\'' && s_[pos_ + 1] != '\\'))
                    return error(pos_ + 1, "only \\' and \\\\ may be escaped in a STIX string");
                ++pos_;
            }
            t.text += s_[pos_++];
        }
        if (pos_ >= s_.size()) return error(t.column, "string never closed");
        ++pos_;
        return t;
    }

    // object-type:property(.property | .'quoted' | [index] | [*])*; the type is read.
    Result<Token> path(Token& t) {
        t.kind = Tok::path;
        t.text += ':';
        ++pos_;
        bool need_name = true;
        while (pos_ < s_.size()) {
            const char c = s_[pos_];
            if (need_name) {
                if (c == '\'') {
                    Token q;
                    q.column = pos_ + 1;
                    auto r = quoted(q);
                    if (!r) return r.error();
                    t.text += q.text;
                } else if (is_name(c)) {
                    while (pos_ < s_.size() && is_name(s_[pos_])) t.text += s_[pos_++];
                } else {
                    return error(pos_ + 1, "expected a property name in the object path");
                }
                need_name = false;
            } else if (c == '.') {
                t.text += c;
                ++pos_;
                need_name = true;
            } else if (c == '[' && pos_ + 1 < s_.size() && (s_[pos_ + 1] == '*' || is_digit(s_[pos_ + 1]))) {
                const std::size_t close = s_.find(']', pos_);
                if (close == std::string_view::npos) return error(pos_ + 1, "list index never closed");
                t.text += s_.substr(pos_, close - pos_ + 1);
                pos_ = close + 1;
            } else {
                break;
            }
        }
        if (need_name) return error(pos_ + 1, "object path ends without a property");
        return t;
    }

    Failure error(std::size_t column, std::string message) const {
        Location l;
        l.column = column;
        return fail(ErrorKind::invalid, std::move(message), l);
    }

    std::string_view s_;
    std::size_t pos_ = 0;
};

// [SECTION] grammar

class PatternParser {
public:
    explicit PatternParser(std::string_view s) : lexer_(s) {}

    Result<StixPatternScan> parse() {
        if (auto r = advance(); !r) return r.error();
        if (auto r = observation_or(0); !r) return r.error();
        if (tok_.kind != Tok::end) return error("unexpected text after the pattern");
        if (scan_.equalities.empty() && scan_.skipped.empty()) return error("the pattern has no comparison");
        return std::move(scan_);
    }

private:
    static constexpr int kMaxDepth = 64;

    Result<void> advance() {
        auto t = lexer_.next();
        if (!t) return t.error();
        tok_ = std::move(*t);
        return {};
    }
    bool at_word(std::string_view w) const { return tok_.kind == Tok::word && tok_.text == w; }
    Failure error(std::string message) const {
        Location l;
        l.column = tok_.column;
        return fail(ErrorKind::invalid, std::move(message), l);
    }
    Result<void> expect(Tok kind, const char* what) {
        if (tok_.kind != kind) return error(std::string("expected ") + what);
        return advance();
    }

    // Observation expressions: ORs of ANDs of FOLLOWEDBYs of qualified atoms.
    Result<void> observation_or(int depth) {
        if (depth > kMaxDepth) return error("pattern nested too deeply");
        for (;;) {
            if (auto r = observation_atom(depth); !r) return r;
            if (auto r = qualifiers(); !r) return r;
            if (at_word("OR") || at_word("AND") || at_word("FOLLOWEDBY")) {
                if (auto r = advance(); !r) return r;
                continue;
            }
            return {};
        }
    }

    Result<void> observation_atom(int depth) {
        if (tok_.kind == Tok::lparen) {
            if (auto r = advance(); !r) return r;
            if (auto r = observation_or(depth + 1); !r) return r;
            return expect(Tok::rparen, "')'");
        }
        if (tok_.kind != Tok::lbracket) return error("expected '[' to open an observation expression");
        if (auto r = advance(); !r) return r;
        if (auto r = comparison_or(depth + 1); !r) return r;
        return expect(Tok::rbracket, "']'");
    }

    Result<void> qualifiers() {
        for (;;) {
            if (at_word("WITHIN")) {
                if (auto r = advance(); !r) return r;
                if (auto r = expect(Tok::number, "a number of seconds"); !r) return r;
                if (!at_word("SECONDS")) return error("expected SECONDS");
                if (auto r = advance(); !r) return r;
            } else if (at_word("REPEATS")) {
                if (auto r = advance(); !r) return r;
                if (auto r = expect(Tok::number, "a repeat count"); !r) return r;
                if (!at_word("TIMES")) return error("expected TIMES");
                if (auto r = advance(); !r) return r;
            } else if (at_word("START")) {
                if (auto r = advance(); !r) return r;
                if (auto r = expect(Tok::timestamp, "a t'...' timestamp"); !r) return r;
                if (!at_word("STOP")) return error("expected STOP");
                if (auto r = advance(); !r) return r;
                if (auto r = expect(Tok::timestamp, "a t'...' timestamp"); !r) return r;
            } else {
                return {};
            }
        }
    }

    Result<void> comparison_or(int depth) {
        if (depth > kMaxDepth) return error("pattern nested too deeply");
        for (;;) {
            if (auto r = comparison_atom(depth); !r) return r;
            if (at_word("OR") || at_word("AND")) {
                if (auto r = advance(); !r) return r;
                continue;
            }
            return {};
        }
    }

    bool is_literal() const {
        return tok_.kind == Tok::string || tok_.kind == Tok::number || tok_.kind == Tok::timestamp ||
               tok_.kind == Tok::other_literal || at_word("TRUE") || at_word("FALSE");
    }

    Result<void> comparison_atom(int depth) {
        if (tok_.kind == Tok::lparen) {
            if (auto r = advance(); !r) return r;
            if (auto r = comparison_or(depth + 1); !r) return r;
            return expect(Tok::rparen, "')'");
        }
        if (at_word("EXISTS")) {
            if (auto r = advance(); !r) return r;
            scan_.skipped.push_back("EXISTS comparison");
            return expect(Tok::path, "an object path after EXISTS");
        }
        if (tok_.kind != Tok::path) return error("expected an object path (type:property)");
        const std::string path = tok_.text;
        if (auto r = advance(); !r) return r;
        bool negated = false;
        if (at_word("NOT")) {
            negated = true;
            if (auto r = advance(); !r) return r;
        }
        if (tok_.kind == Tok::op) {
            const std::string op = tok_.text;
            if (auto r = advance(); !r) return r;
            if (!is_literal()) return error("expected a literal after '" + op + "'");
            const bool take = !negated && (op == "=" || op == "==") && tok_.kind == Tok::string;
            if (take) {
                scan_.equalities.push_back({path, tok_.text});
            } else {
                scan_.skipped.push_back(negated ? "NOT comparison" : "'" + op + "' comparison");
            }
            return advance();
        }
        if (at_word("IN")) {
            if (auto r = advance(); !r) return r;
            if (auto r = expect(Tok::lparen, "'(' after IN"); !r) return r;
            for (;;) {
                if (!is_literal()) return error("expected a literal in the IN set");
                if (!negated && tok_.kind == Tok::string) scan_.equalities.push_back({path, tok_.text});
                if (auto r = advance(); !r) return r;
                if (tok_.kind == Tok::comma) {
                    if (auto r = advance(); !r) return r;
                    continue;
                }
                break;
            }
            if (negated) scan_.skipped.push_back("NOT comparison");
            return expect(Tok::rparen, "')' to close the IN set");
        }
        for (std::string_view w : {"LIKE", "MATCHES", "ISSUBSET", "ISSUPERSET"}) {
            if (!at_word(w)) continue;
            scan_.skipped.push_back(std::string(w) + " comparison");
            if (auto r = advance(); !r) return r;
            if (tok_.kind != Tok::string) return error("expected a string after " + std::string(w));
            return advance();
        }
        return error("expected a comparison operator after the object path");
    }

    Lexer lexer_;
    Token tok_;
    StixPatternScan scan_;
};

}  // namespace

Result<StixPatternScan> scan_stix_pattern(std::string_view pattern) { return PatternParser(pattern).parse(); }

}  // namespace trinity::intel::detail
