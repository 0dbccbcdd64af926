#include "trinity/result.h"

namespace trinity {

std::string_view to_string(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::io: return "io";
        case ErrorKind::not_found: return "not_found";
        case ErrorKind::invalid: return "invalid";
        case ErrorKind::unsupported: return "unsupported";
        case ErrorKind::limit: return "limit";
        case ErrorKind::cancelled: return "cancelled";
        case ErrorKind::internal: return "internal";
    }
    return "unknown";
}

std::string Error::describe() const {
    std::string out;
    if (!location.source.empty()) {
        out += location.source;
    } else if (location.line) {
        out += "line";  // "line:3:7: message" reads oddly; "line 3:7" does not
        out += ' ';
        out += std::to_string(*location.line);
        if (location.column) {
            out += ':';
            out += std::to_string(*location.column);
        }
        return out + ": " + message;
    } else if (location.offset) {
        out += "offset ";
        out += std::to_string(*location.offset);
        return out + ": " + message;
    }
    // Appended piece by piece: GCC 12 at -O3 misreports `':' + to_string()`
    // as an overlapping memcpy (-Wrestrict).
    if (location.line) {
        out += ':';
        out += std::to_string(*location.line);
        if (location.column) {
            out += ':';
            out += std::to_string(*location.column);
        }
    } else if (location.offset) {
        out += '@';
        out += std::to_string(*location.offset);
    }
    if (!out.empty()) out += ": ";
    out += message;
    return out;
}

}  // namespace trinity
