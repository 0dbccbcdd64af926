// The indicator scanner (see extract.h for the rules).
//
// [SECTION] Character classes
// [SECTION] The scanner: words, addresses, URLs, paths
// [SECTION] Entry points
#include "trinity/ioc/extract.h"

#include <array>
#include <cstddef>

#include "trinity/ioc/refang.h"

namespace trinity::ioc {
namespace {

// [SECTION] Character classes

enum : std::uint8_t {
    kDigit = 1,
    kAlpha = 2,
    kHex = 4,
    kWord = 8,      // part of a word: alnum . - _ + @ and non-ASCII bytes
    kPathStop = 16, // ends a Windows path
    kUnixPath = 32, // may appear in a Unix path
};

constexpr std::array<std::uint8_t, 256> make_classes() {
    std::array<std::uint8_t, 256> t{};
    for (int c = 0; c < 256; ++c) {
        std::uint8_t v = 0;
        const bool digit = c >= '0' && c <= '9';
        const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (digit) v |= kDigit;
        if (alpha) v |= kAlpha;
        if (digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) v |= kHex;
        if (digit || alpha || c == '.' || c == '-' || c == '_' || c == '+' || c == '@' || c >= 0x80) v |= kWord;
        if (c < 0x20 || c == 0x7f || c == '"' || c == '\'' || c == '<' || c == '>' || c == '|' || c == '*' ||
            c == '?' || c == ',' || c == ';' || c == '`')
            v |= kPathStop;
        if (digit || alpha || c == '.' || c == '-' || c == '_' || c == '~' || c == '+' || c == '@' || c == '%' ||
            c == '=' || c == ':' || c == '/' || c == ',' || c >= 0x80)
            v |= kUnixPath;
        t[static_cast<std::size_t>(c)] = v;
    }
    return t;
}
constexpr std::array<std::uint8_t, 256> kClass = make_classes();

inline std::uint8_t cls(char c) { return kClass[static_cast<unsigned char>(c)]; }
inline bool is_digit(char c) { return cls(c) & kDigit; }
inline bool is_alpha(char c) { return cls(c) & kAlpha; }
inline bool is_alnum(char c) { return cls(c) & (kDigit | kAlpha); }
inline bool is_hex(char c) { return cls(c) & kHex; }
inline bool is_word(char c) { return cls(c) & kWord; }
inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
inline bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

bool equals_folded(std::string_view a, std::string_view lower_b) {
    if (a.size() != lower_b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower_b[i]) return false;
    return true;
}

bool starts_folded(std::string_view s, std::size_t at, std::string_view lower_word) {
    return at <= s.size() && s.size() - at >= lower_word.size() && equals_folded(s.substr(at, lower_word.size()), lower_word);
}

constexpr std::string_view kSchemes[] = {"http", "https", "ftp", "ftps", "sftp", "ws", "wss",
                                         "smb", "ldap", "ldaps", "ssh", "telnet", "tftp", "rdp"};
constexpr std::string_view kRegistryRoots[] = {"hkey_local_machine", "hkey_current_user", "hkey_users",
                                               "hkey_classes_root", "hkey_current_config", "hklm", "hkcu",
                                               "hku", "hkcr", "hkcc"};
// Top-level domains that are also common file extensions: a two-label
// name ending in one ("setup.zip") is taken for a file name.
constexpr std::string_view kExtensionTlds[] = {"zip", "mov", "sh", "py", "md", "so", "rs", "ps", "cab", "name", "app"};
// DOS-era programs Windows still ships as NAME.COM: "chcp.com" is a command,
// not a site.
constexpr std::string_view kComPrograms[] = {"chcp", "command", "format", "more", "tree", "mode", "diskcomp",
                                             "diskcopy", "edit", "edlin", "graftabl", "loadfix", "win"};
// Words after which a dotted quad is a version number.
constexpr std::string_view kVersionWords[] = {"version", "ver", "v", "build", "release", "firmware"};

template <std::size_t N>
bool in_list(std::string_view word, const std::string_view (&list)[N]) {
    for (std::string_view w : list)
        if (equals_folded(word, w)) return true;
    return false;
}

// [SECTION] The scanner: words, addresses, URLs, paths

class Scanner {
public:
    Scanner(std::string_view text, const ExtractOptions& options, std::vector<Match>& out)
        : t_(text), n_(text.size()), o_(options),
          psl_(options.suffixes ? *options.suffixes : PublicSuffixList::builtin()), out_(out) {}

    void run() {
        std::size_t i = 0;
        while (i < n_) {
            const char c = t_[i];
            const char prev = i ? t_[i - 1] : ' ';
            if (is_word(c)) {
                if (is_word(prev) && i > 0) {
                    while (i < n_ && is_word(t_[i])) ++i;  // the rest of a word a scanner stopped in
                } else {
                    i = word(i);
                }
                continue;
            }
            std::size_t next = 0;
            if (c == ':' && prev != ':' && !is_word(prev)) next = ipv6(i);
            else if (c == '\\' && !is_word(prev) && prev != '\\' && prev != ':') next = backslash(i);
            else if (c == '%' && !is_word(prev)) next = env_path(i);
            else if (c == '/' && unix_path_may_start(prev)) next = unix_path(i);
            i = next > i ? next : i + 1;
        }
    }

private:
    char at(std::size_t i) const { return i < n_ ? t_[i] : '\0'; }

    bool emit(IndicatorType type, std::size_t offset, std::size_t length) {
        return emit_value(type, offset, length, t_.substr(offset, length));
    }
    bool emit_value(IndicatorType type, std::size_t offset, std::size_t length, std::string_view raw) {
        if (!o_.types.has(type)) return false;
        auto canonical = canonicalize(type, raw);
        if (!canonical) return false;
        out_.push_back(Match{Indicator{type, std::move(*canonical)}, offset, length});
        return true;
    }

    // A word starting at s; returns where scanning goes on.
    std::size_t word(std::size_t s) {
        std::size_t e = s;
        while (e < n_ && is_word(t_[e])) ++e;
        const std::string_view w = t_.substr(s, e - s);
        if (at(e) == ':') {
            if (const std::size_t end = ipv6(s)) return end;
            if (t_.substr(e).starts_with("://") && in_list(w, kSchemes)) {
                if (const std::size_t end = url(s, e)) return end;
            }
            if (w.size() == 1 && is_alpha(w[0]) && (at(e + 1) == '\\' || at(e + 1) == '/') && e + 2 < n_ &&
                !(cls(at(e + 2)) & kPathStop) && at(e + 2) != ' ' && at(e + 2) != '/') {
                std::size_t end = path_end(e + 2);
                if (s == 0 && end < n_ && whole_text_is_path(end)) end = n_;
                emit(IndicatorType::windows_path, s, end - s);
                return end;
            }
        }
        if ((at(e) == '\\' || (at(e) == ':' && at(e + 1) == '\\')) && in_list(w, kRegistryRoots)) return registry(s, e);
        plain_word(s, e);
        return e;
    }

    // Words without a scheme or root: CVE ids, hashes, e-mail, domains, IPv4.
    void plain_word(std::size_t s, std::size_t e) {
        std::string_view w = t_.substr(s, e - s);
        if (w.size() >= 13 && starts_folded(w, 0, "cve-")) {
            std::size_t k = 4;
            while (k < w.size() && (is_digit(w[k]) || (k == 8 && w[k] == '-'))) ++k;
            emit(IndicatorType::cve, s, k);
            return;
        }
        if (w.size() >= 32) hashes(s, e);
        // Trim what cannot end or start a name.
        while (!w.empty() && (w.back() == '.' || w.back() == '-' || w.back() == '_' || w.back() == '+')) w.remove_suffix(1);
        while (!w.empty() && (w.front() == '.' || w.front() == '-' || w.front() == '_' || w.front() == '+')) {
            w.remove_prefix(1);
            ++s;
        }
        const std::size_t at_sign = w.rfind('@');
        if (at_sign != std::string_view::npos) {
            email(s, w, at_sign);
            return;
        }
        if (w.find('.') == std::string_view::npos) return;
        bool dotted_number = true;
        for (char c : w) dotted_number = dotted_number && (is_digit(c) || c == '.');
        if (dotted_number) {
            ipv4(s, w);
            return;
        }
        domain(s, w);
    }

    void hashes(std::size_t s, std::size_t e) {
        std::size_t k = s;
        while (k < e) {
            if (!is_alnum(t_[k])) {
                ++k;
                continue;
            }
            std::size_t j = k;
            bool all_hex = true, letter = false;
            while (j < e && is_alnum(t_[j])) {
                all_hex = all_hex && is_hex(t_[j]);
                letter = letter || is_alpha(t_[j]);
                ++j;
            }
            const std::size_t len = j - k;
            if (all_hex && letter && (len == 32 || len == 40 || len == 64 || len == 128)) {
                if (const auto type = hash_type_for(t_.substr(k, len))) emit(*type, k, len);
            }
            k = j;
        }
    }

    void email(std::size_t s, std::string_view w, std::size_t at_sign) {
        const std::string_view host = w.substr(at_sign + 1);
        if (at_sign == 0 || host.empty()) return;
        auto d = canonicalize(IndicatorType::domain, host);
        if (!d || !psl_.is_domain(*d)) return;
        emit_value(IndicatorType::email, s, w.size(), w);
    }

    void ipv4(std::size_t s, std::string_view w) {
        std::size_t dots = 0;
        for (char c : w) dots += c == '.';
        if (dots != 3) return;
        // "version 10.0.0.1", "build 6.1.7601.1": a version, not an address.
        std::size_t p = s;
        while (p > 0 && t_[p - 1] == ' ') --p;
        std::size_t q = p;
        while (q > 0 && is_alpha(t_[q - 1])) --q;
        if (q < p && in_list(t_.substr(q, p - q), kVersionWords)) return;
        emit(IndicatorType::ipv4, s, w.size());
    }

    bool acceptable_domain(std::string_view d) const {
        if (!psl_.is_domain(d)) return false;
        const std::size_t dot = d.rfind('.');
        const std::string_view tld = d.substr(dot + 1);
        if (d.find('.') == dot) {
            if (in_list(tld, kExtensionTlds)) return false;
            if (tld == "com" && in_list(d.substr(0, dot), kComPrograms)) return false;
        }
        // Windows app package names ("Microsoft.Windows.Photos",
        // "9WZDNCRFJBH4-Microsoft.Windows.Photos") under new gTLDs.
        const std::size_t appx = d.find("microsoft.windows.");
        if (appx != std::string_view::npos && (appx == 0 || d[appx - 1] == '-' || d[appx - 1] == '.') && tld != "com" &&
            tld != "net")
            return false;
        return true;
    }

    void domain(std::size_t s, std::string_view w) {
        // Inside a path: "C:\tools\evil.com", "/usr/lib/libc.so".
        const char prev = s ? t_[s - 1] : ' ';
        if (prev == '\\' || (prev == '/' && !(s >= 2 && t_[s - 2] == '/'))) return;
        if (at(s + w.size()) == '\\') return;
        // Camel case inside a label: code ("Net.WebClient"), not a host.
        for (std::size_t k = 1; k < w.size(); ++k)
            if (is_lower(w[k - 1]) && is_upper(w[k])) return;
        auto d = canonicalize(IndicatorType::domain, w);
        if (!d || !acceptable_domain(*d)) return;
        if (!o_.types.has(IndicatorType::domain)) return;
        out_.push_back(Match{Indicator{IndicatorType::domain, std::move(*d)}, s, w.size()});
    }

    // An IPv6 address starting at s (a hex digit or ':'); its end or 0.
    std::size_t ipv6(std::size_t s) {
        if (s > 0 && (is_word(t_[s - 1]) || t_[s - 1] == ':')) return 0;
        std::size_t e = s, colons = 0;
        while (e < n_ && (is_hex(t_[e]) || t_[e] == ':' || t_[e] == '.')) colons += t_[e++] == ':';
        if (colons < 2) return 0;
        std::size_t end = e;
        while (end > s && t_[end - 1] == '.') --end;
        if (is_word(at(e)) && at(e) != '.' && at(e) != '-') return 0;  // glued to a word ("dead::beefy")
        std::string_view v = t_.substr(s, end - s);
        if (v == "::") return 0;
        // netstat writes "addr:port" without brackets: "::1:25",
        // "::ffff:10.0.0.1:443". A ":port" is cut when the address does not
        // parse with it, or when it would be a deprecated "::a:b" address.
        const std::size_t last_colon = v.rfind(':');
        const std::string_view tail = v.substr(last_colon + 1);
        bool decimal_tail = !tail.empty() && tail.size() <= 5;
        for (char c : tail) decimal_tail = decimal_tail && is_digit(c);
        if (decimal_tail && last_colon > 1 && v[last_colon - 1] != ':') {
            const std::string_view head = v.substr(0, last_colon);
            const bool parses = canonicalize(IndicatorType::ipv6, v).has_value();
            const bool compat = v.starts_with("::") && head.find(':', 2) == std::string_view::npos;
            if ((!parses || compat) && canonicalize(IndicatorType::ipv6, head)) {
                emit(IndicatorType::ipv6, s, head.size());
                return end;
            }
        }
        if (emit(IndicatorType::ipv6, s, v.size())) return end;
        // A single trailing ':' ("fe80::1: link up").
        if (v.size() > 2 && v.back() == ':' && v[v.size() - 2] != ':') {
            v.remove_suffix(1);
            if (emit(IndicatorType::ipv6, s, v.size())) return end;
        }
        if (!o_.types.has(IndicatorType::ipv6) && canonicalize(IndicatorType::ipv6, v)) return end;
        return 0;
    }

    // scheme://... starting at s, the scheme ending at e. Its end or 0.
    std::size_t url(std::size_t s, std::size_t e) {
        std::size_t end = e + 3;
        while (end < n_) {
            const char c = t_[end];
            if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == '"' || c == '\'' || c == '<' || c == '>' ||
                c == '`' || c == '|' || c == '\\' || c == '^')
                break;
            ++end;
        }
        // Trailing punctuation and unbalanced closing brackets (balances
        // counted once, then kept up to date while trimming).
        long balance[3] = {0, 0, 0};  // () [] {}
        for (std::size_t k = e + 3; k < end; ++k) {
            const char c = t_[k];
            balance[0] += (c == '(') - (c == ')');
            balance[1] += (c == '[') - (c == ']');
            balance[2] += (c == '{') - (c == '}');
        }
        for (;;) {
            if (end <= e + 3) return 0;
            const char c = t_[end - 1];
            if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?') {
                --end;
                continue;
            }
            const int which = c == ')' ? 0 : c == ']' ? 1 : c == '}' ? 2 : -1;
            if (which >= 0 && balance[which] < 0) {
                ++balance[which];
                --end;
                continue;
            }
            break;
        }
        const std::size_t host_start_all = e + 3;
        std::size_t auth_end = host_start_all;
        while (auth_end < end && t_[auth_end] != '/' && t_[auth_end] != '?' && t_[auth_end] != '#') ++auth_end;
        std::string_view authority = t_.substr(host_start_all, auth_end - host_start_all);
        std::size_t host_off = host_start_all;
        if (const std::size_t at_sign = authority.rfind('@'); at_sign != std::string_view::npos) {
            authority.remove_prefix(at_sign + 1);
            host_off += at_sign + 1;
        }
        std::string_view host = authority;
        std::string_view port;
        if (!host.empty() && host.front() == '[') {
            const std::size_t close = host.find(']');
            if (close == std::string_view::npos) return 0;
            port = host.substr(close + 1);
            host = host.substr(1, close - 1);
            ++host_off;
            if (!port.empty() && port.front() != ':') return 0;
        } else if (const std::size_t colon = host.find(':'); colon != std::string_view::npos) {
            port = host.substr(colon);
            host = host.substr(0, colon);
        }
        if (!port.empty()) {
            port.remove_prefix(1);
            for (char c : port)
                if (!is_digit(c)) return 0;
        }
        if (host.empty()) return 0;
        // The host: an address, a domain, or at least a valid name ("localhost").
        IndicatorType host_type = IndicatorType::domain;
        std::optional<std::string> host_value;
        if (host.find(':') != std::string_view::npos) {
            host_type = IndicatorType::ipv6;
            host_value = canonicalize(IndicatorType::ipv6, host);
            if (!host_value) return 0;
        } else if ((host_value = canonicalize(IndicatorType::ipv4, host))) {
            host_type = IndicatorType::ipv4;
        } else {
            bool name = true;
            for (char c : host) name = name && (is_alnum(c) || c == '.' || c == '-' || c == '_' || static_cast<unsigned char>(c) >= 0x80);
            if (!name) return 0;
            host_value = canonicalize(IndicatorType::domain, host);
            if (host_value && !psl_.is_domain(*host_value)) host_value.reset();
        }
        const bool had_url = emit(IndicatorType::url, s, end - s);
        if (!had_url && o_.types.has(IndicatorType::url)) return 0;  // not a URL after all
        if (host_value && o_.types.has(host_type))
            out_.push_back(Match{Indicator{host_type, std::move(*host_value)}, host_off, host.size()});
        return end;
    }

    // Where a Windows path or registry key starting before `from` ends.
    // Spaces are crossed when the next chunk holds a '\' and does not start
    // a new path or an option ("C:\Program Files\x.exe -arg").
    std::size_t path_end(std::size_t from) const {
        std::size_t p = from;
        while (p < n_) {
            const char c = t_[p];
            if (c == ' ') {
                const std::size_t q = p + 1;
                const char d = at(q);
                if (d == '\0' || d == ' ' || d == '-' || d == '/' || d == '\\' || d == '%' || (cls(d) & kPathStop)) break;
                if (is_alpha(d) && at(q + 1) == ':') break;
                std::size_t r = q;
                bool backslash = false;
                while (r < n_ && t_[r] != ' ' && !(cls(t_[r]) & kPathStop)) {
                    if (t_[r] == '\\') {
                        backslash = true;
                        break;
                    }
                    ++r;
                }
                if (!backslash) break;
                p = q;
                continue;
            }
            if (cls(c) & kPathStop) break;
            ++p;
        }
        // Trailing punctuation, unbalanced ')' and ']' ("[HKEY_...\Run]").
        long balance = 0, brackets = 0;
        for (std::size_t k = from; k < p; ++k) {
            balance += (t_[k] == '(') - (t_[k] == ')');
            brackets += (t_[k] == '[') - (t_[k] == ']');
        }
        while (p > from) {
            const char c = t_[p - 1];
            if (c == '.' || c == ':' || c == ' ') {
                --p;
                continue;
            }
            if (c == ')' && balance < 0) {
                ++balance;
                --p;
                continue;
            }
            if (c == ']' && brackets < 0) {
                ++brackets;
                --p;
                continue;
            }
            break;
        }
        return p;
    }

    // A text that starts with a path (an event field such as TargetFilename,
    // a line of `dir /b /s`) is one path when what follows the cut at `cut`
    // holds no quote, option or further path, and its last word has a dot:
    // "...\Windows PowerShell.lnk", but not "...\app.exe arg".
    bool whole_text_is_path(std::size_t cut) const {
        if (t_[cut] != ' ') return false;
        std::size_t last_space = cut;
        for (std::size_t k = cut; k < n_; ++k) {
            const char c = t_[k];
            if ((cls(c) & kPathStop) || c == '\t') return false;
            if (c == ' ') {
                const char d = at(k + 1);
                if (d == '-' || d == '/' || d == '\\' || d == '%' || d == ' ' || (is_alpha(d) && at(k + 2) == ':')) return false;
                last_space = k;
            }
        }
        const std::string_view last_word = t_.substr(last_space + 1);
        const std::size_t dot = last_word.rfind('.');
        return dot != std::string_view::npos && dot > 0 && dot + 1 < last_word.size();
    }

    std::size_t registry(std::size_t s, std::size_t e) {
        const std::size_t body = at(e) == ':' ? e + 1 : e;  // "HKLM:\..." (PowerShell drive)
        const std::size_t end = path_end(body);
        std::string value(t_.substr(s, e - s));
        value.append(t_.substr(body, end - body));
        emit_value(IndicatorType::registry_key, s, end - s, value);
        return end;
    }

    // '\' not inside a word: UNC paths, \\?\ and \\.\ device paths, \REGISTRY\.
    std::size_t backslash(std::size_t s) {
        if (starts_folded(t_, s, "\\registry\\")) {
            const std::size_t end = path_end(s + 10);
            emit(IndicatorType::registry_key, s, end - s);
            return end;
        }
        if (at(s + 1) != '\\') return 0;
        std::size_t from = s + 2;
        if ((at(from) == '?' || at(from) == '.') && at(from + 1) == '\\') from += 2;
        if (!is_word(at(from))) return 0;
        const std::size_t end = path_end(from);
        if (t_.substr(from, end - from).find('\\') == std::string_view::npos) return end;  // "\\server" alone
        emit(IndicatorType::windows_path, s, end - s);
        return end;
    }

    // %APPDATA%\evil.exe
    std::size_t env_path(std::size_t s) {
        std::size_t k = s + 1;
        while (k < n_ && (is_alnum(t_[k]) || t_[k] == '_' || t_[k] == '(' || t_[k] == ')')) ++k;
        if (k == s + 1 || at(k) != '%' || at(k + 1) != '\\') return 0;
        const std::size_t end = path_end(k + 2);
        if (end == k + 2) return 0;
        emit(IndicatorType::windows_path, s, end - s);
        return end;
    }

    static bool unix_path_may_start(char prev) {
        return prev == ' ' || prev == '\t' || prev == '\n' || prev == '"' || prev == '\'' || prev == '=' ||
               prev == '(' || prev == '[' || prev == ',' || prev == ';' || prev == '>' || prev == '`' || prev == '|';
    }

    // /etc/passwd, /tmp/x.sh: at least two segments, none empty, so that
    // "/c" (a Windows switch) and "//" are not paths.
    std::size_t unix_path(std::size_t s) {
        std::size_t end = s;
        while (end < n_ && (cls(t_[end]) & kUnixPath)) ++end;
        while (end > s && (t_[end - 1] == '.' || t_[end - 1] == ',' || t_[end - 1] == ':')) --end;
        const std::string_view p = t_.substr(s, end - s);
        if (p.size() < 4) return end;
        std::size_t segments = 0;
        for (std::size_t k = 1, start = 1; k <= p.size(); ++k) {
            if (k == p.size() || p[k] == '/') {
                if (k == start) {
                    if (k == p.size()) break;  // a trailing '/' ends a directory
                    return end;
                }
                const char first = p[start];
                if (!(is_alnum(first) || first == '.' || first == '_' || first == '~' || first == '-')) return end;
                ++segments;
                start = k + 1;
            }
        }
        if (segments >= 2) emit(IndicatorType::unix_path, s, end - s);
        return end;
    }

    std::string_view t_;
    std::size_t n_;
    const ExtractOptions& o_;
    const PublicSuffixList& psl_;
    std::vector<Match>& out_;
};

}  // namespace

// [SECTION] Entry points

bool parse_type_mask(std::string_view list, TypeMask& out, std::string& bad) {
    out = TypeMask::none();
    std::size_t pos = 0;
    while (pos <= list.size()) {
        std::size_t comma = list.find(',', pos);
        if (comma == std::string_view::npos) comma = list.size();
        std::string_view name = list.substr(pos, comma - pos);
        while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
        while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
        pos = comma + 1;
        if (name.empty()) continue;
        if (equals_folded(name, "ip")) {
            out.add(IndicatorType::ipv4).add(IndicatorType::ipv6);
        } else if (equals_folded(name, "hash")) {
            out.add(IndicatorType::md5).add(IndicatorType::sha1).add(IndicatorType::sha256).add(IndicatorType::sha512);
        } else if (equals_folded(name, "path")) {
            out.add(IndicatorType::windows_path).add(IndicatorType::unix_path);
        } else if (equals_folded(name, "all")) {
            out = TypeMask::all();
        } else {
            bool found = false;
            for (int k = 0; k < kIndicatorTypeCount; ++k) {
                const auto type = static_cast<IndicatorType>(k);
                if (equals_folded(name, to_string(type))) {
                    out.add(type);
                    found = true;
                }
            }
            if (!found) {
                bad = std::string(name);
                return false;
            }
        }
    }
    return !out.empty();
}

void extract(std::string_view text, const ExtractOptions& options, std::vector<Match>& out) {
    if (options.refang) {
        if (auto refanged = refang(text)) {
            Scanner(*refanged, options, out).run();
            return;
        }
    }
    Scanner(text, options, out).run();
}

std::vector<Match> extract(std::string_view text, const ExtractOptions& options) {
    std::vector<Match> out;
    extract(text, options, out);
    return out;
}

}  // namespace trinity::ioc
