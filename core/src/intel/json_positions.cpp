// Offsets of array elements in JSON text, and lines of offsets.
#include "json_positions.h"

namespace trinity::intel::detail {

std::vector<std::size_t> array_element_offsets(std::string_view s, std::string_view key) {
    std::vector<std::size_t> out;
    int depth = 0;
    int array_depth = -1;  // depth inside the wanted array, once found
    bool after_key = false;                  // the wanted key was just read at depth 1
    bool expect_element = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
        if (expect_element && c != ']') {
            out.push_back(i);
            expect_element = false;
        }
        if (c == '"') {
            const std::size_t start = i + 1;
            ++i;
            while (i < s.size() && s[i] != '"') {
                if (s[i] == '\\') ++i;
                ++i;
            }
            if (depth == 1 && !key.empty() && i <= s.size()) {
                after_key = s.substr(start, i - start) == key;
            }
            continue;
        }
        if (c == '[' || c == '{') {
            ++depth;
            if (c == '[' && ((after_key && depth == 2) || (key.empty() && depth == 1))) {
                array_depth = depth;
                expect_element = true;
            }
            after_key = false;
        } else if (c == ']' || c == '}') {
            if (depth == array_depth && c == ']') return out;
            --depth;
            after_key = false;
        } else if (c == ',' && depth == array_depth) {
            expect_element = true;
            after_key = false;
        } else if (c != ':') {
            after_key = false;
        }
    }
    return out;
}

Location LineCursor::at(std::size_t offset, const std::string& source) {
    if (offset < pos_) {
        pos_ = 0;
        line_ = column_ = 1;
    }
    if (offset > text_.size()) offset = text_.size();
    for (; pos_ < offset; ++pos_) {
        if (text_[pos_] == '\n') {
            ++line_;
            column_ = 1;
        } else {
            ++column_;
        }
    }
    Location l = Location::at_line(source, line_, column_);
    l.offset = offset;
    return l;
}

}  // namespace trinity::intel::detail
