// Indicators from what JSON and .reg values mean, not how they are escaped.
#include <gtest/gtest.h>

#include "trinity/ioc/collect.h"

namespace trinity::ioc {
namespace {

std::string unescaped(std::string_view line, TextSyntax syntax) {
    std::string out;
    unescape_line(line, syntax, out);
    return out;
}

TEST(Unescape, JsonStringEscapes) {
    EXPECT_EQ(unescaped(R"({"Image":"C:\\Windows\\System32\\cmd.exe","url":"http:\/\/evil.example.com\/a"})", TextSyntax::json),
              R"({"Image":"C:\Windows\System32\cmd.exe","url":"http://evil.example.com/a"})");
    EXPECT_EQ(unescaped(R"("a\"b\tc\nd")", TextSyntax::json), R"("a"b c d")");
    EXPECT_EQ(unescaped(R"("caf\u00e9 \ud83d\ude00 \u0041")", TextSyntax::json), "\"caf\xC3\xA9 \xF0\x9F\x98\x80 A\"");
    EXPECT_EQ(unescaped(R"("lone \ud800 and bad \u12")", TextSyntax::json), "\"lone \xEF\xBF\xBD and bad \\u12\"");
    EXPECT_EQ(unescaped("ends with \\", TextSyntax::json), "ends with \\");
}

TEST(Unescape, RegValuesDecodeOnlyBackslashAndQuote) {
    EXPECT_EQ(unescaped(R"("OneDrive"="\"C:\\Users\\jdoe\\OneDrive.exe\" /background")", TextSyntax::reg),
              R"("OneDrive"=""C:\Users\jdoe\OneDrive.exe" /background")");
    EXPECT_EQ(unescaped(R"(\n stays)", TextSyntax::reg), R"(\n stays)");
}

TEST(Unescape, SyntaxFollowsTheSniffedFormat) {
    EXPECT_EQ(syntax_for_format("json"), TextSyntax::json);
    EXPECT_EQ(syntax_for_format("jsonl"), TextSyntax::json);
    EXPECT_EQ(syntax_for_format("reg"), TextSyntax::reg);
    EXPECT_EQ(syntax_for_format("csv"), TextSyntax::plain);
    EXPECT_EQ(syntax_for_format("text"), TextSyntax::plain);
}

TEST(Unescape, CollectorFindsTheValueAJsonLineMeans) {
    const std::string jsonl =
        R"({"process":"C:\\Users\\jdoe\\AppData\\Roaming\\winupd\\svchost.exe","key":"HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"})"
        "\n";
    io::SpanByteSource source(io::as_bytes(jsonl), "edr.jsonl");
    Collector collector;
    ASSERT_TRUE(collector.add_text_source(source, {"edr.jsonl", ""}, TextSyntax::json));
    EXPECT_NE(collector.set().find({IndicatorType::windows_path, R"(C:\Users\jdoe\AppData\Roaming\winupd\svchost.exe)"}), nullptr);
    EXPECT_NE(collector.set().find({IndicatorType::registry_key, R"(HKCU\Software\Microsoft\Windows\CurrentVersion\Run)"}), nullptr);
    for (const auto& e : collector.set().entries())
        EXPECT_EQ(e.indicator.value.find("\\\\"), std::string::npos) << e.indicator.value;
}

TEST(Unescape, RegistryKeyLineLosesItsBrackets) {
    const std::string reg = "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run]\r\n";
    io::SpanByteSource source(io::as_bytes(reg), "run.reg");
    Collector collector;
    ASSERT_TRUE(collector.add_text_source(source, {"run.reg", ""}, TextSyntax::reg));
    EXPECT_NE(collector.set().find({IndicatorType::registry_key, R"(HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Run)"}),
              nullptr);
}

}  // namespace
}  // namespace trinity::ioc
