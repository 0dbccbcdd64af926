// BinXML behaviours pinned on hand-built chunks: optional substitutions
// (MS-EVEN6 3.1.4.7.2) and ANSI strings in a chosen code page.
#include <gtest/gtest.h>

#include "binxml_builder.h"
#include "trinity/evtx/evtx.h"
#include "trinity/evtx/evtx_fields.h"

namespace {

using trinity::test::ChunkBuilder;

struct Parsed {
    std::string xml;
    trinity::evtx::Fields fields;
    std::vector<trinity::evtx::Warning> warnings;
    std::uint64_t records = 0;
};

Parsed parse(const std::vector<std::byte>& chunk, unsigned codepage = 1252) {
    Parsed p;
    const auto stats = trinity::evtx::read_chunk(chunk, 0, p.warnings, [&](const trinity::evtx::Record& r) {
        p.xml = trinity::evtx::render_xml(r);
        p.fields = trinity::evtx::extract_fields(r);
        return true;
    }, codepage);
    p.records = stats.records;
    return p;
}

// <Event><System><EventID>%0</EventID></System><EventData>
//   <Data Name="A">%1?</Data><Data Name="B">%2?</Data><Data Name="C">%3</Data>
//   <Data Name="D" Extra="%4?"/></EventData></Event>
std::vector<std::byte> event_with(const std::vector<ChunkBuilder::Value>& values) {
    ChunkBuilder b;
    b.begin();
    b.open("Event");
    b.close_start();
    b.open("System");
    b.close_start();
    b.open("EventID");
    b.close_start();
    b.substitution(0, 0x06, false);
    b.end();
    b.end();
    b.open("EventData");
    b.close_start();
    for (auto [name, index, optional] : {std::tuple{"A", 1, true}, {"B", 2, true}, {"C", 3, false}}) {
        b.open("Data", true);
        b.attribute("Name");
        b.text(name);
        b.close_start();
        b.substitution(static_cast<std::uint16_t>(index), 0x01, optional);
        b.end();
    }
    b.open("Data", true);
    b.attribute("Name");
    b.text("D");
    b.attribute("Extra");
    b.substitution(4, 0x01, true);
    b.close_empty();
    b.end();
    b.end();
    return b.finish(values);
}

TEST(EvtxBinXml, OptionalNullSubstitutionOmitsItsElement) {
    const auto p = parse(event_with({ChunkBuilder::uint16(4688), ChunkBuilder::null(), ChunkBuilder::utf16("x"),
                                     ChunkBuilder::null(), ChunkBuilder::null()}));
    ASSERT_EQ(p.records, 1u);
    EXPECT_TRUE(p.warnings.empty()) << p.warnings.front().message;
    EXPECT_EQ(p.fields.find("A"), nullptr) << p.xml;  // optional and NULL: gone
    ASSERT_NE(p.fields.find("B"), nullptr) << p.xml;
    EXPECT_EQ(*p.fields.find("B"), "x");
    ASSERT_NE(p.fields.find("C"), nullptr) << "a normal substitution keeps its element, empty";
    EXPECT_EQ(*p.fields.find("C"), "");
    EXPECT_EQ(p.xml.find("Name=\"A\""), std::string::npos) << p.xml;
    EXPECT_EQ(p.xml.find("Extra="), std::string::npos) << "an optional NULL attribute is left out";
    EXPECT_NE(p.xml.find("<Data Name=\"D\"/>"), std::string::npos) << p.xml;
    EXPECT_EQ(*p.fields.find("EventID"), "4688");
}

TEST(EvtxBinXml, OptionalEmptyStringIsNotNull) {
    // A zero-length string is a value, not NULL: element and attribute stay.
    const auto p = parse(event_with({ChunkBuilder::uint16(1), ChunkBuilder::utf16(""), ChunkBuilder::utf16("y"),
                                     ChunkBuilder::utf16("z"), ChunkBuilder::utf16("")}));
    ASSERT_EQ(p.records, 1u);
    ASSERT_NE(p.fields.find("A"), nullptr) << p.xml;
    EXPECT_EQ(*p.fields.find("A"), "");
    EXPECT_NE(p.xml.find("Extra=\"\""), std::string::npos) << p.xml;
}

TEST(EvtxBinXml, AnsiStringDecodesWithTheChosenCodePage) {
    ChunkBuilder b;
    b.begin();
    b.open("Event");
    b.close_start();
    b.open("EventData");
    b.close_start();
    b.open("Data", true);
    b.attribute("Name");
    b.text("User");
    b.close_start();
    b.substitution(0, 0x02, false);
    b.end();
    b.end();
    b.end();
    // "Привет" in Windows-1251; the same bytes read as 1252 are Latin letters.
    const auto chunk = b.finish({ChunkBuilder::ansi("\xCF\xF0\xE8\xE2\xE5\xF2")});
    EXPECT_EQ(*parse(chunk, 1251).fields.find("User"), "Привет");
    EXPECT_EQ(*parse(chunk).fields.find("User"), "Ïðèâåò");
}

}  // namespace
