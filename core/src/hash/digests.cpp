// Digests written out: JSON, sha256sum-style lines, BSD tagged lines and the
// ssdeep tool's lines.
#include "trinity/hash/digests.h"

#include "trinity/text/json_text.h"

namespace trinity::hash {

std::string_view to_string(Algorithm algorithm) {
    switch (algorithm) {
        case Algorithm::md5: return "md5";
        case Algorithm::sha1: return "sha1";
        case Algorithm::sha256: return "sha256";
        case Algorithm::sha512: return "sha512";
        case Algorithm::ssdeep: return "ssdeep";
    }
    return "?";
}

std::optional<Algorithm> parse_algorithm(std::string_view name) {
    for (const Algorithm a : kAllAlgorithms) {
        if (to_string(a) == name) return a;
    }
    return std::nullopt;
}

const std::string& Digests::get(Algorithm algorithm) const {
    switch (algorithm) {
        case Algorithm::md5: return md5;
        case Algorithm::sha1: return sha1;
        case Algorithm::sha256: return sha256;
        case Algorithm::sha512: return sha512;
        case Algorithm::ssdeep: return ssdeep;
    }
    return ssdeep;
}

std::string& Digests::get(Algorithm algorithm) {
    return const_cast<std::string&>(static_cast<const Digests&>(*this).get(algorithm));
}

std::string to_json(const Digests& digests, std::optional<std::string_view> name) {
    std::string out = "{";
    if (name) {
        out += "\"name\":";
        text::append_json_string(out, *name);
        out += ',';
    }
    out += "\"size\":" + std::to_string(digests.size);
    for (const Algorithm a : kAllAlgorithms) {
        if (!digests.algorithms.has(a)) continue;
        out += ",\"";
        out += to_string(a);
        out += "\":";
        text::append_json_string(out, digests.get(a));
    }
    out += '}';
    return out;
}

std::string sum_line(const Digests& digests, Algorithm algorithm, std::string_view name) {
    std::string escaped;
    bool escape = false;
    for (const char c : name) {
        switch (c) {
            case '\\': escaped += "\\\\"; escape = true; break;
            case '\n': escaped += "\\n"; escape = true; break;
            case '\r': escaped += "\\r"; escape = true; break;
            default: escaped += c;
        }
    }
    std::string out = escape ? "\\" : "";
    out += digests.get(algorithm);
    out += "  ";
    out += escape ? escaped : std::string(name);
    return out;
}

std::string tagged_line(const Digests& digests, Algorithm algorithm, std::string_view name) {
    std::string tag(to_string(algorithm));
    for (char& c : tag) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    return tag + " (" + std::string(name) + ") = " + digests.get(algorithm);
}

std::string ssdeep_line(const Digests& digests, std::string_view name) {
    return digests.ssdeep + ",\"" + std::string(name) + "\"";
}

}  // namespace trinity::hash
