#include "trinity/event/event_summary.h"

#include <array>
#include <cstring>

namespace trinity::event {
namespace {

// Column sources, most specific first.
constexpr std::string_view kEventId[] = {"EventID", "event_type", "EventType", "event.code", "type", "event_id"};
constexpr std::string_view kProvider[] = {"Provider_Name", "program", "app_name", "process.name", "source",
                                          "Provider"};
constexpr std::string_view kChannel[] = {"Channel", "facility", "log.file.path", "event.dataset", "channel"};
constexpr std::string_view kComputer[] = {"Computer", "hostname", "host.name", "host", "Hostname", "ComputerName"};

// Fields that are columns or bookkeeping, never repeated in details.
constexpr std::string_view kNotDetails[] = {
    "Provider_Guid", "Provider_EventSourceName", "TimeCreated", "Correlation_ActivityID",
    "Correlation_RelatedActivityID", "Execution_ProcessID", "Execution_ThreadID", "Security_UserID",
    "Version", "Level", "Task", "Opcode", "Keywords", "EventRecordID"};

template <std::size_t N>
const Field* first_of(const Event& e, const std::string_view (&names)[N]) {
    for (std::string_view n : names) {
        if (const Field* f = e.find(n)) return f;
    }
    return nullptr;
}

template <std::size_t N>
bool is_one_of(std::string_view name, const std::string_view (&names)[N]) {
    for (std::string_view n : names) {
        if (n == name) return true;
    }
    return false;
}

// Appends `value` with runs of whitespace folded to one space.
void append_folded(std::string& out, std::string_view value) {
    bool space = false;
    for (char c : value) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = true;
            continue;
        }
        if (space && !out.empty() && out.back() != '=') out += ' ';
        space = false;
        out += c;
    }
}

// Cuts at most `limit` bytes without splitting a UTF-8 sequence.
void cut_utf8(std::string& s, std::size_t limit) {
    if (s.size() <= limit) return;
    std::size_t n = limit;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    s.resize(n);
    s += "…";
}

// [SECTION] Byte writer and reader for batches

void put_u8(std::string& out, std::uint8_t v) { out.push_back(static_cast<char>(v)); }
void put_u32(std::string& out, std::uint32_t v) {
    char b[4];
    std::memcpy(b, &v, 4);
    out.append(b, 4);
}
void put_u64(std::string& out, std::uint64_t v) {
    char b[8];
    std::memcpy(b, &v, 8);
    out.append(b, 8);
}
void put_str(std::string& out, std::string_view s) {
    put_u32(out, static_cast<std::uint32_t>(s.size()));
    out.append(s);
}

constexpr std::uint32_t kMagic = 0x31425354;  // "TSB1"

class Reader {
public:
    explicit Reader(std::span<const std::byte> b) : b_(b) {}
    bool u8(std::uint8_t& v) { return take(&v, 1); }
    bool u32(std::uint32_t& v) { return take(&v, 4); }
    bool u64(std::uint64_t& v) { return take(&v, 8); }
    bool str(std::string& s) {
        std::uint32_t n = 0;
        if (!u32(n) || n > b_.size() - pos_) return false;
        s.assign(reinterpret_cast<const char*>(b_.data() + pos_), n);
        pos_ += n;
        return true;
    }
    std::size_t pos() const { return pos_; }
    std::size_t left() const { return b_.size() - pos_; }

private:
    bool take(void* out, std::size_t n) {
        if (n > b_.size() - pos_) return false;
        std::memcpy(out, b_.data() + pos_, n);
        pos_ += n;
        return true;
    }
    std::span<const std::byte> b_;
    std::size_t pos_ = 0;
};

}  // namespace

EventSummary summarize(const Event& e, std::size_t details_limit) {
    EventSummary s;
    s.time_us = e.time_us;
    s.provenance = e.provenance;
    s.source = e.source;
    const Field* id = first_of(e, kEventId);
    const Field* provider = first_of(e, kProvider);
    const Field* channel = first_of(e, kChannel);
    const Field* computer = first_of(e, kComputer);
    if (id) s.event_id = id->value;
    if (provider) s.provider = provider->value;
    if (channel) s.channel = channel->value;
    if (computer) s.computer = computer->value;
    for (const Field& f : e.fields) {
        if (&f == id || &f == provider || &f == channel || &f == computer) continue;
        if (f.value.empty() || is_one_of(f.name, kNotDetails)) continue;
        if (!s.details.empty()) s.details += "  ";
        s.details += f.name;
        s.details += '=';
        append_folded(s.details, f.value);
        if (s.details.size() > details_limit) break;
    }
    cut_utf8(s.details, details_limit);
    return s;
}

std::string encode_batch(const SummaryBatch& batch) {
    std::string out;
    out.reserve(64 + batch.rows.size() * 160);
    put_u32(out, kMagic);
    put_u32(out, batch.sequence);
    put_u64(out, batch.records);
    put_u64(out, batch.recovered);
    put_u64(out, batch.rejected);
    put_u32(out, static_cast<std::uint32_t>(batch.warnings.size()));
    for (const auto& w : batch.warnings) {
        put_u64(out, w.offset);
        put_u64(out, w.line);
        put_str(out, w.message);
    }
    put_u32(out, static_cast<std::uint32_t>(batch.rows.size()));
    for (const auto& r : batch.rows) {
        put_u8(out, static_cast<std::uint8_t>((r.time_us ? 1 : 0) | (r.provenance.recovered ? 2 : 0)));
        put_u64(out, static_cast<std::uint64_t>(r.time_us.value_or(0)));
        put_u64(out, r.provenance.evidence);
        put_u64(out, r.provenance.record);
        put_u64(out, r.provenance.line);
        put_u64(out, r.provenance.offset);
        put_str(out, r.source);
        put_str(out, r.event_id);
        put_str(out, r.provider);
        put_str(out, r.channel);
        put_str(out, r.computer);
        put_str(out, r.details);
    }
    return out;
}

Result<SummaryBatch> decode_batch(std::span<const std::byte> bytes) {
    Reader in(bytes);
    auto bad = [&](const char* what) {
        return fail(ErrorKind::invalid, std::string("event batch: ") + what, Location::at_offset("<batch>", in.pos()));
    };
    SummaryBatch b;
    std::uint32_t magic = 0, warnings = 0, rows = 0;
    if (!in.u32(magic) || magic != kMagic) return bad("not a batch");
    if (!in.u32(b.sequence) || !in.u64(b.records) || !in.u64(b.recovered) || !in.u64(b.rejected)) {
        return bad("truncated header");
    }
    // Counts are checked against the bytes left, so a lying count cannot
    // make the reader reserve gigabytes.
    if (!in.u32(warnings) || warnings > in.left() / 20) return bad("bad warning count");
    b.warnings.resize(warnings);
    for (auto& w : b.warnings) {
        if (!in.u64(w.offset) || !in.u64(w.line) || !in.str(w.message)) return bad("truncated warning");
    }
    if (!in.u32(rows) || rows > in.left() / 65) return bad("bad row count");
    b.rows.resize(rows);
    for (auto& r : b.rows) {
        std::uint8_t flags = 0;
        std::uint64_t time = 0;
        if (!in.u8(flags) || !in.u64(time) || !in.u64(r.provenance.evidence) || !in.u64(r.provenance.record) ||
            !in.u64(r.provenance.line) || !in.u64(r.provenance.offset) || !in.str(r.source) || !in.str(r.event_id) ||
            !in.str(r.provider) || !in.str(r.channel) || !in.str(r.computer) || !in.str(r.details)) {
            return bad("truncated row");
        }
        if (flags & 1) r.time_us = static_cast<std::int64_t>(time);
        r.provenance.recovered = (flags & 2) != 0;
    }
    if (in.left() != 0) return bad("bytes after the last row");
    return b;
}

}  // namespace trinity::event
