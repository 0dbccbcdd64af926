// The platform's exception handling works as C++ says. Core catches the
// exceptions of yaml-cpp and nlohmann/json by type where they enter it; a
// toolchain that lost typed catches (Debian's emcc 3.1.6 does with -pthread)
// would turn every parse error into a crash. This runs natively and in wasm.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace {

struct ThrownValue {
    int code;
};

TEST(Exceptions, TypedCatchMatchesStandardException) {
    bool typed = false;
    try {
        throw std::runtime_error("boom");
    } catch (const std::runtime_error& e) {
        typed = std::string(e.what()) == "boom";
    } catch (...) {
    }
    EXPECT_TRUE(typed);
}

TEST(Exceptions, TypedCatchMatchesOwnTypeAndBase) {
    int code = 0;
    try {
        throw ThrownValue{42};
    } catch (const ThrownValue& v) {
        code = v.code;
    } catch (...) {
    }
    EXPECT_EQ(code, 42);
    EXPECT_THROW(throw std::out_of_range("x"), std::logic_error);
}

TEST(Exceptions, NlohmannParseErrorIsCaughtByType) {
    bool caught = false;
    try {
        const auto never = nlohmann::json::parse("{\"a\": ");
        caught = never.is_null();  // not reached: parse throws
    } catch (const nlohmann::json::parse_error& e) {
        caught = e.id == 101;
    } catch (...) {
    }
    EXPECT_TRUE(caught);
}

}  // namespace
