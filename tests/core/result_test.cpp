// Result<T>, Result<void>, Error::describe() and Location.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>

#include "trinity/result.h"

namespace {

using trinity::Error;
using trinity::ErrorKind;
using trinity::fail;
using trinity::Location;
using trinity::Result;

constexpr std::string_view kSource = "triage/netstat_ano.txt";
constexpr std::string_view kMessage = "expected 5 columns, found 3";
// The compiler-style shapes describe() promises.
constexpr std::string_view kLineColumn = "triage/netstat_ano.txt:12:7: expected 5 columns, found 3";
constexpr std::string_view kLineOnly = "triage/netstat_ano.txt:12: expected 5 columns, found 3";
constexpr std::string_view kAtOffset = "Security.evtx@69632: bad chunk magic";
constexpr std::string_view kAtOffsetZero = "Security.evtx@0: not an EVTX file";
constexpr std::string_view kSourceOnly = "Security.evtx: permission denied";

Result<int> parse_pid(std::string_view text) {
    if (text.empty() || text.find_first_not_of("0123456789") != std::string_view::npos) {
        return fail(ErrorKind::invalid, "not a PID: " + std::string(text), Location::at_line("tasklist.txt", 4, 30));
    }
    return std::stoi(std::string(text));
}

Result<void> check_header(std::string_view first_line) {
    if (first_line != "REGEDIT4") return fail(ErrorKind::unsupported, "not a REGEDIT4 export");
    return {};
}

TEST(Result, HoldsValue) {
    const Result<int> r = parse_pid("6120");
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(static_cast<bool>(r));
    EXPECT_EQ(r.value(), 6120);
    EXPECT_EQ(*r, 6120);
    EXPECT_EQ(r.value_or(-1), 6120);
}

TEST(Result, HoldsErrorFromFail) {
    const Result<int> r = parse_pid("61x0");
    ASSERT_FALSE(r.ok());
    EXPECT_FALSE(static_cast<bool>(r));
    EXPECT_EQ(r.error().kind, ErrorKind::invalid);
    EXPECT_EQ(r.error().message, "not a PID: 61x0");
    EXPECT_EQ(r.error().location.source, "tasklist.txt");
    EXPECT_EQ(r.error().location.line, 4u);
    EXPECT_EQ(r.error().location.column, 30u);
    EXPECT_FALSE(r.error().location.offset.has_value());
    EXPECT_EQ(r.value_or(-1), -1);
    EXPECT_EQ(r.error().describe(), "tasklist.txt:4:30: not a PID: 61x0");
}

TEST(Result, ConstructsFromError) {
    const Error e{ErrorKind::not_found, "no such rule", Location::in("rules/proc_creation.yml")};
    const Result<std::string> r = e;
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::not_found);
    EXPECT_EQ(r.error().describe(), "rules/proc_creation.yml: no such rule");
}

TEST(Result, ValueAccessorsReachTheValue) {
    Result<std::string> r = std::string("WS-FIN-042");
    EXPECT_EQ(r->size(), 10u);
    r.value() += ".corp.example";
    EXPECT_EQ(*r, "WS-FIN-042.corp.example");
    const std::string moved = std::move(r).value();
    EXPECT_EQ(moved, "WS-FIN-042.corp.example");
}

TEST(Result, HoldsMoveOnlyValue) {
    Result<std::unique_ptr<int>> r = std::make_unique<int>(4624);
    ASSERT_TRUE(r.ok());
    std::unique_ptr<int> p = std::move(r).value();
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(*p, 4624);
}

TEST(ResultVoid, DefaultIsSuccess) {
    const Result<void> r = check_header("REGEDIT4");
    EXPECT_TRUE(r.ok());
    EXPECT_TRUE(static_cast<bool>(r));
}

TEST(ResultVoid, HoldsError) {
    const Result<void> r = check_header("Windows Registry Editor Version 5.00");
    ASSERT_FALSE(r.ok());
    EXPECT_FALSE(static_cast<bool>(r));
    EXPECT_EQ(r.error().kind, ErrorKind::unsupported);
    EXPECT_EQ(r.error().message, "not a REGEDIT4 export");
    EXPECT_TRUE(r.error().location.empty());
    EXPECT_EQ(r.error().describe(), "not a REGEDIT4 export");
}

TEST(ResultVoid, ConstructsFromError) {
    const Result<void> r = Error{ErrorKind::cancelled, "stopped by the analyst", {}};
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::cancelled);
}

TEST(ErrorDescribe, SourceLineColumn) {
    const Error e{ErrorKind::invalid, std::string(kMessage), Location::at_line(std::string(kSource), 12, 7)};
    EXPECT_EQ(e.describe(), kLineColumn);
}

TEST(ErrorDescribe, SourceLineWithoutColumn) {
    const Error e{ErrorKind::invalid, std::string(kMessage), Location::at_line(std::string(kSource), 12)};
    EXPECT_FALSE(e.location.column.has_value());  // column 0 means "no column"
    EXPECT_EQ(e.describe(), kLineOnly);
}

TEST(ErrorDescribe, SourceAtOffset) {
    const Error e{ErrorKind::invalid, "bad chunk magic", Location::at_offset("Security.evtx", 69632)};
    EXPECT_EQ(e.describe(), kAtOffset);
}

TEST(ErrorDescribe, OffsetZeroIsPrinted) {
    const Error e{ErrorKind::invalid, "not an EVTX file", Location::at_offset("Security.evtx", 0)};
    EXPECT_EQ(e.describe(), kAtOffsetZero);
}

TEST(ErrorDescribe, LineWinsOverOffset) {
    Location l = Location::at_line("edr.jsonl", 3, 1);
    l.offset = 412;
    const Error e{ErrorKind::invalid, "unexpected end of input", l};
    EXPECT_EQ(e.describe(), "edr.jsonl:3:1: unexpected end of input");
}

TEST(ErrorDescribe, SourceOnlyAndNoLocation) {
    EXPECT_EQ((Error{ErrorKind::io, "permission denied", Location::in("Security.evtx")}).describe(), kSourceOnly);
    EXPECT_EQ((Error{ErrorKind::internal, "unreachable", {}}).describe(), "unreachable");
}

TEST(Location, EmptyOnlyWithoutAnyField) {
    EXPECT_TRUE(Location{}.empty());
    EXPECT_FALSE(Location::in("x").empty());
    Location only_offset;
    only_offset.offset = 0;
    EXPECT_FALSE(only_offset.empty());
    Location only_line;
    only_line.line = 1;
    EXPECT_FALSE(only_line.empty());
}

TEST(ErrorKind, Names) {
    EXPECT_EQ(trinity::to_string(ErrorKind::io), "io");
    EXPECT_EQ(trinity::to_string(ErrorKind::not_found), "not_found");
    EXPECT_EQ(trinity::to_string(ErrorKind::invalid), "invalid");
    EXPECT_EQ(trinity::to_string(ErrorKind::unsupported), "unsupported");
    EXPECT_EQ(trinity::to_string(ErrorKind::limit), "limit");
    EXPECT_EQ(trinity::to_string(ErrorKind::cancelled), "cancelled");
    EXPECT_EQ(trinity::to_string(ErrorKind::internal), "internal");
}

}  // namespace

// Without a source the position still reads well on its own.
TEST(ErrorDescribe, LineWithoutSource) {
    const Error e{ErrorKind::invalid, "unterminated quote", Location::at_line("", 3, 7)};
    EXPECT_EQ(e.describe(), "line 3:7: unterminated quote");
}

TEST(ErrorDescribe, OffsetWithoutSource) {
    const Error e{ErrorKind::invalid, "bad magic", Location::at_offset("", 4096)};
    EXPECT_EQ(e.describe(), "offset 4096: bad magic");
}
