// BinXML inside one EVTX chunk. Internal to core/evtx.
//
// Templates are compiled once per chunk into a flat list of operations
// (open element, attribute, text, substitution, ...); each record then only
// reads its substitution values and replays the operations into the
// record's XML tree. Names are decoded from UTF-16 once per chunk.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "trinity/evtx/evtx.h"

namespace trinity::evtx::detail {

struct Op {
    enum Kind : std::uint8_t {
        open,          // start element `name`
        attribute,     // start attribute `name` of the open element
        close_start,   // '>' : text and children follow
        close_empty,   // '/>'
        end,           // '</name>'
        text,          // literal value `value`
        substitution,  // value number `index` of the instance (optional: drop if NULL)
    };
    Kind kind = open;
    bool optional = false;
    std::uint16_t index = 0;
    std::string_view name{};
    Value value{};
    // open only: the op after the element's end, and which values (a range
    // of Template::optional_values) are optional substitutions directly in
    // its content. When one of them is NULL, the element is left out whole.
    std::uint32_t skip = 0;
    std::uint32_t optional_first = 0;
    std::uint16_t optional_count = 0;
};

struct Template {
    std::vector<Op> ops;
    std::vector<std::uint16_t> optional_values;
};

// Links each open op to its end and to the optional substitutions of its
// content (MS-EVEN6 3.1.4.7.2: an element or attribute whose optional
// substitution is NULL is omitted). Unbalanced ops are left unlinked.
void link_elements(Template& t);

class ChunkParser {
public:
    explicit ChunkParser(std::span<const std::byte> chunk) : chunk_(chunk) {}

    // Parses a record's BinXML (at chunk offset `begin`, `size` bytes) into
    // `record`'s tree. Returns an error message, or "" on success.
    std::string parse_record(std::uint32_t begin, std::uint32_t size, Record& record);

private:
    struct Builder;

    // Parses BinXML tokens in [pos, end) into `builder`; `values` are the
    // substitution values in scope (for a template body), `depth` guards
    // against nesting bombs.
    std::string parse_fragment(std::uint32_t pos, std::uint32_t end, Builder& builder, int depth);
    std::string parse_template_instance(std::uint32_t& pos, std::uint32_t end, Builder& builder, int depth);
    std::string compile(std::uint32_t pos, std::uint32_t end, bool nested, Template& out);
    std::string replay(const Template& t, std::span<const Value> values, Builder& builder, int depth);

    // The UTF-8 name stored at chunk offset `offset` (decoded once).
    bool name_at(std::uint32_t offset, std::string_view& name);
    // Whether the element start at `pos` carries a dependency id.
    bool has_dependency_id(std::uint32_t pos) const;
    // Where the inline name at `offset` ends.
    bool name_end(std::uint32_t offset, std::uint32_t& after) const;

    std::span<const std::byte> chunk_;
    // Reused between records: the top-level instance's values and the
    // builder's element stack (nested instances use their own).
    std::vector<Value> top_values_;
    std::vector<std::int32_t> stack_;
    std::unordered_map<std::uint32_t, std::string> names_;
    std::unordered_map<std::uint32_t, std::unique_ptr<Template>> templates_;
};

// What reading one chunk found.
struct ChunkOutcome {
    ChunkSummary summary;
    std::vector<Warning> warnings;
    ReadStats stats;
    bool stopped = false;  // the callback asked to stop
};

// Reads the records of one chunk (its bytes already in memory), calling
// `on_record` for each. Records point into `chunk` and into `parser`.
ChunkOutcome read_chunk(std::uint32_t index, std::uint64_t offset, std::span<const std::byte> chunk,
                        ChunkParser& parser, const std::function<bool(const Record&)>& on_record,
                        unsigned ansi_codepage);

// How many chunks a file of this size holds (by size, not by its header).
std::uint32_t chunk_count(std::uint64_t file_size);

}  // namespace trinity::evtx::detail
