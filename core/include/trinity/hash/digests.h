// Digests: what hashing one piece of evidence produces, and how it is written.
//
// Algorithms are chosen as a set (the CLI's --algo, the benchmark's single
// algorithm runs); a digest that was not asked for stays empty. Output comes
// in three shapes: JSON (the CLI's --json, the browser's test hook), lines
// that `sha256sum -c` / `md5sum -c` accept, and BSD-style tagged lines
// ("SHA256 (name) = hex") that `cksum -c` accepts for several algorithms.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trinity::hash {

enum class Algorithm : std::uint8_t { md5 = 1, sha1 = 2, sha256 = 4, sha512 = 8, ssdeep = 16 };

inline constexpr Algorithm kAllAlgorithms[] = {Algorithm::md5, Algorithm::sha1, Algorithm::sha256,
                                               Algorithm::sha512, Algorithm::ssdeep};

// "md5", "sha1", "sha256", "sha512", "ssdeep".
std::string_view to_string(Algorithm algorithm);
std::optional<Algorithm> parse_algorithm(std::string_view name);

class AlgorithmSet {
public:
    constexpr AlgorithmSet() = default;
    constexpr AlgorithmSet(Algorithm a) : bits_(static_cast<std::uint8_t>(a)) {}
    static constexpr AlgorithmSet all() { return AlgorithmSet(0x1f); }

    constexpr bool has(Algorithm a) const { return bits_ & static_cast<std::uint8_t>(a); }
    constexpr AlgorithmSet with(Algorithm a) const {
        return AlgorithmSet(static_cast<std::uint8_t>(bits_ | static_cast<std::uint8_t>(a)));
    }
    constexpr bool empty() const { return bits_ == 0; }
    constexpr bool operator==(const AlgorithmSet&) const = default;

private:
    constexpr explicit AlgorithmSet(std::uint8_t bits) : bits_(bits) {}
    std::uint8_t bits_ = 0;
};

struct Digests {
    std::uint64_t size = 0;  // bytes hashed
    AlgorithmSet algorithms;
    std::string md5, sha1, sha256, sha512;  // lower-case hex
    std::string ssdeep;                     // "blocksize:hash:hash", as the ssdeep tool prints

    // The digest of one algorithm (empty when it was not computed).
    const std::string& get(Algorithm algorithm) const;
    std::string& get(Algorithm algorithm);
};

// {"name", "size", "md5", "sha1", "sha256", "sha512", "ssdeep"}: only the
// computed algorithms; "name" only when given.
std::string to_json(const Digests& digests, std::optional<std::string_view> name = std::nullopt);

// "<hex>  <name>" as sha256sum/md5sum print it: names holding '\\', '\n' or
// '\r' are escaped and the line starts with '\\', as coreutils does.
std::string sum_line(const Digests& digests, Algorithm algorithm, std::string_view name);

// "SHA256 (<name>) = <hex>", the BSD tagged form (`--tag`; `cksum -c` reads it).
std::string tagged_line(const Digests& digests, Algorithm algorithm, std::string_view name);

// The ssdeep tool's line: `<hash>,"<name>"` (its header is kSsdeepHeader).
inline constexpr std::string_view kSsdeepHeader = "ssdeep,1.1--blocksize:hash:hash,filename";
std::string ssdeep_line(const Digests& digests, std::string_view name);

}  // namespace trinity::hash
