// A record's tree as XML, as JSON, and the small queries the rest of core
// needs (child by name, attribute text, element text).
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "trinity/evtx/evtx.h"

namespace trinity::evtx {
namespace {

using ojson = nlohmann::ordered_json;

std::string pieces_text(const Record& r, std::int32_t first) {
    std::string out;
    for (std::int32_t i = first; i >= 0; i = r.pieces[static_cast<std::size_t>(i)].next) {
        append_value_text(out, r.pieces[static_cast<std::size_t>(i)].value, r.ansi_codepage);
    }
    return out;
}

void append_escaped(std::string& out, std::string_view s, bool attribute) {
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': if (attribute) { out += "&quot;"; break; } [[fallthrough]];
            default: out += c;
        }
    }
}

template <class F>
void for_children(const Record& r, const XmlElement& e, F f) {
    for (std::int32_t i = e.first_child; i >= 0; i = r.elements[static_cast<std::size_t>(i)].next_sibling) {
        f(r.elements[static_cast<std::size_t>(i)]);
    }
}

template <class F>
void for_attributes(const Record& r, const XmlElement& e, F f) {
    for (std::int32_t i = e.first_attribute; i >= 0; i = r.attributes[static_cast<std::size_t>(i)].next) {
        f(r.attributes[static_cast<std::size_t>(i)]);
    }
}

void write_xml(const Record& r, const XmlElement& e, std::string& out, int depth) {
    out.append(static_cast<std::size_t>(depth) * 2, ' ');
    out += '<';
    out += e.name;
    for_attributes(r, e, [&](const XmlAttribute& a) {
        out += ' ';
        out += a.name;
        out += "=\"";
        append_escaped(out, pieces_text(r, a.first_piece), true);
        out += '"';
    });
    const std::string text = pieces_text(r, e.first_piece);
    if (e.first_child < 0) {
        if (text.empty()) {
            out += "/>\n";
        } else {
            out += '>';
            append_escaped(out, text, false);
            out += "</";
            out += e.name;
            out += ">\n";
        }
        return;
    }
    out += ">\n";
    if (!text.empty()) {
        out.append(static_cast<std::size_t>(depth + 1) * 2, ' ');
        append_escaped(out, text, false);
        out += '\n';
    }
    for_children(r, e, [&](const XmlElement& c) { write_xml(r, c, out, depth + 1); });
    out.append(static_cast<std::size_t>(depth) * 2, ' ');
    out += "</";
    out += e.name;
    out += ">\n";
}

// The size a number type must have to be read as a number.
std::size_t number_size(ValueType t) {
    switch (t) {
        case ValueType::int8: case ValueType::uint8: return 1;
        case ValueType::int16: case ValueType::uint16: return 2;
        case ValueType::int32: case ValueType::uint32: case ValueType::real32: case ValueType::boolean: return 4;
        case ValueType::int64: case ValueType::uint64: case ValueType::real64: return 8;
        default: return 0;
    }
}

// A text as JSON: a single integer, real or boolean value stays a number or
// a boolean, as evtx_dump writes it; anything else -- including a number of
// the wrong size, which renders as hex -- is a string.
ojson typed(const Record& r, std::int32_t first) {
    if (first < 0) return nullptr;
    const XmlPiece& p = r.pieces[static_cast<std::size_t>(first)];
    const auto type = static_cast<ValueType>(p.value.type);
    if (p.next < 0 && !(p.value.type & 0x80) && number_size(type) != 0 &&
        number_size(type) == p.value.bytes.size()) {
        const std::string text = value_text(p.value, r.ansi_codepage);
        switch (type) {
            case ValueType::int8: case ValueType::int16: case ValueType::int32: case ValueType::int64:
                return ojson(std::strtoll(text.c_str(), nullptr, 10));
            case ValueType::uint8: case ValueType::uint16: case ValueType::uint32: case ValueType::uint64:
                return ojson(std::strtoull(text.c_str(), nullptr, 10));
            case ValueType::real32: case ValueType::real64:
                return ojson(std::strtod(text.c_str(), nullptr));
            case ValueType::boolean:
                return ojson(text == "true");
            default: break;
        }
    }
    return ojson(pieces_text(r, first));
}

void add_member(ojson& obj, const std::string& key, ojson value) {
    auto it = obj.find(key);
    if (it == obj.end()) {
        obj[key] = std::move(value);
    } else if (it->is_array() && !it->empty() && it->back().is_object() == value.is_object()) {
        it->push_back(std::move(value));
    } else {
        ojson arr = ojson::array({std::move(*it), std::move(value)});
        *it = std::move(arr);
    }
}

ojson element_json(const Record& r, const XmlElement& e) {
    ojson attrs = ojson::object();
    for_attributes(r, e, [&](const XmlAttribute& a) { attrs[std::string(a.name)] = typed(r, a.first_piece); });
    if (e.first_child < 0 && attrs.empty()) return typed(r, e.first_piece);

    ojson obj = ojson::object();
    if (!attrs.empty()) obj["#attributes"] = std::move(attrs);
    for_children(r, e, [&](const XmlElement& c) {
        // EventData's <Data Name="Image">...</Data> becomes "Image": ...
        std::string key(c.name);
        if (c.name == "Data") {
            std::string name;
            std::int32_t name_attr = -1;
            for_attributes(r, c, [&](const XmlAttribute& a) {
                if (a.name == "Name") {
                    name = pieces_text(r, a.first_piece);
                    name_attr = 1;
                }
            });
            if (name_attr > 0 && !name.empty()) {
                add_member(obj, name, c.first_child < 0 ? typed(r, c.first_piece) : element_json(r, c));
                return;
            }
        }
        add_member(obj, key, element_json(r, c));
    });
    if (e.first_piece >= 0) obj["#text"] = typed(r, e.first_piece);
    return obj;
}

}  // namespace

const XmlElement* Record::child(const XmlElement& parent, std::string_view name) const {
    for (std::int32_t i = parent.first_child; i >= 0; i = elements[static_cast<std::size_t>(i)].next_sibling) {
        if (elements[static_cast<std::size_t>(i)].name == name) return &elements[static_cast<std::size_t>(i)];
    }
    return nullptr;
}

std::string Record::attribute_text(const XmlElement& element, std::string_view name) const {
    for (std::int32_t i = element.first_attribute; i >= 0; i = attributes[static_cast<std::size_t>(i)].next) {
        if (attributes[static_cast<std::size_t>(i)].name == name) {
            return pieces_text(*this, attributes[static_cast<std::size_t>(i)].first_piece);
        }
    }
    return {};
}

std::string Record::text(const XmlElement& element) const { return pieces_text(*this, element.first_piece); }

std::string render_xml(const Record& record) {
    std::string out;
    for (std::int32_t i = record.elements.empty() ? -1 : 0; i >= 0;
         i = record.elements[static_cast<std::size_t>(i)].next_sibling) {
        write_xml(record, record.elements[static_cast<std::size_t>(i)], out, 0);
    }
    return out;
}

std::string render_json(const Record& record, bool pretty) {
    ojson doc = ojson::object();
    for (std::int32_t i = record.elements.empty() ? -1 : 0; i >= 0;
         i = record.elements[static_cast<std::size_t>(i)].next_sibling) {
        const XmlElement& e = record.elements[static_cast<std::size_t>(i)];
        add_member(doc, std::string(e.name), element_json(record, e));
    }
    return doc.dump(pretty ? 2 : -1, ' ', false, ojson::error_handler_t::replace);
}

}  // namespace trinity::evtx
