#include "evtx_binxml.h"

#include <cstring>

#include "trinity/artifact/text_encoding.h"

namespace trinity::evtx::detail {
namespace {

// Nesting of BinXML values inside values, elements inside elements, and the
// size of one record's tree: generous for real logs, fatal for bombs.
constexpr int kMaxNesting = 16;
constexpr std::size_t kMaxElementDepth = 256;
constexpr std::size_t kMaxNodes = 1 << 18;

// UTF-16LE text of the five XML entities, for entity reference tokens.
constexpr std::byte kAmp[] = {std::byte{'&'}, std::byte{0}};
constexpr std::byte kLt[] = {std::byte{'<'}, std::byte{0}};
constexpr std::byte kGt[] = {std::byte{'>'}, std::byte{0}};
constexpr std::byte kQuot[] = {std::byte{'"'}, std::byte{0}};
constexpr std::byte kApos[] = {std::byte{'\''}, std::byte{0}};

std::string at(const char* what, std::uint32_t pos) {
    return std::string(what) + " at chunk offset " + std::to_string(pos);
}

}  // namespace

// Builds a record's tree from the operations replayed into it.
struct ChunkParser::Builder {
    Record& r;
    std::vector<std::int32_t>& stack;
    std::int32_t attribute = -1;  // receiving text, or -1 for the element
    std::int32_t last_root = -1;

    bool full() const { return r.elements.size() + r.attributes.size() + r.pieces.size() > kMaxNodes; }

    std::string open(std::string_view name) {
        if (stack.size() >= kMaxElementDepth) return "elements nested too deep";
        const auto idx = static_cast<std::int32_t>(r.elements.size());
        r.elements.push_back(XmlElement{name});
        if (!stack.empty()) {
            XmlElement& parent = r.elements[static_cast<std::size_t>(stack.back())];
            if (parent.last_child < 0) parent.first_child = idx;
            else r.elements[static_cast<std::size_t>(parent.last_child)].next_sibling = idx;
            parent.last_child = idx;
        } else {
            if (last_root >= 0) r.elements[static_cast<std::size_t>(last_root)].next_sibling = idx;
            last_root = idx;
        }
        stack.push_back(idx);
        attribute = -1;
        return {};
    }

    std::string add_attribute(std::string_view name) {
        if (stack.empty()) return "attribute outside an element";
        const auto idx = static_cast<std::int32_t>(r.attributes.size());
        r.attributes.push_back(XmlAttribute{name});
        XmlElement& e = r.elements[static_cast<std::size_t>(stack.back())];
        if (e.last_attribute < 0) e.first_attribute = idx;
        else r.attributes[static_cast<std::size_t>(e.last_attribute)].next = idx;
        e.last_attribute = idx;
        attribute = idx;
        return {};
    }

    void close_start() { attribute = -1; }

    std::string close() {
        if (stack.empty()) return "end of an element that is not open";
        stack.pop_back();
        attribute = -1;
        return {};
    }

    void piece(const Value& v) {
        const auto idx = static_cast<std::int32_t>(r.pieces.size());
        if (attribute >= 0) {
            r.pieces.push_back(XmlPiece{v});
            XmlAttribute& a = r.attributes[static_cast<std::size_t>(attribute)];
            if (a.first_piece < 0) a.first_piece = idx;
            else {
                std::int32_t last = a.first_piece;
                while (r.pieces[static_cast<std::size_t>(last)].next >= 0) last = r.pieces[static_cast<std::size_t>(last)].next;
                r.pieces[static_cast<std::size_t>(last)].next = idx;
            }
        } else if (!stack.empty()) {
            r.pieces.push_back(XmlPiece{v});
            XmlElement& e = r.elements[static_cast<std::size_t>(stack.back())];
            if (e.last_piece < 0) e.first_piece = idx;
            else r.pieces[static_cast<std::size_t>(e.last_piece)].next = idx;
            e.last_piece = idx;
        }
    }
};

bool ChunkParser::name_end(std::uint32_t offset, std::uint32_t& after) const {
    // 64-bit sums: offsets come from the file and may be anything.
    if (std::uint64_t{offset} + 8 > chunk_.size()) return false;
    std::uint16_t chars;
    std::memcpy(&chars, chunk_.data() + offset + 6, 2);
    const std::uint64_t end = std::uint64_t{offset} + 8 + 2u * chars + 2u;
    if (end > chunk_.size()) return false;
    after = static_cast<std::uint32_t>(end);
    return true;
}

bool ChunkParser::name_at(std::uint32_t offset, std::string_view& name) {
    if (auto it = names_.find(offset); it != names_.end()) {
        name = it->second;
        return true;
    }
    std::uint32_t after;
    if (!name_end(offset, after)) return false;
    const auto utf16 = chunk_.subspan(offset + 8, after - offset - 10);
    auto [it, inserted] = names_.emplace(offset, artifact::decode_to_utf8(utf16, artifact::Encoding::utf16le));
    name = it->second;
    return true;
}

std::string ChunkParser::compile(std::uint32_t pos, std::uint32_t end, bool nested, Template& out) {
    end = std::min<std::uint32_t>(end, static_cast<std::uint32_t>(chunk_.size()));
    auto need = [&](std::uint32_t n) { return pos + n <= end; };
    auto u8 = [&](std::uint32_t p) { return static_cast<std::uint8_t>(chunk_[p]); };
    auto u16 = [&](std::uint32_t p) { std::uint16_t v; std::memcpy(&v, chunk_.data() + p, 2); return v; };
    auto u32 = [&](std::uint32_t p) { std::uint32_t v; std::memcpy(&v, chunk_.data() + p, 4); return v; };
    // A name given by offset, stored inline when the offset is where we are.
    auto read_name = [&](std::string_view& name) -> bool {
        if (!need(4)) return false;
        const std::uint32_t off = u32(pos);
        pos += 4;
        if (off == pos && !name_end(pos, pos)) return false;
        return name_at(off, name);
    };

    while (pos < end) {
        const std::uint8_t token = u8(pos);
        const std::uint32_t token_pos = pos;
        switch (token & 0xbf) {  // 0x40 is the "more data follows" flag
            case 0x00:  // end of fragment
                return {};
            case 0x01: {  // open start element
                pos += 1;
                if (!nested) pos += 2;  // dependency identifier
                if (!need(4)) return at("truncated element", token_pos);
                pos += 4;  // data size
                Op op{Op::open};
                if (!read_name(op.name)) return at("bad element name", token_pos);
                out.ops.push_back(op);
                if (token & 0x40) {
                    if (!need(4)) return at("truncated attribute list", token_pos);
                    pos += 4;
                }
                break;
            }
            case 0x02: out.ops.push_back({Op::close_start}); pos += 1; break;
            case 0x03: out.ops.push_back({Op::close_empty}); pos += 1; break;
            case 0x04: out.ops.push_back({Op::end}); pos += 1; break;
            case 0x05:    // value text
            case 0x07: {  // CDATA
                pos += (token & 0xbf) == 0x05 ? 2 : 1;  // token (+ value type, always string)
                if (!need(2)) return at("truncated text", token_pos);
                const std::uint32_t bytes = 2u * u16(pos);
                pos += 2;
                if (!need(bytes)) return at("truncated text", token_pos);
                Op op{Op::text};
                op.value = Value{static_cast<std::uint8_t>(ValueType::string), chunk_.subspan(pos, bytes)};
                out.ops.push_back(op);
                pos += bytes;
                break;
            }
            case 0x06: {  // attribute
                pos += 1;
                Op op{Op::attribute};
                if (!read_name(op.name)) return at("bad attribute name", token_pos);
                out.ops.push_back(op);
                break;
            }
            case 0x08: {  // character reference: one UTF-16 unit
                if (!need(3)) return at("truncated character reference", token_pos);
                Op op{Op::text};
                op.value = Value{static_cast<std::uint8_t>(ValueType::string), chunk_.subspan(pos + 1, 2)};
                out.ops.push_back(op);
                pos += 3;
                break;
            }
            case 0x09: {  // entity reference
                pos += 1;
                std::string_view name;
                if (!read_name(name)) return at("bad entity name", token_pos);
                std::span<const std::byte> text;
                if (name == "amp") text = kAmp;
                else if (name == "lt") text = kLt;
                else if (name == "gt") text = kGt;
                else if (name == "quot") text = kQuot;
                else if (name == "apos") text = kApos;
                else return at("unknown entity", token_pos);
                Op op{Op::text};
                op.value = Value{static_cast<std::uint8_t>(ValueType::string), text};
                out.ops.push_back(op);
                break;
            }
            case 0x0a: {  // processing instruction target: not part of events
                pos += 1;
                std::string_view ignored;
                if (!read_name(ignored)) return at("bad PI target", token_pos);
                break;
            }
            case 0x0b: {  // processing instruction data
                if (!need(3)) return at("truncated PI data", token_pos);
                pos += 3 + 2u * u16(pos + 1);
                break;
            }
            case 0x0d:    // normal substitution
            case 0x0e: {  // optional substitution
                if (!need(4)) return at("truncated substitution", token_pos);
                Op op{Op::substitution};
                op.optional = (token & 0xbf) == 0x0e;
                op.index = u16(pos + 1);
                op.value.type = u8(pos + 3);
                out.ops.push_back(op);
                pos += 4;
                break;
            }
            case 0x0f:  // fragment header
                pos += 4;
                break;
            case 0x0c:
                return at("template instance inside a template", token_pos);
            default:
                return at(("unknown BinXML token " + std::to_string(token)).c_str(), token_pos);
        }
        if (out.ops.size() > kMaxNodes) return at("template too large", token_pos);
    }
    return {};
}

void link_elements(Template& t) {
    struct Open {
        std::size_t op;
        bool in_content;  // past '>': substitutions are content, not attribute values
        std::vector<std::uint16_t> optionals;
    };
    std::vector<Open> stack;
    for (std::size_t i = 0; i < t.ops.size(); ++i) {
        Op& op = t.ops[i];
        switch (op.kind) {
            case Op::open: stack.push_back({i, false, {}}); break;
            case Op::close_start:
                if (!stack.empty()) stack.back().in_content = true;
                break;
            case Op::substitution:
                if (op.optional && !stack.empty() && stack.back().in_content) {
                    stack.back().optionals.push_back(op.index);
                }
                break;
            case Op::close_empty:
            case Op::end: {
                if (stack.empty()) break;
                Open& e = stack.back();
                Op& open = t.ops[e.op];
                open.skip = static_cast<std::uint32_t>(i + 1);
                open.optional_first = static_cast<std::uint32_t>(t.optional_values.size());
                open.optional_count = static_cast<std::uint16_t>(std::min<std::size_t>(e.optionals.size(), 0xffff));
                t.optional_values.insert(t.optional_values.end(), e.optionals.begin(),
                                         e.optionals.begin() + open.optional_count);
                stack.pop_back();
                break;
            }
            case Op::attribute:
            case Op::text: break;
        }
    }
}

std::string ChunkParser::replay(const Template& t, std::span<const Value> values, Builder& b, int depth) {
    const auto& ops = t.ops;
    // NULL is the value type 0x00. A typed value without bytes (a GUID or an
    // integer of size 0) has nothing to render either, and Windows shows
    // such attributes as absent; a zero-length string is an empty string.
    // A slot the instance has no value for (templates with more slots than
    // values) is NULL too.
    auto is_null = [&](std::size_t idx) {
        if (idx >= values.size()) return true;
        const Value& v = values[idx];
        const auto base = static_cast<ValueType>(v.type & 0x7f);
        return v.type == 0 || (v.bytes.empty() && base != ValueType::string && base != ValueType::ansi_string);
    };
    for (std::size_t i = 0; i < ops.size(); ++i) {
        const Op& op = ops[i];
        std::string err;
        switch (op.kind) {
            case Op::open: {
                bool omit = false;
                for (std::uint32_t k = 0; k < op.optional_count && !omit; ++k) {
                    omit = is_null(t.optional_values[op.optional_first + k]);
                }
                // The document element stays whatever its content: left
                // out, it would take the whole record with it (records
                // half overwritten in slack hold NULL EventData).
                if (omit && op.skip > i && !b.stack.empty()) {
                    i = op.skip - 1;
                    break;
                }
                err = b.open(op.name);
                break;
            }
            case Op::attribute: {
                // An attribute whose optional value is NULL is left out.
                if (i + 1 < ops.size() && ops[i + 1].kind == Op::substitution && ops[i + 1].optional) {
                    if (is_null(ops[i + 1].index)) {
                        ++i;
                        break;
                    }
                }
                err = b.add_attribute(op.name);
                break;
            }
            case Op::close_start: b.close_start(); break;
            case Op::close_empty:
            case Op::end: err = b.close(); break;
            case Op::text: b.piece(op.value); break;
            case Op::substitution: {
                if (op.index >= values.size()) break;  // a template with more slots than values
                const Value& v = values[op.index];
                if (v.type == static_cast<std::uint8_t>(ValueType::binxml)) {
                    if (depth >= kMaxNesting) return "BinXML nested too deep";
                    const auto off = static_cast<std::uint32_t>(v.bytes.data() - chunk_.data());
                    err = parse_fragment(off, off + static_cast<std::uint32_t>(v.bytes.size()), b, depth + 1);
                } else if (v.type != 0) {
                    b.piece(v);
                }
                break;
            }
        }
        if (!err.empty()) return err;
        if (b.full()) return "record too large";
    }
    return {};
}

std::string ChunkParser::parse_template_instance(std::uint32_t& pos, std::uint32_t end, Builder& b, int depth) {
    const std::uint32_t start = pos;
    auto u16 = [&](std::uint32_t p) { std::uint16_t v; std::memcpy(&v, chunk_.data() + p, 2); return v; };
    auto u32 = [&](std::uint32_t p) { std::uint32_t v; std::memcpy(&v, chunk_.data() + p, 4); return v; };
    if (pos + 10 > end) return at("truncated template instance", start);
    const std::uint32_t def = u32(pos + 6);
    pos += 10;
    if (std::uint64_t{def} + 24 > chunk_.size()) return at("template definition outside the chunk", start);
    const std::uint32_t body_size = u32(def + 20);
    const std::uint32_t body = def + 24;
    if (std::uint64_t{body} + body_size > chunk_.size()) return at("template definition runs past the chunk", start);
    if (def == pos) pos = body + body_size;  // the definition is stored right here

    auto it = templates_.find(def);
    if (it == templates_.end()) {
        auto t = std::make_unique<Template>();
        if (auto err = compile(body, body + body_size, false, *t); !err.empty()) return err;
        link_elements(*t);
        it = templates_.emplace(def, std::move(t)).first;
    }

    // Instance data: a count, (size, type) descriptors, then the values.
    if (pos + 4 > end) return at("truncated template values", start);
    const std::uint32_t count = u32(pos);
    pos += 4;
    if (count > (end - pos) / 4) return at("more template values than bytes", start);
    std::vector<Value> nested_values;
    std::vector<Value>& values = depth == 0 ? top_values_ : nested_values;
    values.assign(count, Value{});
    std::uint32_t data = pos + 4 * count;
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::uint16_t size = u16(pos + 4 * i);
        const auto type = static_cast<std::uint8_t>(chunk_[pos + 4 * i + 2]);
        if (std::uint64_t{data} + size > end) return at("template value runs past the record", start);
        values[i] = Value{type, chunk_.subspan(data, size)};
        data += size;
    }
    pos = data;
    return replay(*it->second, values, b, depth);
}

std::string ChunkParser::parse_fragment(std::uint32_t pos, std::uint32_t end, Builder& b, int depth) {
    end = std::min<std::uint32_t>(end, static_cast<std::uint32_t>(chunk_.size()));
    while (pos < end) {
        const auto token = static_cast<std::uint8_t>(chunk_[pos]);
        if (token == 0x00) return {};
        if (token == 0x0f) {
            pos += 4;
            continue;
        }
        if (token == 0x0c) {
            if (auto err = parse_template_instance(pos, end, b, depth); !err.empty()) return err;
            continue;
        }
        // Elements written out directly (nested BinXML values, and records
        // written without templates, do this), with or without the 2-byte
        // dependency id after the token: the name offset tells which.
        Template direct;
        const bool without_id = (token & 0xbf) == 0x01 ? !has_dependency_id(pos) : depth > 0;
        if (auto err = compile(pos, end, without_id, direct); !err.empty()) return err;
        return replay(direct, {}, b, depth);
    }
    return {};
}

bool ChunkParser::has_dependency_id(std::uint32_t pos) const {
    // The element's name offset sits 7 bytes after the token with the id,
    // 5 without. It points either just past itself (the name follows
    // inline) or back to a name stored earlier in the chunk.
    auto points_sensibly = [&](std::uint32_t field, bool inline_only) {
        if (std::uint64_t{field} + 4 > chunk_.size()) return false;
        std::uint32_t off;
        std::memcpy(&off, chunk_.data() + field, 4);
        if (off == field + 4) return true;
        return !inline_only && off >= kChunkHeaderSize && off + 8 <= pos;
    };
    if (points_sensibly(pos + 7, true)) return true;
    if (points_sensibly(pos + 5, true)) return false;
    return points_sensibly(pos + 7, false) || !points_sensibly(pos + 5, false);
}

std::string ChunkParser::parse_record(std::uint32_t begin, std::uint32_t size, Record& record) {
    record.elements.clear();
    record.attributes.clear();
    record.pieces.clear();
    stack_.clear();
    Builder b{record, stack_, -1, -1};
    auto err = parse_fragment(begin + 24, begin + size - 4, b, 0);
    if (err.empty() && record.elements.empty()) err = "record holds no XML";
    return err;
}

}  // namespace trinity::evtx::detail
