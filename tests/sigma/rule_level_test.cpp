#include <gtest/gtest.h>

#include "trinity/sigma/rule.h"

namespace trinity::sigma {
namespace {

TEST(SigmaLevel, ParsesTheSpecNamesAndRejectsOthers) {
    EXPECT_EQ(parse_level("critical"), Level::critical);
    EXPECT_EQ(parse_level("High"), Level::high);
    EXPECT_EQ(parse_level("informational"), Level::informational);
    EXPECT_FALSE(parse_level("severe").has_value());
    EXPECT_EQ(to_string(Level::low), "low");
}

}  // namespace
}  // namespace trinity::sigma
