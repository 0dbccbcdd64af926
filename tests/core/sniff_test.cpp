// Content sniffing: binary magics, encodings, line endings, .reg, JSON,
// JSON lines, CSV and text, the labels people see, and sniffing a ByteSource.
// tests/data/sniff/ holds whole files; these are the small known answers.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "trinity/artifact/sniff.h"
#include "trinity/io/byte_source.h"

namespace {

using namespace std::string_view_literals;
using trinity::artifact::Encoding;
using trinity::artifact::Format;
using trinity::artifact::kSniffHeadBytes;
using trinity::artifact::LineEndings;
using trinity::artifact::sniff;
using trinity::artifact::SniffResult;
using trinity::io::as_bytes;

SniffResult sniff_text(std::string_view bytes, bool complete = true) { return sniff(as_bytes(bytes), complete); }

std::string utf16le(std::u16string_view text, bool bom) {
    std::string out = bom ? "\xFF\xFE" : "";
    for (char16_t c : text) {
        out += static_cast<char>(c & 0xff);
        out += static_cast<char>(c >> 8);
    }
    return out;
}

// [SECTION] Vectors ---------------------------------------------------------------

constexpr std::string_view kTasklistCsvHead =
    "\"Image Name\",\"PID\",\"Session Name\",\"Session#\",\"Mem Usage\",\"Status\",\"User Name\",\"CPU Time\",\"Window Title\"\r\n"
    "\"svchost.exe\",\"852\",\"Services\",\"0\",\"28,760 K\",\"Unknown\",\"NT AUTHORITY\\SYSTEM\",\"0:00:21\",\"N/A\"\r\n"
    "\"powershell.exe\",\"6120\",\"Console\",\"1\",\"84,112 K\",\"Running\",\"CORP\\jdoe\",\"0:00:05\",\"Windows PowerShell\"\r\n";

// wmic /format:csv: a blank first line, CR CR LF, never quoted; the command
// line of rundll32 holds a comma, so that row is one field wider.
constexpr std::string_view kWmicCaptionCsv =
    "\r\r\n"
    "Node,Caption,CommandLine\r\r\n"
    "WS-FIN-042,explorer.exe,C:\\Windows\\Explorer.EXE\r\r\n"
    "WS-FIN-042,powershell.exe,powershell.exe -nop -w hidden\r\r\n"
    "WS-FIN-042,rundll32.exe,rundll32.exe C:\\Users\\jdoe\\AppData\\Local\\Temp\\upd.dll,DllRegisterServer\r\r\n"
    "WS-FIN-042,notepad.exe,\"C:\\Windows\\system32\\notepad.exe\"\r\r\n"
    "WS-FIN-042,cmd.exe,\"C:\\Windows\\system32\\cmd.exe\"\r\r\n";

constexpr std::string_view kExcelSemicolon =
    "Zeitstempel;Hostname;Benutzer;Gr\xF6\xDF" "e (MB)\r\n"
    "22.11.2026 08:14;WS-FIN-042;jdoe;12,5\r\n"
    "22.11.2026 08:21;WS-FIN-017;mm\xFCller;3,25\r\n";

constexpr std::string_view kProxyTsv =
    "timestamp\thost\tdst_ip\tdst_port\n"
    "2026-11-22T08:14:04Z\tWS-FIN-042\t203.0.113.77\t443\n"
    "2026-11-22T08:14:12Z\tWS-FIN-042\t198.51.100.23\t8443\n";

constexpr std::string_view kDlpPipe =
    "Date|Host|User|Action|Object\n"
    "2026-11-22|WS-FIN-042|CORP\\jdoe|File Upload|Q3 report, final.xlsx\n"
    "2026-11-22|WS-FIN-017|CORP\\mmueller|File Delete|notes.txt\n";

// A quoted field spanning lines, with commas and doubled quotes.
constexpr std::string_view kSiemCsv =
    "_time,host,EventCode,Message\r\n"
    "2026-11-22T08:14:03Z,WS-FIN-042,4688,\"A new process has been created.\r\n\r\n"
    "New Process Name:\tC:\\Windows\\System32\\rundll32.exe\r\n"
    "Process Command Line:\trundll32.exe upd.dll,DllRegisterServer\"\r\n"
    "2026-11-22T08:20:00Z,DC01,1102,\"The audit log was cleared by \"\"CORP\\admin\"\".\"\r\n";

constexpr std::string_view kAnalystNotes =
    "Initial triage, WS-FIN-042\n"
    "The host was isolated at 08:30 UTC after the EDR alert, and memory was imaged first.\n"
    "Next: prefetch, Amcache, and the PowerShell logs.\n"
    "Open question: did rundll32 reach 198.51.100.23 before isolation?\n";

constexpr std::string_view kNetstat =
    "\r\nActive Connections\r\n\r\n"
    "  Proto  Local Address          Foreign Address        State           PID\r\n"
    "  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       964\r\n"
    "  TCP    192.0.2.42:49822       203.0.113.77:443       ESTABLISHED     6120\r\n";

constexpr std::string_view kSysmonPretty =
    "{\n"
    "  \"Event\": {\n"
    "    \"System\": {\n"
    "      \"EventID\": 1,\n"
    "      \"Computer\": \"WS-FIN-042.corp.example\"\n"
    "    },\n"
    "    \"EventData\": {\n"
    "      \"Image\": \"C:\\\\Windows\\\\System32\\\\rundll32.exe\",\n"
    "      \"ProcessId\": 6388\n"
    "    }\n"
    "  }\n"
    "}\n";

constexpr std::string_view kEdrJsonl =
    "{\"ts\":\"2026-11-22T08:14:03Z\",\"host\":\"WS-FIN-042\",\"type\":\"ProcessRollup\",\"pid\":6120}\n"
    "{\"ts\":\"2026-11-22T08:14:04Z\",\"host\":\"WS-FIN-042\",\"type\":\"NetworkConnect\",\"ip\":\"203.0.113.77\"}\n"
    "{\"ts\":\"2026-11-22T08:14:09Z\",\"host\":\"WS-FIN-042\",\"type\":\"FileWrite\",\"size\":184320}\n";

// evtx_dump -o json: pretty objects one after another.
constexpr std::string_view kConcatenatedPretty =
    "{\n  \"Event\": {\n    \"EventRecordID\": 48211\n  }\n}\n"
    "{\n  \"Event\": {\n    \"EventRecordID\": 48212\n  }\n}\n";

// A trailing comma, as a hand edit leaves it: line 4, column 1 holds the ']'.
constexpr std::string_view kTrailingComma =
    "{\n"
    "  \"processes\": [\n"
    "    {\"pid\": 6120},\n"
    "  ],\n"
    "  \"host\": \"WS-FIN-042\"\n"
    "}\n";

// The first bytes of a long pretty document: a valid prefix, cut mid-string.
constexpr std::string_view kJsonPrefix =
    "{\n  \"records\": [\n    {\"pid\": 4, \"name\": \"System\"},\n    {\"pid\": 852, \"name\": \"svch";

constexpr std::string_view kReg5 =
    "Windows Registry Editor Version 5.00\r\n\r\n"
    "[HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run]\r\n"
    "\"Updater\"=\"C:\\\\Users\\\\jdoe\\\\AppData\\\\Roaming\\\\Upd\\\\updater.exe\"\r\n";

constexpr std::string_view kRegedit4 =
    "REGEDIT4\r\n\r\n"
    "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\UpdSvc]\r\n"
    "\"Start\"=dword:00000002\r\n";

// [SECTION] Empty and binary magics ------------------------------------------------

TEST(Sniff, HeadSizeIs64KiB) { EXPECT_EQ(kSniffHeadBytes, 65536u); }

TEST(Sniff, EmptyFile) {
    const auto r = sniff_text("", true);
    EXPECT_EQ(r.format, Format::empty);
    EXPECT_EQ(r.encoding, Encoding::none);
    EXPECT_EQ(r.line_endings, LineEndings::none);
    EXPECT_EQ(r.detail, "no bytes");
}

TEST(Sniff, EmptyHeadOfANonEmptyFileIsBinary) {
    const auto r = sniff_text("", false);
    EXPECT_EQ(r.format, Format::binary);
    EXPECT_EQ(r.detail, "no bytes could be read");
}

struct MagicCase {
    std::string_view what;
    std::string_view bytes;
    Format format;
};

constexpr std::array kMagicCases = {
    MagicCase{"EVTX file header", "ElfFile\0\0\0\0\0\0\0\0\0"sv, Format::evtx},
    MagicCase{"EVTX chunk", "ElfChnk\0\0\0\0\0\0\0\0\0"sv, Format::evtx},
    MagicCase{"registry hive", "regf\xB7\x04\0\0\xB7\x04\0\0"sv, Format::registry_hive},
    MagicCase{"ELF", "\x7F" "ELF\x02\x01\x01\0\0\0\0\0"sv, Format::elf},
    MagicCase{"ZIP local file header", "PK\x03\x04\x14\0\0\0\x08\0"sv, Format::zip},
    MagicCase{"empty ZIP", "PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"sv, Format::zip},
    MagicCase{"gzip", "\x1F\x8B\x08\0\0\0\0\0\0\x03"sv, Format::gzip},
    MagicCase{"SQLite", "SQLite format 3\0\x10\0\x01\x01"sv, Format::sqlite},
    MagicCase{"pcap little-endian", "\xD4\xC3\xB2\xA1\x02\0\x04\0"sv, Format::pcap},
    MagicCase{"pcap big-endian", "\xA1\xB2\xC3\xD4\0\x02\0\x04"sv, Format::pcap},
    MagicCase{"pcap ns little-endian", "\x4D\x3C\xB2\xA1\x02\0\x04\0"sv, Format::pcap},
    MagicCase{"pcap ns big-endian", "\xA1\xB2\x3C\x4D\0\x02\0\x04"sv, Format::pcap},
    MagicCase{"pcapng", "\x0A\x0D\x0D\x0A\x1C\0\0\0\x4D\x3C\x2B\x1A"sv, Format::pcapng},
    MagicCase{"prefetch, SCCA at 4", "\x1E\0\0\0SCCA\x11\0\0\0"sv, Format::prefetch},
    MagicCase{"prefetch, compressed", "MAM\x04\x40\x2F\0\0\x12\x34"sv, Format::prefetch},
};

TEST(Sniff, BinaryMagics) {
    for (const MagicCase& c : kMagicCases) {
        SCOPED_TRACE(std::string(c.what));
        for (bool complete : {true, false}) {
            const auto r = sniff_text(c.bytes, complete);
            EXPECT_EQ(r.format, c.format) << trinity::artifact::to_string(r.format) << ": " << r.detail;
            EXPECT_EQ(r.encoding, Encoding::none);
            EXPECT_FALSE(r.bom);
            EXPECT_EQ(r.line_endings, LineEndings::none);
            EXPECT_FALSE(r.detail.empty());
        }
    }
}

TEST(Sniff, MagicsMustBeWholeAndInPlace) {
    // One byte short, or not at the start: what is left is judged as text.
    EXPECT_EQ(sniff_text("ElfFil").format, Format::text);
    EXPECT_EQ(sniff_text("SQLite format 3 is the header of a database\n").format, Format::text);
    EXPECT_EQ(sniff_text("SCCA is the prefetch signature\n").format, Format::text);
    EXPECT_EQ(sniff_text("Found regf and PK in slack space\n").format, Format::text);
}

TEST(Sniff, EvtxHeaderFollowedByZeros) {
    std::string evtx(4096, '\0');
    evtx.replace(0, 8, "ElfFile\0"sv);
    const auto r = sniff_text(evtx);
    EXPECT_EQ(r.format, Format::evtx);
    EXPECT_EQ(r.detail, "EVTX file header");
}

// [SECTION] PE --------------------------------------------------------------------

// A DOS header with e_lfanew at 0x3C and, optionally, "PE\0\0" there.
std::string dos_header(std::uint32_t lfanew, std::size_t size, bool signature) {
    std::string b(size, '\0');
    b[0] = 'M';
    b[1] = 'Z';
    for (int i = 0; i < 4; ++i) b[0x3C + static_cast<std::size_t>(i)] = static_cast<char>((lfanew >> (8 * i)) & 0xff);
    if (signature && lfanew + 4u <= size) b.replace(lfanew, 4, "PE\0\0"sv);
    return b;
}

TEST(SniffPe, MzWithPeSignatureAtLfanew) {
    const auto r = sniff_text(dos_header(0xE8, 0x200, true));
    EXPECT_EQ(r.format, Format::pe);
    EXPECT_EQ(r.encoding, Encoding::none);
}

TEST(SniffPe, SignatureInTheLastFourBytes) {
    EXPECT_EQ(sniff_text(dos_header(0x1FC, 0x200, true)).format, Format::pe);
}

TEST(SniffPe, MzWithoutPeSignatureIsNotPe) {
    EXPECT_EQ(sniff_text(dos_header(0xE8, 0x200, false)).format, Format::binary);
}

TEST(SniffPe, SignatureElsewhereIsNotPe) {
    std::string b = dos_header(0xE8, 0x200, false);
    b.replace(0x80, 4, "PE\0\0"sv);
    EXPECT_EQ(sniff_text(b).format, Format::binary);
}

TEST(SniffPe, LfanewBeyondTheHead) {
    EXPECT_EQ(sniff_text(dos_header(0x1000, 0x200, false), false).format, Format::binary);
    // Near 4 GiB: must not wrap around (size_t is 32 bits in wasm).
    EXPECT_EQ(sniff_text(dos_header(0xFFFFFFFE, 0x200, false)).format, Format::binary);
    EXPECT_EQ(sniff_text(dos_header(0xFFFFFFFC, 0x200, false)).format, Format::binary);
}

TEST(SniffPe, LfanewDoesNotWrapToBytesBeforeTheHead) {
    // With a 32-bit size_t, head + 0xFFFFFFFC is head - 4: a sniffer that
    // wraps reads the "PE\0\0" placed there and calls this a PE.
    const std::string framed = std::string("PE\0\0"sv) + dos_header(0xFFFFFFFC, 0x200, false);
    const auto head = as_bytes(framed).subspan(4);
    EXPECT_EQ(sniff(head, true).format, Format::binary);
}

TEST(SniffPe, MzTextIsText) {
    const auto r = sniff_text("MZ-Notes: the attacker renamed tools, see the timeline.\n");
    EXPECT_EQ(r.format, Format::text);
    EXPECT_EQ(r.encoding, Encoding::ascii);
}

// [SECTION] Encodings and line endings -------------------------------------------

TEST(Sniff, Utf16LeBomText) {
    const auto r = sniff_text(utf16le(u"\r\nImage Name     PID\r\n========= ======\r\nlsass.exe      728\r\n", true));
    EXPECT_EQ(r.format, Format::text);
    EXPECT_EQ(r.encoding, Encoding::utf16le);
    EXPECT_TRUE(r.bom);
    EXPECT_EQ(r.line_endings, LineEndings::crlf);  // counted after decoding
}

TEST(Sniff, BomlessUtf16LeText) {
    const auto r = sniff_text(utf16le(u"CommandLine  Name  ProcessId  \r\n             System  4  \r\n", false));
    EXPECT_EQ(r.format, Format::text);
    EXPECT_EQ(r.encoding, Encoding::utf16le);
    EXPECT_FALSE(r.bom);
}

TEST(Sniff, Utf16BeBomText) {
    const auto r = sniff_text("\xFE\xFF\0H\0o\0s\0t\0:\0 \0W\0S\0\n"sv);
    EXPECT_EQ(r.format, Format::text);
    EXPECT_EQ(r.encoding, Encoding::utf16be);
    EXPECT_TRUE(r.bom);
    EXPECT_EQ(r.line_endings, LineEndings::lf);
}

TEST(Sniff, Utf8BomText) {
    const auto r = sniff_text("\xEF\xBB\xBF\xC3\x9C" "bergabe: Laptop\r\n");
    EXPECT_EQ(r.format, Format::text);
    EXPECT_EQ(r.encoding, Encoding::utf8);
    EXPECT_TRUE(r.bom);
}

TEST(Sniff, Windows1252Text) {
    const auto r = sniff_text("  TCP    0.0.0.0:135    0.0.0.0:0    ABH\xD6REN    964\r\n");
    EXPECT_EQ(r.format, Format::text);
    EXPECT_EQ(r.encoding, Encoding::single_byte);
}

TEST(Sniff, RandomBytesAreBinary) {
    std::string noise;
    std::uint32_t x = 0x2026'1122;
    for (int i = 0; i < 1024; ++i) {
        x = x * 1664525u + 1013904223u;  // a fixed LCG: the same bytes every run
        noise += static_cast<char>(x >> 24);
    }
    const auto r = sniff_text(noise);
    EXPECT_EQ(r.format, Format::binary);
    EXPECT_EQ(r.encoding, Encoding::none);
    EXPECT_EQ(r.delimiter, 0);
}

TEST(SniffLineEndings, Kinds) {
    EXPECT_EQ(sniff_text("one\ntwo\n").line_endings, LineEndings::lf);
    EXPECT_EQ(sniff_text("one\r\ntwo\r\n").line_endings, LineEndings::crlf);
    EXPECT_EQ(sniff_text("one\rtwo\rthree").line_endings, LineEndings::cr);
    EXPECT_EQ(sniff_text("one\r\ntwo\nthree\r\n").line_endings, LineEndings::mixed);
    EXPECT_EQ(sniff_text("just one line").line_endings, LineEndings::none);
    EXPECT_EQ(sniff_text(kNetstat).line_endings, LineEndings::crlf);
}

TEST(SniffLineEndings, CrLastInAHeadMayPrecedeACutLf) {
    EXPECT_EQ(sniff_text("one\r\ntwo\r", false).line_endings, LineEndings::crlf);
}

TEST(SniffLineEndings, WmicCrCrLfCountsAsMixed) {
    // Current behaviour: the extra CR wmic writes is a lone CR.
    EXPECT_EQ(sniff_text(kWmicCaptionCsv).line_endings, LineEndings::mixed);
}

// [SECTION] Registry exports --------------------------------------------------------

TEST(SniffReg, Version5) {
    const auto r = sniff_text(kReg5);
    EXPECT_EQ(r.format, Format::reg);
    EXPECT_EQ(r.detail, "regedit export header; 7-bit text");
}

TEST(SniffReg, Regedit4) { EXPECT_EQ(sniff_text(kRegedit4).format, Format::reg); }

TEST(SniffReg, Utf16LeWithBom) {
    const auto r = sniff_text(utf16le(u"Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Software]\r\n", true));
    EXPECT_EQ(r.format, Format::reg);
    EXPECT_EQ(r.encoding, Encoding::utf16le);
    EXPECT_TRUE(r.bom);
}

TEST(SniffReg, BlankLinesAndCaseDoNotMatter) {
    EXPECT_EQ(sniff_text("\r\n\r\nregedit4\r\n\r\n[HKEY_USERS\\.DEFAULT]\r\n").format, Format::reg);
}

TEST(SniffReg, HeaderMustBeTheFirstLine) {
    EXPECT_EQ(sniff_text("Exported with:\nREGEDIT4\n").format, Format::text);
    EXPECT_EQ(sniff_text("Windows Registry Editor Version 5.00 (copy)\n").format, Format::text);
}

// [SECTION] JSON and JSON lines -----------------------------------------------------

TEST(SniffJson, PrettyDocument) {
    const auto r = sniff_text(kSysmonPretty);
    EXPECT_EQ(r.format, Format::json);
    EXPECT_EQ(r.line_endings, LineEndings::lf);
    EXPECT_EQ(r.detail, "one JSON document; 7-bit text");
}

TEST(SniffJson, OneLineArray) {
    EXPECT_EQ(sniff_text("[{\"pid\":4,\"name\":\"System\"},{\"pid\":852,\"name\":\"svchost.exe\"}]").format,
              Format::json);
}

TEST(SniffJson, LeadingWhitespaceAndBom) {
    EXPECT_EQ(sniff_text("\r\n\r\n   {\"a\": 1}\r\n").format, Format::json);
    const auto r = sniff_text("\xEF\xBB\xBF{\"host\": \"WS-FIN-042\"}");
    EXPECT_EQ(r.format, Format::json);
    EXPECT_TRUE(r.bom);
}

TEST(SniffJson, JsonLines) {
    const auto r = sniff_text(kEdrJsonl);
    EXPECT_EQ(r.format, Format::jsonl);
    EXPECT_EQ(r.detail, "one JSON value per line; 7-bit text");
}

TEST(SniffJson, JsonLinesOfArraysWithBlankLinesAndCrlf) {
    EXPECT_EQ(sniff_text("[1,\"a\"]\r\n\r\n[2,\"b\"]\r\n[3,\"c\"]\r\n").format, Format::jsonl);
}

TEST(SniffJson, JsonLinesTolerateOneBrokenLineInFive) {
    std::string lines;
    for (int i = 0; i < 4; ++i) lines += "{\"seq\":" + std::to_string(i) + "}\n";
    lines += "{\"seq\":4,\"note\":\"cut by a crash\n";
    EXPECT_EQ(sniff_text(lines).format, Format::jsonl);
}

TEST(SniffJson, ConcatenatedPrettyObjectsAreJsonLines) {
    const auto r = sniff_text(kConcatenatedPretty);
    EXPECT_EQ(r.format, Format::jsonl);
    EXPECT_EQ(r.detail, "concatenated JSON values; 7-bit text");
    EXPECT_EQ(sniff_text("{\"a\":1}{\"b\":2}").format, Format::jsonl);
    EXPECT_EQ(sniff_text("[1]\n[\n2\n]\n").format, Format::jsonl);
}

TEST(SniffJson, MalformedJsonIsText) {
    const auto r = sniff_text(kTrailingComma);
    EXPECT_EQ(r.format, Format::text);
    EXPECT_EQ(r.detail.rfind("starts like JSON but is malformed at line 4, column", 0), 0u) << r.detail;
}

TEST(SniffJson, DocumentFollowedByGarbageIsText) {
    EXPECT_EQ(sniff_text("{\"a\": 1}\ngarbage after the document\n").format, Format::text);
}

TEST(SniffJson, ValidPrefixOfAHeadIsJson) {
    const auto head = sniff_text(kJsonPrefix, false);
    EXPECT_EQ(head.format, Format::json);
    EXPECT_EQ(head.detail, "JSON document (the head is a valid prefix); 7-bit text");
    // The same bytes as a whole file are a broken document.
    EXPECT_EQ(sniff_text(kJsonPrefix, true).format, Format::text);
}

TEST(SniffJson, OneLineThenACutLineIsJsonLines) {
    EXPECT_EQ(sniff_text("{\"seq\":1,\"host\":\"WS-FIN-042\"}\n{\"seq\":2,\"ho", false).format, Format::jsonl);
}

TEST(SniffJson, OneCompleteLineOfAHeadIsJson) {
    EXPECT_EQ(sniff_text("{\"seq\":1,\"host\":\"WS-FIN-042\"}\n", false).format, Format::json);
}

TEST(SniffJson, BracketedLogLinesAreText) {
    const auto r = sniff_text(
        "[2026-11-22 08:15:02] INFO  service started\n"
        "[2026-11-22 08:15:03] WARN  disk 91% full\n");
    EXPECT_EQ(r.format, Format::text);
}

TEST(SniffJson, BareScalarsAreText) {
    EXPECT_EQ(sniff_text("42\n").format, Format::text);
    EXPECT_EQ(sniff_text("\"WS-FIN-042\"\n").format, Format::text);
}

// [SECTION] CSV -----------------------------------------------------------------------

TEST(SniffCsv, CommaWithQuotedCommas) {
    const auto r = sniff_text(kTasklistCsvHead);
    EXPECT_EQ(r.format, Format::csv);
    EXPECT_EQ(r.delimiter, ',');
    EXPECT_EQ(r.line_endings, LineEndings::crlf);
    EXPECT_EQ(r.detail, "9 columns, 2 rows checked; 7-bit text");
}

TEST(SniffCsv, Semicolon) {
    const auto r = sniff_text(kExcelSemicolon);
    EXPECT_EQ(r.format, Format::csv);
    EXPECT_EQ(r.delimiter, ';');
    EXPECT_EQ(r.encoding, Encoding::single_byte);
}

TEST(SniffCsv, Tab) {
    const auto r = sniff_text(kProxyTsv);
    EXPECT_EQ(r.format, Format::csv);
    EXPECT_EQ(r.delimiter, '\t');
}

TEST(SniffCsv, Pipe) {
    const auto r = sniff_text(kDlpPipe);
    EXPECT_EQ(r.format, Format::csv);
    EXPECT_EQ(r.delimiter, '|');
}

TEST(SniffCsv, QuotedNewlinesAndDoubledQuotes) {
    const auto r = sniff_text(kSiemCsv);
    EXPECT_EQ(r.format, Format::csv);
    EXPECT_EQ(r.delimiter, ',');
    EXPECT_EQ(r.detail, "4 columns, 2 rows checked; 7-bit text");
}

TEST(SniffCsv, WmicUnquotedCommasInTheLastColumn) {
    const auto r = sniff_text(kWmicCaptionCsv);
    EXPECT_EQ(r.format, Format::csv);
    EXPECT_EQ(r.delimiter, ',');
    EXPECT_EQ(r.detail, "3 columns, 5 rows checked; 7-bit text");
}

TEST(SniffCsv, Utf16LeWithBom) {
    const auto r = sniff_text(utf16le(u"\"Image Name\",\"PID\"\r\n\"lsass.exe\",\"728\"\r\n\"svchost.exe\",\"852\"\r\n", true));
    EXPECT_EQ(r.format, Format::csv);
    EXPECT_EQ(r.encoding, Encoding::utf16le);
    EXPECT_TRUE(r.bom);
}

TEST(SniffCsv, PicksTheDelimiterWithMoreColumns) {
    const auto r = sniff_text("a,b;c;d\n1,2;3;4\n5,6;7;8\n");
    EXPECT_EQ(r.format, Format::csv);
    EXPECT_EQ(r.delimiter, ';');
}

TEST(SniffCsv, ProseWithCommasIsText) {
    const auto r = sniff_text(kAnalystNotes);
    EXPECT_EQ(r.format, Format::text);
    EXPECT_EQ(r.delimiter, 0);
}

TEST(SniffCsv, FixedWidthTableWithCommasInsideIsText) {
    EXPECT_EQ(sniff_text("Image Name    PID  Mem Usage\r\nlsass.exe     728   21,488 K\r\nsvchost.exe   852   28,760 K\r\n").format,
              Format::text);
}

TEST(SniffCsv, HeaderAloneIsText) { EXPECT_EQ(sniff_text("host,ip,port\n").format, Format::text); }

TEST(SniffCsv, NarrowerRowIsText) { EXPECT_EQ(sniff_text("a,b,c\n1,2,3\n4,5\n").format, Format::text); }

TEST(SniffCsv, ManyWiderRowsAreText) {
    EXPECT_EQ(sniff_text("a,b\n1,2,3\n4,5,6\n7,8\n").format, Format::text);
}

TEST(SniffCsv, HeaderWithSeveralEmptyNamesIsText) {
    EXPECT_EQ(sniff_text(",,x\n1,2,3\n4,5,6\n").format, Format::text);
}

TEST(SniffCsv, OverlongHeaderNameIsText) {
    const std::string csv = "id," + std::string(129, 'n') + "\n1,2\n3,4\n";
    EXPECT_EQ(sniff_text(csv).format, Format::text);
    const std::string ok = "id," + std::string(128, 'n') + "\n1,2\n3,4\n";
    EXPECT_EQ(sniff_text(ok).format, Format::csv);
}

TEST(SniffCsv, UnterminatedQuote) {
    constexpr std::string_view kCut = "Name,Value\r\nA,1\r\nB,2\r\nC,\"open quote";
    EXPECT_EQ(sniff_text(kCut, true).format, Format::text);  // a whole file: broken
    EXPECT_EQ(sniff_text(kCut, false).format, Format::csv);  // a head: the cut record is left out
}

// [SECTION] Text and whitespace ---------------------------------------------------------

TEST(Sniff, CommandOutputIsText) {
    const auto r = sniff_text(kNetstat);
    EXPECT_EQ(r.format, Format::text);
    EXPECT_EQ(r.encoding, Encoding::ascii);
    EXPECT_EQ(r.detail, "7-bit text");
}

TEST(Sniff, OnlyWhitespaceIsText) {
    const auto r = sniff_text(" \r\n\t\r\n");
    EXPECT_EQ(r.format, Format::text);
    EXPECT_EQ(r.detail, "only whitespace; 7-bit text");
}

// [SECTION] Names and labels -----------------------------------------------------------

SniffResult result(Format format, Encoding encoding = Encoding::none, bool bom = false, char delimiter = 0) {
    SniffResult r;
    r.format = format;
    r.encoding = encoding;
    r.bom = bom;
    r.delimiter = delimiter;
    return r;
}

TEST(SniffLabels, FormatNames) {
    using trinity::artifact::to_string;
    EXPECT_EQ(to_string(Format::empty), "empty");
    EXPECT_EQ(to_string(Format::evtx), "evtx");
    EXPECT_EQ(to_string(Format::json), "json");
    EXPECT_EQ(to_string(Format::jsonl), "jsonl");
    EXPECT_EQ(to_string(Format::csv), "csv");
    EXPECT_EQ(to_string(Format::reg), "reg");
    EXPECT_EQ(to_string(Format::text), "text");
    EXPECT_EQ(to_string(Format::registry_hive), "registry-hive");
    EXPECT_EQ(to_string(Format::pe), "pe");
    EXPECT_EQ(to_string(Format::elf), "elf");
    EXPECT_EQ(to_string(Format::zip), "zip");
    EXPECT_EQ(to_string(Format::gzip), "gzip");
    EXPECT_EQ(to_string(Format::sqlite), "sqlite");
    EXPECT_EQ(to_string(Format::pcap), "pcap");
    EXPECT_EQ(to_string(Format::pcapng), "pcapng");
    EXPECT_EQ(to_string(Format::prefetch), "prefetch");
    EXPECT_EQ(to_string(Format::binary), "binary");
}

TEST(SniffLabels, LineEndingNames) {
    using trinity::artifact::to_string;
    EXPECT_EQ(to_string(LineEndings::none), "none");
    EXPECT_EQ(to_string(LineEndings::lf), "lf");
    EXPECT_EQ(to_string(LineEndings::crlf), "crlf");
    EXPECT_EQ(to_string(LineEndings::cr), "cr");
    EXPECT_EQ(to_string(LineEndings::mixed), "mixed");
}

TEST(SniffLabels, FormatLabels) {
    using trinity::artifact::format_label;
    EXPECT_EQ(format_label(result(Format::evtx)), "EVTX");
    EXPECT_EQ(format_label(result(Format::json)), "JSON");
    EXPECT_EQ(format_label(result(Format::jsonl)), "JSON lines");
    EXPECT_EQ(format_label(result(Format::csv, Encoding::ascii, false, ',')), "CSV (,)");
    EXPECT_EQ(format_label(result(Format::csv, Encoding::ascii, false, ';')), "CSV (;)");
    EXPECT_EQ(format_label(result(Format::csv, Encoding::ascii, false, '\t')), "CSV (tab)");
    EXPECT_EQ(format_label(result(Format::csv, Encoding::ascii, false, '|')), "CSV (|)");
    EXPECT_EQ(format_label(result(Format::reg)), "Registry export (.reg)");
    EXPECT_EQ(format_label(result(Format::text)), "Text");
    EXPECT_EQ(format_label(result(Format::empty)), "Empty");
    EXPECT_EQ(format_label(result(Format::registry_hive)), "Registry hive");
    EXPECT_EQ(format_label(result(Format::pe)), "PE executable");
    EXPECT_EQ(format_label(result(Format::elf)), "ELF executable");
    EXPECT_EQ(format_label(result(Format::zip)), "ZIP archive");
    EXPECT_EQ(format_label(result(Format::gzip)), "gzip");
    EXPECT_EQ(format_label(result(Format::sqlite)), "SQLite database");
    EXPECT_EQ(format_label(result(Format::pcap)), "pcap");
    EXPECT_EQ(format_label(result(Format::pcapng)), "pcapng");
    EXPECT_EQ(format_label(result(Format::prefetch)), "Prefetch");
    EXPECT_EQ(format_label(result(Format::binary)), "Binary");
}

TEST(SniffLabels, DescribeAddsEncodingAndBom) {
    using trinity::artifact::describe;
    EXPECT_EQ(describe(result(Format::text, Encoding::utf16le, true)), "Text, UTF-16LE (BOM)");
    EXPECT_EQ(describe(result(Format::text, Encoding::utf16le, false)), "Text, UTF-16LE");
    EXPECT_EQ(describe(result(Format::text, Encoding::utf16be, true)), "Text, UTF-16BE (BOM)");
    EXPECT_EQ(describe(result(Format::text, Encoding::utf8, true)), "Text, UTF-8 (BOM)");
    EXPECT_EQ(describe(result(Format::text, Encoding::ascii)), "Text");
    EXPECT_EQ(describe(result(Format::csv, Encoding::single_byte, false, ';')), "CSV (;), Windows-1252");
    EXPECT_EQ(describe(result(Format::reg, Encoding::utf16le, true)), "Registry export (.reg), UTF-16LE (BOM)");
    EXPECT_EQ(describe(result(Format::evtx)), "EVTX");
}

TEST(SniffLabels, DescribeOfSniffedBytes) {
    using trinity::artifact::describe;
    EXPECT_EQ(describe(sniff_text(utf16le(u"\r\nImage Name     PID\r\n", true))), "Text, UTF-16LE (BOM)");
    EXPECT_EQ(describe(sniff_text(kExcelSemicolon)), "CSV (;), Windows-1252");
    EXPECT_EQ(describe(sniff_text(kProxyTsv)), "CSV (tab)");
    EXPECT_EQ(describe(sniff_text(kEdrJsonl)), "JSON lines");
}

// [SECTION] Sniffing a ByteSource --------------------------------------------------------

// A large source whose bytes are made on demand: the head of a pretty JSON
// array, then records without end. Records the reads it serves.
class CountingSource final : public trinity::io::ByteSource {
public:
    static constexpr std::string_view kPreamble = "{\n  \"records\": [\n";
    static constexpr std::string_view kRecord = "    {\"pid\": 852, \"name\": \"svchost.exe\", \"user\": \"SYSTEM\"},\n";

    explicit CountingSource(std::uint64_t size) : size_(size) {}

    std::uint64_t size() const override { return size_; }
    const std::string& name() const override { return name_; }
    trinity::Result<std::size_t> read_at(std::uint64_t offset, std::span<std::byte> out) override {
        ++reads;
        if (offset > size_) return trinity::fail(trinity::ErrorKind::io, "read past the end");
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(out.size(), size_ - offset));
        for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::byte>(at(offset + i));
        bytes_read += n;
        max_end = std::max(max_end, offset + n);
        return n;
    }

    int reads = 0;
    std::uint64_t bytes_read = 0;
    std::uint64_t max_end = 0;  // one past the furthest byte handed out

private:
    static char at(std::uint64_t i) {
        if (i < kPreamble.size()) return kPreamble[i];
        return kRecord[(i - kPreamble.size()) % kRecord.size()];
    }

    std::uint64_t size_;
    std::string name_ = "records.json";
};

TEST(SniffSource, ReadsOnlyTheHeadOfABigSource) {
    CountingSource src(std::uint64_t{2} << 30);  // 2 GiB
    const auto r = sniff(src);
    ASSERT_TRUE(r.ok()) << r.error().describe();
    EXPECT_EQ(src.max_end, kSniffHeadBytes);
    EXPECT_EQ(src.bytes_read, kSniffHeadBytes);
    // A head, not the whole file: the cut record does not make it malformed.
    EXPECT_EQ(r->format, Format::json);
    EXPECT_EQ(r->detail, "JSON document (the head is a valid prefix); 7-bit text");
}

TEST(SniffSource, ASourceOfExactlyTheHeadSizeIsComplete) {
    CountingSource src(kSniffHeadBytes);
    const auto r = sniff(src);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(src.max_end, kSniffHeadBytes);
    // Whole, the unclosed array is malformed.
    EXPECT_EQ(r->format, Format::text);
}

TEST(SniffSource, SmallSourceIsReadWhole) {
    trinity::io::SpanByteSource src(as_bytes(kRegedit4), "services.reg");
    const auto r = sniff(src);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->format, Format::reg);
}

TEST(SniffSource, EmptySource) {
    trinity::io::SpanByteSource src(std::span<const std::byte>{}, "empty.txt");
    const auto r = sniff(src);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->format, Format::empty);
}

class FailingSource final : public trinity::io::ByteSource {
public:
    std::uint64_t size() const override { return 4096; }
    const std::string& name() const override { return name_; }
    trinity::Result<std::size_t> read_at(std::uint64_t offset, std::span<std::byte>) override {
        return trinity::fail(trinity::ErrorKind::io, "input/output error", trinity::Location::at_offset(name_, offset));
    }

private:
    std::string name_ = "bad-sector.evtx";
};

TEST(SniffSource, ReadErrorIsReturned) {
    FailingSource src;
    const auto r = sniff(src);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, trinity::ErrorKind::io);
    EXPECT_EQ(r.error().describe(), "bad-sector.evtx@0: input/output error");
}

}  // namespace

// A log whose lines start with a bracketed timestamp is text, and the detail
// does not call it broken JSON.
TEST(SniffJson, BracketedLogLinesAreNotCalledMalformedJson) {
    constexpr std::string_view kLog =
        "[2026-11-20 09:14:03] sshd[42]: Accepted publickey for analyst from 192.0.2.10\n"
        "[2026-11-20 09:14:09] sudo: analyst : TTY=pts/0 ; COMMAND=/usr/bin/id\n";
    const auto r = trinity::artifact::sniff(trinity::io::as_bytes(kLog), true);
    EXPECT_EQ(r.format, trinity::artifact::Format::text);
    EXPECT_EQ(r.detail.find("malformed"), std::string::npos) << r.detail;
}

// A broken JSON document still says where it breaks.
TEST(SniffJson, BrokenDocumentSaysWhere) {
    constexpr std::string_view kBroken = "{\n  \"host\": \"ws-fin-042\",\n  \"pid\": 61x0\n}\n";
    const auto r = trinity::artifact::sniff(trinity::io::as_bytes(kBroken), true);
    EXPECT_EQ(r.format, trinity::artifact::Format::text);
    EXPECT_NE(r.detail.find("malformed at line 3"), std::string::npos) << r.detail;
}
