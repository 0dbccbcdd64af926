// Sigma string values: escapes, wildcards, the string modifiers that
// rewrite a value (contains, startswith, endswith, windash, base64,
// base64offset, utf16*), and matching the result against a field value.
//
// A value is read into tokens: literal text, `*` (any run), `?` (one
// character) and, under windash, a dash (any of - / – — ―). The spec's
// escaping: `\*` and `\?` are a literal star and question mark, `\\` is one
// backslash, and a backslash before anything else is itself (so Windows
// paths need no doubling).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "trinity/result.h"

namespace trinity::sigma::detail {

struct Token {
    enum Kind : std::uint8_t { literal, any_run, any_char, dash } kind = literal;
    std::string text;  // literal only
};
using Tokens = std::vector<Token>;

// The escapes and wildcards of a plain Sigma string.
Tokens parse_value(std::string_view text);
// A string taken literally (regex results, encoded bytes, fieldref values).
Tokens literal_tokens(std::string_view text);

bool has_wildcards(const Tokens& tokens);
void add_leading_wildcard(Tokens& tokens);
void add_trailing_wildcard(Tokens& tokens);
// windash: every dash-like character of the literal text becomes a dash token.
void apply_windash(Tokens& tokens);

// Encodings (the value must be free of wildcards; the caller checks).
std::string utf16le_bytes(std::string_view utf8);
std::string utf16be_bytes(std::string_view utf8);
std::string base64_encode(std::string_view bytes);
// The three base64offset forms of `bytes` (offsets 0, 1, 2), each cut to
// the characters that do not depend on the neighbouring bytes.
std::vector<std::string> base64_offsets(std::string_view bytes);

// ASCII lower-casing, the fold used for Sigma's case-insensitive matching.
void fold_ascii(std::string& s);
void fold_tokens(Tokens& tokens);

// A token list ready to match.
class Pattern {
public:
    enum Shape : std::uint8_t { equals, prefix, suffix, contains, glob };

    Pattern() = default;
    explicit Pattern(Tokens tokens);

    Shape shape() const { return shape_; }
    const std::string& literal() const { return literal_; }
    // The longest literal run: what a value must contain for a match (empty
    // when the pattern has none, e.g. "*" or "?").
    const std::string& needle() const { return needle_; }
    bool matches(std::string_view value) const;

private:
    bool glob_matches(std::string_view value) const;

    Shape shape_ = equals;
    std::string literal_;
    std::string needle_;
    Tokens tokens_;  // glob only
};

}  // namespace trinity::sigma::detail
