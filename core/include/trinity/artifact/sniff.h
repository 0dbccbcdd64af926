// Content sniffing: what is this evidence, judged by its bytes alone.
//
// Analysts drop files under any name (`out.txt`, `Security (1).evtx`,
// `netstat_host42`), so Trinity never trusts the extension. sniff() looks at
// the first bytes of a file -- a head of kSniffHeadBytes is enough -- and
// tells the format (EVTX, JSON, JSONL, CSV, .reg, text, known binaries) and,
// for text, the encoding (BOMs, BOM-less UTF-16, UTF-8, single-byte).
//
// When the head is only a prefix of a larger file (`complete == false`), the
// sniffer ignores the last, possibly cut, line or value instead of calling
// the file malformed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "trinity/artifact/text_encoding.h"
#include "trinity/io/byte_source.h"
#include "trinity/result.h"

namespace trinity::artifact {

// How many leading bytes sniffing reads.
inline constexpr std::size_t kSniffHeadBytes = 64 * 1024;

enum class Format {
    empty,     // zero bytes
    evtx,      // Windows XML event log ("ElfFile\0")
    json,      // one JSON document (object or array)
    jsonl,     // one JSON value per line (NDJSON, EDR exports)
    csv,       // delimited rows with a header row
    reg,       // regedit export (REGEDIT4 or Version 5.00)
    text,      // any other text: command outputs, syslog, ...
    // Binary formats recognised by magic, so the analyst sees what they are.
    registry_hive,  // "regf"
    pe,             // "MZ" with a PE header
    elf,            // "\x7fELF"
    zip,            // "PK\x03\x04"
    gzip,           // 1f 8b
    sqlite,         // "SQLite format 3\0"
    pcap,           // libpcap, either byte order
    pcapng,         // 0a 0d 0d 0a
    prefetch,       // "SCCA" at 4 or compressed "MAM\x04"
    binary,         // none of the above
};

enum class LineEndings { none, lf, crlf, cr, mixed };

struct SniffResult {
    Format format = Format::binary;
    Encoding encoding = Encoding::none;
    bool bom = false;                 // the text starts with a byte order mark
    LineEndings line_endings = LineEndings::none;
    char delimiter = 0;               // csv only: ',', ';', '\t' or '|'
    std::string detail;               // one line on why, for the UI and tests
};

// Sniffs a head of the file. `complete` says the head is the whole file.
SniffResult sniff(std::span<const std::byte> head, bool complete);

// Reads the head of `source` and sniffs it.
Result<SniffResult> sniff(io::ByteSource& source);

std::string_view to_string(Format format);
std::string_view to_string(LineEndings endings);

// The format for people: "EVTX", "CSV (;)", "Registry export (.reg)".
std::string format_label(const SniffResult& result);

// The format and, for text, its encoding: "Text, UTF-16LE (BOM)".
std::string describe(const SniffResult& result);

}  // namespace trinity::artifact
