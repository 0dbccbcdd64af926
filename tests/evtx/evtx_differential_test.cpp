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
#include <regex>
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
std::string normalise(const std::string& s) {
    static const std::regex kFraction(R"re((\.\d{7})\d*Z)re");
    static const std::regex kHex(R"re(^0x0*([0-9a-fA-F]+)$)re");
    std::string out = std::regex_replace(s, kFraction, "$1Z");
    std::smatch m;
    if (std::regex_match(out, m, kHex)) {
        out = "0x" + m[1].str();
        for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

// Runs evtxexport and reads its XML: record id -> fields. `ok` is its exit status.
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

    static const std::regex kId(R"re(<EventRecordID>(\d+)</EventRecordID>)re");
    static const std::regex kSimple(R"re(<(EventID|Computer|Channel)(?: [^>]*)?>([^<]*)</\1>)re");
    static const std::regex kTime(R"re(<TimeCreated SystemTime="([^"]*)")re");
    static const std::regex kData(R"re(<Data Name="([^"]*)">([^<]*)</Data>)re");
    for (std::size_t pos = text.find("<Event "); pos != std::string::npos; pos = text.find("<Event ", pos + 1)) {
        const auto end = text.find("</Event>", pos);
        if (end == std::string::npos) break;
        const std::string event = text.substr(pos, end - pos);
        std::smatch m;
        if (!std::regex_search(event, m, kId)) continue;
        Fields f;
        // System fields from <System> only: UserData may hold its own <EventID>.
        const auto sys_begin = event.find("<System>");
        const auto sys_end = event.find("</System>");
        const std::string system = sys_begin == std::string::npos || sys_end == std::string::npos
                                       ? std::string()
                                       : event.substr(sys_begin, sys_end - sys_begin);
        for (auto it = std::sregex_iterator(system.begin(), system.end(), kSimple); it != std::sregex_iterator(); ++it) {
            f.values[(*it)[1]] = unescape((*it)[2]);
        }
        if (std::regex_search(system, m, kTime)) f.values["TimeCreated"] = normalise(m[1]);
        for (auto it = std::sregex_iterator(event.begin(), event.end(), kData); it != std::sregex_iterator(); ++it) {
            f.values["Data:" + (*it)[1].str()] = normalise(unescape((*it)[2]));
        }
        std::regex_search(event, m, kId);
        const std::uint64_t id = std::stoull(m[1]);
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
            if (const auto* e = r.child(*system, "EventRecordID")) id = std::stoull("0" + r.text(*e));
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
