#include "aho_corasick.h"

#include <algorithm>
#include <deque>
#include <unordered_map>

namespace trinity::sigma::detail {

namespace {
unsigned char fold(unsigned char c) { return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c - 'A' + 'a') : c; }
}  // namespace

std::uint32_t AhoCorasick::child(std::uint32_t node, unsigned char c) const {
    for (const auto& [byte, to] : trie_[node].next) {
        if (byte == c) return to;
    }
    return 0xffffffffu;
}

std::uint32_t AhoCorasick::add(std::string_view needle) {
    if (needle.empty()) return 0xffffffffu;
    std::uint32_t node = 0;
    for (const char raw : needle) {
        const unsigned char c = fold(static_cast<unsigned char>(raw));
        std::uint32_t next = child(node, c);
        if (next == 0xffffffffu) {
            next = static_cast<std::uint32_t>(trie_.size());
            trie_[node].next.emplace_back(c, next);
            trie_.emplace_back();
        }
        node = next;
    }
    if (!trie_[node].out.empty()) return trie_[node].out.front();
    trie_[node].out.push_back(needles_);
    return needles_++;
}

void AhoCorasick::build() {
    // Byte classes: every byte some needle uses gets its own class (and its
    // upper-case form maps to the same class); the rest share class 0.
    std::fill(std::begin(byte_class_), std::end(byte_class_), 0);
    classes_ = 1;
    for (const Node& n : trie_) {
        for (const auto& [c, to] : n.next) {
            if (byte_class_[c] == 0) byte_class_[c] = static_cast<std::uint8_t>(classes_++);
        }
    }
    for (int c = 'A'; c <= 'Z'; ++c) byte_class_[c] = byte_class_[c - 'A' + 'a'];

    // Breadth-first: failure links, merged outputs, full transitions.
    const std::size_t n = trie_.size();
    delta_.assign(n * classes_, 0);
    std::vector<std::uint32_t> order;
    order.reserve(n);
    std::deque<std::uint32_t> queue;
    for (const auto& [c, to] : trie_[0].next) {
        trie_[to].fail = 0;
        delta_[byte_class_[c]] = to;
        queue.push_back(to);
    }
    while (!queue.empty()) {
        const std::uint32_t u = queue.front();
        queue.pop_front();
        order.push_back(u);
        const Node& fail_node = trie_[trie_[u].fail];
        trie_[u].out.insert(trie_[u].out.end(), fail_node.out.begin(), fail_node.out.end());
        for (std::uint32_t k = 0; k < classes_; ++k) delta_[u * classes_ + k] = delta_[trie_[u].fail * classes_ + k];
        for (const auto& [c, to] : trie_[u].next) {
            trie_[to].fail = delta_[trie_[u].fail * classes_ + byte_class_[c]];
            delta_[u * classes_ + byte_class_[c]] = to;
            queue.push_back(to);
        }
    }
    out_begin_.assign(n + 1, 0);
    outputs_.clear();
    for (std::size_t s = 0; s < n; ++s) {
        out_begin_[s] = static_cast<std::uint32_t>(outputs_.size());
        std::vector<std::uint32_t>& out = trie_[s].out;
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        outputs_.insert(outputs_.end(), out.begin(), out.end());
    }
    out_begin_[n] = static_cast<std::uint32_t>(outputs_.size());
    // Targets as row offsets, flagged when they end a needle.
    for (std::uint32_t& target : delta_) {
        const std::uint32_t state = target;
        target = state * classes_ | (out_begin_[state] != out_begin_[state + 1] ? kOutput : 0u);
    }
    trie_.clear();
    trie_.shrink_to_fit();
}

std::size_t AhoCorasick::bytes_used() const {
    return delta_.size() * sizeof(std::uint32_t) + out_begin_.size() * sizeof(std::uint32_t) +
           outputs_.size() * sizeof(std::uint32_t);
}

}  // namespace trinity::sigma::detail
