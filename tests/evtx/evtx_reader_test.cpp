// EvtxReader on hostile input (no corpus needed) and on real files.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "test_files.h"
#include "trinity/evtx/evtx.h"
#include "trinity/io/byte_source.h"

namespace {

namespace fs = std::filesystem;
using trinity::evtx::EvtxReader;

std::vector<std::byte> file_header(std::uint16_t chunks) {
    std::vector<std::byte> b(trinity::evtx::kFileHeaderSize);
    std::memcpy(b.data(), "ElfFile", 8);
    const std::uint16_t minor = 1, major = 3, block = 4096;
    const std::uint32_t header_size = 128;
    std::memcpy(b.data() + 32, &header_size, 4);
    std::memcpy(b.data() + 36, &minor, 2);
    std::memcpy(b.data() + 38, &major, 2);
    std::memcpy(b.data() + 40, &block, 2);
    std::memcpy(b.data() + 42, &chunks, 2);
    const std::uint32_t crc = trinity::evtx::crc32(std::span(b).first(120));
    std::memcpy(b.data() + 124, &crc, 4);
    return b;
}

TEST(EvtxReader, NotAnEvtxFileIsAnErrorWithLocation) {
    const std::string text = "Image Name   PID\n";
    trinity::io::SpanByteSource src(trinity::io::as_bytes(text), "tasklist.txt");
    EvtxReader reader(src);
    auto h = reader.open();
    ASSERT_FALSE(h.ok());
    EXPECT_EQ(h.error().describe(), "tasklist.txt@0: not an EVTX file (no \"ElfFile\" signature)");
}

TEST(EvtxReader, HeaderOnlyHasNoRecords) {
    auto bytes = file_header(0);
    trinity::io::SpanByteSource src(bytes);
    EvtxReader reader(src);
    ASSERT_TRUE(reader.open().ok());
    auto stats = reader.read([](const auto&) { return true; });
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->records, 0u);
    EXPECT_TRUE(reader.warnings().empty());
}

TEST(EvtxReader, HeaderChecksumMismatchIsAWarning) {
    auto bytes = file_header(0);
    bytes[124] ^= std::byte{0xff};
    trinity::io::SpanByteSource src(bytes);
    EvtxReader reader(src);
    auto h = reader.open();
    ASSERT_TRUE(h.ok());
    EXPECT_FALSE(h->checksum_ok);
    ASSERT_EQ(reader.warnings().size(), 1u);
}

TEST(EvtxReader, GarbageChunkIsSkippedWithAWarning) {
    auto bytes = file_header(1);
    bytes.resize(bytes.size() + trinity::evtx::kChunkSize, std::byte{0x41});
    trinity::io::SpanByteSource src(bytes);
    EvtxReader reader(src);
    ASSERT_TRUE(reader.open().ok());
    auto stats = reader.read([](const auto&) { return true; });
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->skipped_chunks, 1u);
    ASSERT_FALSE(reader.warnings().empty());
    EXPECT_NE(reader.warnings()[0].message.find("bad signature"), std::string::npos);
}

TEST(EvtxReader, ChunkOfJunkAfterAValidSignatureDoesNotCrash) {
    auto bytes = file_header(1);
    std::vector<std::byte> chunk(trinity::evtx::kChunkSize);
    for (std::size_t i = 0; i < chunk.size(); ++i) chunk[i] = static_cast<std::byte>((i * 2654435761u) >> 13);
    std::memcpy(chunk.data(), "ElfChnk", 8);
    const std::uint32_t free_space = 65536, magic = 0x2a2a;
    std::memcpy(chunk.data() + 48, &free_space, 4);
    std::memcpy(chunk.data() + 512, &magic, 4);
    bytes.insert(bytes.end(), chunk.begin(), chunk.end());
    trinity::io::SpanByteSource src(bytes);
    EvtxReader reader(src);
    ASSERT_TRUE(reader.open().ok());
    EXPECT_TRUE(reader.read([](const auto&) { return true; }).ok());
    EXPECT_FALSE(reader.warnings().empty());
}

// Real files from the shared corpus.
#define REQUIRE_CORPUS(root)                                                       \
    const auto corpus = trinity::test::corpus_dir();                               \
    if (!corpus) GTEST_SKIP() << "shared corpus not found at " TRINITY_CORPUS_DIR; \
    const fs::path root = *corpus

TEST(EvtxReaderCorpus, SysmonFileRecordsAndFields) {
    REQUIRE_CORPUS(root);
    auto bytes = trinity::test::read_bytes(root / "evtx/evtx-rs-samples/sysmon.evtx");
    trinity::io::SpanByteSource src(bytes, "sysmon.evtx");
    EvtxReader reader(src);
    ASSERT_TRUE(reader.open().ok());
    std::size_t live = 0, with_image = 0;
    auto stats = reader.read([&](const trinity::evtx::Record& r) {
        if (r.recovered) return true;
        ++live;
        const auto* data = r.child(*r.root(), "EventData");
        if (data && render_json(r, false).find("\"Image\":") != std::string::npos) ++with_image;
        return true;
    });
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(live, 358u);  // what evtxexport reads too
    EXPECT_GT(with_image, 100u);
}

// The regression data's .json files are evtx_dump's rendering of the .evtx
// beside them: compare the EventData and the System ids field by field.
TEST(EvtxReaderCorpus, RegressionSamplesMatchTheirJson) {
    REQUIRE_CORPUS(root);
    std::size_t files = 0;
    for (const auto& path : trinity::test::files_under(root / "sigma/regression_data")) {
        if (path.extension() != ".evtx") continue;
        const fs::path json_path = fs::path(path).replace_extension(".json");
        if (!fs::exists(json_path)) continue;
        ++files;
        auto bytes = trinity::test::read_bytes(path);
        trinity::io::SpanByteSource src(bytes, path.string());
        EvtxReader reader(src);
        ASSERT_TRUE(reader.open().ok()) << path;
        std::vector<std::string> ours;
        ASSERT_TRUE(reader.read([&](const trinity::evtx::Record& r) {
            if (!r.recovered) {
                const auto* sys = r.child(*r.root(), "System");
                ours.push_back(sys ? r.text(*r.child(*sys, "EventRecordID")) : "");
            }
            return true;
        }).ok());
        const std::string expected = trinity::test::read_text(json_path);
        for (const auto& id : ours) {
            EXPECT_NE(expected.find("\"EventRecordID\": " + id), std::string::npos) << path << " record " << id;
        }
        EXPECT_FALSE(ours.empty()) << path;
    }
    EXPECT_GE(files, 100u);
}

}  // namespace

namespace {

// Found by evtx_fuzz: a "uint32" substitution of 2 bytes renders as hex, and
// JSON rendering once parsed that text as a decimal number and threw.
TEST(EvtxRender, NumberOfTheWrongSizeIsAStringNotACrash) {
    static constexpr std::byte kTwoBytes[] = {std::byte{0x34}, std::byte{0x12}};
    trinity::evtx::Record r;
    r.elements.push_back(trinity::evtx::XmlElement{"Event"});
    r.elements.push_back(trinity::evtx::XmlElement{"ProcessId"});
    r.elements[0].first_child = r.elements[0].last_child = 1;
    r.pieces.push_back(trinity::evtx::XmlPiece{
        trinity::evtx::Value{static_cast<std::uint8_t>(trinity::evtx::ValueType::uint32), kTwoBytes}});
    r.elements[1].first_piece = r.elements[1].last_piece = 0;
    EXPECT_EQ(trinity::evtx::render_json(r, false), R"({"Event":{"ProcessId":"3412"}})");
    EXPECT_EQ(trinity::evtx::render_xml(r), "<Event>\n  <ProcessId>3412</ProcessId>\n</Event>\n");
}

}  // namespace

namespace {

// Parallel reading gives the same records, in the same order, with the same
// warnings, as reading chunk after chunk.
TEST(EvtxReaderCorpus, ParallelReadMatchesSequential) {
    const auto corpus = trinity::test::corpus_dir();
    if (!corpus) GTEST_SKIP() << "shared corpus not found at " TRINITY_CORPUS_DIR;
    for (const char* name : {"evtx/evtx-rs-samples/security.evtx", "evtx/evtx-rs-samples/sample_with_a_bad_chunk_magic.evtx",
                             "evtx/python-evtx-tests/issue_43.evtx"}) {
        auto bytes = trinity::test::read_bytes(*corpus / name);
        auto collect = [&](bool parallel, std::size_t& warnings) {
            trinity::io::SpanByteSource src(bytes, name);
            EvtxReader reader(src);
            EXPECT_TRUE(reader.open().ok());
            std::vector<std::string> out;
            auto render = [](const trinity::evtx::Record& r, std::string& text) { text += render_json(r, false); };
            if (parallel) {
                EXPECT_TRUE(reader.read_parallel(render, [&](const trinity::evtx::Record& r, std::string_view text) {
                    out.push_back(std::to_string(r.offset) + (r.recovered ? "r" : "") + std::string(text));
                    return true;
                }, 3).ok());
            } else {
                EXPECT_TRUE(reader.read([&](const trinity::evtx::Record& r) {
                    out.push_back(std::to_string(r.offset) + (r.recovered ? "r" : "") + render_json(r, false));
                    return true;
                }).ok());
            }
            warnings = reader.warnings().size();
            return out;
        };
        std::size_t w_seq = 0, w_par = 0;
        const auto seq = collect(false, w_seq);
        const auto par = collect(true, w_par);
        EXPECT_EQ(seq, par) << name;
        EXPECT_EQ(w_seq, w_par) << name;
        EXPECT_GT(seq.size(), 100u) << name;
    }
}

// A callback that stops early stops the workers too.
TEST(EvtxReaderCorpus, ParallelReadStopsEarly) {
    const auto corpus = trinity::test::corpus_dir();
    if (!corpus) GTEST_SKIP() << "shared corpus not found at " TRINITY_CORPUS_DIR;
    auto bytes = trinity::test::read_bytes(*corpus / "evtx/evtx-rs-samples/security.evtx");
    trinity::io::SpanByteSource src(bytes);
    EvtxReader reader(src);
    ASSERT_TRUE(reader.open().ok());
    std::size_t seen = 0;
    ASSERT_TRUE(reader.read_parallel([](const auto&, std::string&) {},
                                     [&](const auto&, std::string_view) { return ++seen < 10; }, 2).ok());
    EXPECT_EQ(seen, 10u);
}

}  // namespace

namespace {

// Records forwarded by WEC can hold elements written directly, without a
// template, whose element starts lack the dependency id. Read once as
// garbage names; evtxexport refuses the whole file.
TEST(EvtxReaderCorpus, ElementsWithoutDependencyId) {
    const auto corpus = trinity::test::corpus_dir();
    if (!corpus) GTEST_SKIP() << "shared corpus not found at " TRINITY_CORPUS_DIR;
    auto bytes = trinity::test::read_bytes(*corpus / "evtx/evtx-rs-samples/issue_201.evtx");
    trinity::io::SpanByteSource src(bytes, "issue_201.evtx");
    EvtxReader reader(src);
    ASSERT_TRUE(reader.open().ok());
    std::vector<std::string> xml;
    ASSERT_TRUE(reader.read([&](const trinity::evtx::Record& r) {
        if (!r.recovered) xml.push_back(render_xml(r));
        return true;
    }).ok());
    ASSERT_EQ(xml.size(), 1u);
    EXPECT_NE(xml[0].find("<Provider Name=\"MSExchange CmdletLogs\"/>"), std::string::npos) << xml[0];
    EXPECT_NE(xml[0].find("<EventID Qualifiers=\"16384\">1</EventID>"), std::string::npos);
    EXPECT_NE(xml[0].find("<Data>Set-Mailbox</Data>"), std::string::npos);
}

}  // namespace
