// Builds zip archives in memory for tests: stored or deflated members, and
// the knobs to damage them (wrong CRC, lying sizes, encryption flag, zip64).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <zlib.h>

namespace trinity::test {

struct ZipMember {
    std::string name;
    std::string data;
    bool deflate = true;
    bool encrypted = false;
    std::int64_t crc_delta = 0;        // added to the real CRC
    std::int64_t size_delta = 0;       // added to the stated uncompressed size
    bool zip64 = false;                // sizes and offset through the zip64 extra field
};

inline void put16(std::string& s, std::uint32_t v) {
    s.push_back(static_cast<char>(v & 0xFF));
    s.push_back(static_cast<char>((v >> 8) & 0xFF));
}
inline void put32(std::string& s, std::uint32_t v) {
    put16(s, v & 0xFFFF);
    put16(s, v >> 16);
}
inline void put64(std::string& s, std::uint64_t v) {
    put32(s, static_cast<std::uint32_t>(v));
    put32(s, static_cast<std::uint32_t>(v >> 32));
}

inline std::string raw_deflate(const std::string& data) {
    z_stream z{};
    deflateInit2(&z, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

inline std::string build_zip(const std::vector<ZipMember>& members) {
    std::string out, directory;
    for (const ZipMember& m : members) {
        const std::string packed = m.deflate ? raw_deflate(m.data) : m.data;
        const auto crc = static_cast<std::uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(m.data.data()),
                                                          static_cast<uInt>(m.data.size())) + m.crc_delta);
        const auto size = static_cast<std::uint64_t>(static_cast<std::int64_t>(m.data.size()) + m.size_delta);
        const std::uint64_t offset = out.size();
        const std::uint16_t flags = m.encrypted ? 1 : 0;
        const std::uint16_t method = m.deflate ? 8 : 0;
        out += "PK\x03\x04";
        put16(out, 20); put16(out, flags); put16(out, method); put16(out, 0); put16(out, 0);
        put32(out, crc); put32(out, static_cast<std::uint32_t>(packed.size())); put32(out, static_cast<std::uint32_t>(size));
        put16(out, static_cast<std::uint32_t>(m.name.size())); put16(out, 0);
        out += m.name;
        out += packed;

        std::string extra;
        if (m.zip64) {
            put16(extra, 1); put16(extra, 24);
            put64(extra, size); put64(extra, packed.size()); put64(extra, offset);
        }
        directory += "PK\x01\x02";
        put16(directory, 45); put16(directory, 20); put16(directory, flags); put16(directory, method);
        put16(directory, 0); put16(directory, 0); put32(directory, crc);
        put32(directory, m.zip64 ? 0xFFFFFFFF : static_cast<std::uint32_t>(packed.size()));
        put32(directory, m.zip64 ? 0xFFFFFFFF : static_cast<std::uint32_t>(size));
        put16(directory, static_cast<std::uint32_t>(m.name.size())); put16(directory, static_cast<std::uint32_t>(extra.size()));
        put16(directory, 0); put16(directory, 0); put16(directory, 0); put32(directory, 0);
        put32(directory, m.zip64 ? 0xFFFFFFFF : static_cast<std::uint32_t>(offset));
        directory += m.name;
        directory += extra;
    }
    const std::uint64_t dir_offset = out.size();
    out += directory;
    out += "PK\x05\x06";
    put16(out, 0); put16(out, 0);
    put16(out, static_cast<std::uint32_t>(members.size())); put16(out, static_cast<std::uint32_t>(members.size()));
    put32(out, static_cast<std::uint32_t>(directory.size())); put32(out, static_cast<std::uint32_t>(dir_offset));
    put16(out, 0);
    return out;
}

}  // namespace trinity::test
