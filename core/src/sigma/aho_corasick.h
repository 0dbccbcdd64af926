// Aho-Corasick over ASCII-folded bytes: finds every needle occurring in a
// text in one pass. The automaton is a full DFA over byte classes (bytes no
// needle uses share one class), so a step is one table load.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace trinity::sigma::detail {

class AhoCorasick {
public:
    // Needles are folded here; an empty needle is ignored. Returns the id
    // of the needle (ids are dense, in insertion order; a repeated needle
    // gets its first id).
    std::uint32_t add(std::string_view needle);
    void build();

    bool empty() const { return needles_ == 0; }
    std::size_t states() const { return out_begin_.size(); }
    std::size_t bytes_used() const;

    // Calls found(needle_id) for every occurrence end (a needle may be
    // reported more than once).
    template <class Found>
    void scan(std::string_view text, Found&& found) const {
        // delta_ holds each target as its row offset (state * classes), with
        // kOutput set when the state ends a needle: one load per byte.
        std::uint32_t row = 0;
        const std::uint32_t* delta = delta_.data();
        for (const char c : text) {
            row = delta[row + byte_class_[static_cast<unsigned char>(c)]];
            if (row & kOutput) {
                row &= ~kOutput;
                const std::uint32_t state = row / classes_;
                for (std::uint32_t i = out_begin_[state]; i < out_begin_[state + 1]; ++i) found(outputs_[i]);
            }
        }
    }

private:
    static constexpr std::uint32_t kOutput = 0x80000000u;

    struct Node {
        std::vector<std::pair<unsigned char, std::uint32_t>> next;  // folded byte -> node
        std::uint32_t fail = 0;
        std::vector<std::uint32_t> out;
    };
    std::uint32_t child(std::uint32_t node, unsigned char c) const;

    std::vector<Node> trie_{1};
    std::uint32_t needles_ = 0;
    std::vector<std::string> needle_text_;  // for dedup during add
    std::uint8_t byte_class_[256] = {};
    std::uint32_t classes_ = 1;
    std::vector<std::uint32_t> delta_;
    std::vector<std::uint32_t> out_begin_;  // states + 1 entries
    std::vector<std::uint32_t> outputs_;
};

}  // namespace trinity::sigma::detail
