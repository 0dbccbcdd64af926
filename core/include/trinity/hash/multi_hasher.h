// MultiHasher: MD5, SHA-1, SHA-256, SHA-512 and ssdeep over one stream.
//
// Every chunk goes to each selected algorithm in turn (OpenSSL EVP,
// EVP_DigestUpdate per chunk; one-shot hashing is ~10x slower in wasm, see
// DESIGN.md), so a file is read once, in chunks, and never held whole.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>

#include "trinity/hash/digests.h"
#include "trinity/result.h"

namespace trinity::hash {

class MultiHasher {
public:
    // `total_size` (when known) lets ssdeep prune block sizes early.
    static Result<MultiHasher> create(AlgorithmSet algorithms = AlgorithmSet::all(),
                                      std::optional<std::uint64_t> total_size = std::nullopt);
    MultiHasher(MultiHasher&&) noexcept;
    MultiHasher& operator=(MultiHasher&&) noexcept;
    ~MultiHasher();

    Result<void> update(std::span<const std::byte> bytes);
    std::uint64_t bytes_hashed() const;

    // The digests; the hasher is spent afterwards (further calls fail).
    Result<Digests> finish();

private:
    struct State;
    explicit MultiHasher(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

}  // namespace trinity::hash
