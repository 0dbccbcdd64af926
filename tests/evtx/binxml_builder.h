// Builds small EVTX chunks by hand for tests: one template, one record,
// chosen substitution values. Enough BinXML to pin behaviours the corpus
// does not show (optional substitutions, code pages).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "trinity/evtx/evtx.h"

namespace trinity::test {

class ChunkBuilder {
public:
    // [SECTION] template body tokens (written inside the template definition)
    void open(std::string_view name, bool has_attributes = false) {
        u8(has_attributes ? 0x41 : 0x01);
        u16(0xffff);  // dependency id
        u32(0);       // data size (not checked by readers)
        name_here(name);
        if (has_attributes) u32(0);  // attribute list size
    }
    void attribute(std::string_view name) {
        u8(0x06);
        name_here(name);
    }
    void close_start() { u8(0x02); }
    void close_empty() { u8(0x03); }
    void end() { u8(0x04); }
    void text(std::string_view ascii) {
        u8(0x05);
        u8(0x01);
        u16(static_cast<std::uint16_t>(ascii.size()));
        for (char c : ascii) u16(static_cast<std::uint8_t>(c));
    }
    void substitution(std::uint16_t index, std::uint8_t type, bool optional) {
        u8(optional ? 0x0e : 0x0d);
        u16(index);
        u8(type);
    }

    // [SECTION] values of the record's template instance
    struct Value {
        std::uint8_t type;
        std::vector<std::byte> bytes;
    };
    static Value null() { return {0x00, {}}; }
    static Value utf16(std::string_view ascii) {
        Value v{0x01, {}};
        for (char c : ascii) {
            v.bytes.push_back(static_cast<std::byte>(c));
            v.bytes.push_back(std::byte{0});
        }
        return v;
    }
    static Value ansi(std::string_view raw) {
        Value v{0x02, {}};
        for (char c : raw) v.bytes.push_back(static_cast<std::byte>(c));
        return v;
    }
    static Value uint16(std::uint16_t x) {
        return {0x06, {std::byte(x & 0xff), std::byte(x >> 8)}};
    }

    // Starts the record and the template definition; call the token
    // functions for the template body, then finish() with the values.
    void begin() {
        buf_.assign(evtx::kChunkHeaderSize, std::byte{0});
        record_ = buf_.size();
        u32(0x00002a2a);
        u32(0);  // size, patched
        u64(1);  // record id
        u64(0x01d9b5c1a2b3c4d5ULL);  // written time
        u8(0x0f); u8(0x01); u8(0x01); u8(0x00);  // fragment header
        u8(0x0c); u8(0x01);
        u32(0x1234);  // template id
        const auto def = static_cast<std::uint32_t>(buf_.size() + 4);
        u32(def);     // definition stored right here
        u32(0);       // next definition
        for (int i = 0; i < 16; ++i) u8(0xab);  // template GUID
        body_size_at_ = buf_.size();
        u32(0);  // body size, patched
        body_start_ = buf_.size();
        u8(0x0f); u8(0x01); u8(0x01); u8(0x00);
    }

    std::vector<std::byte> finish(const std::vector<Value>& values) {
        u8(0x00);  // end of the template body
        patch32(body_size_at_, static_cast<std::uint32_t>(buf_.size() - body_start_));
        u32(static_cast<std::uint32_t>(values.size()));
        for (const auto& v : values) {
            u16(static_cast<std::uint16_t>(v.bytes.size()));
            u8(v.type);
            u8(0);
        }
        for (const auto& v : values) buf_.insert(buf_.end(), v.bytes.begin(), v.bytes.end());
        u8(0x00);  // end of the record's fragment
        while ((buf_.size() - record_ + 4) % 8) u8(0);
        u32(0);  // size copy, patched
        const auto size = static_cast<std::uint32_t>(buf_.size() - record_);
        patch32(record_ + 4, size);
        patch32(buf_.size() - 4, size);
        const auto free_space = static_cast<std::uint32_t>(buf_.size());
        buf_.resize(evtx::kChunkSize, std::byte{0});
        std::memcpy(buf_.data(), "ElfChnk", 8);
        patch64(8, 1);
        patch64(16, 1);
        patch64(24, 1);
        patch64(32, 1);
        patch32(40, 128);
        patch32(44, static_cast<std::uint32_t>(record_));
        patch32(48, free_space);
        const auto span = std::span<const std::byte>(buf_);
        patch32(52, evtx::crc32(span.subspan(evtx::kChunkHeaderSize, free_space - evtx::kChunkHeaderSize)));
        std::uint32_t crc = evtx::crc32(span.first(120));
        crc = evtx::crc32(span.subspan(128, evtx::kChunkHeaderSize - 128), crc);
        patch32(124, crc);
        return buf_;
    }

private:
    void name_here(std::string_view name) {
        const auto off = static_cast<std::uint32_t>(buf_.size() + 4);
        u32(off);  // the name follows inline
        u32(0);    // next name
        u16(0);    // hash (unchecked)
        u16(static_cast<std::uint16_t>(name.size()));
        for (char c : name) u16(static_cast<std::uint8_t>(c));
        u16(0);
    }
    void u8(std::uint8_t v) { buf_.push_back(std::byte{v}); }
    void u16(std::uint16_t v) { u8(v & 0xff); u8(v >> 8); }
    void u32(std::uint32_t v) { u16(v & 0xffff); u16(v >> 16); }
    void u64(std::uint64_t v) { u32(static_cast<std::uint32_t>(v)); u32(static_cast<std::uint32_t>(v >> 32)); }
    void patch32(std::size_t at, std::uint32_t v) { std::memcpy(buf_.data() + at, &v, 4); }
    void patch64(std::size_t at, std::uint64_t v) { std::memcpy(buf_.data() + at, &v, 8); }

    std::vector<std::byte> buf_;
    std::size_t record_ = 0;
    std::size_t body_size_at_ = 0;
    std::size_t body_start_ = 0;
};

}  // namespace trinity::test
