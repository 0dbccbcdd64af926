// Differential test against Debian's evtxexport (libevtx-utils) over every
// EVTX file of the shared corpus. For each file Trinity must read every live
// record evtxexport reads (extra records only where Trinity also warned, as
// evtxexport drops records with a bad trailing size and gives up on a file at
// its first unreadable record), and for every record both read: the same
// EventID, Computer, Channel, TimeCreated and EventData name/value pairs.
#include <gtest/gtest.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

#include "test_files.h"
#include "trinity/evtx/evtx.h"
#include "trinity/io/byte_source.h"

namespace {

namespace fs = std::filesystem;
constexpr const char* kEvtxexport = "/usr/bin/evtxexport";

struct Fields {
    std::map<std::string, std::string> values;  // "EventID", "Computer", "Data:Image", ...
};

std::string unescape(std::string s) {
    static const std::pair<const char*, const char*> kEntities[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
    for (const auto& [from, to] : kEntities) {
        for (auto p = s.find(from); p != std::string::npos; p = s.find(from, p + 1)) s.replace(p, std::strlen(from), to);
    }
    return s;
}

// Differences of form, not of value: evtxexport prints fractions of a second
// beyond 100 ns (always zeros) and zero-pads hex integers ("0x00001000"),
// where Windows and Sigma rules write "0x1000".
std::string normalise(std::string s) {
    // "....0920519 00Z" -> "....0920519Z": keep 7 fraction digits.
    if (s.size() > 2 && s.back() == 'Z') {
        const auto dot = s.rfind('.');
        if (dot != std::string::npos && s.size() - dot - 2 > 7 &&
            s.find_first_not_of("0123456789", dot + 1) == s.size() - 1) {
            s = s.substr(0, dot + 8) + "Z";
        }
    }
    if (s.size() > 2 && s[0] == '0' && s[1] == 'x' && s.find_first_not_of("0123456789abcdefABCDEF", 2) == std::string::npos) {
        std::size_t first = s.find_first_not_of('0', 2);
        std::string digits = first == std::string::npos ? "0" : s.substr(first);
        for (auto& c : digits) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        s = "0x" + digits;
    }
    return s;
}

// The text between `open` and the next `close` at or after `from`, or nothing.
std::optional<std::string> between(const std::string& text, const std::string& open, const std::string& close,
                                   std::size_t& from) {
    const auto a = text.find(open, from);
    if (a == std::string::npos) return std::nullopt;
    const auto b = text.find(close, a + open.size());
    if (b == std::string::npos) return std::nullopt;
    from = b + close.size();
    return text.substr(a + open.size(), b - a - open.size());
}

// Runs evtxexport and reads its XML: "id@time#n" -> fields. `ok` is its exit status.
std::map<std::string, Fields> reference(const fs::path& file, bool& ok) {
    std::map<std::string, Fields> out;
    std::map<std::uint64_t, int> seen;
    const std::string cmd = std::string(kEvtxexport) + " -f xml '" + file.string() + "' 2>/dev/null";
    FILE* pipe = popen(cmd.c_str(), "r");
    if (!pipe) return out;
    std::string text;
    char buf[65536];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) text.append(buf, n);
    ok = pclose(pipe) == 0;

    for (std::size_t pos = text.find("<Event "); pos != std::string::npos; pos = text.find("<Event ", pos + 1)) {
        const auto end = text.find("</Event>", pos);
        if (end == std::string::npos) break;
        const std::string event = text.substr(pos, end - pos);
        std::size_t at = 0;
        const auto id_text = between(event, "<EventRecordID>", "</EventRecordID>", at);
        if (!id_text) continue;
        Fields f;
        // System fields from <System> only: UserData may hold its own <EventID>.
        at = 0;
        const std::string system = between(event, "<System>", "</System>", at).value_or("");
        for (const char* name : {"EventID", "Computer", "Channel"}) {
            // Built by appending: GCC 12 misreports "<" + name (-Wrestrict).
            std::string close = "</";
            close += name;
            close += '>';
            for (const char suffix : {'>', ' '}) {
                std::string open = "<";
                open += name;
                open += suffix;
                std::size_t from = 0;
                if (auto v = between(system, open, close, from)) {
                    const auto gt = suffix == ' ' ? v->find('>') : std::string::npos;
                    f.values[name] = unescape(gt == std::string::npos ? *v : v->substr(gt + 1));
                    break;
                }
            }
        }
        at = 0;
        if (auto t = between(system, "<TimeCreated SystemTime=\"", "\"", at)) f.values["TimeCreated"] = normalise(*t);
        // <Data Name="X">value</Data>; <Data Name="X"/> holds nothing to compare.
        for (std::size_t from = 0;;) {
            auto name = between(event, "<Data Name=\"", "\"", from);
            if (!name) break;
            if (from < event.size() && event[from] == '>') {
                const auto close = event.find("</Data>", from);
                if (close == std::string::npos) break;
                f.values["Data:" + *name] = normalise(unescape(event.substr(from + 1, close - from - 1)));
                from = close;
            }
        }
        const std::uint64_t id = std::stoull(*id_text);
        out[std::to_string(id) + "@" + f.values["TimeCreated"] + "#" + std::to_string(seen[id]++)] = std::move(f);
    }
    return out;
}

struct Ours {
    std::map<std::string, Fields> records;
    std::size_t warnings = 0;
};

Ours parse(const fs::path& file) {
    Ours out;
    auto bytes = trinity::test::read_bytes(file);
    trinity::io::SpanByteSource source(bytes, file.string());
    trinity::evtx::EvtxReader reader(source);
    if (!reader.open()) return out;
    std::map<std::uint64_t, int> seen;
    auto stats = reader.read([&](const trinity::evtx::Record& r) {
        if (r.recovered || !r.root()) return true;
        Fields f;
        std::uint64_t id = r.record_id;  // the XML's EventRecordID when it has one, as evtxexport prints
        if (const auto* system = r.child(*r.root(), "System")) {
            if (const auto* e = r.child(*system, "EventRecordID")) {
                const std::string text = r.text(*e);
                id = std::strtoull(text.c_str(), nullptr, 10);
            }
            for (const char* name : {"EventID", "Computer", "Channel"}) {
                if (const auto* e = r.child(*system, name)) f.values[name] = r.text(*e);
            }
            if (const auto* t = r.child(*system, "TimeCreated")) f.values["TimeCreated"] = r.attribute_text(*t, "SystemTime");
        }
        if (const auto* data = r.child(*r.root(), "EventData")) {
            for (std::int32_t i = data->first_child; i >= 0; i = r.elements[static_cast<std::size_t>(i)].next_sibling) {
                const auto& e = r.elements[static_cast<std::size_t>(i)];
                const std::string name = r.attribute_text(e, "Name");
                if (e.name == "Data" && !name.empty() && e.first_child < 0) f.values["Data:" + name] = normalise(r.text(e));
            }
        }
        f.values["TimeCreated"] = normalise(f.values["TimeCreated"]);
        out.records[std::to_string(id) + "@" + f.values["TimeCreated"] + "#" + std::to_string(seen[id]++)] =
            std::move(f);
        return true;
    });
    out.warnings = reader.warnings().size();
    return out;
}

// The same value in another form: evtxexport prints hex-typed integers in
// decimal ("2136" for Windows' "0x858"), and formats negative 32-bit
// integers incorrectly (libfwevt 20181227: -297065 for 0x80048769, which
// Windows and Trinity write as -2147186583), so two negatives are taken as
// agreeing. Records pair up by EventRecordID and TimeCreated (and order),
// since files that stitch chunks of several logs repeat record ids.
bool same_value(const std::string& ours, const std::string& ref) {
    if (ours == ref) return true;
    // Both sides met undecodable UTF-16 and replaced it, each its own way.
    constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
    if (ours.find(kReplacement) != std::string::npos && ref.find(kReplacement) != std::string::npos) return true;
    auto as_int = [](const std::string& s, long long& v) {
        if (s.empty()) return false;
        char* end = nullptr;
        errno = 0;
        v = s.rfind("0x", 0) == 0 ? static_cast<long long>(std::strtoull(s.c_str() + 2, &end, 16))
                                  : std::strtoll(s.c_str(), &end, 10);
        return errno == 0 && end && *end == '\0';
    };
    long long a = 0, b = 0;
    if (!as_int(ours, a) || !as_int(ref, b)) return false;
    return a == b || (a < 0 && b < 0);
}

class EvtxDifferential : public testing::Test {
public:
    explicit EvtxDifferential(fs::path file) : file_(std::move(file)) {}

    void TestBody() override {
        bool reference_ok = false;
        const auto ref = reference(file_, reference_ok);
        const auto ours = parse(file_);
        std::size_t extra = 0;
        for (const auto& [id, fields] : ours.records) extra += !ref.count(id);
        for (const auto& [id, want] : ref) {
            auto it = ours.records.find(id);
            if (it == ours.records.end()) {
                ADD_FAILURE() << "record " << id << " read by evtxexport is missing";
                continue;
            }
            for (const auto& [key, value] : want.values) {
                auto got = it->second.values.find(key);
                if (got == it->second.values.end()) {
                    ADD_FAILURE() << "record " << id << ": no " << key << " (evtxexport: " << value << ")";
                } else {
                    EXPECT_TRUE(same_value(got->second, value))
                        << "record " << id << ", " << key << ": Trinity \"" << got->second << "\", evtxexport \""
                        << value << "\"";
                }
            }
        }
        if (reference_ok) {
            EXPECT_LE(extra, ours.warnings) << "records evtxexport did not read, without a warning to explain them";
        }
        RecordProperty("records", static_cast<int>(ours.records.size()));
    }

private:
    fs::path file_;
};

const bool registered = [] {
    const auto corpus = trinity::test::corpus_dir();
    if (!corpus || !fs::exists(kEvtxexport)) return false;
    for (const auto& path : trinity::test::files_under(*corpus / "evtx")) {
        if (path.extension() != ".evtx") continue;
        std::string name = fs::relative(path, *corpus / "evtx").replace_extension().string();
        for (auto& c : name) {
            if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
        }
        testing::RegisterTest("EvtxDifferential", name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                              [path]() -> testing::Test* { return new EvtxDifferential(path); });
    }
    return true;
}();

TEST(EvtxDifferentialSetup, OracleAndCorpusPresent) {
    if (!trinity::test::corpus_dir()) GTEST_SKIP() << "shared corpus not found at " TRINITY_CORPUS_DIR;
    if (!fs::exists(kEvtxexport)) GTEST_SKIP() << kEvtxexport << " not installed (Debian libevtx-utils)";
    SUCCEED();
}

}  // namespace
