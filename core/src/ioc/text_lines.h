// Walking a text line by line ('\n' ends a line; the last may lack one).
// Private to ioc/: the allowlist and the public suffix list read files so.
#pragma once

#include <cstddef>
#include <string_view>

namespace trinity::ioc::detail {

template <class OnLine>  // void(std::string_view line)
void for_each_line(std::string_view text, OnLine&& on_line) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        on_line(text.substr(pos, end - pos));
        pos = end + 1;
    }
}

}  // namespace trinity::ioc::detail
