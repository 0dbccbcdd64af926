// Refanging defanged text and defanging indicators (see refang.h).
#include "trinity/ioc/refang.h"

#include <cstddef>

#include "trinity/ioc/public_suffix.h"

namespace trinity::ioc {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_alnum(char c) {
    return (c >= '0' && c <= '9') || (lower(c) >= 'a' && lower(c) <= 'z');
}
bool is_label_char(char c) { return is_alnum(c) || c == '-' || c == '_'; }

bool starts_folded(std::string_view s, std::size_t at, std::string_view word) {
    if (s.size() - at < word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i)
        if (lower(s[at + i]) != word[i]) return false;
    return true;
}

// Builds the refanged copy lazily: nothing is copied until a first change.
struct Rewriter {
    std::string_view in;
    std::string out;
    std::size_t copied = 0;
    bool changed = false;

    void replace(std::size_t at, std::size_t length, std::string_view with) {
        out.append(in.substr(copied, at - copied));
        out.append(with);
        copied = at + length;
        changed = true;
    }
    std::string finish() {
        out.append(in.substr(copied));
        return std::move(out);
    }
};

// A bracketed marker at `i` ('[', '(' or '{'): its length and replacement.
struct Marker {
    std::size_t length = 0;
    std::string_view with;
};

Marker bracket_marker(std::string_view t, std::size_t i) {
    const char open = t[i];
    const char close = open == '[' ? ']' : open == '(' ? ')' : '}';
    struct Inner {
        std::string_view text;
        std::string_view with;
        bool brackets_only;  // only in [], not () or {}
    };
    static constexpr Inner kInner[] = {
        {".", ".", false}, {"dot", ".", false}, {"://", "://", true}, {":", ":", true},
        {"/", "/", true},  {"@", "@", false},   {"at", "@", false},
    };
    for (const Inner& inner : kInner) {
        if (inner.brackets_only && open != '[') continue;
        const std::size_t end = i + 1 + inner.text.size();
        if (end < t.size() && t[end] == close && starts_folded(t, i + 1, inner.text)) return {end + 1 - i, inner.with};
    }
    return {};
}

// "hxxp", "hxxps", "fxp" at `i` followed by a scheme separator (plain or
// bracketed); returns the length of the scheme word.
std::size_t defanged_scheme(std::string_view t, std::size_t i, std::string_view& with) {
    if (i > 0 && is_alnum(t[i - 1])) return 0;
    std::size_t length = 0;
    if (starts_folded(t, i, "hxxps")) {
        length = 5;
        with = "https";
    } else if (starts_folded(t, i, "hxxp")) {
        length = 4;
        with = "http";
    } else if (starts_folded(t, i, "fxp")) {
        length = 3;
        with = "ftp";
    } else {
        return 0;
    }
    const std::string_view rest = t.substr(i + length);
    if (rest.starts_with("://") || rest.starts_with("[://]") || rest.starts_with("[:]//") || rest.starts_with("[:]")) return length;
    return 0;
}

// Pass 2: " dot " between two names, when the text had other markers.
std::string refang_spelled_dots(std::string text) {
    Rewriter w{text, {}, 0, false};
    const PublicSuffixList& psl = PublicSuffixList::builtin();
    for (std::size_t i = 0; i + 5 <= text.size(); ++i) {
        if (text[i] != ' ' || !starts_folded(text, i + 1, "dot") || text[i + 4] != ' ') continue;
        if (i == 0 || !is_label_char(text[i - 1])) continue;
        std::size_t end = i + 5;
        while (end < text.size() && is_label_char(text[end])) ++end;
        if (end == i + 5) continue;
        const std::string_view next(text.data() + i + 5, end - i - 5);
        const bool chain_goes_on = (end < text.size() && text[end] == '.') || starts_folded(text, end, " dot ");
        std::string tld(next);
        for (char& c : tld) c = lower(c);
        if (!chain_goes_on && !psl.is_tld(tld)) continue;
        w.replace(i, 5, ".");
    }
    return w.changed ? w.finish() : text;
}

}  // namespace

std::optional<std::string> refang(std::string_view t) {
    Rewriter w{t, {}, 0, false};
    for (std::size_t i = 0; i < t.size(); ++i) {
        const char c = t[i];
        if (c == '[' || c == '(' || c == '{') {
            const Marker m = bracket_marker(t, i);
            if (!m.length) continue;
            std::size_t start = i, length = m.length;
            // " [at] " and " [dot] " swallow the spaces around them.
            if ((m.with == "@" || m.with == ".") && i > 0 && t[i - 1] == ' ' && i + length < t.size() &&
                t[i + length] == ' ') {
                --start;
                length += 2;
            }
            if (start < w.copied) continue;  // overlaps the previous replacement
            w.replace(start, length, m.with);
            i = start + length - 1;
        } else if (c == 'h' || c == 'H' || c == 'f' || c == 'F') {
            std::string_view with;
            const std::size_t length = defanged_scheme(t, i, with);
            if (!length) continue;
            w.replace(i, length, with);
            i += length - 1;
        }
    }
    if (!w.changed) return std::nullopt;
    return refang_spelled_dots(w.finish());
}

std::string refang_copy(std::string_view text) {
    auto r = refang(text);
    return r ? std::move(*r) : std::string(text);
}

std::string defang(const Indicator& indicator) {
    const std::string& v = indicator.value;
    std::string out;
    switch (indicator.type) {
        case IndicatorType::ipv4:
        case IndicatorType::domain:
            for (char c : v) {
                if (c == '.') out += "[.]";
                else out += c;
            }
            return out;
        case IndicatorType::ipv6:
            for (char c : v) {
                if (c == ':') out += "[:]";
                else out += c;
            }
            return out;
        case IndicatorType::email:
            for (char c : v) {
                if (c == '@') out += "[@]";
                else if (c == '.') out += "[.]";
                else out += c;
            }
            return out;
        case IndicatorType::url: {
            std::size_t sep = v.find("://");
            if (sep == std::string::npos) return v;
            const std::string scheme = v.substr(0, sep);
            if (scheme == "http") out = "hxxp";
            else if (scheme == "https") out = "hxxps";
            else if (scheme == "ftp") out = "fxp";
            else out = scheme;
            out += "://";
            // Dots of the authority become [.]; the path is kept.
            std::size_t end = v.find_first_of("/?#", sep + 3);
            if (end == std::string::npos) end = v.size();
            for (std::size_t i = sep + 3; i < end; ++i) {
                if (v[i] == '.') out += "[.]";
                else if (v[i] == '@') out += "[@]";
                else out += v[i];
            }
            out.append(v, end, std::string::npos);
            return out;
        }
        default: return v;
    }
}

}  // namespace trinity::ioc
