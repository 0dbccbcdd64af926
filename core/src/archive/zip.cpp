#include "trinity/archive/zip.h"

#include <algorithm>
#include <cstring>

#include <zlib.h>

namespace trinity::archive {

namespace {

constexpr std::uint32_t kEndOfDirectory = 0x06054b50;
constexpr std::uint32_t kZip64Locator = 0x07064b50;
constexpr std::uint32_t kZip64End = 0x06064b50;
constexpr std::uint32_t kDirectoryEntry = 0x02014b50;
constexpr std::uint32_t kLocalHeader = 0x04034b50;
constexpr std::uint64_t kMaxDirectory = 256ull << 20;

std::uint16_t u16(const std::byte* p) {
    return static_cast<std::uint16_t>(std::to_integer<unsigned>(p[0]) | (std::to_integer<unsigned>(p[1]) << 8));
}
std::uint32_t u32(const std::byte* p) { return u16(p) | (static_cast<std::uint32_t>(u16(p + 2)) << 16); }
std::uint64_t u64(const std::byte* p) { return u32(p) | (static_cast<std::uint64_t>(u32(p + 4)) << 32); }

Failure damaged(const io::ByteSource& source, std::uint64_t offset, std::string message) {
    return fail(ErrorKind::invalid, "zip: " + message, Location::at_offset(source.name(), offset));
}

Result<std::vector<std::byte>> read_exact(io::ByteSource& source, std::uint64_t offset, std::uint64_t size) {
    if (offset > source.size() || size > source.size() - offset) {
        return damaged(source, offset, "a structure runs past the end of the file");
    }
    std::vector<std::byte> out(static_cast<std::size_t>(size));
    std::size_t done = 0;
    while (done < out.size()) {
        auto n = source.read_at(offset + done, std::span(out).subspan(done));
        if (!n) return n.error();
        if (*n == 0) return damaged(source, offset + done, "the file ended early");
        done += *n;
    }
    return out;
}

}  // namespace

Result<ZipReader> ZipReader::open(io::ByteSource& source, ZipLimits limits) {
    ZipReader reader(source, limits);
    const std::uint64_t size = source.size();
    if (size < 22) return damaged(source, 0, "too small to be a zip archive");
    const std::uint64_t tail_size = std::min<std::uint64_t>(size, 22 + 0xFFFF);
    auto tail = read_exact(source, size - tail_size, tail_size);
    if (!tail) return tail.error();
    std::size_t eocd = std::string::npos;
    for (std::size_t i = tail->size() - 22 + 1; i-- > 0;) {
        if (u32(tail->data() + i) == kEndOfDirectory) {
            eocd = i;
            break;
        }
    }
    if (eocd == std::string::npos) return damaged(source, size, "no end-of-directory record: not a zip archive");
    const std::byte* e = tail->data() + eocd;
    const std::uint64_t eocd_offset = size - tail_size + eocd;
    std::uint64_t count = u16(e + 10);
    std::uint64_t dir_size = u32(e + 12);
    std::uint64_t dir_offset = u32(e + 16);
    if (count == 0xFFFF || dir_size == 0xFFFFFFFF || dir_offset == 0xFFFFFFFF) {
        if (eocd_offset < 20) return damaged(source, eocd_offset, "zip64 locator missing");
        auto locator = read_exact(source, eocd_offset - 20, 20);
        if (!locator) return locator.error();
        if (u32(locator->data()) != kZip64Locator) return damaged(source, eocd_offset - 20, "zip64 locator missing");
        const std::uint64_t end64 = u64(locator->data() + 8);
        auto record = read_exact(source, end64, 56);
        if (!record) return record.error();
        if (u32(record->data()) != kZip64End) return damaged(source, end64, "zip64 end-of-directory record missing");
        count = u64(record->data() + 32);
        dir_size = u64(record->data() + 40);
        dir_offset = u64(record->data() + 48);
    }
    if (count > limits.max_entries) return fail(ErrorKind::limit, "zip: more than " + std::to_string(limits.max_entries) + " members", Location::in(source.name()));
    if (dir_size > kMaxDirectory) return fail(ErrorKind::limit, "zip: central directory larger than 256 MiB", Location::in(source.name()));
    auto dir = read_exact(source, dir_offset, dir_size);
    if (!dir) return dir.error();

    std::size_t at = 0;
    for (std::uint64_t i = 0; i < count; ++i) {
        if (at + 46 > dir->size() || u32(dir->data() + at) != kDirectoryEntry) {
            return damaged(source, dir_offset + at, "directory entry " + std::to_string(i + 1) + " is damaged");
        }
        const std::byte* h = dir->data() + at;
        ZipEntry entry;
        const std::uint16_t flags = u16(h + 8);
        entry.method = u16(h + 10);
        entry.crc32 = u32(h + 16);
        entry.compressed_size = u32(h + 20);
        entry.size = u32(h + 24);
        const std::size_t name_len = u16(h + 28), extra_len = u16(h + 30), comment_len = u16(h + 32);
        entry.local_header_offset = u32(h + 42);
        entry.encrypted = (flags & 1) != 0;
        if (at + 46 + name_len + extra_len + comment_len > dir->size()) {
            return damaged(source, dir_offset + at, "directory entry " + std::to_string(i + 1) + " runs past the directory");
        }
        entry.name.assign(reinterpret_cast<const char*>(h + 46), name_len);
        entry.directory = !entry.name.empty() && entry.name.back() == '/';
        // Zip64 extra field: 64-bit values for the fields saturated above.
        const std::byte* x = h + 46 + name_len;
        for (std::size_t k = 0; k + 4 <= extra_len;) {
            const std::uint16_t id = u16(x + k), len = u16(x + k + 2);
            if (k + 4 + len > extra_len) break;
            if (id == 0x0001) {
                std::size_t p = k + 4;
                auto take = [&](std::uint64_t& field) {
                    if (field == 0xFFFFFFFF && p + 8 <= k + 4 + len) {
                        field = u64(x + p);
                        p += 8;
                    }
                };
                take(entry.size);
                take(entry.compressed_size);
                take(entry.local_header_offset);
            }
            k += 4 + len;
        }
        reader.entries_.push_back(std::move(entry));
        at += 46 + name_len + extra_len + comment_len;
    }
    return reader;
}

Result<std::string> ZipReader::read(const ZipEntry& entry) const {
    io::ByteSource& source = *source_;
    const Location where = Location::in(source.name() + ":" + entry.name);
    if (entry.encrypted) return fail(ErrorKind::unsupported, "zip: the member is encrypted", where);
    if (entry.method != 0 && entry.method != 8) {
        return fail(ErrorKind::unsupported, "zip: compression method " + std::to_string(entry.method) + " (only stored and deflate)", where);
    }
    if (entry.size > limits_.max_member_size) {
        return fail(ErrorKind::limit, "zip: the member is larger than " + std::to_string(limits_.max_member_size >> 20) + " MiB", where);
    }
    auto local = read_exact(source, entry.local_header_offset, 30);
    if (!local) return local.error();
    if (u32(local->data()) != kLocalHeader) return damaged(source, entry.local_header_offset, "no local header for " + entry.name);
    const std::uint64_t data_at = entry.local_header_offset + 30 + u16(local->data() + 26) + u16(local->data() + 28);
    auto packed = read_exact(source, data_at, entry.compressed_size);
    if (!packed) return packed.error();

    std::string out;
    if (entry.method == 0) {
        if (entry.compressed_size != entry.size) return damaged(source, data_at, "stored member's sizes disagree");
        out.assign(reinterpret_cast<const char*>(packed->data()), packed->size());
    } else {
        z_stream z{};
        if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return fail(ErrorKind::internal, "zip: inflateInit2 failed", where);
        out.resize(static_cast<std::size_t>(std::min<std::uint64_t>(entry.size, limits_.max_member_size)) + 1);
        z.next_in = reinterpret_cast<Bytef*>(packed->data());
        z.avail_in = static_cast<uInt>(std::min<std::size_t>(packed->size(), UINT32_MAX));
        z.next_out = reinterpret_cast<Bytef*>(out.data());
        z.avail_out = static_cast<uInt>(out.size());
        const int rc = inflate(&z, Z_FINISH);
        const std::uint64_t produced = z.total_out;
        const std::string why = z.msg ? std::string(" (") + z.msg + ")" : std::string();
        inflateEnd(&z);
        if (rc != Z_STREAM_END) {
            if (produced > entry.size) return damaged(source, data_at, entry.name + " inflates to more than its stated size");
            return damaged(source, data_at, entry.name + ": deflate data is damaged" + why);
        }
        if (produced != entry.size) return damaged(source, data_at, entry.name + " inflates to a size other than stated");
        out.resize(static_cast<std::size_t>(produced));
    }
    const auto crc = static_cast<std::uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(out.data()), static_cast<uInt>(out.size())));
    if (crc != entry.crc32) return damaged(source, data_at, entry.name + ": CRC-32 mismatch");
    return out;
}

}  // namespace trinity::archive
