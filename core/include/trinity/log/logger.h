// A leveled logger that keeps its recent entries in memory.
//
// Front ends choose where entries go: the CLI and the proxy print them to
// stderr, the web app shows the kept entries in its log panel. Thread-safe:
// engine tasks on worker threads log too.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace trinity::log {

enum class Level { debug, info, warning, error };

std::string_view to_string(Level level);

struct Entry {
    std::uint64_t sequence = 0;  // increases by one per entry, never reused
    std::chrono::system_clock::time_point time;
    Level level = Level::info;
    std::string message;
};

class Logger {
public:
    using Sink = std::function<void(const Entry&)>;

    explicit Logger(std::size_t keep = 1000) : keep_(keep) {}

    void set_min_level(Level level);
    void set_sink(Sink sink);  // also called for each entry; empty to stop

    void write(Level level, std::string message);

    // The kept entries with a sequence number >= `from`, oldest first.
    std::vector<Entry> recent(std::uint64_t from = 0) const;

private:
    mutable std::mutex mutex_;
    std::size_t keep_;
    Level min_level_ = Level::info;
    std::uint64_t next_ = 0;
    std::deque<Entry> entries_;
    Sink sink_;
};

// The process-wide logger the free functions write to.
Logger& global();

inline void debug(std::string message) { global().write(Level::debug, std::move(message)); }
inline void info(std::string message) { global().write(Level::info, std::move(message)); }
inline void warning(std::string message) { global().write(Level::warning, std::move(message)); }
inline void error(std::string message) { global().write(Level::error, std::move(message)); }

// "2026-11-22T08:15:02Z warning message", the form the stderr sinks print.
std::string format(const Entry& entry);

}  // namespace trinity::log
