// The leveled logger: filtering, the ring of kept entries, sequence numbers,
// sinks, and the stderr line format.
#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "trinity/log/logger.h"

namespace {

using trinity::log::Entry;
using trinity::log::Level;
using trinity::log::Logger;

std::vector<std::string> messages(const std::vector<Entry>& entries) {
    std::vector<std::string> out;
    for (const auto& e : entries) out.push_back(e.message);
    return out;
}

std::vector<std::uint64_t> sequences(const std::vector<Entry>& entries) {
    std::vector<std::uint64_t> out;
    for (const auto& e : entries) out.push_back(e.sequence);
    return out;
}

TEST(Logger, DefaultLevelIsInfo) {
    Logger logger;
    logger.write(Level::debug, "parsed chunk 3");
    logger.write(Level::info, "sniffed Security.evtx");
    logger.write(Level::warning, "chunk 7 has a bad CRC");
    logger.write(Level::error, "Security.evtx: truncated");
    const auto kept = logger.recent();
    EXPECT_EQ(messages(kept),
              (std::vector<std::string>{"sniffed Security.evtx", "chunk 7 has a bad CRC", "Security.evtx: truncated"}));
    ASSERT_EQ(kept.size(), 3u);
    EXPECT_EQ(kept[0].level, Level::info);
    EXPECT_EQ(kept[1].level, Level::warning);
    EXPECT_EQ(kept[2].level, Level::error);
}

TEST(Logger, MinLevelFilters) {
    Logger logger;
    logger.set_min_level(Level::warning);
    logger.write(Level::info, "dropped");
    logger.write(Level::warning, "kept");
    logger.set_min_level(Level::debug);
    logger.write(Level::debug, "debug kept");
    EXPECT_EQ(messages(logger.recent()), (std::vector<std::string>{"kept", "debug kept"}));
}

TEST(Logger, SequenceNumbersCountKeptEntriesFromZero) {
    Logger logger;
    logger.write(Level::info, "a");
    logger.write(Level::debug, "filtered: takes no number");
    logger.write(Level::info, "b");
    logger.write(Level::info, "c");
    EXPECT_EQ(sequences(logger.recent()), (std::vector<std::uint64_t>{0, 1, 2}));
}

TEST(Logger, RingKeepsTheLastN) {
    Logger logger(3);
    for (int i = 0; i < 5; ++i) logger.write(Level::info, "entry " + std::to_string(i));
    const auto kept = logger.recent();
    EXPECT_EQ(messages(kept), (std::vector<std::string>{"entry 2", "entry 3", "entry 4"}));
    EXPECT_EQ(sequences(kept), (std::vector<std::uint64_t>{2, 3, 4}));  // numbers are not reused
}

TEST(Logger, RecentFromASequenceNumber) {
    Logger logger;
    for (int i = 0; i < 5; ++i) logger.write(Level::info, "entry " + std::to_string(i));
    EXPECT_EQ(messages(logger.recent(3)), (std::vector<std::string>{"entry 3", "entry 4"}));
    EXPECT_TRUE(logger.recent(5).empty());
    EXPECT_EQ(logger.recent(0).size(), 5u);
}

TEST(Logger, KeepZeroKeepsNothingButStillCounts) {
    Logger logger(0);
    std::vector<std::uint64_t> seen;
    logger.set_sink([&seen](const Entry& e) { seen.push_back(e.sequence); });
    logger.write(Level::info, "a");
    logger.write(Level::info, "b");
    EXPECT_TRUE(logger.recent().empty());
    EXPECT_EQ(seen, (std::vector<std::uint64_t>{0, 1}));
}

TEST(Logger, SinkGetsEachEntryUntilCleared) {
    Logger logger;
    std::vector<Entry> seen;
    logger.set_sink([&seen](const Entry& e) { seen.push_back(e); });
    logger.write(Level::warning, "chunk 7 has a bad CRC");
    logger.write(Level::debug, "filtered entries do not reach the sink");
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].message, "chunk 7 has a bad CRC");
    EXPECT_EQ(seen[0].level, Level::warning);
    EXPECT_EQ(seen[0].sequence, 0u);

    logger.set_sink({});
    logger.write(Level::error, "after the sink was cleared");
    EXPECT_EQ(seen.size(), 1u);
    EXPECT_EQ(logger.recent().size(), 2u);
}

TEST(Logger, SinkMayLogItself) {
    Logger logger;
    std::vector<std::string> seen;
    logger.set_sink([&logger, &seen](const Entry& e) {
        seen.push_back(e.message);
        if (e.message == "outer") logger.write(Level::info, "from the sink");
    });
    logger.write(Level::info, "outer");  // would deadlock if the sink ran under the lock
    EXPECT_EQ(seen, (std::vector<std::string>{"outer", "from the sink"}));
    EXPECT_EQ(messages(logger.recent()), (std::vector<std::string>{"outer", "from the sink"}));
}

TEST(Logger, EntriesAreTimestamped) {
    Logger logger;
    const auto before = std::chrono::system_clock::now();
    logger.write(Level::info, "now");
    const auto after = std::chrono::system_clock::now();
    const auto kept = logger.recent();
    ASSERT_EQ(kept.size(), 1u);
    EXPECT_GE(kept[0].time, before);
    EXPECT_LE(kept[0].time, after);
}

TEST(Logger, ConcurrentWritersGetDistinctNumbers) {
#if defined(TRINITY_OS_WEB)
    GTEST_SKIP() << "no threads in the wasm build";
#else
    constexpr int kThreads = 4;
    constexpr int kEach = 500;
    Logger logger(kThreads * kEach);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&logger, t] {
            for (int i = 0; i < kEach; ++i) logger.write(Level::info, "worker " + std::to_string(t));
        });
    }
    for (auto& th : threads) th.join();
    const auto kept = logger.recent();
    ASSERT_EQ(kept.size(), static_cast<std::size_t>(kThreads * kEach));
    const auto seqs = sequences(kept);
    EXPECT_EQ(std::set<std::uint64_t>(seqs.begin(), seqs.end()).size(), seqs.size());
    EXPECT_EQ(seqs.front(), 0u);
    EXPECT_EQ(seqs.back(), static_cast<std::uint64_t>(kThreads * kEach - 1));
#endif
}

TEST(LogFormat, TimestampLevelMessage) {
    using namespace std::chrono;
    constexpr std::string_view kLine = "2026-11-22T08:15:02Z warning chunk 7 has a bad CRC";
    const sys_days day = year{2026} / 11 / 22;
    Entry e;
    e.sequence = 7;
    e.time = time_point_cast<system_clock::duration>(day + hours{8} + minutes{15} + seconds{2} + milliseconds{999});
    e.level = Level::warning;
    e.message = "chunk 7 has a bad CRC";
    EXPECT_EQ(trinity::log::format(e), kLine);  // seconds, not rounded up
}

TEST(LogFormat, EveryLevelName) {
    EXPECT_EQ(trinity::log::to_string(Level::debug), "debug");
    EXPECT_EQ(trinity::log::to_string(Level::info), "info");
    EXPECT_EQ(trinity::log::to_string(Level::warning), "warning");
    EXPECT_EQ(trinity::log::to_string(Level::error), "error");
    Entry e;  // the epoch
    e.level = Level::error;
    e.message = "x";
    EXPECT_EQ(trinity::log::format(e), "1970-01-01T00:00:00Z error x");
}

TEST(GlobalLogger, FreeFunctionsWriteToIt) {
    Logger& g = trinity::log::global();
    EXPECT_EQ(&g, &trinity::log::global());
    std::vector<std::string> seen;
    g.set_sink([&seen](const Entry& e) { seen.push_back(std::string(trinity::log::to_string(e.level)) + " " + e.message); });
    trinity::log::debug("hidden at the default level");
    trinity::log::info("case opened");
    trinity::log::warning("clock skew of 3 s");
    trinity::log::error("Security.evtx: truncated");
    g.set_sink({});
    EXPECT_EQ(seen, (std::vector<std::string>{"info case opened", "warning clock skew of 3 s",
                                              "error Security.evtx: truncated"}));
    const auto kept = g.recent();
    ASSERT_GE(kept.size(), 3u);
    EXPECT_EQ(kept.back().message, "Security.evtx: truncated");
}

}  // namespace
