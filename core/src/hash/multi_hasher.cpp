// MultiHasher over OpenSSL EVP: one context per selected digest, each updated
// with every chunk, plus the project's ssdeep.
#include "trinity/hash/multi_hasher.h"

#include <array>
#include <string>

#include <openssl/evp.h>

#include "trinity/hash/ssdeep.h"

namespace trinity::hash {
namespace {

constexpr Algorithm kEvpAlgorithms[] = {Algorithm::md5, Algorithm::sha1, Algorithm::sha256, Algorithm::sha512};

const EVP_MD* evp_digest(Algorithm a) {
    switch (a) {
        case Algorithm::md5: return EVP_md5();
        case Algorithm::sha1: return EVP_sha1();
        case Algorithm::sha256: return EVP_sha256();
        case Algorithm::sha512: return EVP_sha512();
        case Algorithm::ssdeep: break;
    }
    return nullptr;
}

std::string to_hex(const unsigned char* bytes, unsigned int n) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out(std::size_t{n} * 2, '0');
    for (unsigned int i = 0; i < n; ++i) {
        out[2 * i] = kHex[bytes[i] >> 4];
        out[2 * i + 1] = kHex[bytes[i] & 0xf];
    }
    return out;
}

struct EvpContext {
    Algorithm algorithm;
    EVP_MD_CTX* ctx = nullptr;
};

}  // namespace

struct MultiHasher::State {
    AlgorithmSet algorithms;
    std::array<EvpContext, 4> evp{};
    std::size_t evp_count = 0;
    std::optional<FuzzyHasher> fuzzy;
    std::uint64_t bytes = 0;
    bool finished = false;

    ~State() {
        for (std::size_t i = 0; i < evp_count; ++i) EVP_MD_CTX_free(evp[i].ctx);
    }
};

Result<MultiHasher> MultiHasher::create(AlgorithmSet algorithms, std::optional<std::uint64_t> total_size) {
    auto state = std::make_unique<State>();
    state->algorithms = algorithms;
    for (const Algorithm a : kEvpAlgorithms) {
        if (!algorithms.has(a)) continue;
        EVP_MD_CTX* ctx = EVP_MD_CTX_new();
        if (!ctx) return fail(ErrorKind::internal, "out of memory for a digest context");
        state->evp[state->evp_count++] = EvpContext{a, ctx};
        if (EVP_DigestInit_ex(ctx, evp_digest(a), nullptr) != 1) {
            return fail(ErrorKind::internal, "OpenSSL cannot start " + std::string(to_string(a)));
        }
    }
    if (algorithms.has(Algorithm::ssdeep)) state->fuzzy.emplace(total_size);
    return MultiHasher(std::move(state));
}

MultiHasher::MultiHasher(std::unique_ptr<State> state) : state_(std::move(state)) {}
MultiHasher::MultiHasher(MultiHasher&&) noexcept = default;
MultiHasher& MultiHasher::operator=(MultiHasher&&) noexcept = default;
MultiHasher::~MultiHasher() = default;

std::uint64_t MultiHasher::bytes_hashed() const { return state_ ? state_->bytes : 0; }

Result<void> MultiHasher::update(std::span<const std::byte> bytes) {
    if (!state_ || state_->finished) return fail(ErrorKind::internal, "MultiHasher used after finish()");
    for (std::size_t i = 0; i < state_->evp_count; ++i) {
        if (EVP_DigestUpdate(state_->evp[i].ctx, bytes.data(), bytes.size()) != 1) {
            return fail(ErrorKind::internal, "OpenSSL failed to update " + std::string(to_string(state_->evp[i].algorithm)));
        }
    }
    if (state_->fuzzy) state_->fuzzy->update(bytes);
    state_->bytes += bytes.size();
    return {};
}

Result<Digests> MultiHasher::finish() {
    if (!state_ || state_->finished) return fail(ErrorKind::internal, "MultiHasher::finish() called twice");
    state_->finished = true;
    Digests out;
    out.size = state_->bytes;
    out.algorithms = state_->algorithms;
    for (std::size_t i = 0; i < state_->evp_count; ++i) {
        std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
        unsigned int n = 0;
        if (EVP_DigestFinal_ex(state_->evp[i].ctx, md.data(), &n) != 1) {
            return fail(ErrorKind::internal, "OpenSSL failed to finish " + std::string(to_string(state_->evp[i].algorithm)));
        }
        out.get(state_->evp[i].algorithm) = to_hex(md.data(), n);
    }
    if (state_->fuzzy) {
        auto fuzzy = state_->fuzzy->digest();
        if (!fuzzy) return fuzzy.error();
        out.ssdeep = std::move(*fuzzy);
    }
    return out;
}

}  // namespace trinity::hash
