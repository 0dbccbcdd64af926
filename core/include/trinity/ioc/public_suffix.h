// PublicSuffixList: which names are domains, by the public suffix list.
//
// The list (publicsuffix.org, Debian package `publicsuffix`) names the
// suffixes under which anyone can register a name: "com", "co.uk",
// "*.kawasaki.jp" (every label under kawasaki.jp) with exceptions such as
// "!city.kawasaki.jp". The extractor asks it whether a dotted word is a
// domain: "evil.co.uk" is (its last label is a listed top-level domain and
// it has a label left of its public suffix), "cmd.exe" and "report.docx"
// are not ("exe" and "docx" are no top-level domains), "co.uk" alone is not
// (nothing is registered under it).
//
// builtin() is the copy embedded into the binary at build time (so the
// browser build has it too); parse() reads any list in the same format.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

namespace trinity::ioc {

class PublicSuffixList {
public:
    // Parses the list's text: one rule a line, "//" comments, blank lines
    // ignored, "*." wildcard and "!" exception rules. Rules are read up to
    // the first whitespace, as the format says.
    static PublicSuffixList parse(std::string_view text);

    // The list compiled into Trinity.
    static const PublicSuffixList& builtin();

    // The number of labels of `domain`'s public suffix by the PSL algorithm
    // (exception rules first, then the matching rule with most labels, else
    // the implicit "*" rule: one label). `domain` is lower case without a
    // trailing dot.
    std::size_t suffix_labels(std::string_view domain) const;

    // True when the last label is a top-level domain the list names and
    // the name has at least one label left of its public suffix.
    bool is_domain(std::string_view domain) const;

    // The registrable part ("evil.co.uk" of "a.b.evil.co.uk"), or nullopt
    // when the name is a public suffix itself.
    std::optional<std::string_view> registrable(std::string_view domain) const;

    bool is_tld(std::string_view label) const;
    std::size_t rule_count() const { return rules_.size() + wildcards_.size() + exceptions_.size(); }

private:
    std::unordered_set<std::string> rules_;       // "co.uk"
    std::unordered_set<std::string> wildcards_;   // "kawasaki.jp" for "*.kawasaki.jp"
    std::unordered_set<std::string> exceptions_;  // "city.kawasaki.jp" for "!city.kawasaki.jp"
    std::unordered_set<std::string> tlds_;        // last labels of all rules
};

}  // namespace trinity::ioc
