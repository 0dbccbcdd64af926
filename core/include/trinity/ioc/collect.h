// Collecting indicators from evidence into an IndicatorSet: from parsed
// events field by field, and from text files line by line.
//
// A Collector holds the extraction options, the allowlist and the set.
// Events give every field value to the extractor with the field's name in
// the provenance; text is streamed from an io::ByteSource in chunks (never
// whole in memory), decoded to UTF-8 (UTF-16 and single-byte text too) and
// cut into lines with their numbers.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "trinity/event/event.h"
#include "trinity/io/byte_source.h"
#include "trinity/ioc/allowlist.h"
#include "trinity/ioc/extract.h"
#include "trinity/ioc/indicator_set.h"
#include "trinity/result.h"

namespace trinity::ioc {

// Which evidence a batch of sightings comes from.
struct EvidenceRef {
    std::string name;
    std::string sha256;  // may be empty
};

// How a text file writes its values. Indicators are extracted from what the
// values mean, not how they are escaped: in JSON "C:\\Windows\\x.exe" is
// C:\Windows\x.exe, and a .reg file escapes '\' and '"' the same way inside
// its quoted values.
enum class TextSyntax {
    plain,  // logs, command outputs, CSV: taken as written
    json,   // JSON and JSON lines: string escapes decoded (\\ \" \/ \uXXXX; \n \t as spaces)
    reg,    // regedit exports: \\ and \" decoded
};

// The syntax for a sniffed format name ("json", "jsonl", "reg", ...).
TextSyntax syntax_for_format(std::string_view format);

// `line` with its escapes decoded per `syntax` into `out` (reused).
void unescape_line(std::string_view line, TextSyntax syntax, std::string& out);

struct TextStats {
    std::uint64_t bytes = 0;          // bytes read from the source
    std::uint64_t lines = 0;
    std::uint64_t long_lines = 0;     // lines longer than kMaxLine, scanned in pieces
};

class Collector {
public:
    // Lines longer than this are scanned in pieces of this size; an
    // indicator across a cut may be missed (counted in TextStats).
    static constexpr std::size_t kMaxLine = 1 << 20;

    explicit Collector(ExtractOptions options = {}, const Allowlist* allowlist = nullptr)
        : options_(options), allowlist_(allowlist) {}

    // Every field of the event; record = provenance.record.
    void add_event(const event::Event& event, const EvidenceRef& evidence);
    // One piece of text with the sighting it stands for (line, field, ...).
    void add_text(std::string_view text, const Sighting& where);
    // A whole text source, line by line. Encoding is detected from its head
    // (text_encoding.h); errors only when the source cannot be read.
    Result<TextStats> add_text_source(io::ByteSource& source, const EvidenceRef& evidence,
                                      TextSyntax syntax = TextSyntax::plain);

    const IndicatorSet& set() const { return set_; }
    IndicatorSet& set() { return set_; }

private:
    ExtractOptions options_;
    const Allowlist* allowlist_;
    IndicatorSet set_;
    std::vector<Match> matches_;  // reused
    std::string unescaped_;       // reused
};

}  // namespace trinity::ioc
