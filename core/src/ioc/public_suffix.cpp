// The public suffix list: parsing its text and the PSL matching algorithm
// (https://github.com/publicsuffix/list/wiki/Format).
#include "trinity/ioc/public_suffix.h"

#include <cstddef>
#include <vector>

#include "text_lines.h"

extern const unsigned char trinity_public_suffix_list[];
extern const std::size_t trinity_public_suffix_list_size;

namespace trinity::ioc {
namespace {

std::string_view last_label(std::string_view name) {
    const std::size_t dot = name.rfind('.');
    return dot == std::string_view::npos ? name : name.substr(dot + 1);
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace

PublicSuffixList PublicSuffixList::parse(std::string_view text) {
    PublicSuffixList list;
    detail::for_each_line(text, [&list](std::string_view line) {
        // A rule is the line up to the first whitespace.
        const std::size_t ws = line.find_first_of(" \t\r");
        if (ws != std::string_view::npos) line = line.substr(0, ws);
        if (line.empty() || line.starts_with("//")) return;
        if (line.front() == '!') {
            list.exceptions_.insert(lower(line.substr(1)));
        } else if (line.starts_with("*.")) {
            list.wildcards_.insert(lower(line.substr(2)));
        } else {
            list.rules_.insert(lower(line));
        }
        list.tlds_.insert(lower(last_label(line)));
    });
    return list;
}

const PublicSuffixList& PublicSuffixList::builtin() {
    static const PublicSuffixList list = parse(std::string_view(
        reinterpret_cast<const char*>(trinity_public_suffix_list), trinity_public_suffix_list_size));
    return list;
}

std::size_t PublicSuffixList::suffix_labels(std::string_view domain) const {
    // Suffixes of the name from the whole name down to its last label,
    // with their label counts.
    std::vector<std::size_t> starts;  // start of each label
    starts.push_back(0);
    for (std::size_t i = 0; i < domain.size(); ++i)
        if (domain[i] == '.') starts.push_back(i + 1);
    const std::size_t labels = starts.size();
    std::size_t best = 1;  // the implicit "*" rule
    std::string key;
    for (std::size_t i = 0; i < labels; ++i) {
        const std::string_view suffix = domain.substr(starts[i]);
        const std::size_t n = labels - i;
        key.assign(suffix);
        // An exception rule wins: the suffix is the rule minus its first label.
        if (exceptions_.count(key)) return n - 1;
        if (n > best && rules_.count(key)) best = n;
        // "*.suffix" matches a name with one more label than the suffix.
        if (i > 0 && n + 1 > best && wildcards_.count(key)) best = n + 1;
    }
    return best;
}

bool PublicSuffixList::is_tld(std::string_view label) const {
    if (label.starts_with("xn--") && label.size() > 4) return true;  // IDN TLDs are listed in UTF-8
    return tlds_.count(std::string(label)) != 0;
}

bool PublicSuffixList::is_domain(std::string_view domain) const {
    if (domain.empty() || !is_tld(last_label(domain))) return false;
    std::size_t labels = 1;
    for (char c : domain) labels += c == '.';
    return labels > suffix_labels(domain);
}

std::optional<std::string_view> PublicSuffixList::registrable(std::string_view domain) const {
    std::size_t labels = 1;
    for (char c : domain) labels += c == '.';
    const std::size_t suffix = suffix_labels(domain);
    if (labels <= suffix) return std::nullopt;
    // Keep suffix + 1 labels from the right.
    std::size_t pos = domain.size();
    for (std::size_t k = 0; k < suffix + 1; ++k) {
        const std::size_t dot = domain.rfind('.', pos == 0 ? 0 : pos - 1);
        if (dot == std::string_view::npos || pos == 0) return domain;
        pos = dot;
    }
    return domain.substr(pos + 1);
}

}  // namespace trinity::ioc
