#include "trinity/io/byte_source.h"

#include <algorithm>
#include <cstring>

namespace trinity::io {

Result<std::size_t> SpanByteSource::read_at(std::uint64_t offset, std::span<std::byte> out) {
    if (offset > bytes_.size()) {
        return fail(ErrorKind::io, "read past the end", Location::at_offset(name_, offset));
    }
    const std::size_t n = std::min<std::uint64_t>(out.size(), bytes_.size() - offset);
    if (n > 0) std::memcpy(out.data(), bytes_.data() + offset, n);
    return n;
}

Result<std::vector<std::byte>> read_head(ByteSource& source, std::size_t limit) {
    const std::size_t want = std::min<std::uint64_t>(limit, source.size());
    std::vector<std::byte> head(want);
    std::size_t filled = 0;
    while (filled < want) {
        auto got = source.read_at(filled, std::span(head).subspan(filled));
        if (!got) return got.error();
        if (*got == 0) break;  // the source shrank under us: keep what we have
        filled += *got;
    }
    head.resize(filled);
    return head;
}

}  // namespace trinity::io
