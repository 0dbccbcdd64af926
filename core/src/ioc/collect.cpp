// Collector: events field by field, text sources line by line (streamed).
#include "trinity/ioc/collect.h"

#include <algorithm>
#include <cstring>

#include "trinity/artifact/text_encoding.h"

namespace trinity::ioc {
namespace {

constexpr std::size_t kChunk = 1 << 20;

bool is_high_surrogate(std::byte lo, std::byte hi, artifact::Encoding enc) {
    const auto unit = enc == artifact::Encoding::utf16le
                          ? static_cast<unsigned>(std::to_integer<unsigned>(hi) << 8 | std::to_integer<unsigned>(lo))
                          : static_cast<unsigned>(std::to_integer<unsigned>(lo) << 8 | std::to_integer<unsigned>(hi));
    return unit >= 0xD800 && unit <= 0xDBFF;
}

// Four hex digits at `p`, or -1.
long hex4(std::string_view s, std::size_t p) {
    if (p + 4 > s.size()) return -1;
    long v = 0;
    for (std::size_t i = p; i < p + 4; ++i) {
        const char c = s[i];
        const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) return -1;
        v = v * 16 + d;
    }
    return v;
}

}  // namespace

TextSyntax syntax_for_format(std::string_view format) {
    if (format == "json" || format == "jsonl") return TextSyntax::json;
    if (format == "reg") return TextSyntax::reg;
    return TextSyntax::plain;
}

void unescape_line(std::string_view line, TextSyntax syntax, std::string& out) {
    out.clear();
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c != '\\' || i + 1 >= line.size()) {
            out += c;
            continue;
        }
        const char e = line[i + 1];
        if (e == '\\' || e == '"') {
            out += e;
            ++i;
            continue;
        }
        if (syntax != TextSyntax::json) {
            out += c;
            continue;
        }
        switch (e) {
            case '/': out += '/'; ++i; break;
            case 'n': case 'r': case 't': case 'b': case 'f': out += ' '; ++i; break;
            case 'u': {
                long cp = hex4(line, i + 2);
                if (cp < 0) {
                    out += c;
                    break;
                }
                std::size_t used = 6;
                if (cp >= 0xD800 && cp <= 0xDBFF && line.substr(i + 6, 2) == "\\u") {
                    const long lo = hex4(line, i + 8);
                    if (lo >= 0xDC00 && lo <= 0xDFFF) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        used = 12;
                    }
                }
                artifact::append_utf8(out, cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : static_cast<std::uint32_t>(cp));
                i += used - 1;
                break;
            }
            default: out += c;
        }
    }
}

void Collector::add_text(std::string_view text, const Sighting& where) {
    matches_.clear();
    extract(text, options_, matches_);
    for (const Match& m : matches_) {
        if (allowlist_ && allowlist_->allows(m.indicator)) {
            set_.count_allowlisted();
            continue;
        }
        set_.add(m.indicator, where);
    }
}

void Collector::add_event(const event::Event& event, const EvidenceRef& evidence) {
    Sighting where;
    where.evidence = evidence.name;
    where.evidence_sha256 = evidence.sha256;
    where.record = event.provenance.record;
    where.line = event.provenance.line;
    where.time_us = event.time_us;
    for (const event::Field& field : event.fields) {
        // Numbers and booleans hold no indicators.
        if (field.type != event::FieldType::string || field.value.size() < 4) continue;
        where.field = field.name;
        add_text(field.value, where);
    }
}

Result<TextStats> Collector::add_text_source(io::ByteSource& source, const EvidenceRef& evidence,
                                             TextSyntax syntax) {
    TextStats stats;
    Sighting where;
    where.evidence = evidence.name;
    where.evidence_sha256 = evidence.sha256;
    where.line = 1;

    // A chunk, or less for a small source (an event-sized text needs no MiB).
    const std::uint64_t wanted = std::max<std::uint64_t>(source.size(), 16);
    std::vector<std::byte> buffer(static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, wanted)));
    std::size_t carry = 0;  // undecoded bytes kept at the start of buffer
    std::string pending;    // decoded text of the current, unfinished line(s)
    std::size_t scan_from = 0;
    bool line_was_cut = false;
    artifact::Encoding encoding = artifact::Encoding::utf8;
    std::uint64_t offset = 0;
    bool first = true;

    auto flush_line = [&](std::string_view line) {
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (syntax == TextSyntax::plain || line.find('\\') == std::string_view::npos) {
            add_text(line, where);
            return;
        }
        unescape_line(line, syntax, unescaped_);
        add_text(unescaped_, where);
    };

    for (;;) {
        auto got = source.read_at(offset, std::span<std::byte>(buffer).subspan(carry));
        if (!got) return got.error();
        const std::size_t n = *got;
        offset += n;
        stats.bytes += n;
        const bool at_end = n == 0 || offset >= source.size();
        std::span<const std::byte> bytes(buffer.data(), carry + n);
        if (first) {
            const auto guess = artifact::detect_encoding(bytes, at_end);
            encoding = guess.encoding;
            bytes = bytes.subspan(std::min(guess.bom_size, bytes.size()));
            first = false;
        }
        // UTF-16: decode whole code units, and never half a surrogate pair.
        std::size_t keep = 0;
        const bool utf16 = encoding == artifact::Encoding::utf16le || encoding == artifact::Encoding::utf16be;
        if (utf16 && !at_end) {
            keep = bytes.size() % 2;
            if (bytes.size() - keep >= 2) {
                const std::size_t last = bytes.size() - keep - 2;
                if (is_high_surrogate(bytes[last], bytes[last + 1], encoding)) keep += 2;
            }
        }
        const auto body = bytes.first(bytes.size() - keep);
        switch (encoding) {
            case artifact::Encoding::utf16le:
            case artifact::Encoding::utf16be:
            case artifact::Encoding::single_byte: pending += artifact::decode_to_utf8(body, encoding); break;
            default:  // ASCII, UTF-8 and binary: scanned as they are
                pending.append(reinterpret_cast<const char*>(body.data()), body.size());
        }
        if (keep) std::memmove(buffer.data(), body.data() + body.size(), keep);
        carry = keep;

        // Whole lines.
        std::size_t start = 0;
        for (;;) {
            const std::size_t nl = pending.find('\n', scan_from);
            if (nl == std::string::npos) break;
            flush_line(std::string_view(pending).substr(start, nl - start));
            ++stats.lines;
            ++where.line;
            line_was_cut = false;
            start = scan_from = nl + 1;
        }
        // A line longer than kMaxLine: scanned in pieces.
        while (pending.size() - start > kMaxLine) {
            flush_line(std::string_view(pending).substr(start, kMaxLine));
            if (!line_was_cut) ++stats.long_lines;
            line_was_cut = true;
            start += kMaxLine;
        }
        pending.erase(0, start);
        scan_from = pending.size();
        if (at_end) break;
    }
    if (!pending.empty()) {
        flush_line(pending);
        ++stats.lines;
    }
    return stats;
}

}  // namespace trinity::ioc
