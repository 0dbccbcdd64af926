// hash_source: a ByteSource read once, chunk by chunk, into a MultiHasher.
#include "trinity/hash/hash_source.h"

#include <algorithm>
#include <vector>

#include "trinity/hash/multi_hasher.h"

namespace trinity::hash {

Result<Digests> hash_source(io::ByteSource& source, const HashOptions& options) {
    const std::uint64_t total = source.size();
    auto hasher = MultiHasher::create(options.algorithms, total);
    if (!hasher) return hasher.error();
    std::vector<std::byte> buffer(static_cast<std::size_t>(
        std::min<std::uint64_t>(std::max<std::size_t>(options.chunk_size, 1), std::max<std::uint64_t>(total, 1))));
    std::uint64_t done = 0;
    while (done < total) {
        if (options.cancel && options.cancel->load(std::memory_order_relaxed)) {
            return fail(ErrorKind::cancelled, "hashing cancelled", Location::at_offset(source.name(), done));
        }
        const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), total - done));
        auto got = source.read_at(done, std::span(buffer).first(want));
        if (!got) return got.error();
        if (*got == 0) {
            return fail(ErrorKind::io, "file ended after " + std::to_string(done) + " of " + std::to_string(total) +
                                           " bytes (changed while hashing?)",
                        Location::at_offset(source.name(), done));
        }
        if (auto r = hasher->update(std::span(buffer).first(*got)); !r) return r.error();
        done += *got;
        if (options.progress) options.progress(done, total);
    }
    auto digests = hasher->finish();
    if (!digests) {
        Error e = digests.error();
        e.location = Location::in(source.name());
        return e;
    }
    return digests;
}

Result<Digests> hash_bytes(std::span<const std::byte> bytes, AlgorithmSet algorithms) {
    io::SpanByteSource source(bytes);
    HashOptions options;
    options.algorithms = algorithms;
    return hash_source(source, options);
}

}  // namespace trinity::hash
