// The evidence list, its JSON for the CLI and the browser hook, and sizes.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "trinity/evidence/evidence.h"

namespace {

using trinity::Error;
using trinity::ErrorKind;
using trinity::Location;
using trinity::artifact::Encoding;
using trinity::artifact::Format;
using trinity::artifact::LineEndings;
using trinity::artifact::SniffResult;
using trinity::evidence::EvidenceList;
using trinity::evidence::format_size;
using trinity::evidence::to_json;

// Keys are sorted: nlohmann::json keeps objects in a std::map.
constexpr std::string_view kExcelJson =
    R"j({"bom":false,"delimiter":";","detail":"4 columns, 2 rows checked; 8-bit text that is not UTF-8 (read as Windows-1252)",)j"
    R"j("encoding":"windows-1252","error":null,"format":"csv","id":1,"label":"CSV (;), Windows-1252",)j"
    R"j("line_endings":"crlf","name":"excel_de_semicolon.csv","sha256":null,"size":812})j";

constexpr std::string_view kUnreadableJson =
    R"j({"bom":false,"delimiter":null,"detail":"could not be read","encoding":"none",)j"
    R"j("error":"C:\\Windows\\System32\\config\\SAM: permission denied","format":"binary","id":1,)j"
    R"j("label":"Unreadable","line_endings":"none","name":"SAM","sha256":null,"size":65536})j";

SniffResult excel_csv() {
    SniffResult s;
    s.format = Format::csv;
    s.encoding = Encoding::single_byte;
    s.line_endings = LineEndings::crlf;
    s.delimiter = ';';
    s.detail = "4 columns, 2 rows checked; 8-bit text that is not UTF-8 (read as Windows-1252)";
    return s;
}

SniffResult text_utf16() {
    SniffResult s;
    s.format = Format::text;
    s.encoding = Encoding::utf16le;
    s.bom = true;
    s.line_endings = LineEndings::crlf;
    s.detail = "UTF-16LE byte order mark";
    return s;
}

SniffResult evtx() {
    SniffResult s;
    s.format = Format::evtx;
    s.detail = "EVTX file header";
    return s;
}

// [SECTION] The list ------------------------------------------------------------

TEST(EvidenceList, IdsStartAtOneAndCount) {
    EvidenceList list;
    EXPECT_EQ(list.add("Security.evtx", 69632, evtx()).id, 1u);
    EXPECT_EQ(list.add("tasklist.txt", 7398, text_utf16()).id, 2u);
    EXPECT_EQ(list.add_failed("SAM", 65536, Error{ErrorKind::io, "permission denied", {}}).id, 3u);
    ASSERT_EQ(list.items().size(), 3u);
    EXPECT_EQ(list.items()[0].name, "Security.evtx");
    EXPECT_EQ(list.items()[1].size, 7398u);
    EXPECT_EQ(list.items()[1].sniff.encoding, Encoding::utf16le);
}

TEST(EvidenceList, IdsAreNeverReused) {
    EvidenceList list;
    (void)list.add("a.evtx", 1, evtx());
    (void)list.add("b.evtx", 2, evtx());
    (void)list.add("c.evtx", 3, evtx());
    EXPECT_TRUE(list.remove(3));  // the newest: its id must still not come back
    EXPECT_TRUE(list.remove(1));
    EXPECT_EQ(list.add("d.evtx", 4, evtx()).id, 4u);
    list.clear();
    EXPECT_TRUE(list.items().empty());
    EXPECT_EQ(list.add("e.evtx", 5, evtx()).id, 5u);
}

TEST(EvidenceList, FindAndRemove) {
    EvidenceList list;
    (void)list.add("Security.evtx", 69632, evtx());
    (void)list.add("tasklist.txt", 7398, text_utf16());
    const auto* found = list.find(2);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->name, "tasklist.txt");
    EXPECT_EQ(list.find(0), nullptr);
    EXPECT_EQ(list.find(3), nullptr);

    EXPECT_TRUE(list.remove(1));
    EXPECT_FALSE(list.remove(1));  // already gone
    EXPECT_FALSE(list.remove(42));
    EXPECT_EQ(list.find(1), nullptr);
    ASSERT_EQ(list.items().size(), 1u);
    EXPECT_EQ(list.items()[0].id, 2u);
}

TEST(EvidenceList, FailedEvidenceKeepsItsError) {
    EvidenceList list;
    const auto& e = list.add_failed("SAM", 65536, Error{ErrorKind::io, "permission denied", Location::in("SAM")});
    ASSERT_TRUE(e.error.has_value());
    EXPECT_EQ(e.error->kind, ErrorKind::io);
    EXPECT_EQ(e.sniff.detail, "could not be read");
    EXPECT_EQ(e.size, 65536u);
}

// [SECTION] JSON -----------------------------------------------------------------

TEST(EvidenceJson, KnownAnswerForCsv) {
    EvidenceList list;
    EXPECT_EQ(to_json(list.add("excel_de_semicolon.csv", 812, excel_csv())), kExcelJson);
}

TEST(EvidenceJson, KnownAnswerForUnreadable) {
    EvidenceList list;
    const auto& e = list.add_failed(
        "SAM", 65536, Error{ErrorKind::io, "permission denied", Location::in("C:\\Windows\\System32\\config\\SAM")});
    EXPECT_EQ(to_json(e), kUnreadableJson);
}

TEST(EvidenceJson, HasEveryKeyWithItsType) {
    EvidenceList list;
    const auto j = nlohmann::json::parse(to_json(list.add("tasklist.txt", 7398, text_utf16())));
    ASSERT_TRUE(j.is_object());
    EXPECT_EQ(j.size(), 12u);
    EXPECT_EQ(j.at("id"), 1);
    EXPECT_EQ(j.at("name"), "tasklist.txt");
    EXPECT_EQ(j.at("size"), 7398);
    EXPECT_EQ(j.at("format"), "text");
    EXPECT_EQ(j.at("encoding"), "utf-16le");
    EXPECT_EQ(j.at("bom"), true);
    EXPECT_EQ(j.at("line_endings"), "crlf");
    EXPECT_TRUE(j.at("delimiter").is_null());  // not a CSV
    EXPECT_EQ(j.at("label"), "Text, UTF-16LE (BOM)");
    EXPECT_EQ(j.at("detail"), "UTF-16LE byte order mark");
    EXPECT_TRUE(j.at("sha256").is_null());  // not hashed yet
    EXPECT_TRUE(j.at("error").is_null());
}

TEST(EvidenceJson, TabDelimiterIsATabString) {
    SniffResult tsv;
    tsv.format = Format::csv;
    tsv.encoding = Encoding::ascii;
    tsv.delimiter = '\t';
    EvidenceList list;
    const std::string text = to_json(list.add("proxy.tsv", 353, tsv));
    EXPECT_NE(text.find(R"("delimiter":"\t")"), std::string::npos) << text;
    EXPECT_EQ(nlohmann::json::parse(text).at("label"), "CSV (tab)");
}

TEST(EvidenceJson, ListIsAnArrayInOrder) {
    EvidenceList list;
    EXPECT_EQ(to_json(list), "[]");
    (void)list.add("Security.evtx", 69632, evtx());
    (void)list.add_failed("SAM", 65536, Error{ErrorKind::io, "permission denied", {}});
    const auto j = nlohmann::json::parse(to_json(list));
    ASSERT_TRUE(j.is_array());
    ASSERT_EQ(j.size(), 2u);
    EXPECT_EQ(j[0].at("id"), 1);
    EXPECT_EQ(j[0].at("format"), "evtx");
    EXPECT_EQ(j[0].at("label"), "EVTX");
    EXPECT_EQ(j[1].at("id"), 2);
    EXPECT_EQ(j[1].at("error"), "permission denied");
}

TEST(EvidenceJson, InvalidUtf8InANameDoesNotThrow) {
    constexpr std::string_view kLatin1Name = "Sicherheitsl\xF6sung.evtx";  // Latin-1 "ö" from an old share
    EvidenceList list;
    const auto& e = list.add(std::string(kLatin1Name), 4096, evtx());
    std::string one;
    std::string all;
    EXPECT_NO_THROW(one = to_json(e));
    EXPECT_NO_THROW(all = to_json(list));
    nlohmann::json j;
    EXPECT_NO_THROW(j = nlohmann::json::parse(one));
    EXPECT_EQ(j.at("name"), "Sicherheitsl\xEF\xBF\xBDsung.evtx");  // U+FFFD in its place
    nlohmann::json list_json;
    EXPECT_NO_THROW(list_json = nlohmann::json::parse(all));
    EXPECT_TRUE(list_json.is_array());
}

// [SECTION] Sizes ----------------------------------------------------------------

TEST(FormatSize, Bytes) {
    EXPECT_EQ(format_size(0), "0 B");
    EXPECT_EQ(format_size(812), "812 B");
    EXPECT_EQ(format_size(1023), "1023 B");
}

TEST(FormatSize, BinaryUnitsWithOneDecimal) {
    EXPECT_EQ(format_size(1024), "1.0 KiB");
    EXPECT_EQ(format_size(1434), "1.4 KiB");
    EXPECT_EQ(format_size(1536), "1.5 KiB");
    EXPECT_EQ(format_size(69632), "68.0 KiB");
    EXPECT_EQ(format_size(std::uint64_t{1} << 20), "1.0 MiB");
    EXPECT_EQ(format_size(std::uint64_t{2} << 30), "2.0 GiB");
    EXPECT_EQ(format_size(std::uint64_t{3} << 40), "3.0 TiB");
}

TEST(FormatSize, TebibytesIsTheLargestUnit) {
    EXPECT_EQ(format_size(std::uint64_t{1} << 50), "1024.0 TiB");
}

}  // namespace

// The unit follows the printed value: just under 1 MiB reads as 1.0 MiB.
TEST(FormatSize, RoundsIntoTheNextUnit) {
    EXPECT_EQ(format_size((std::uint64_t{1} << 20) - 1), "1.0 MiB");
    EXPECT_EQ(format_size((std::uint64_t{1} << 20) - 60 * 1024), "964.0 KiB");
}

TEST(EvidenceList, Sha256IsSetOnceHashed) {
    EvidenceList list;
    const auto id = list.add("a.bin", 3, SniffResult{}).id;
    EXPECT_TRUE(list.set_sha256(id, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    EXPECT_EQ(nlohmann::json::parse(to_json(*list.find(id))).at("sha256"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_FALSE(list.set_sha256(id + 1, "00")) << "no such evidence";
}
