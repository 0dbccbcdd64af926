// Reading an EVTX file chunk by chunk from a ByteSource.
#include <algorithm>
#include <cstring>

#include "evtx_binxml.h"
#include "trinity/artifact/codepage.h"
#include "trinity/evtx/evtx.h"

namespace trinity::evtx {
namespace {

constexpr char kFileMagic[] = "ElfFile";   // + NUL: 8 bytes
constexpr char kChunkMagic[] = "ElfChnk";  // + NUL: 8 bytes
constexpr std::uint32_t kRecordMagic = 0x00002a2a;
constexpr std::uint32_t kMinRecordSize = 28;  // header (24) + size copy (4)

template <class T>
T load(std::span<const std::byte> b, std::size_t at) {
    T v;
    std::memcpy(&v, b.data() + at, sizeof v);
    return v;
}

bool all_zero(std::span<const std::byte> b) {
    for (auto x : b) {
        if (x != std::byte{0}) return false;
    }
    return true;
}

}  // namespace

EvtxReader::EvtxReader(io::ByteSource& source) : source_(source) {}

bool EvtxReader::set_ansi_codepage(unsigned codepage) {
    if (!artifact::codepage_supported(codepage)) return false;
    ansi_codepage_ = codepage;
    return true;
}

Result<FileHeader> parse_file_header(std::span<const std::byte> head, const std::string& name,
                                     std::vector<Warning>& warnings) {
    if (head.size() < 128 || std::memcmp(head.data(), kFileMagic, 8) != 0) {
        return fail(ErrorKind::invalid, "not an EVTX file (no \"ElfFile\" signature)", Location::at_offset(name, 0));
    }
    FileHeader h;
    h.first_chunk = load<std::uint64_t>(head, 8);
    h.last_chunk = load<std::uint64_t>(head, 16);
    h.next_record_id = load<std::uint64_t>(head, 24);
    h.minor_version = load<std::uint16_t>(head, 36);
    h.major_version = load<std::uint16_t>(head, 38);
    h.chunk_count = load<std::uint16_t>(head, 42);
    h.flags = load<std::uint32_t>(head, 120);
    h.checksum_ok = crc32(head.first(120)) == load<std::uint32_t>(head, 124);
    if (!h.checksum_ok) warnings.push_back({124, "file header checksum mismatch"});
    if (h.major_version != 3 || (h.minor_version != 1 && h.minor_version != 2)) {
        warnings.push_back({36, "unusual format version " + std::to_string(h.major_version) + "." +
                                    std::to_string(h.minor_version)});
    }
    return h;
}

Result<FileHeader> EvtxReader::open() {
    std::vector<std::byte> head(kFileHeaderSize);
    auto got = source_.read_at(0, head);
    if (!got) return got.error();
    head.resize(*got);
    return parse_file_header(head, source_.name(), warnings_);
}

namespace detail {

ChunkOutcome read_chunk(std::uint32_t index, std::uint64_t off, std::span<const std::byte> chunk,
                        ChunkParser& parser, const std::function<bool(const Record&)>& on_record,
                        unsigned ansi_codepage) {
    ChunkOutcome out;
    ChunkSummary& summary = out.summary;
    std::vector<Warning>& warnings = out.warnings;
    ReadStats& stats = out.stats;
    summary.index = index;
    summary.offset = off;
    ++stats.chunks;
    if (chunk.size() < kChunkHeaderSize || std::memcmp(chunk.data(), kChunkMagic, 8) != 0) {
        summary.skipped = true;
        ++stats.skipped_chunks;
        if (!all_zero(chunk.first(std::min(chunk.size(), kChunkHeaderSize)))) {
            warnings.push_back({off, "chunk " + std::to_string(index) + ": bad signature, skipped"});
        }
        return out;
    }
    if (chunk.size() < kChunkSize) {
        warnings.push_back({off, "chunk " + std::to_string(index) + ": truncated by the end of the file"});
    }
    summary.first_record_id = load<std::uint64_t>(chunk, 24);
    summary.last_record_id = load<std::uint64_t>(chunk, 32);
    std::uint32_t header_crc = crc32(chunk.first(120));
    header_crc = crc32(chunk.subspan(128, kChunkHeaderSize - 128), header_crc);
    if (header_crc != load<std::uint32_t>(chunk, 124)) {
        summary.header_checksum_ok = false;
        warnings.push_back({off, "chunk " + std::to_string(index) + ": header checksum mismatch"});
    }
    std::uint32_t free_space = load<std::uint32_t>(chunk, 48);
    if (free_space < kChunkHeaderSize || free_space > chunk.size()) {
        warnings.push_back({off + 48, "chunk " + std::to_string(index) + ": free space offset " +
                                          std::to_string(free_space) + " out of range"});
        free_space = static_cast<std::uint32_t>(chunk.size());
    } else if (crc32(chunk.subspan(kChunkHeaderSize, free_space - kChunkHeaderSize)) !=
               load<std::uint32_t>(chunk, 52)) {
        summary.records_checksum_ok = false;
        warnings.push_back({off, "chunk " + std::to_string(index) + ": event records checksum mismatch"});
    }

    Record record;
    record.ansi_codepage = ansi_codepage;
    std::uint32_t pos = kChunkHeaderSize;
    while (pos + kMinRecordSize <= free_space) {
        if (load<std::uint32_t>(chunk, pos) != kRecordMagic) {
            if (!all_zero(chunk.subspan(pos, free_space - pos))) {
                warnings.push_back({off + pos, "chunk " + std::to_string(index) +
                                                   ": no record signature where one was expected"});
            }
            break;
        }
        const std::uint32_t rsize = load<std::uint32_t>(chunk, pos + 4);
        if (rsize < kMinRecordSize || std::uint64_t{pos} + rsize > chunk.size()) {
            warnings.push_back({off + pos, "record size " + std::to_string(rsize) + " out of range"});
            ++stats.bad_records;
            break;
        }
        record.record_id = load<std::uint64_t>(chunk, pos + 8);
        record.written_filetime = load<std::uint64_t>(chunk, pos + 16);
        record.offset = off + pos;
        record.chunk_index = index;
        record.recovered = false;
        if (load<std::uint32_t>(chunk, pos + rsize - 4) != rsize) {
            warnings.push_back({off + pos, "record " + std::to_string(record.record_id) +
                                               ": trailing size does not match"});
        }
        if (auto err = parser.parse_record(pos, rsize, record); !err.empty()) {
            warnings.push_back({off + pos, "record " + std::to_string(record.record_id) + ": " + err});
            ++stats.bad_records;
        } else {
            ++stats.records;
            ++summary.records;
            if (!on_record(record)) {
                out.stopped = true;
                return out;
            }
        }
        pos += rsize;
    }

    // Records left in the slack after the last live one: older events a
    // wrap-around overwrote only in part. Kept, and marked recovered.
    for (std::uint32_t p = (pos + 7) & ~7u; p + kMinRecordSize <= chunk.size(); p += 8) {
        if (load<std::uint32_t>(chunk, p) != kRecordMagic) continue;
        const std::uint32_t rsize = load<std::uint32_t>(chunk, p + 4);
        if (rsize < kMinRecordSize || std::uint64_t{p} + rsize > chunk.size()) continue;
        if (load<std::uint32_t>(chunk, p + rsize - 4) != rsize) continue;
        record.record_id = load<std::uint64_t>(chunk, p + 8);
        record.written_filetime = load<std::uint64_t>(chunk, p + 16);
        record.offset = off + p;
        record.chunk_index = index;
        record.recovered = true;
        if (!parser.parse_record(p, rsize, record).empty()) continue;
        ++stats.recovered;
        if (!on_record(record)) {
            out.stopped = true;
            return out;
        }
        p += rsize - 8;
    }
    return out;
}

std::uint32_t chunk_count(std::uint64_t file_size) {
    if (file_size < kFileHeaderSize + kChunkHeaderSize) return 0;
    return static_cast<std::uint32_t>((file_size - kFileHeaderSize - kChunkHeaderSize) / kChunkSize + 1);
}

}  // namespace detail

std::uint32_t chunk_count(std::uint64_t file_size) { return detail::chunk_count(file_size); }

ReadStats read_chunk(std::span<const std::byte> chunk, std::uint32_t index, std::vector<Warning>& warnings,
                     const std::function<bool(const Record&)>& on_record, unsigned ansi_codepage) {
    detail::ChunkParser parser(chunk);
    const std::uint64_t off = kFileHeaderSize + std::uint64_t{index} * kChunkSize;
    auto outcome = detail::read_chunk(index, off, chunk, parser, on_record, ansi_codepage);
    for (auto& w : outcome.warnings) warnings.push_back(std::move(w));
    return outcome.stats;
}

void EvtxReader::merge(detail::ChunkOutcome&& outcome, ReadStats& stats) {
    stats.records += outcome.stats.records;
    stats.recovered += outcome.stats.recovered;
    stats.bad_records += outcome.stats.bad_records;
    stats.chunks += outcome.stats.chunks;
    stats.skipped_chunks += outcome.stats.skipped_chunks;
    for (auto& w : outcome.warnings) warnings_.push_back(std::move(w));
    chunks_.push_back(outcome.summary);
}

Result<ReadStats> EvtxReader::read(const std::function<bool(const Record&)>& on_record) {
    ReadStats stats;
    std::vector<std::byte> buffer(kChunkSize);
    // Chunks are counted by file size: headers of dirty files undercount.
    const std::uint32_t chunks = detail::chunk_count(source_.size());
    for (std::uint32_t index = 0; index < chunks; ++index) {
        const std::uint64_t off = kFileHeaderSize + std::uint64_t{index} * kChunkSize;
        auto got = source_.read_at(off, buffer);
        if (!got) return got.error();
        detail::ChunkParser parser(std::span<const std::byte>(buffer).first(*got));
        auto outcome = detail::read_chunk(index, off, std::span<const std::byte>(buffer).first(*got), parser,
                                          on_record, ansi_codepage_);
        const bool stopped = outcome.stopped;
        merge(std::move(outcome), stats);
        if (stopped) break;
    }
    return stats;
}

}  // namespace trinity::evtx
