// Logsources: reading the map (assets/sigma/logsources.yaml, whose top
// comment describes the format), choosing a rule's branches, and classifying
// events through the index in logsource_index.h.
#include "trinity/sigma/logsource.h"

#include <algorithm>
#include <cassert>
#include <cstddef>

#include <yaml-cpp/yaml.h>

#include "logsource_index.h"

extern const unsigned char trinity_sigma_logsources[];
extern const std::size_t trinity_sigma_logsources_size;

namespace trinity::sigma {
namespace {

// [SECTION] Parsing ----------------------------------------------------------------

struct Reader {
    std::string origin;

    Failure error(const YAML::Node& node, std::string message) const {
        const YAML::Mark mark = node.Mark();
        if (mark.is_null()) return fail(ErrorKind::invalid, std::move(message), Location::in(origin));
        return fail(ErrorKind::invalid, std::move(message),
                    Location::at_line(origin, static_cast<std::uint64_t>(mark.line) + 1,
                                      static_cast<std::uint64_t>(mark.column) + 1));
    }

    Result<std::string> scalar(const YAML::Node& node, std::string_view what) const {
        if (!node.IsScalar() || node.Scalar().empty()) return error(node, std::string(what) + " must be a non-empty text");
        return node.Scalar();
    }

    // A scalar or a list of scalars.
    Result<std::vector<std::string>> scalars(const YAML::Node& node, std::string_view what) const {
        std::vector<std::string> out;
        if (node.IsSequence()) {
            for (const YAML::Node& item : node) {
                auto s = scalar(item, what);
                if (!s) return s.error();
                out.push_back(std::move(*s));
            }
            if (out.empty()) return error(node, std::string(what) + " must not be an empty list");
            return out;
        }
        auto s = scalar(node, what);
        if (!s) return s.error();
        out.push_back(std::move(*s));
        return out;
    }

    Result<Logsource> logsource(const YAML::Node& node) const {
        if (!node.IsMap()) return error(node, "logsource must be a map of category/product/service");
        Logsource out;
        for (const auto& kv : node) {
            const std::string key = kv.first.Scalar();
            std::string* slot = key == "category" ? &out.category
                                : key == "product"  ? &out.product
                                : key == "service"  ? &out.service
                                                    : nullptr;
            if (!slot) return error(kv.first, "unknown logsource key '" + key + "'");
            auto value = scalar(kv.second, key);
            if (!value) return value.error();
            *slot = std::move(*value);
        }
        if (out.empty()) return error(node, "logsource names no category, product or service");
        return out;
    }

    Result<LogsourceMap::BranchData> branch(const YAML::Node& node, std::uint32_t entry) const {
        if (!node.IsMap()) return error(node, "a branch must be a map");
        LogsourceMap::BranchData out;
        out.branch.entry = entry;
        for (const auto& kv : node) {
            const std::string key = kv.first.Scalar();
            if (key == "name") {
                auto name = scalar(kv.second, "name");
                if (!name) return name.error();
                out.branch.description = std::move(*name);
            } else if (key == "source") {
                auto values = scalars(kv.second, "source");
                if (!values) return values.error();
                out.tests.push_back(LogsourceMap::Test{"", std::move(*values)});
            } else if (key == "where") {
                if (!kv.second.IsMap() || kv.second.size() == 0) return error(kv.second, "where must be a map of field: values");
                for (const auto& test : kv.second) {
                    auto field = scalar(test.first, "field name");
                    if (!field) return field.error();
                    auto values = scalars(test.second, "value of " + *field);
                    if (!values) return values.error();
                    out.tests.push_back(LogsourceMap::Test{std::move(*field), std::move(*values)});
                }
            } else if (key == "present") {
                auto fields = scalars(kv.second, "present");
                if (!fields) return fields.error();
                for (std::string& f : *fields) out.tests.push_back(LogsourceMap::Test{std::move(f), {}});
            } else if (key == "aliases") {
                if (!kv.second.IsMap()) return error(kv.second, "aliases must be a map of RuleField: EventField");
                for (const auto& alias : kv.second) {
                    auto rule_field = scalar(alias.first, "alias");
                    if (!rule_field) return rule_field.error();
                    auto event_fields = scalars(alias.second, "alias target");
                    if (!event_fields) return event_fields.error();
                    for (std::string& event_field : *event_fields) {
                        out.branch.aliases.push_back(FieldAlias{*rule_field, std::move(event_field)});
                    }
                }
            } else {
                return error(kv.first, "unknown branch key '" + key + "'");
            }
        }
        if (out.tests.empty()) return error(node, "a branch needs at least one test (source, where or present)");
        if (out.branch.description.empty()) return error(node, "a branch needs a name");
        return out;
    }

    Result<LogsourceMap> map(const YAML::Node& root) const {
        if (!root.IsMap() || !root["logsources"]) return error(root, "expected a map with a 'logsources' list");
        for (const auto& kv : root) {
            // `anchors` holds YAML anchors the entries refer to; nothing else is read.
            const std::string key = kv.first.Scalar();
            if (key != "logsources" && key != "anchors") return error(kv.first, "unknown top-level key '" + key + "'");
        }
        const YAML::Node list = root["logsources"];
        if (!list.IsSequence()) return error(list, "'logsources' must be a list");
        LogsourceMap out;
        for (const YAML::Node& item : list) {
            if (!item.IsMap()) return error(item, "an entry must be a map with logsource and branches");
            const auto entry = static_cast<std::uint32_t>(out.entries_.size());
            YAML::Node ls;
            YAML::Node branches;
            for (const auto& kv : item) {
                const std::string key = kv.first.Scalar();
                if (key == "logsource") {
                    ls = kv.second;
                } else if (key == "branches") {
                    branches = kv.second;
                } else {
                    return error(kv.first, "unknown entry key '" + key + "'");
                }
            }
            if (!ls) return error(item, "an entry needs a logsource");
            if (!branches || !branches.IsSequence() || branches.size() == 0) {
                return error(item, "an entry needs a non-empty list of branches");
            }
            auto logsource_value = logsource(ls);
            if (!logsource_value) return logsource_value.error();
            out.entries_.push_back(std::move(*logsource_value));
            for (const YAML::Node& b : branches) {
                auto data = branch(b, entry);
                if (!data) return data.error();
                out.branches_.push_back(std::move(*data));
            }
        }
        return out;
    }
};

bool agrees(const std::string& entry_key, const std::string& rule_key) {
    return rule_key.empty() || (!entry_key.empty() && detail::ascii_iequal(entry_key, rule_key));
}

bool same_keys(const Logsource& a, const Logsource& b) {
    return a.category.empty() == b.category.empty() && a.product.empty() == b.product.empty() &&
           a.service.empty() == b.service.empty();
}

}  // namespace

// [SECTION] LogsourceMap -------------------------------------------------------------

Result<LogsourceMap> LogsourceMap::parse(std::string_view yaml, std::string_view origin) {
    const Reader reader{std::string(origin)};
    Result<LogsourceMap> out = fail(ErrorKind::internal, "unreachable");
    try {
        const YAML::Node root = YAML::Load(std::string(yaml));
        out = reader.map(root);
    } catch (const YAML::Exception& e) {
        const Location where = e.mark.is_null() ? Location::in(std::string(origin))
                                                : Location::at_line(std::string(origin),
                                                                    static_cast<std::uint64_t>(e.mark.line) + 1,
                                                                    static_cast<std::uint64_t>(e.mark.column) + 1);
        return fail(ErrorKind::invalid, e.msg, where);
    }
    if (out.ok()) out->index_ = std::make_shared<const detail::LogsourceIndex>(detail::LogsourceIndex::build(out->branches_));
    return out;
}

const LogsourceMap& LogsourceMap::builtin() {
    static const LogsourceMap map = [] {
        auto parsed = parse(std::string_view(reinterpret_cast<const char*>(trinity_sigma_logsources),
                                             trinity_sigma_logsources_size),
                            "assets/sigma/logsources.yaml");
        assert(parsed.ok() && "the built-in logsource map does not parse");
        return parsed.ok() ? std::move(*parsed) : LogsourceMap{};
    }();
    return map;
}

LogsourceMap::Selection LogsourceMap::select(const Logsource& logsource) const {
    Selection out;
    if (logsource.empty()) return out;
    std::vector<std::uint32_t> exact;
    std::vector<std::uint32_t> specific;
    for (std::uint32_t i = 0; i < entries_.size(); ++i) {
        const Logsource& e = entries_[i];
        if (!agrees(e.category, logsource.category) || !agrees(e.product, logsource.product) ||
            !agrees(e.service, logsource.service)) {
            continue;
        }
        (same_keys(e, logsource) ? exact : specific).push_back(i);
    }
    const std::vector<std::uint32_t>& chosen = exact.empty() ? specific : exact;
    if (chosen.empty()) return out;
    out.mapped = true;
    for (std::uint32_t b = 0; b < branches_.size(); ++b) {
        if (std::binary_search(chosen.begin(), chosen.end(), branches_[b].branch.entry)) out.branches.push_back(b);
    }
    return out;
}

void LogsourceMap::classify(const event::Event& event, std::vector<std::uint32_t>& branches) const {
    const std::size_t start = branches.size();
    if (index_) {
        index_->classify(event, branches);
    } else {
        for (std::uint32_t b = 0; b < branches_.size(); ++b) {
            if (detail::branch_matches(branches_[b], event)) branches.push_back(b);
        }
    }
    const auto first = branches.begin() + static_cast<std::ptrdiff_t>(start);
    if (branches.end() - first > 1) {
        std::sort(first, branches.end());
        branches.erase(std::unique(first, branches.end()), branches.end());
    }
}

const LogsourceBranch& LogsourceMap::branch(std::uint32_t id) const {
    assert(id < branches_.size());
    return branches_[id].branch;
}

std::size_t LogsourceMap::branch_count() const { return branches_.size(); }
std::size_t LogsourceMap::entry_count() const { return entries_.size(); }

const Logsource& LogsourceMap::entry(std::uint32_t id) const {
    assert(id < entries_.size());
    return entries_[id];
}

}  // namespace trinity::sigma
