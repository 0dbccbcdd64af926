#include "trinity/evtx/evtx_fields.h"

#include "evtx_system_fields.h"

namespace trinity::evtx {
namespace {

using detail::kSystemAttributes;
using detail::kSystemText;

template <class F>
void for_children(const Record& r, const XmlElement& e, F f) {
    for (std::int32_t i = e.first_child; i >= 0; i = r.elements[static_cast<std::size_t>(i)].next_sibling) {
        f(r.elements[static_cast<std::size_t>(i)]);
    }
}

bool has_attribute(const Record& r, const XmlElement& e, std::string_view name) {
    for (std::int32_t i = e.first_attribute; i >= 0; i = r.attributes[static_cast<std::size_t>(i)].next) {
        if (r.attributes[static_cast<std::size_t>(i)].name == name) return true;
    }
    return false;
}

// UserData: every leaf element by its name, however deep.
void add_leaves(const Record& r, const XmlElement& e, Fields& out) {
    if (e.first_child < 0) {
        out.items.emplace_back(std::string(e.name), r.text(e));
        return;
    }
    for_children(r, e, [&](const XmlElement& c) { add_leaves(r, c, out); });
}

}  // namespace

const std::string* Fields::find(std::string_view name) const {
    for (const auto& [k, v] : items) {
        if (k == name) return &v;
    }
    return nullptr;
}

Fields extract_fields(const Record& r) {
    Fields out;
    const XmlElement* root = r.root();
    if (!root) return out;
    if (const XmlElement* system = r.child(*root, "System")) {
        for (const auto& a : kSystemAttributes) {
            const XmlElement* e = r.child(*system, a.element);
            if (e && has_attribute(r, *e, a.attribute)) {
                out.items.emplace_back(std::string(a.field), r.attribute_text(*e, a.attribute));
            }
        }
        for (std::string_view name : kSystemText) {
            if (const XmlElement* e = r.child(*system, name)) out.items.emplace_back(std::string(name), r.text(*e));
        }
    }
    if (const XmlElement* data = r.child(*root, "EventData")) {
        int unnamed = 0;
        for_children(r, *data, [&](const XmlElement& c) {
            if (c.name == "Data") {
                std::string name = r.attribute_text(c, "Name");
                if (name.empty()) {
                    ++unnamed;
                    name = unnamed == 1 ? "Data" : "Data_" + std::to_string(unnamed);
                }
                out.items.emplace_back(std::move(name), r.text(c));
            } else {
                out.items.emplace_back(std::string(c.name), r.text(c));  // e.g. <Binary>
            }
        });
    }
    if (const XmlElement* user = r.child(*root, "UserData")) add_leaves(r, *user, out);
    return out;
}

}  // namespace trinity::evtx

namespace trinity::evtx {

using detail::is_integer_field;

event::Event to_event(const Record& record, evidence::EvidenceId evidence) {
    event::Event out;
    out.source = "evtx";
    Fields fields = extract_fields(record);
    out.fields.reserve(fields.items.size());
    for (auto& [name, value] : fields.items) {
        const auto type = is_integer_field(name) && !value.empty() ? event::FieldType::integer : event::FieldType::string;
        out.fields.push_back(event::Field{std::move(name), std::move(value), type});
    }
    if (const std::string* t = out.value("TimeCreated")) out.time_us = event::parse_time(*t);
    if (!out.time_us && record.written_filetime) out.time_us = event::filetime_to_unix_us(record.written_filetime);
    out.provenance.evidence = evidence;
    out.provenance.record = record.record_id;
    out.provenance.offset = record.offset;
    out.provenance.recovered = record.recovered;
    return out;
}

}  // namespace trinity::evtx
