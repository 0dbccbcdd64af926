// Reading an EVTX file chunk by chunk from a ByteSource.
#include <cstring>

#include "evtx_binxml.h"
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

Result<FileHeader> EvtxReader::open() {
    std::vector<std::byte> head(kFileHeaderSize);
    auto got = source_.read_at(0, head);
    if (!got) return got.error();
    if (*got < 128 || std::memcmp(head.data(), kFileMagic, 8) != 0) {
        return fail(ErrorKind::invalid, "not an EVTX file (no \"ElfFile\" signature)",
                    Location::at_offset(source_.name(), 0));
    }
    FileHeader h;
    h.first_chunk = load<std::uint64_t>(head, 8);
    h.last_chunk = load<std::uint64_t>(head, 16);
    h.next_record_id = load<std::uint64_t>(head, 24);
    h.minor_version = load<std::uint16_t>(head, 36);
    h.major_version = load<std::uint16_t>(head, 38);
    h.chunk_count = load<std::uint16_t>(head, 42);
    h.flags = load<std::uint32_t>(head, 120);
    h.checksum_ok = crc32(std::span(head).first(120)) == load<std::uint32_t>(head, 124);
    if (!h.checksum_ok) warnings_.push_back({124, "file header checksum mismatch"});
    if (h.major_version != 3 || (h.minor_version != 1 && h.minor_version != 2)) {
        warnings_.push_back({36, "unusual format version " + std::to_string(h.major_version) + "." +
                                     std::to_string(h.minor_version)});
    }
    return h;
}

Result<ReadStats> EvtxReader::read(const std::function<bool(const Record&)>& on_record) {
    ReadStats stats;
    std::vector<std::byte> buffer(kChunkSize);
    Record record;
    const std::uint64_t size = source_.size();
    std::uint32_t index = 0;
    // Chunks are counted by file size: headers of dirty files undercount.
    for (std::uint64_t off = kFileHeaderSize; off + kChunkHeaderSize <= size; off += kChunkSize, ++index) {
        auto got = source_.read_at(off, buffer);
        if (!got) return got.error();
        const auto chunk = std::span<const std::byte>(buffer).first(*got);
        ChunkSummary summary;
        summary.index = index;
        summary.offset = off;
        ++stats.chunks;
        if (std::memcmp(chunk.data(), kChunkMagic, 8) != 0) {
            summary.skipped = true;
            ++stats.skipped_chunks;
            if (!all_zero(chunk.first(kChunkHeaderSize))) {
                warnings_.push_back({off, "chunk " + std::to_string(index) + ": bad signature, skipped"});
            }
            chunks_.push_back(summary);
            continue;
        }
        if (chunk.size() < kChunkSize) {
            warnings_.push_back({off, "chunk " + std::to_string(index) + ": truncated by the end of the file"});
        }
        summary.first_record_id = load<std::uint64_t>(chunk, 24);
        summary.last_record_id = load<std::uint64_t>(chunk, 32);
        std::uint32_t header_crc = crc32(chunk.first(120));
        header_crc = crc32(chunk.subspan(128, kChunkHeaderSize - 128), header_crc);
        if (header_crc != load<std::uint32_t>(chunk, 124)) {
            summary.header_checksum_ok = false;
            warnings_.push_back({off, "chunk " + std::to_string(index) + ": header checksum mismatch"});
        }
        std::uint32_t free_space = load<std::uint32_t>(chunk, 48);
        if (free_space < kChunkHeaderSize || free_space > chunk.size()) {
            warnings_.push_back({off + 48, "chunk " + std::to_string(index) + ": free space offset " +
                                               std::to_string(free_space) + " out of range"});
            free_space = static_cast<std::uint32_t>(chunk.size());
        } else if (crc32(chunk.subspan(kChunkHeaderSize, free_space - kChunkHeaderSize)) !=
                   load<std::uint32_t>(chunk, 52)) {
            summary.records_checksum_ok = false;
            warnings_.push_back({off, "chunk " + std::to_string(index) + ": event records checksum mismatch"});
        }

        detail::ChunkParser parser(chunk);
        std::uint32_t pos = kChunkHeaderSize;
        while (pos + kMinRecordSize <= free_space) {
            if (load<std::uint32_t>(chunk, pos) != kRecordMagic) {
                if (!all_zero(chunk.subspan(pos, free_space - pos))) {
                    warnings_.push_back({off + pos, "chunk " + std::to_string(index) +
                                                        ": no record signature where one was expected"});
                }
                break;
            }
            const std::uint32_t rsize = load<std::uint32_t>(chunk, pos + 4);
            if (rsize < kMinRecordSize || std::uint64_t{pos} + rsize > chunk.size()) {
                warnings_.push_back({off + pos, "record size " + std::to_string(rsize) + " out of range"});
                ++stats.bad_records;
                break;
            }
            record.record_id = load<std::uint64_t>(chunk, pos + 8);
            record.written_filetime = load<std::uint64_t>(chunk, pos + 16);
            record.offset = off + pos;
            record.chunk_index = index;
            record.recovered = false;
            if (load<std::uint32_t>(chunk, pos + rsize - 4) != rsize) {
                warnings_.push_back({off + pos, "record " + std::to_string(record.record_id) +
                                                    ": trailing size does not match"});
            }
            if (auto err = parser.parse_record(pos, rsize, record); !err.empty()) {
                warnings_.push_back({off + pos, "record " + std::to_string(record.record_id) + ": " + err});
                ++stats.bad_records;
            } else {
                ++stats.records;
                ++summary.records;
                if (!on_record(record)) {
                    chunks_.push_back(summary);
                    return stats;
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
                chunks_.push_back(summary);
                return stats;
            }
            p += rsize - 8;
        }
        chunks_.push_back(summary);
    }
    return stats;
}

}  // namespace trinity::evtx
