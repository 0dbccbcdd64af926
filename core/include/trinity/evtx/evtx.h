// EVTX: Windows XML event logs.
//
// An EVTX file is a 4 KiB file header followed by 64 KiB chunks. Each chunk
// holds event records whose bodies are Binary XML (BinXML) that refer to
// templates and strings stored earlier in the same chunk, so chunks parse
// independently. EvtxReader reads a ByteSource chunk by chunk (never the
// whole file), iterating chunks by file size rather than by the header's
// count, and turns each record into an XML tree that renderers print as XML
// or as JSON in the shape of `evtx_dump -o json`.
//
// Damage is reported, never fatal: checksum mismatches, bad chunk magic and
// broken records become Warnings with their file offset; every good record
// is still returned.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "trinity/io/byte_source.h"
#include "trinity/result.h"

namespace trinity::evtx {

inline constexpr std::size_t kFileHeaderSize = 4096;
inline constexpr std::size_t kChunkSize = 65536;
inline constexpr std::size_t kChunkHeaderSize = 512;

struct FileHeader {
    std::uint64_t first_chunk = 0;
    std::uint64_t last_chunk = 0;
    std::uint64_t next_record_id = 0;
    std::uint16_t minor_version = 0;
    std::uint16_t major_version = 0;
    std::uint16_t chunk_count = 0;  // as the header says; files may hold more
    std::uint32_t flags = 0;
    bool checksum_ok = true;

    bool dirty() const { return flags & 0x1; }
    bool full() const { return flags & 0x2; }
};

struct Warning {
    std::uint64_t offset = 0;  // in the file
    std::string message;
};

// BinXML value types (the low 7 bits; 0x80 marks an array).
enum class ValueType : std::uint8_t {
    null = 0x00, string = 0x01, ansi_string = 0x02, int8 = 0x03, uint8 = 0x04,
    int16 = 0x05, uint16 = 0x06, int32 = 0x07, uint32 = 0x08, int64 = 0x09,
    uint64 = 0x0a, real32 = 0x0b, real64 = 0x0c, boolean = 0x0d, binary = 0x0e,
    guid = 0x0f, size_t_ = 0x10, filetime = 0x11, systemtime = 0x12, sid = 0x13,
    hex_int32 = 0x14, hex_int64 = 0x15, binxml = 0x21,
};

// A typed value as stored: `type` is the raw BinXML type byte (0x80 set for
// arrays), `bytes` point into the chunk being parsed.
struct Value {
    std::uint8_t type = 0;
    std::span<const std::byte> bytes{};
};

// Text of a value as Windows renders it in event XML (unescaped UTF-8):
// decimal integers, 0x-prefixed hex, {GUID}, S-1-5-..., ISO 8601 UTC times
// with 100 ns precision, upper-case hex for binary, comma-separated arrays.
// AnsiString values are decoded from `ansi_codepage` (artifact/codepage.h).
std::string value_text(const Value& value, unsigned ansi_codepage = 1252);
void append_value_text(std::string& out, const Value& value, unsigned ansi_codepage = 1252);

// [SECTION] The XML tree of one record -------------------------------------------

// Nodes live in an arena owned by Record; indices instead of pointers keep it
// cheap to reuse between records. -1 means none.
struct XmlAttribute {
    std::string_view name{};
    std::int32_t first_piece = -1;
    std::int32_t next = -1;
};

struct XmlElement {
    std::string_view name{};
    std::int32_t first_attribute = -1;
    std::int32_t first_child = -1;
    std::int32_t next_sibling = -1;
    std::int32_t first_piece = -1;  // text content
    // Tails, for appending in order.
    std::int32_t last_attribute = -1;
    std::int32_t last_child = -1;
    std::int32_t last_piece = -1;
};

// Text is a chain of pieces: literal strings and typed values.
struct XmlPiece {
    Value value{};
    std::int32_t next = -1;
};

struct Record {
    std::uint64_t record_id = 0;
    std::uint64_t written_filetime = 0;  // 100 ns ticks since 1601 (UTC)
    std::uint64_t offset = 0;            // of the record in the file
    std::uint32_t chunk_index = 0;
    bool recovered = false;  // found in chunk slack, not a live record
    unsigned ansi_codepage = 1252;  // how its AnsiString values decode

    std::vector<XmlElement> elements;  // elements[0] is the root, if any
    std::vector<XmlAttribute> attributes;
    std::vector<XmlPiece> pieces;

    const XmlElement* root() const { return elements.empty() ? nullptr : &elements[0]; }
    // The first child element of `parent` named `name`, or nullptr.
    const XmlElement* child(const XmlElement& parent, std::string_view name) const;
    // The value text of attribute `name` of `element`, or empty.
    std::string attribute_text(const XmlElement& element, std::string_view name) const;
    // The text content of `element`.
    std::string text(const XmlElement& element) const;
};

// XML as Windows' event viewer exports it (two-space indentation).
std::string render_xml(const Record& record);
// JSON in the shape of `evtx_dump -o json`: "#attributes" objects, EventData
// items keyed by their Name attribute, numbers as JSON numbers.
std::string render_json(const Record& record, bool pretty);

// [SECTION] Reading a file ---------------------------------------------------------

struct ChunkSummary {
    std::uint32_t index = 0;
    std::uint64_t offset = 0;
    std::uint64_t first_record_id = 0;
    std::uint64_t last_record_id = 0;
    std::uint32_t records = 0;
    bool header_checksum_ok = true;
    bool records_checksum_ok = true;
    bool skipped = false;  // bad magic or unreadable
};

struct ReadStats {
    std::uint64_t records = 0;
    std::uint64_t recovered = 0;
    std::uint64_t bad_records = 0;
    std::uint64_t chunks = 0;
    std::uint64_t skipped_chunks = 0;
};

namespace detail {
struct ChunkOutcome;
}

class EvtxReader {
public:
    explicit EvtxReader(io::ByteSource& source);

    // Reads and checks the file header. An error only when this is not an
    // EVTX file at all (bad signature) or it cannot be read.
    Result<FileHeader> open();

    // Calls `on_record` for every record, chunk by chunk, in file order.
    // Returning false from the callback stops early. Damage becomes warnings.
    Result<ReadStats> read(const std::function<bool(const Record&)>& on_record);

    // Parallel reading: chunks are parsed on `threads` worker threads, and
    // `render` runs there too for every record (it sees only the record, so
    // it must touch no shared state). `consume` then receives each rendering
    // on the calling thread, in file order; returning false stops. At most a
    // few chunks per thread are held at once. The source's read_at() must be
    // safe to call from several threads (pread and memory are). The browser
    // build has no threads and does the same work sequentially.
    using Render = std::function<void(const Record&, std::string& out)>;
    using Consume = std::function<bool(const Record& header_only, std::string_view rendered)>;
    Result<ReadStats> read_parallel(const Render& render, const Consume& consume, unsigned threads);

    const std::vector<Warning>& warnings() const { return warnings_; }
    const std::vector<ChunkSummary>& chunks() const { return chunks_; }

    // The code page AnsiString values are decoded from (default 1252); an
    // unsupported one is refused and the setting kept.
    bool set_ansi_codepage(unsigned codepage);
    unsigned ansi_codepage() const { return ansi_codepage_; }

private:
    void merge(detail::ChunkOutcome&& outcome, ReadStats& stats);

    io::ByteSource& source_;
    unsigned ansi_codepage_ = 1252;
    std::vector<Warning> warnings_;
    std::vector<ChunkSummary> chunks_;
};

// [SECTION] Reading chunk by chunk, when the caller fetches the bytes ---------
// The browser reads a dropped File by slices, asynchronously, so it cannot
// hand core a ByteSource; it hands over the header, then each chunk.

// Checks the first kFileHeaderSize bytes of a file. Warnings are appended.
Result<FileHeader> parse_file_header(std::span<const std::byte> head, const std::string& name,
                                     std::vector<Warning>& warnings);

// How many chunks a file of `file_size` bytes holds (by size, not header).
std::uint32_t chunk_count(std::uint64_t file_size);

// Reads the records of chunk `index` (its bytes, at most kChunkSize), calling
// `on_record` for each; warnings are appended. Records point into `chunk`.
ReadStats read_chunk(std::span<const std::byte> chunk, std::uint32_t index, std::vector<Warning>& warnings,
                     const std::function<bool(const Record&)>& on_record, unsigned ansi_codepage = 1252);

// Windows FILETIME (100 ns since 1601-01-01 UTC) as ISO 8601 with 7 decimals.
std::string filetime_iso(std::uint64_t filetime);

// CRC-32 (RFC 1952, initial value 0) as EVTX checksums use it.
std::uint32_t crc32(std::span<const std::byte> bytes, std::uint32_t crc = 0);

}  // namespace trinity::evtx
