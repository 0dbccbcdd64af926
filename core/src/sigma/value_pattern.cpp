#include "value_pattern.h"

#include <array>

namespace trinity::sigma::detail {

namespace {

void append_literal(Tokens& tokens, std::string_view text) {
    if (text.empty()) return;
    if (!tokens.empty() && tokens.back().kind == Token::literal) {
        tokens.back().text.append(text);
    } else {
        tokens.push_back({Token::literal, std::string(text)});
    }
}

// The five characters windash treats as one: - / – — ―.
constexpr std::array<std::string_view, 5> kDashes = {"-", "/", "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\x95"};

std::size_t dash_at(std::string_view s, std::size_t i) {
    for (std::string_view d : kDashes) {
        if (s.substr(i, d.size()) == d) return d.size();
    }
    return 0;
}

std::size_t utf8_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if ((lead >> 5) == 0x6) return 2;
    if ((lead >> 4) == 0xE) return 3;
    if ((lead >> 3) == 0x1E) return 4;
    return 1;
}

}  // namespace

Tokens parse_value(std::string_view text) {
    Tokens tokens;
    std::string run;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\\' && i + 1 < text.size()) {
            const char next = text[i + 1];
            if (next == '*' || next == '?' || next == '\\') {
                run.push_back(next);
                ++i;
                continue;
            }
            run.push_back('\\');
            continue;
        }
        if (c == '*' || c == '?') {
            append_literal(tokens, run);
            run.clear();
            const Token::Kind kind = c == '*' ? Token::any_run : Token::any_char;
            // Consecutive stars are one.
            if (kind == Token::any_run && !tokens.empty() && tokens.back().kind == Token::any_run) continue;
            tokens.push_back({kind, {}});
            continue;
        }
        run.push_back(c);
    }
    append_literal(tokens, run);
    return tokens;
}

Tokens literal_tokens(std::string_view text) {
    Tokens tokens;
    append_literal(tokens, text);
    return tokens;
}

bool has_wildcards(const Tokens& tokens) {
    for (const Token& t : tokens) {
        if (t.kind != Token::literal) return true;
    }
    return false;
}

void add_leading_wildcard(Tokens& tokens) {
    if (!tokens.empty() && tokens.front().kind == Token::any_run) return;
    Tokens out;
    out.reserve(tokens.size() + 1);
    out.push_back({Token::any_run, {}});
    for (Token& t : tokens) out.push_back(std::move(t));
    tokens = std::move(out);
}

void add_trailing_wildcard(Tokens& tokens) {
    if (tokens.empty() || tokens.back().kind != Token::any_run) tokens.push_back({Token::any_run, {}});
}

void apply_windash(Tokens& tokens) {
    Tokens out;
    for (Token& t : tokens) {
        if (t.kind != Token::literal) {
            out.push_back(std::move(t));
            continue;
        }
        std::string run;
        for (std::size_t i = 0; i < t.text.size();) {
            if (const std::size_t n = dash_at(t.text, i)) {
                append_literal(out, run);
                run.clear();
                out.push_back({Token::dash, {}});
                i += n;
            } else {
                run.push_back(t.text[i++]);
            }
        }
        append_literal(out, run);
    }
    tokens = std::move(out);
}

namespace {

// UTF-8 to code points; invalid bytes pass as themselves (Latin-1), so no
// input is lost.
template <class Emit>
void each_code_unit(std::string_view utf8, Emit emit) {
    for (std::size_t i = 0; i < utf8.size();) {
        const auto lead = static_cast<unsigned char>(utf8[i]);
        std::size_t n = utf8_length(lead);
        char32_t cp = lead;
        bool valid = n > 1 && i + n <= utf8.size();
        if (valid) {
            cp = lead & (0x7F >> n);
            for (std::size_t k = 1; k < n; ++k) {
                const auto b = static_cast<unsigned char>(utf8[i + k]);
                if ((b & 0xC0) != 0x80) {
                    valid = false;
                    break;
                }
                cp = (cp << 6) | (b & 0x3F);
            }
        }
        if (!valid) {
            cp = lead;
            n = 1;
        }
        if (cp >= 0x10000) {
            const char32_t v = cp - 0x10000;
            emit(static_cast<std::uint16_t>(0xD800 + (v >> 10)));
            emit(static_cast<std::uint16_t>(0xDC00 + (v & 0x3FF)));
        } else {
            emit(static_cast<std::uint16_t>(cp));
        }
        i += n;
    }
}

}  // namespace

std::string utf16le_bytes(std::string_view utf8) {
    std::string out;
    each_code_unit(utf8, [&](std::uint16_t u) {
        out.push_back(static_cast<char>(u & 0xFF));
        out.push_back(static_cast<char>(u >> 8));
    });
    return out;
}

std::string utf16be_bytes(std::string_view utf8) {
    std::string out;
    each_code_unit(utf8, [&](std::uint16_t u) {
        out.push_back(static_cast<char>(u >> 8));
        out.push_back(static_cast<char>(u & 0xFF));
    });
    return out;
}

std::string base64_encode(std::string_view bytes) {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t v = (static_cast<unsigned char>(bytes[i]) << 16) |
                                (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                                static_cast<unsigned char>(bytes[i + 2]);
        out.push_back(kAlphabet[(v >> 18) & 63]);
        out.push_back(kAlphabet[(v >> 12) & 63]);
        out.push_back(kAlphabet[(v >> 6) & 63]);
        out.push_back(kAlphabet[v & 63]);
    }
    const std::size_t rest = bytes.size() - i;
    if (rest > 0) {
        std::uint32_t v = static_cast<unsigned char>(bytes[i]) << 16;
        if (rest == 2) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        out.push_back(kAlphabet[(v >> 18) & 63]);
        out.push_back(kAlphabet[(v >> 12) & 63]);
        out.push_back(rest == 2 ? kAlphabet[(v >> 6) & 63] : '=');
        out.push_back('=');
    }
    return out;
}

std::vector<std::string> base64_offsets(std::string_view bytes) {
    // Shifted by k bytes, the first characters of the encoding depend on the
    // bytes before the value and the last ones on the bytes after it: keep
    // only the characters fully determined by the value.
    static constexpr std::size_t kStart[3] = {0, 2, 3};
    static constexpr std::size_t kEndCut[3] = {0, 3, 2};  // by (size + shift) % 3
    std::vector<std::string> out;
    for (std::size_t shift = 0; shift < 3; ++shift) {
        std::string shifted(shift, ' ');
        shifted.append(bytes);
        const std::string encoded = base64_encode(shifted);
        const std::size_t start = kStart[shift];
        const std::size_t cut = kEndCut[(bytes.size() + shift) % 3];
        if (encoded.size() < start + cut) {
            out.emplace_back();
            continue;
        }
        out.push_back(encoded.substr(start, encoded.size() - start - cut));
    }
    return out;
}

void fold_ascii(std::string& s) {
    for (char& c : s) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
}

void fold_tokens(Tokens& tokens) {
    for (Token& t : tokens) fold_ascii(t.text);
}

// [SECTION] Pattern -------------------------------------------------------

Pattern::Pattern(Tokens tokens) {
    for (const Token& t : tokens) {
        if (t.kind == Token::literal && t.text.size() > needle_.size()) needle_ = t.text;
    }
    const std::size_t n = tokens.size();
    auto is = [&](std::size_t i, Token::Kind k) { return i < n && tokens[i].kind == k; };
    if (n == 0) {
        shape_ = equals;
    } else if (n == 1 && is(0, Token::literal)) {
        shape_ = equals;
        literal_ = tokens[0].text;
    } else if (n == 1 && is(0, Token::any_run)) {
        shape_ = contains;  // "*": any value, the empty one included
    } else if (n == 2 && is(0, Token::literal) && is(1, Token::any_run)) {
        shape_ = prefix;
        literal_ = tokens[0].text;
    } else if (n == 2 && is(0, Token::any_run) && is(1, Token::literal)) {
        shape_ = suffix;
        literal_ = tokens[1].text;
    } else if (n == 3 && is(0, Token::any_run) && is(1, Token::literal) && is(2, Token::any_run)) {
        shape_ = contains;
        literal_ = tokens[1].text;
    } else {
        shape_ = glob;
        tokens_ = std::move(tokens);
    }
}

bool Pattern::matches(std::string_view value) const {
    switch (shape_) {
        case equals: return value == literal_;
        case prefix: return value.starts_with(literal_);
        case suffix: return value.ends_with(literal_);
        case contains: return value.find(literal_) != std::string_view::npos;
        case glob: return glob_matches(value);
    }
    return false;
}

bool Pattern::glob_matches(std::string_view value) const {
    // Greedy matching with backtracking to the last star: every non-star
    // token matches at most one way at a position, so this is complete.
    std::size_t t = 0, v = 0;
    std::size_t star_t = std::string_view::npos, star_v = 0;
    const std::size_t nt = tokens_.size();
    while (v < value.size() || t < nt) {
        if (t < nt) {
            const Token& tok = tokens_[t];
            if (tok.kind == Token::any_run) {
                star_t = t++;
                star_v = v;
                continue;
            }
            std::size_t advance = 0;
            if (v < value.size() || tok.kind == Token::literal) {
                switch (tok.kind) {
                    case Token::literal:
                        if (value.substr(v, tok.text.size()) == tok.text) advance = tok.text.size();
                        break;
                    case Token::any_char:
                        advance = std::min(utf8_length(static_cast<unsigned char>(value[v])), value.size() - v);
                        break;
                    case Token::dash: advance = dash_at(value, v); break;
                    case Token::any_run: break;
                }
            }
            if (advance > 0 || (tok.kind == Token::literal && tok.text.empty())) {
                ++t;
                v += advance;
                continue;
            }
        }
        if (star_t == std::string_view::npos || star_v >= value.size()) return false;
        t = star_t + 1;
        v = ++star_v;
    }
    return true;
}

}  // namespace trinity::sigma::detail
