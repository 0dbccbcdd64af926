#include "trinity/artifact/codepage.h"

#include <iconv.h>

#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <memory>
#include <unordered_map>

#include "trinity/artifact/text_encoding.h"

namespace trinity::artifact {
namespace {

struct Entry {
    CodepageInfo info;
    const char* iconv_name;
};

// Only pages both glibc's and musl's iconv know (musl has no 874 or 936;
// GBK covers 936's repertoire).
constexpr Entry kCodepages[] = {
    {{1252, "Windows-1252 (Western European)"}, "CP1252"},
    {{1250, "Windows-1250 (Central European)"}, "CP1250"},
    {{1251, "Windows-1251 (Cyrillic)"}, "CP1251"},
    {{1253, "Windows-1253 (Greek)"}, "CP1253"},
    {{1254, "Windows-1254 (Turkish)"}, "CP1254"},
    {{1255, "Windows-1255 (Hebrew)"}, "CP1255"},
    {{1256, "Windows-1256 (Arabic)"}, "CP1256"},
    {{1257, "Windows-1257 (Baltic)"}, "CP1257"},
    {{1258, "Windows-1258 (Vietnamese)"}, "CP1258"},
    {{437, "OEM 437 (US)"}, "CP437"},
    {{850, "OEM 850 (Western European)"}, "CP850"},
    {{866, "OEM 866 (Cyrillic)"}, "CP866"},
    {{932, "Shift JIS (Japanese)"}, "SHIFT_JIS"},
    {{936, "GBK (Simplified Chinese)"}, "GBK"},
    {{949, "Unified Hangul (Korean)"}, "CP949"},
    {{950, "Big5 (Traditional Chinese)"}, "BIG5"},
};

constexpr std::array<CodepageInfo, std::size(kCodepages)> make_infos() {
    std::array<CodepageInfo, std::size(kCodepages)> out{};
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = kCodepages[i].info;
    return out;
}
constexpr auto kInfos = make_infos();

const Entry* find(unsigned codepage) {
    for (const auto& e : kCodepages) {
        if (e.info.number == codepage) return &e;
    }
    return nullptr;
}

struct IconvCloser {
    void operator()(void* cd) const { iconv_close(static_cast<iconv_t>(cd)); }
};
using Converter = std::unique_ptr<void, IconvCloser>;

// One converter per code page and thread: iconv_open is costly and an
// iconv_t carries shift state, so converters are never shared.
iconv_t converter(const Entry& e) {
    thread_local std::unordered_map<unsigned, Converter> cache;
    auto it = cache.find(e.info.number);
    if (it == cache.end()) {
        iconv_t cd = iconv_open("UTF-8", e.iconv_name);
        if (cd == reinterpret_cast<iconv_t>(-1)) return cd;
        it = cache.emplace(e.info.number, Converter(cd)).first;
    }
    iconv_t cd = static_cast<iconv_t>(it->second.get());
    iconv(cd, nullptr, nullptr, nullptr, nullptr);  // reset shift state
    return cd;
}

}  // namespace

std::span<const CodepageInfo> supported_codepages() { return kInfos; }

bool codepage_supported(unsigned codepage) { return find(codepage) != nullptr; }

std::optional<unsigned> parse_codepage(std::string_view text) {
    std::string s;
    for (char c : text) {
        if (c != '-' && c != '_' && c != ' ') s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    for (std::string_view prefix : {"windows", "cp", "ibm", "oem"}) {
        if (s.rfind(prefix, 0) == 0) {
            s.erase(0, prefix.size());
            break;
        }
    }
    unsigned n = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc{} || p != s.data() + s.size() || !codepage_supported(n)) return std::nullopt;
    return n;
}

void append_codepage(std::string& out, std::span<const std::byte> bytes, unsigned codepage) {
    const Entry* e = find(codepage);
    if (!e || codepage == kDefaultCodepage) {
        out += decode_to_utf8(bytes, Encoding::single_byte);
        return;
    }
    iconv_t cd = converter(*e);
    if (cd == reinterpret_cast<iconv_t>(-1)) {
        out += decode_to_utf8(bytes, Encoding::single_byte);
        return;
    }
    char* in = const_cast<char*>(reinterpret_cast<const char*>(bytes.data()));
    std::size_t in_left = bytes.size();
    char buffer[1024];
    while (in_left > 0) {
        char* o = buffer;
        std::size_t o_left = sizeof buffer;
        const std::size_t r = iconv(cd, &in, &in_left, &o, &o_left);
        out.append(buffer, sizeof buffer - o_left);
        if (r != static_cast<std::size_t>(-1)) continue;
        if (errno == E2BIG) continue;
        // An undefined byte, or a multi-byte sequence cut short: one U+FFFD
        // for its first byte, then go on.
        out += "\xEF\xBF\xBD";
        ++in;
        --in_left;
        iconv(cd, nullptr, nullptr, nullptr, nullptr);
    }
    char* o = buffer;
    std::size_t o_left = sizeof buffer;
    iconv(cd, nullptr, nullptr, &o, &o_left);
    out.append(buffer, sizeof buffer - o_left);
}

std::string decode_codepage(std::span<const std::byte> bytes, unsigned codepage) {
    std::string out;
    append_codepage(out, bytes, codepage);
    return out;
}

}  // namespace trinity::artifact
