// Encoding detection and decoding to UTF-8, with known-answer byte vectors.
#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "trinity/artifact/text_encoding.h"
#include "trinity/io/byte_source.h"

namespace {

using namespace std::string_view_literals;
using trinity::artifact::decode_to_utf8;
using trinity::artifact::detect_encoding;
using trinity::artifact::Encoding;
using trinity::io::as_bytes;

// [SECTION] Vectors ---------------------------------------------------------------

// Byte order marks in front of "Image Name".
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF" "Image Name"sv;
constexpr std::string_view kUtf16LeBom = "\xFF\xFE" "I\0m\0a\0g\0e\0"sv;
constexpr std::string_view kUtf16BeBom = "\xFE\xFF" "\0I\0m\0a\0g\0e"sv;
constexpr std::string_view kUtf32LeBom = "\xFF\xFE\0\0" "I\0\0\0m\0\0\0"sv;
// A UTF-16LE BOM followed by U+0000: still UTF-16LE, not UTF-32LE.
constexpr std::string_view kUtf16LeBomThenNul = "\xFF\xFE\0\0" "A\0B\0"sv;

// The header of `wmic process get` as wmic writes it, without BOM.
constexpr std::u16string_view kWmicHeader = u"CommandLine  Name  ParentProcessId  ProcessId  \r\n";

constexpr std::string_view kNetstatAscii = "  TCP    0.0.0.0:135    0.0.0.0:0    LISTENING    964\r\n";
constexpr std::string_view kNetstatGermanUtf8 = "  TCP    0.0.0.0:135    0.0.0.0:0    ABH\xC3\x96REN      964\r\n";
constexpr std::string_view kNetstatGermanCp1252 = "  TCP    0.0.0.0:135    0.0.0.0:0    ABH\xD6REN      964\r\n";

// "Gr" + the first byte of "ö" (C3 B6): a head cut inside a character.
constexpr std::string_view kCutUtf8 = "Benutzer: M\xC3\xBCller, Gr\xC3"sv;
// "Gr" + E2 (a 3-byte lead) + 'A': broken, not merely cut.
constexpr std::string_view kBrokenAtEnd = "Gr\xE2" "A"sv;

// Surrogate pairs: U+1F600 (D83D DE00) and U+10437 (D801 DC37).
constexpr std::string_view kGrinningUtf16Le = "\x3D\xD8\x00\xDE"sv;
constexpr std::string_view kGrinningUtf8 = "\xF0\x9F\x98\x80";
constexpr std::string_view kDeseretUtf16Be = "\xD8\x01\xDC\x37"sv;
constexpr std::string_view kDeseretUtf8 = "\xF0\x90\x90\xB7";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Windows-1252 bytes 0x80..0x9F are not Latin-1 controls.
constexpr std::string_view kCp1252Euro = "Schaden: 5 \x80"sv;
constexpr std::string_view kCp1252EuroUtf8 = "Schaden: 5 \xE2\x82\xAC";

std::string utf16(std::u16string_view text, bool little) {
    std::string out;
    for (char16_t c : text) {
        const auto lo = static_cast<char>(c & 0xff);
        const auto hi = static_cast<char>(c >> 8);
        out += little ? lo : hi;
        out += little ? hi : lo;
    }
    return out;
}

std::string decode(std::string_view bytes, Encoding e) { return decode_to_utf8(as_bytes(bytes), e); }

// [SECTION] Byte order marks ------------------------------------------------------

TEST(DetectEncoding, Utf8Bom) {
    const auto g = detect_encoding(as_bytes(kUtf8Bom), true);
    EXPECT_EQ(g.encoding, Encoding::utf8);
    EXPECT_EQ(g.bom_size, 3u);
}

TEST(DetectEncoding, Utf16LeBom) {
    const auto g = detect_encoding(as_bytes(kUtf16LeBom), true);
    EXPECT_EQ(g.encoding, Encoding::utf16le);
    EXPECT_EQ(g.bom_size, 2u);
}

TEST(DetectEncoding, Utf16BeBom) {
    const auto g = detect_encoding(as_bytes(kUtf16BeBom), true);
    EXPECT_EQ(g.encoding, Encoding::utf16be);
    EXPECT_EQ(g.bom_size, 2u);
}

TEST(DetectEncoding, Utf32LeBomIsNotText) {
    const auto g = detect_encoding(as_bytes(kUtf32LeBom), true);
    EXPECT_EQ(g.encoding, Encoding::none);
    EXPECT_EQ(g.bom_size, 0u);
    EXPECT_NE(g.detail.find("UTF-32LE"), std::string::npos) << g.detail;
}

TEST(DetectEncoding, Utf16LeBomThenNulCharacter) {
    const auto g = detect_encoding(as_bytes(kUtf16LeBomThenNul), true);
    EXPECT_EQ(g.encoding, Encoding::utf16le);
    EXPECT_EQ(g.bom_size, 2u);
}

// [SECTION] Without byte order mark ----------------------------------------------

TEST(DetectEncoding, BomlessUtf16Le) {
    const std::string bytes = utf16(kWmicHeader, true);
    const auto g = detect_encoding(as_bytes(bytes), true);
    EXPECT_EQ(g.encoding, Encoding::utf16le);
    EXPECT_EQ(g.bom_size, 0u);
    EXPECT_EQ(g.detail, "UTF-16LE without byte order mark");
}

TEST(DetectEncoding, BomlessUtf16Be) {
    const std::string bytes = utf16(kWmicHeader, false);
    const auto g = detect_encoding(as_bytes(bytes), true);
    EXPECT_EQ(g.encoding, Encoding::utf16be);
    EXPECT_EQ(g.bom_size, 0u);
}

TEST(DetectEncoding, ZeroEveryOtherByteButControlsIsBinary) {
    // Little-endian 16-bit counters: zeros in every odd byte, but no text.
    constexpr std::string_view kCounters = "\x01\0\x02\0\x03\0\x04\0\x05\0\x06\0"sv;
    const auto g = detect_encoding(as_bytes(kCounters), true);
    EXPECT_EQ(g.encoding, Encoding::none);
}

TEST(DetectEncoding, Ascii) {
    const auto g = detect_encoding(as_bytes(kNetstatAscii), true);
    EXPECT_EQ(g.encoding, Encoding::ascii);
    EXPECT_EQ(g.bom_size, 0u);
}

TEST(DetectEncoding, Utf8) {
    EXPECT_EQ(detect_encoding(as_bytes(kNetstatGermanUtf8), true).encoding, Encoding::utf8);
}

TEST(DetectEncoding, Windows1252) {
    EXPECT_EQ(detect_encoding(as_bytes(kNetstatGermanCp1252), true).encoding, Encoding::single_byte);
}

TEST(DetectEncoding, NulBytesAreBinary) {
    constexpr std::string_view kWithNul = "Security log exported by wevtutil\0 on WS-FIN-042\r\n"sv;
    const auto g = detect_encoding(as_bytes(kWithNul), true);
    EXPECT_EQ(g.encoding, Encoding::none);
    EXPECT_EQ(g.detail, "NUL bytes");
}

TEST(DetectEncoding, ControlCharactersAreBinary) {
    constexpr std::string_view kControls = "\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f text";
    EXPECT_EQ(detect_encoding(as_bytes(kControls), true).encoding, Encoding::none);
}

TEST(DetectEncoding, AFewControlsAndEscapesAreText) {
    std::string capture(300, 'x');
    capture[10] = '\x07';                          // one bell in 300 bytes: under 1 in 100
    capture.replace(20, 7, "\x1b[01;31m");         // ANSI colour
    EXPECT_EQ(detect_encoding(as_bytes(capture), true).encoding, Encoding::ascii);
}

TEST(DetectEncoding, Utf8CutAtTheEndOfAHeadIsNotAnError) {
    EXPECT_EQ(detect_encoding(as_bytes(kCutUtf8), false).encoding, Encoding::utf8);
    // The same bytes as a whole file end in a broken character.
    EXPECT_EQ(detect_encoding(as_bytes(kCutUtf8), true).encoding, Encoding::single_byte);
}

TEST(DetectEncoding, BrokenSequenceAtTheEndIsAnErrorEvenInAHead) {
    EXPECT_EQ(detect_encoding(as_bytes(kBrokenAtEnd), false).encoding, Encoding::single_byte);
}

TEST(DetectEncoding, OverlongAndSurrogateUtf8AreNotUtf8) {
    EXPECT_EQ(detect_encoding(as_bytes("path \xC0\xAF etc"sv), true).encoding, Encoding::single_byte);
    EXPECT_EQ(detect_encoding(as_bytes("cesu \xED\xA0\x80 x"sv), true).encoding, Encoding::single_byte);
    EXPECT_EQ(detect_encoding(as_bytes("big \xF4\x90\x80\x80 x"sv), true).encoding, Encoding::single_byte);
}

// [SECTION] Decoding -------------------------------------------------------------

TEST(DecodeToUtf8, Utf16LeBasicPlane) {
    EXPECT_EQ(decode(utf16(u"ABH\u00D6REN \u20AC", true), Encoding::utf16le), "ABH\xC3\x96REN \xE2\x82\xAC");
}

TEST(DecodeToUtf8, Utf16LeSurrogatePairBecomesFourBytes) {
    const std::string out = decode(kGrinningUtf16Le, Encoding::utf16le);
    EXPECT_EQ(out, kGrinningUtf8);
    EXPECT_EQ(out.size(), 4u);
}

TEST(DecodeToUtf8, Utf16BeSurrogatePairBecomesFourBytes) {
    EXPECT_EQ(decode(kDeseretUtf16Be, Encoding::utf16be), kDeseretUtf8);
}

TEST(DecodeToUtf8, LoneHighSurrogateIsReplaced) {
    constexpr std::string_view kHighThenA = "\x00\xD8" "A\0"sv;  // D800 0041
    EXPECT_EQ(decode(kHighThenA, Encoding::utf16le), std::string(kReplacement) + "A");
}

TEST(DecodeToUtf8, LoneLowSurrogateIsReplaced) {
    constexpr std::string_view kLowThenB = "\x00\xDC" "B\0"sv;  // DC00 0042
    EXPECT_EQ(decode(kLowThenB, Encoding::utf16le), std::string(kReplacement) + "B");
}

TEST(DecodeToUtf8, SwappedSurrogatesAreTwoReplacements) {
    constexpr std::string_view kLowHighC = "\x00\xDE\x3D\xD8" "C\0"sv;  // DE00 D83D 0043
    EXPECT_EQ(decode(kLowHighC, Encoding::utf16le), std::string(kReplacement) + std::string(kReplacement) + "C");
}

TEST(DecodeToUtf8, HighSurrogateCutAtTheEndIsDropped) {
    constexpr std::string_view kACut = "A\0\x3D\xD8"sv;
    EXPECT_EQ(decode(kACut, Encoding::utf16le), "A");
}

TEST(DecodeToUtf8, OddTrailingByteIsDropped) {
    EXPECT_EQ(decode("A\0B"sv, Encoding::utf16le), "A");
    EXPECT_EQ(decode("\0A\0"sv, Encoding::utf16be), "A");
}

TEST(DecodeToUtf8, Windows1252EuroAndFriends) {
    EXPECT_EQ(decode(kCp1252Euro, Encoding::single_byte), kCp1252EuroUtf8);
    EXPECT_EQ(decode("\x80"sv, Encoding::single_byte), "\xE2\x82\xAC");  // U+20AC
    EXPECT_EQ(decode("\x8A"sv, Encoding::single_byte), "\xC5\xA0");      // U+0160 S caron
    EXPECT_EQ(decode("\x93\x94"sv, Encoding::single_byte), "\xE2\x80\x9C\xE2\x80\x9D");  // curly quotes
    EXPECT_EQ(decode("\x9F"sv, Encoding::single_byte), "\xC5\xB8");      // U+0178 Y diaeresis
    EXPECT_EQ(decode("\xA0"sv, Encoding::single_byte), "\xC2\xA0");      // U+00A0, Latin-1 from here on
    EXPECT_EQ(decode(kNetstatGermanCp1252, Encoding::single_byte), kNetstatGermanUtf8);
    EXPECT_EQ(decode("\xFF"sv, Encoding::single_byte), "\xC3\xBF");
}

TEST(DecodeToUtf8, Windows1252UndefinedBytesAreReplaced) {
    EXPECT_EQ(decode("\x81\x8D\x8F\x90\x9D"sv, Encoding::single_byte),
              std::string(kReplacement) + std::string(kReplacement) + std::string(kReplacement) +
                  std::string(kReplacement) + std::string(kReplacement));
}

TEST(DecodeToUtf8, ValidUtf8PassesThrough) {
    EXPECT_EQ(decode(kNetstatGermanUtf8, Encoding::utf8), kNetstatGermanUtf8);
    EXPECT_EQ(decode(kGrinningUtf8, Encoding::utf8), kGrinningUtf8);
    EXPECT_EQ(decode(kNetstatAscii, Encoding::ascii), kNetstatAscii);
}

TEST(DecodeToUtf8, InvalidUtf8BecomesReplacement) {
    const std::string r(kReplacement);
    EXPECT_EQ(decode("A\xFF" "B"sv, Encoding::utf8), "A" + r + "B");
    EXPECT_EQ(decode("\x80"sv, Encoding::utf8), r);                  // lone continuation byte
    EXPECT_EQ(decode("\xC3("sv, Encoding::utf8), r + "(");              // resynchronises at '('
    EXPECT_EQ(decode("\xC0\xAF"sv, Encoding::utf8), r);               // overlong '/'
    EXPECT_EQ(decode("\xED\xA0\x80"sv, Encoding::utf8), r);           // UTF-16 surrogate
    EXPECT_EQ(decode("\xF5\x80\x80\x80"sv, Encoding::utf8), r);       // above U+10FFFF
    EXPECT_EQ(decode(kNetstatGermanCp1252, Encoding::utf8).find("ABH" + r + "REN"), 37u);
}

TEST(DecodeToUtf8, SequenceCutAtTheEndIsDropped) {
    EXPECT_EQ(decode(kCutUtf8, Encoding::utf8), "Benutzer: M\xC3\xBCller, Gr");
}

TEST(Encoding, Names) {
    EXPECT_EQ(trinity::artifact::to_string(Encoding::none), "none");
    EXPECT_EQ(trinity::artifact::to_string(Encoding::ascii), "ascii");
    EXPECT_EQ(trinity::artifact::to_string(Encoding::utf8), "utf-8");
    EXPECT_EQ(trinity::artifact::to_string(Encoding::utf16le), "utf-16le");
    EXPECT_EQ(trinity::artifact::to_string(Encoding::utf16be), "utf-16be");
    EXPECT_EQ(trinity::artifact::to_string(Encoding::single_byte), "windows-1252");
}

}  // namespace
