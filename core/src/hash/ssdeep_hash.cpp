// ssdeep (CTPH) signatures, computed in one streaming pass.
//
// [SECTION] Constants and piece hash
// [SECTION] Block sizes: fork and reduce
// [SECTION] The per-byte step
// [SECTION] The signature
//
// Block size i is 3 * 2^i. Each BlockHash holds the signature so far for one
// block size; a new (doubled) block size starts when the largest one emits its
// first character, as a copy of it (both have hashed the same bytes since the
// start), and the smallest is dropped once the final choice can no longer fall
// on it. The final choice is the smallest block size whose 64-character
// budget covers the input, lowered while that signature has < 32 characters.
#include "trinity/hash/ssdeep.h"

#include <algorithm>
#include <string>

namespace trinity::hash {
namespace {

// [SECTION] Constants and piece hash ------------------------------------------

constexpr std::uint32_t kMinBlockSize = 3;
constexpr std::uint8_t kPieceInit = 0x27;  // low 6 bits of FNV's 0x28021967
constexpr std::uint32_t kWindow = 7;
constexpr std::string_view kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::uint64_t block_size(std::uint32_t index) { return std::uint64_t{kMinBlockSize} << index; }

// FNV-1 step (h * 0x01000193) ^ c, kept to the 6 bits the signature uses:
// 0x01000193 mod 64 is 19.
inline std::uint8_t piece_hash(std::uint8_t h, std::uint8_t c) {
    return static_cast<std::uint8_t>(((h * 19u) ^ c) & 0x3fu);
}

}  // namespace

FuzzyHasher::FuzzyHasher(std::optional<std::uint64_t> total_size)
    : reduce_border_(std::uint64_t{kMinBlockSize} * kLength) {
    blocks_[0].h = kPieceInit;
    blocks_[0].half_h = kPieceInit;
    if (total_size) {
        fixed_size_ = total_size;
        // Only block sizes up to one above the initial guess can be chosen.
        std::uint32_t guess = 0;
        while (block_size(guess) * kLength < *total_size && guess < kBlockHashes - 2) ++guess;
        end_limit_ = guess + 1;
    }
}

// [SECTION] Block sizes: fork and reduce --------------------------------------

void FuzzyHasher::fork() {
    const BlockHash& last = blocks_[end_ - 1];
    if (end_ <= end_limit_) {
        BlockHash& next = blocks_[end_];
        next = BlockHash{};
        next.h = last.h;
        next.half_h = last.half_h;
        ++end_;
    } else if (end_ == kBlockHashes && !need_last_) {
        // No larger block size exists: keep the piece hash a one-character
        // second part would need.
        need_last_ = true;
        last_h_ = last.h;
    }
}

void FuzzyHasher::try_reduce() {
    if (end_ - start_ < 2) return;  // keep two block sizes at least
    const std::uint64_t size = fixed_size_ ? *fixed_size_ : total_;
    if (reduce_border_ >= size) return;                 // the guess could still be start_
    if (blocks_[start_ + 1].length < kLength / 2) return;  // lowering could still reach start_
    ++start_;
    reduce_border_ *= 2;
}

// [SECTION] The per-byte step -------------------------------------------------

void FuzzyHasher::update(std::span<const std::byte> bytes) {
    total_ += bytes.size();
    for (const std::byte b : bytes) step(static_cast<std::uint8_t>(b));
}

void FuzzyHasher::step(std::uint8_t c) {
    // Rolling hash over the last 7 bytes.
    h2_ = h2_ - h1_ + kWindow * c;
    h1_ = h1_ + c - window_[window_pos_];
    window_[window_pos_] = c;
    window_pos_ = window_pos_ + 1 == kWindow ? 0 : window_pos_ + 1;
    h3_ = (h3_ << 5) ^ c;

    for (std::uint32_t i = start_; i < end_; ++i) {
        blocks_[i].h = piece_hash(blocks_[i].h, c);
        blocks_[i].half_h = piece_hash(blocks_[i].half_h, c);
    }
    if (need_last_) last_h_ = piece_hash(last_h_, c);

    // A piece ends for block size 3*2^i when sum+1 is a multiple of it.
    const std::uint32_t sum = roll_sum() + 1;
    if (sum == 0) return;
    std::uint32_t q = sum / kMinBlockSize;
    if (q & ((std::uint32_t{1} << start_) - 1)) return;  // not a multiple of 2^start_
    if (q * kMinBlockSize != sum) return;                // not a multiple of 3
    q >>= start_;
    std::uint32_t i = start_;
    do {
        BlockHash& b = blocks_[i];
        if (b.length == 0) fork();  // the largest block size emits: open the next
        b.digest[b.length] = b.h;
        b.half_digest = static_cast<std::uint8_t>(b.half_h + 1);
        if (b.length < kLength - 1) {
            ++b.length;
            b.h = kPieceInit;
            if (b.length < kLength / 2) {
                b.half_h = kPieceInit;
                b.half_digest = 0;
            }
        } else {
            // Full: later pieces merge into the last character.
            b.tail_set = true;
            try_reduce();
        }
        if (q & 1) break;
        q >>= 1;
    } while (++i < end_);
}

// [SECTION] The signature -----------------------------------------------------

Result<std::string> FuzzyHasher::digest() const {
    constexpr std::uint64_t kMaxTotal = block_size(kBlockHashes - 1) * kLength;
    if (total_ > kMaxTotal) {
        return fail(ErrorKind::limit, "input too large for ssdeep (over " + std::to_string(kMaxTotal) + " bytes)");
    }
    if (fixed_size_ && *fixed_size_ != total_) {
        return fail(ErrorKind::invalid, "ssdeep: announced " + std::to_string(*fixed_size_) + " bytes, hashed " +
                                            std::to_string(total_));
    }
    std::uint32_t bi = start_;
    while (block_size(bi) * kLength < total_) ++bi;
    if (bi >= end_) bi = end_ - 1;
    while (bi > start_ && blocks_[bi].length < kLength / 2) --bi;

    const std::uint32_t h = roll_sum();
    std::string out = std::to_string(block_size(bi));
    out += ':';
    const BlockHash& first = blocks_[bi];
    for (std::uint32_t k = 0; k < first.length; ++k) out += kBase64[first.digest[k]];
    if (h != 0) {
        out += kBase64[first.h];
    } else if (first.tail_set) {
        out += kBase64[first.digest[first.length]];
    }
    out += ':';
    if (bi < end_ - 1) {
        // The doubled block size, cut to 31 characters plus its half hash.
        const BlockHash& second = blocks_[bi + 1];
        const std::uint32_t n = std::min<std::uint32_t>(second.length, kLength / 2 - 1);
        for (std::uint32_t k = 0; k < n; ++k) out += kBase64[second.digest[k]];
        if (h != 0) {
            out += kBase64[second.half_h];
        } else if (second.half_digest != 0) {
            out += kBase64[second.half_digest - 1];
        }
    } else if (h != 0) {
        out += kBase64[bi == 0 ? first.h : last_h_];
    }
    return out;
}

std::string ssdeep_hash(std::span<const std::byte> bytes) {
    FuzzyHasher hasher(bytes.size());
    hasher.update(bytes);
    auto d = hasher.digest();
    return d ? std::move(*d) : std::string();
}

}  // namespace trinity::hash
