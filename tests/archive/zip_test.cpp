#include "trinity/archive/zip.h"

#include <gtest/gtest.h>

#include "archive/zip_builder.h"

namespace trinity::archive {
namespace {

using test::build_zip;
using test::ZipMember;

struct Opened {
    std::string bytes;
    io::SpanByteSource source;
    explicit Opened(std::string b) : bytes(std::move(b)), source(io::as_bytes(bytes), "pack.zip") {}
};

TEST(Zip, ListsAndReadsStoredAndDeflatedMembers) {
    const std::string big(100000, 'a');
    Opened z(build_zip({{"rules/a.yml", "title: a\n", false}, {"rules/b.yml", big, true}, {"rules/", "", false}}));
    auto zip = ZipReader::open(z.source);
    ASSERT_TRUE(zip) << zip.error().describe();
    ASSERT_EQ(zip->entries().size(), 3u);
    EXPECT_EQ(zip->entries()[0].name, "rules/a.yml");
    EXPECT_EQ(zip->entries()[0].method, 0);
    EXPECT_EQ(zip->entries()[1].method, 8);
    EXPECT_LT(zip->entries()[1].compressed_size, 1000u);
    EXPECT_TRUE(zip->entries()[2].directory);
    auto a = zip->read(zip->entries()[0]);
    ASSERT_TRUE(a);
    EXPECT_EQ(*a, "title: a\n");
    auto b = zip->read(zip->entries()[1]);
    ASSERT_TRUE(b);
    EXPECT_EQ(*b, big);
}

TEST(Zip, ReadsZip64SizesAndOffsets) {
    Opened z(build_zip({{"x.yml", "zip64 member", true, false, 0, 0, true}}));
    auto zip = ZipReader::open(z.source);
    ASSERT_TRUE(zip) << zip.error().describe();
    auto x = zip->read(zip->entries()[0]);
    ASSERT_TRUE(x) << x.error().describe();
    EXPECT_EQ(*x, "zip64 member");
}

TEST(Zip, RejectsABadChecksumWithTheMemberName) {
    Opened z(build_zip({{"evil.yml", "payload", true, false, 1}}));
    auto zip = ZipReader::open(z.source);
    ASSERT_TRUE(zip);
    auto x = zip->read(zip->entries()[0]);
    ASSERT_FALSE(x);
    EXPECT_NE(x.error().message.find("evil.yml: CRC-32 mismatch"), std::string::npos) << x.error().message;
}

TEST(Zip, AMemberThatInflatesBeyondItsStatedSizeStops) {
    // A bomb in miniature: 1 MB of zeros that claims to be 10 bytes.
    Opened z(build_zip({{"bomb.yml", std::string(1 << 20, '\0'), true, false, 0, -((1 << 20) - 10)}}));
    auto zip = ZipReader::open(z.source);
    ASSERT_TRUE(zip);
    auto x = zip->read(zip->entries()[0]);
    ASSERT_FALSE(x);
    EXPECT_NE(x.error().message.find("more than its stated size"), std::string::npos) << x.error().message;
}

TEST(Zip, MembersOverTheLimitAreRefusedBeforeInflating) {
    Opened z(build_zip({{"huge.yml", std::string(4096, 'x'), true}}));
    ZipLimits limits;
    limits.max_member_size = 1024;
    auto zip = ZipReader::open(z.source, limits);
    ASSERT_TRUE(zip);
    auto x = zip->read(zip->entries()[0]);
    ASSERT_FALSE(x);
    EXPECT_EQ(x.error().kind, ErrorKind::limit);
}

TEST(Zip, EncryptedMembersAreListedButNotRead) {
    Opened z(build_zip({{"secret.yml", "x", false, true}}));
    auto zip = ZipReader::open(z.source);
    ASSERT_TRUE(zip);
    EXPECT_TRUE(zip->entries()[0].encrypted);
    auto x = zip->read(zip->entries()[0]);
    ASSERT_FALSE(x);
    EXPECT_EQ(x.error().kind, ErrorKind::unsupported);
}

TEST(Zip, NotAZipAndTruncatedArchivesAreErrorsWithOffsets) {
    Opened text(std::string("title: not a zip\n"));
    EXPECT_FALSE(ZipReader::open(text.source));
    std::string bytes = build_zip({{"a.yml", "title: a\n", true}, {"b.yml", "title: b\n", true}});
    // Cut the middle out of the directory: the end record now points past it.
    const std::size_t dir = bytes.find("PK\x01\x02");
    ASSERT_NE(dir, std::string::npos);
    bytes.erase(dir + 10, 20);
    Opened cut(bytes);
    auto zip = ZipReader::open(cut.source);
    ASSERT_FALSE(zip);
    EXPECT_TRUE(zip.error().location.offset.has_value());
}

}  // namespace
}  // namespace trinity::archive
