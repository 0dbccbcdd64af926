// STIX 2.1 bundles of indicators (OASIS STIX 2.1, sections 3, 4, 9 and the
// patterning grammar of section 9): identity, indicator and vulnerability
// objects with deterministic UUIDv5 ids.
#include <openssl/evp.h>

#include <array>
#include <nlohmann/json.hpp>

#include "trinity/event/event.h"
#include "trinity/ioc/export.h"

namespace trinity::ioc {
namespace {

// Trinity's UUIDv5 namespace (a fixed random UUID).
constexpr std::array<unsigned char, 16> kNamespace = {0x6b, 0x1f, 0x3c, 0x52, 0x9e, 0x0a, 0x4d, 0x8e,
                                                      0xa1, 0x57, 0x2c, 0x44, 0xd0, 0x6e, 0x93, 0x1b};

// Pattern string literals: '\' and '\'' escaped with '\'.
std::string pattern_literal(std::string_view value) {
    std::string out = "'";
    for (char c : value) {
        if (c == '\\' || c == '\'') out += '\\';
        out += c;
    }
    out += '\'';
    return out;
}

// STIX 2.1 wants the hive written out ("HKEY_LOCAL_MACHINE", not "HKLM").
std::string expand_hive(const std::string& key) {
    struct Hive {
        std::string_view short_name, full;
    };
    static constexpr Hive kHives[] = {
        {"HKLM", "HKEY_LOCAL_MACHINE"}, {"HKCU", "HKEY_CURRENT_USER"}, {"HKU", "HKEY_USERS"},
        {"HKCR", "HKEY_CLASSES_ROOT"},  {"HKCC", "HKEY_CURRENT_CONFIG"}, {"\\REGISTRY\\MACHINE", "HKEY_LOCAL_MACHINE"},
        {"\\REGISTRY\\USER", "HKEY_USERS"}};
    for (const Hive& h : kHives) {
        if (key.size() < h.short_name.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < h.short_name.size(); ++i) {
            const char c = key[i] >= 'a' && key[i] <= 'z' ? static_cast<char>(key[i] - 'a' + 'A') : key[i];
            same = same && c == h.short_name[i];
        }
        if (same && (key.size() == h.short_name.size() || key[h.short_name.size()] == '\\'))
            return std::string(h.full) + key.substr(h.short_name.size());
    }
    return key;
}

}  // namespace

std::string uuid5(std::string_view name) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_DigestInit_ex(ctx, EVP_sha1(), nullptr);
    EVP_DigestUpdate(ctx, kNamespace.data(), kNamespace.size());
    EVP_DigestUpdate(ctx, name.data(), name.size());
    EVP_DigestFinal_ex(ctx, digest.data(), &length);
    EVP_MD_CTX_free(ctx);
    digest[6] = static_cast<unsigned char>((digest[6] & 0x0f) | 0x50);  // version 5
    digest[8] = static_cast<unsigned char>((digest[8] & 0x3f) | 0x80);  // RFC 4122 variant
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        out += kHex[digest[i] >> 4];
        out += kHex[digest[i] & 0xf];
    }
    return out;
}

std::string stix_time(std::int64_t time_us) {
    // format_time gives "...T12:34:56[.ffffff]Z"; STIX wants milliseconds.
    const std::int64_t ms = time_us >= 0 ? time_us / 1000 : -((-time_us + 999) / 1000);
    std::string t = event::format_time(ms * 1000);
    const std::size_t dot = t.find('.');
    const std::string base = t.substr(0, dot == std::string::npos ? t.size() - 1 : dot);
    const auto millis = static_cast<int>(((ms % 1000) + 1000) % 1000);
    char frac[8];
    frac[0] = '.';
    frac[1] = static_cast<char>('0' + millis / 100);
    frac[2] = static_cast<char>('0' + millis / 10 % 10);
    frac[3] = static_cast<char>('0' + millis % 10);
    frac[4] = 'Z';
    frac[5] = '\0';
    return base + frac;
}

std::optional<std::string> stix_pattern(const Indicator& indicator) {
    const std::string& v = indicator.value;
    switch (indicator.type) {
        case IndicatorType::ipv4: return "[ipv4-addr:value = " + pattern_literal(v) + "]";
        case IndicatorType::ipv6: return "[ipv6-addr:value = " + pattern_literal(v) + "]";
        case IndicatorType::domain: return "[domain-name:value = " + pattern_literal(v) + "]";
        case IndicatorType::url: return "[url:value = " + pattern_literal(v) + "]";
        case IndicatorType::email: return "[email-addr:value = " + pattern_literal(v) + "]";
        case IndicatorType::md5: return "[file:hashes.MD5 = " + pattern_literal(v) + "]";
        case IndicatorType::sha1: return "[file:hashes.'SHA-1' = " + pattern_literal(v) + "]";
        case IndicatorType::sha256: return "[file:hashes.'SHA-256' = " + pattern_literal(v) + "]";
        case IndicatorType::sha512: return "[file:hashes.'SHA-512' = " + pattern_literal(v) + "]";
        case IndicatorType::windows_path:
        case IndicatorType::unix_path: {
            const char sep = indicator.type == IndicatorType::windows_path ? '\\' : '/';
            std::size_t cut = v.find_last_of(indicator.type == IndicatorType::windows_path ? "\\/" : "/");
            if (cut == std::string::npos || cut + 1 == v.size()) return "[directory:path = " + pattern_literal(v) + "]";
            const std::string dir = cut == 0 ? std::string(1, sep) : v.substr(0, cut);
            return "[file:name = " + pattern_literal(v.substr(cut + 1)) + " AND file:parent_directory_ref.path = " + pattern_literal(dir) + "]";
        }
        case IndicatorType::registry_key: return "[windows-registry-key:key = " + pattern_literal(expand_hive(v)) + "]";
        case IndicatorType::cve: return std::nullopt;
    }
    return std::nullopt;
}

std::string to_stix(const IndicatorSet& set, const StixOptions& options) {
    using json = nlohmann::ordered_json;
    const std::string created = stix_time(options.created_us);
    const std::string identity_id = "identity--" + uuid5("identity:" + options.identity_name);
    json objects = json::array();
    objects.push_back(json{{"type", "identity"},
                           {"spec_version", "2.1"},
                           {"id", identity_id},
                           {"created", created},
                           {"modified", created},
                           {"name", options.identity_name},
                           {"identity_class", "system"}});
    std::string all_ids = identity_id;
    for (const IndicatorEntry* e : set.sorted()) {
        const std::string type(to_string(e->indicator.type));
        const std::string name = type + ":" + e->indicator.value;
        const std::string valid_from = e->first_time_us ? stix_time(*e->first_time_us) : created;
        const std::string description = "Seen " + std::to_string(e->count) + " time" + (e->count == 1 ? "" : "s") +
                                        ", first in " + e->first.evidence;
        const auto pattern = stix_pattern(e->indicator);
        const std::string sdo = pattern ? "indicator" : "vulnerability";
        json o{{"type", sdo},
               {"spec_version", "2.1"},
               {"id", sdo + "--" + uuid5(name)},
               {"created_by_ref", identity_id},
               {"created", created},
               {"modified", created},
               {"name", e->indicator.value},
               {"description", description}};
        if (pattern) {
            o["indicator_types"] =
                options.indicator_types ? json(options.indicator_types(*e)) : json::array({"unknown"});
            o["pattern"] = *pattern;
            o["pattern_type"] = "stix";
            o["pattern_version"] = "2.1";
            o["valid_from"] = valid_from;
            o["labels"] = json::array({type});
        } else {
            o["external_references"] = json::array({json{{"source_name", "cve"}, {"external_id", e->indicator.value}}});
        }
        all_ids += o["id"].get<std::string>();
        objects.push_back(std::move(o));
    }
    json bundle{{"type", "bundle"}, {"id", "bundle--" + uuid5("bundle:" + all_ids)}, {"objects", std::move(objects)}};
    return bundle.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace trinity::ioc
