#include "trinity/log/logger.h"

#include <ctime>

namespace trinity::log {

std::string_view to_string(Level level) {
    switch (level) {
        case Level::debug: return "debug";
        case Level::info: return "info";
        case Level::warning: return "warning";
        case Level::error: return "error";
    }
    return "unknown";
}

void Logger::set_min_level(Level level) {
    std::lock_guard lock(mutex_);
    min_level_ = level;
}

void Logger::set_sink(Sink sink) {
    std::lock_guard lock(mutex_);
    sink_ = std::move(sink);
}

void Logger::write(Level level, std::string message) {
    Sink sink;
    Entry copy;
    {
        std::lock_guard lock(mutex_);
        if (level < min_level_) return;
        Entry entry{next_++, std::chrono::system_clock::now(), level, std::move(message)};
        if (keep_ > 0) {
            if (entries_.size() == keep_) entries_.pop_front();
            entries_.push_back(entry);
        }
        if (!sink_) return;
        sink = sink_;
        copy = std::move(entry);
    }
    sink(copy);  // outside the lock: a sink may be slow or log itself
}

std::vector<Entry> Logger::recent(std::uint64_t from) const {
    std::lock_guard lock(mutex_);
    std::vector<Entry> out;
    for (const auto& e : entries_) {
        if (e.sequence >= from) out.push_back(e);
    }
    return out;
}

Logger& global() {
    static Logger logger;
    return logger;
}

std::string format(const Entry& entry) {
    const std::time_t t = std::chrono::system_clock::to_time_t(entry.time);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    std::string out = stamp;
    out += ' ';
    out += to_string(entry.level);
    out += ' ';
    out += entry.message;
    return out;
}

}  // namespace trinity::log
