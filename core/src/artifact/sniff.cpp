// Sniffing in three steps:
//   1. binary magic numbers (EVTX first: it is what analysts drop most);
//   2. the text encoding (BOMs, BOM-less UTF-16, UTF-8, single-byte) or binary;
//   3. the structure of the decoded text: .reg, JSON, JSONL, CSV, else text.
#include "trinity/artifact/sniff.h"

#include <array>
#include <cstring>

#include "sniff_structure.h"

namespace trinity::artifact {
namespace {

struct Magic {
    std::size_t offset;
    std::string_view bytes;
    Format format;
    std::string_view detail;
};

using namespace std::string_view_literals;

// Signatures checked before anything else, in order.
constexpr std::array kMagics = {
    Magic{0, "ElfFile\0"sv, Format::evtx, "EVTX file header"},
    Magic{0, "ElfChnk\0"sv, Format::evtx, "EVTX chunk without a file header"},
    Magic{0, "regf"sv, Format::registry_hive, "registry hive (regf)"},
    Magic{0, "\x7f" "ELF"sv, Format::elf, "ELF executable or library"},
    Magic{0, "PK\x03\x04"sv, Format::zip, "ZIP archive"},
    Magic{0, "PK\x05\x06"sv, Format::zip, "empty ZIP archive"},
    Magic{0, "\x1f\x8b"sv, Format::gzip, "gzip stream"},
    Magic{0, "SQLite format 3\0"sv, Format::sqlite, "SQLite 3 database"},
    Magic{0, "\xd4\xc3\xb2\xa1"sv, Format::pcap, "pcap capture (little-endian)"},
    Magic{0, "\xa1\xb2\xc3\xd4"sv, Format::pcap, "pcap capture (big-endian)"},
    Magic{0, "\x4d\x3c\xb2\xa1"sv, Format::pcap, "pcap capture (nanoseconds, little-endian)"},
    Magic{0, "\xa1\xb2\x3c\x4d"sv, Format::pcap, "pcap capture (nanoseconds, big-endian)"},
    Magic{0, "\x0a\x0d\x0d\x0a"sv, Format::pcapng, "pcapng capture"},
    Magic{4, "SCCA"sv, Format::prefetch, "Windows prefetch file"},
    Magic{0, "MAM\x04"sv, Format::prefetch, "compressed Windows prefetch file"},
};

bool has_at(std::span<const std::byte> b, std::size_t offset, std::string_view bytes) {
    // Written so that a huge offset (a PE's e_lfanew) cannot wrap a 32-bit
    // size_t (wasm32) into a small one.
    return offset <= b.size() && bytes.size() <= b.size() - offset &&
           std::memcmp(b.data() + offset, bytes.data(), bytes.size()) == 0;
}

// "MZ" alone starts too many things; a PE file also has "PE\0\0" where the
// DOS header's e_lfanew points.
bool is_pe(std::span<const std::byte> b) {
    if (!has_at(b, 0, "MZ") || b.size() < 0x40) return false;
    std::uint32_t lfanew = 0;
    for (int i = 3; i >= 0; --i) lfanew = (lfanew << 8) | static_cast<std::uint8_t>(b[0x3c + i]);
    return has_at(b, lfanew, "PE\0\0"sv);
}

LineEndings count_line_endings(std::string_view text) {
    std::size_t lf = 0, crlf = 0, cr = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++lf;
        } else if (text[i] == '\r') {
            if (i + 1 < text.size() && text[i + 1] == '\n') { ++crlf; ++i; }
            else if (i + 1 < text.size()) ++cr;  // a CR last in a head may precede a cut LF
        }
    }
    const int kinds = (lf > 0) + (crlf > 0) + (cr > 0);
    if (kinds == 0) return LineEndings::none;
    if (kinds > 1) return LineEndings::mixed;
    return lf ? LineEndings::lf : crlf ? LineEndings::crlf : LineEndings::cr;
}

}  // namespace

SniffResult sniff(std::span<const std::byte> head, bool complete) {
    SniffResult result;
    if (head.empty()) {
        result.format = complete ? Format::empty : Format::binary;
        result.detail = complete ? "no bytes" : "no bytes could be read";
        return result;
    }
    for (const Magic& magic : kMagics) {
        if (has_at(head, magic.offset, magic.bytes)) {
            result.format = magic.format;
            result.detail = magic.detail;
            return result;
        }
    }
    if (is_pe(head)) {
        result.format = Format::pe;
        result.detail = "Windows PE executable or library";
        return result;
    }

    const EncodingGuess guess = detect_encoding(head, complete);
    if (guess.encoding == Encoding::none) {
        result.format = Format::binary;
        result.detail = guess.detail;
        return result;
    }
    result.encoding = guess.encoding;
    result.bom = guess.bom_size > 0;

    const std::string text = decode_to_utf8(head.subspan(guess.bom_size), guess.encoding);
    result.line_endings = count_line_endings(text);

    const StructureGuess structure = sniff_structure(text, complete);
    result.format = structure.format;
    result.delimiter = structure.delimiter;
    result.detail = structure.detail.empty() ? guess.detail : structure.detail + "; " + guess.detail;
    return result;
}

Result<SniffResult> sniff(io::ByteSource& source) {
    auto head = io::read_head(source, kSniffHeadBytes);
    if (!head) return head.error();
    const bool complete = head->size() >= source.size();
    return sniff(*head, complete);
}

std::string_view to_string(Format format) {
    switch (format) {
        case Format::empty: return "empty";
        case Format::evtx: return "evtx";
        case Format::json: return "json";
        case Format::jsonl: return "jsonl";
        case Format::csv: return "csv";
        case Format::reg: return "reg";
        case Format::text: return "text";
        case Format::registry_hive: return "registry-hive";
        case Format::pe: return "pe";
        case Format::elf: return "elf";
        case Format::zip: return "zip";
        case Format::gzip: return "gzip";
        case Format::sqlite: return "sqlite";
        case Format::pcap: return "pcap";
        case Format::pcapng: return "pcapng";
        case Format::prefetch: return "prefetch";
        case Format::binary: return "binary";
    }
    return "unknown";
}

std::string_view to_string(LineEndings endings) {
    switch (endings) {
        case LineEndings::none: return "none";
        case LineEndings::lf: return "lf";
        case LineEndings::crlf: return "crlf";
        case LineEndings::cr: return "cr";
        case LineEndings::mixed: return "mixed";
    }
    return "unknown";
}

std::string format_label(const SniffResult& r) {
    switch (r.format) {
        case Format::evtx: return "EVTX";
        case Format::json: return "JSON";
        case Format::jsonl: return "JSON lines";
        case Format::csv: return std::string("CSV (") + (r.delimiter == '\t' ? std::string("tab") : std::string(1, r.delimiter)) + ")";
        case Format::reg: return "Registry export (.reg)";
        case Format::text: return "Text";
        case Format::empty: return "Empty";
        case Format::registry_hive: return "Registry hive";
        case Format::pe: return "PE executable";
        case Format::elf: return "ELF executable";
        case Format::zip: return "ZIP archive";
        case Format::gzip: return "gzip";
        case Format::sqlite: return "SQLite database";
        case Format::pcap: return "pcap";
        case Format::pcapng: return "pcapng";
        case Format::prefetch: return "Prefetch";
        case Format::binary: return "Binary";
    }
    return "Unknown";
}

std::string describe(const SniffResult& r) {
    std::string out = format_label(r);
    switch (r.encoding) {
        case Encoding::utf16le: out += ", UTF-16LE"; break;
        case Encoding::utf16be: out += ", UTF-16BE"; break;
        case Encoding::utf8: out += ", UTF-8"; break;
        case Encoding::single_byte: out += ", Windows-1252"; break;
        case Encoding::ascii:
        case Encoding::none: break;
    }
    if (r.bom) out += " (BOM)";
    return out;
}

}  // namespace trinity::artifact
