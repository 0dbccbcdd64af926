// ssdeep: context-triggered piecewise hashing (CTPH), the fuzzy hash analysts
// use to find near-identical samples.
//
// A rolling hash over a 7-byte window decides where pieces end ("triggers"
// when it is -1 modulo the block size); each piece contributes one base64
// character of an FNV hash. The block size must be chosen so the signature
// has 32..64 characters, which needs the total length: FuzzyHasher keeps the
// candidate block sizes' states side by side in one pass and drops the ones
// that can no longer be chosen, so input is read once and never buffered.
// Output is byte-for-byte what ssdeep 2.14 (`ssdeep`, libfuzzy) prints.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "trinity/result.h"

namespace trinity::hash {

class FuzzyHasher {
public:
    // `total_size`, when known, only prunes work; the digest is the same.
    explicit FuzzyHasher(std::optional<std::uint64_t> total_size = std::nullopt);

    void update(std::span<const std::byte> bytes);

    // "blocksize:hash:hash". Fails when the input exceeds ssdeep's limit
    // (~192 GiB) or differs from the announced total size.
    Result<std::string> digest() const;

private:
    static constexpr int kBlockHashes = 31;
    static constexpr int kLength = 64;  // characters of the first hash

    struct BlockHash {
        std::uint8_t h = 0, half_h = 0;            // piece hashes (6 bits)
        std::array<std::uint8_t, kLength> digest{};  // characters as 6-bit values
        std::uint8_t half_digest = 0;              // 1 + value, 0 for none
        std::uint32_t length = 0;                  // characters emitted
        bool tail_set = false;                     // digest[63] written (full)
    };

    void step(std::uint8_t c);
    void fork();
    void try_reduce();
    std::uint32_t roll_sum() const { return h1_ + h2_ + h3_; }

    std::array<BlockHash, kBlockHashes> blocks_{};
    std::uint32_t start_ = 0, end_ = 1, end_limit_ = kBlockHashes - 1;
    std::uint64_t total_ = 0;
    std::optional<std::uint64_t> fixed_size_;
    std::uint64_t reduce_border_;
    bool need_last_ = false;
    std::uint8_t last_h_ = 0;
    // Rolling hash: window, sum of window, weighted sum, shift/xor.
    std::array<std::uint8_t, 7> window_{};
    std::uint32_t window_pos_ = 0, h1_ = 0, h2_ = 0, h3_ = 0;
};

// The fuzzy hash of a buffer.
std::string ssdeep_hash(std::span<const std::byte> bytes);

// 0..100: how alike two signatures are (ssdeep -d, libfuzzy's fuzzy_compare);
// 0 also when the block sizes are not comparable. Signatures may carry the
// tool's `,"filename"` suffix. A malformed signature is an error.
Result<int> ssdeep_compare(std::string_view a, std::string_view b);

}  // namespace trinity::hash
