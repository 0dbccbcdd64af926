// Zip archives: listing and reading members, for rule packs (SigmaHQ
// releases) and collected evidence dropped as one archive.
//
// The central directory is read from the end of the file; members are
// stored or deflated (zlib, raw inflate) and checked against their CRC-32.
// Hostile archives are expected: sizes and counts are bounded (Limits), a
// member larger than it claims or than the limits stops with an error, and
// encrypted or unsupported members are listed with the reason instead of
// read. Zip64 sizes and offsets are understood.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "trinity/io/byte_source.h"
#include "trinity/result.h"

namespace trinity::archive {

struct ZipEntry {
    std::string name;  // as stored ('/' separated)
    std::uint64_t compressed_size = 0;
    std::uint64_t size = 0;  // uncompressed, as the directory claims
    std::uint32_t crc32 = 0;
    std::uint16_t method = 0;  // 0 stored, 8 deflate
    std::uint64_t local_header_offset = 0;
    bool directory = false;
    bool encrypted = false;
};

struct ZipLimits {
    std::uint64_t max_member_size = 256ull << 20;  // one member, uncompressed
    std::size_t max_entries = 200000;
};

class ZipReader {
public:
    // Reads the directory. Fails (invalid, with the offset) when the file is
    // not a zip archive or its directory is damaged.
    static Result<ZipReader> open(io::ByteSource& source, ZipLimits limits = {});

    const std::vector<ZipEntry>& entries() const { return entries_; }
    // The member's bytes, inflated and CRC-checked.
    Result<std::string> read(const ZipEntry& entry) const;

private:
    ZipReader(io::ByteSource& source, ZipLimits limits) : source_(&source), limits_(limits) {}

    io::ByteSource* source_;
    ZipLimits limits_;
    std::vector<ZipEntry> entries_;
};

}  // namespace trinity::archive
