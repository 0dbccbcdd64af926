// Comparing two ssdeep signatures: a 0..100 score, as libfuzzy's
// fuzzy_compare (and `ssdeep -d`) computes it.
//
// Signatures compare when their block sizes are equal or one is double the
// other; the parts at the shared block size are compared after runs of more
// than three equal characters are cut to three. Two parts score only if they
// share a 7-character substring; the score is then 100 minus their
// insert/delete edit distance scaled by their lengths, capped for tiny block
// sizes so short inputs do not look more alike than they can be.
#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <string>

#include "trinity/hash/ssdeep.h"

namespace trinity::hash {
namespace {

constexpr std::size_t kPartMax = 64;
constexpr std::size_t kWindow = 7;
constexpr std::uint64_t kMinBlockSize = 3;

struct Signature {
    std::uint64_t block_size = 0;
    std::string first, second;  // runs cut to three characters
};

// Copies s up to `stop` (or its end), cutting runs longer than three; returns
// the characters consumed.
std::size_t copy_cut_runs(std::string_view s, char stop, std::string& out) {
    std::size_t i = 0;
    for (; i < s.size() && s[i] != stop; ++i) {
        const std::size_t n = out.size();
        if (n >= 3 && out[n - 1] == s[i] && out[n - 2] == s[i] && out[n - 3] == s[i]) continue;
        out += s[i];
    }
    return i;
}

Result<Signature> parse(std::string_view text) {
    Signature sig;
    const auto colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0) {
        return fail(ErrorKind::invalid, "not an ssdeep signature (expected blocksize:hash:hash)");
    }
    const auto [end, ec] = std::from_chars(text.data(), text.data() + colon, sig.block_size);
    if (ec != std::errc() || end != text.data() + colon) {
        return fail(ErrorKind::invalid, "bad ssdeep block size '" + std::string(text.substr(0, colon)) + "'");
    }
    std::string_view rest = text.substr(colon + 1);
    const std::size_t used = copy_cut_runs(rest, ':', sig.first);
    if (used == rest.size()) return fail(ErrorKind::invalid, "ssdeep signature lacks its second hash");
    copy_cut_runs(rest.substr(used + 1), ',', sig.second);
    if (sig.first.size() > kPartMax || sig.second.size() > kPartMax) {
        return fail(ErrorKind::invalid, "ssdeep hash longer than 64 characters");
    }
    return sig;
}

bool share_substring(std::string_view a, std::string_view b) {
    if (a.size() < kWindow || b.size() < kWindow) return false;
    for (std::size_t i = 0; i + kWindow <= a.size(); ++i) {
        if (b.find(a.substr(i, kWindow)) != std::string_view::npos) return true;
    }
    return false;
}

// Edit distance with insertion and deletion costing 1 and substitution 2
// (i.e. |a| + |b| - 2 * longest common subsequence).
std::uint32_t edit_distance(std::string_view a, std::string_view b) {
    std::array<std::uint32_t, kPartMax + 1> prev{}, cur{};
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<std::uint32_t>(j);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = static_cast<std::uint32_t>(i);
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::uint32_t replace = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 2);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, replace});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::uint32_t score_parts(std::string_view a, std::string_view b, std::uint64_t block_size) {
    if (!share_substring(a, b)) return 0;
    const auto total = static_cast<std::uint32_t>(a.size() + b.size());
    std::uint32_t score = edit_distance(a, b) * static_cast<std::uint32_t>(kPartMax) / total;
    score = 100 - 100 * score / static_cast<std::uint32_t>(kPartMax);
    // Small block sizes: no more alike than the parts' length allows.
    if (block_size >= (99 + kWindow) / kWindow * kMinBlockSize) return score;
    const std::uint64_t cap = block_size / kMinBlockSize * std::min(a.size(), b.size());
    return static_cast<std::uint32_t>(std::min<std::uint64_t>(score, cap));
}

}  // namespace

Result<int> ssdeep_compare(std::string_view a, std::string_view b) {
    auto x = parse(a);
    if (!x) return x.error();
    auto y = parse(b);
    if (!y) return y.error();
    const std::uint64_t bx = x->block_size, by = y->block_size;
    if (bx == by && x->first == y->first && x->second == y->second) return 100;
    if (bx == by) {
        return static_cast<int>(std::max(score_parts(x->first, y->first, bx), score_parts(x->second, y->second, bx * 2)));
    }
    if (bx * 2 == by) return static_cast<int>(score_parts(y->first, x->second, by));
    if (by * 2 == bx) return static_cast<int>(score_parts(x->first, y->second, bx));
    return 0;  // block sizes too far apart to compare
}

}  // namespace trinity::hash
