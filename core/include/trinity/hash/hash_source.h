// hash_source: every selected digest of a ByteSource, read once in chunks,
// with progress and cancel, for the CLI and the browser's engine worker.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>

#include "trinity/hash/digests.h"
#include "trinity/io/byte_source.h"
#include "trinity/result.h"

namespace trinity::hash {

struct HashOptions {
    AlgorithmSet algorithms = AlgorithmSet::all();
    std::size_t chunk_size = std::size_t{1} << 20;  // bytes per read and per EVP update
    // Called after each chunk with bytes done and the source's size.
    std::function<void(std::uint64_t done, std::uint64_t total)> progress;
    // When set and true, hashing stops with ErrorKind::cancelled.
    const std::atomic<bool>* cancel = nullptr;
};

Result<Digests> hash_source(io::ByteSource& source, const HashOptions& options = {});

// The same over bytes in memory (tests, small inputs).
Result<Digests> hash_bytes(std::span<const std::byte> bytes, AlgorithmSet algorithms = AlgorithmSet::all());

}  // namespace trinity::hash
