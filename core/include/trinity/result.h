// Result<T>: the error type of Trinity's core.
//
// Library code in core reports failures as values, never by throwing: a
// Result<T> holds either a T or an Error {kind, message, location}. The
// location says where in the input the problem sits (source name, line,
// column, byte offset), so a front end can print "file:line: message".
// Exceptions from third-party libraries (yaml-cpp, nlohmann/json) are caught
// where they enter core and turned into an Error.
#pragma once

#include <cassert>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace trinity {

enum class ErrorKind {
    io,           // the bytes could not be read
    not_found,    // a named thing (file, field, rule) does not exist
    invalid,      // the input is malformed
    unsupported,  // well-formed, but Trinity does not handle it (yet)
    limit,        // a size or count limit was reached
    cancelled,    // the caller asked to stop
    internal,     // a bug in Trinity
};

std::string_view to_string(ErrorKind kind);

// Where an error sits. Every field is optional: an I/O error has only a
// source, a parse error usually has line and column or a byte offset.
struct Location {
    std::string source;                 // file name, evidence name, "<memory>"
    std::optional<std::uint64_t> line;  // 1-based
    std::optional<std::uint64_t> column;  // 1-based
    std::optional<std::uint64_t> offset;  // 0-based byte offset

    bool empty() const { return source.empty() && !line && !column && !offset; }

    static Location in(std::string source) {
        Location l;
        l.source = std::move(source);
        return l;
    }
    static Location at_line(std::string source, std::uint64_t line, std::uint64_t column = 0) {
        Location l = in(std::move(source));
        l.line = line;
        if (column) l.column = column;
        return l;
    }
    static Location at_offset(std::string source, std::uint64_t offset) {
        Location l = in(std::move(source));
        l.offset = offset;
        return l;
    }
};

struct Error {
    ErrorKind kind = ErrorKind::internal;
    std::string message;
    Location location;

    // "source:line:column: message" (or "source@offset: message"), the
    // shape compilers use, so editors and terminals can jump to it.
    std::string describe() const;
};

// Marker so `return fail(...)` converts into any Result<T>.
struct Failure {
    Error error;
};

inline Failure fail(ErrorKind kind, std::string message, Location location = {}) {
    return Failure{Error{kind, std::move(message), std::move(location)}};
}

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
    Result(Failure failure) : state_(std::in_place_index<1>, std::move(failure.error)) {}
    Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & {
        assert(ok() && "Result::value() on an error");
        return std::get<0>(state_);
    }
    const T& value() const& {
        assert(ok() && "Result::value() on an error");
        return std::get<0>(state_);
    }
    T&& value() && {
        assert(ok() && "Result::value() on an error");
        return std::get<0>(std::move(state_));
    }
    const Error& error() const {
        assert(!ok() && "Result::error() on a value");
        return std::get<1>(state_);
    }

    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    template <class U>
    T value_or(U&& fallback) const& {
        return ok() ? std::get<0>(state_) : static_cast<T>(std::forward<U>(fallback));
    }

private:
    std::variant<T, Error> state_;
};

// Result<void>: success carries nothing.
template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Failure failure) : error_(std::move(failure.error)) {}
    Result(Error error) : error_(std::move(error)) {}

    bool ok() const { return !error_.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const {
        assert(!ok() && "Result<void>::error() on success");
        return *error_;
    }

private:
    std::optional<Error> error_;
};

}  // namespace trinity
