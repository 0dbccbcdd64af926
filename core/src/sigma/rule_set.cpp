// Reading Sigma YAML into a RuleSet: documents one by one (a broken one
// fails alone), collections (action: global / reset / repeat), metadata,
// and the three kinds of rule.
#include <unordered_map>

#include <yaml-cpp/yaml.h>

#include "compiled_rules.h"
#include "correlation.h"
#include "detection_compiler.h"
#include "trinity/sigma/rule.h"

namespace trinity::sigma {

using detail::CompiledRule;
using detail::CompiledRules;

namespace {

struct Chunk {
    std::string_view text;
    std::uint32_t first_line = 1;  // 1-based line of the chunk in the file
};

// Splits at `---` lines (and drops `...` end markers) so that each document
// is parsed on its own.
std::vector<Chunk> split_documents(std::string_view text) {
    std::vector<Chunk> chunks;
    std::size_t start = 0, pos = 0;
    std::uint32_t line = 1, start_line = 1;
    auto close = [&](std::size_t end) {
        if (end > start) chunks.push_back({text.substr(start, end - start), start_line});
    };
    while (pos < text.size()) {
        std::size_t eol = text.find('\n', pos);
        const std::size_t next = eol == std::string_view::npos ? text.size() : eol + 1;
        std::string_view l = text.substr(pos, next - pos);
        while (!l.empty() && (l.back() == '\n' || l.back() == '\r' || l.back() == ' ' || l.back() == '\t')) l.remove_suffix(1);
        const bool marker = l == "---" || l.starts_with("--- ") || l == "...";
        if (marker) {
            close(pos);
            start = next;
            start_line = line + 1;
        }
        pos = next;
        ++line;
    }
    close(text.size());
    return chunks;
}

// node[key], or an undefined node: yaml-cpp throws on any question to the
// "zombie" a missing key yields, so every lookup goes through here.
YAML::Node child(const YAML::Node& node, std::string_view key) {
    if (!node.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
    const YAML::Node v = node[std::string(key)];
    return v.IsDefined() ? v : YAML::Node(YAML::NodeType::Undefined);
}

YAML::Node merged(const YAML::Node& base, const YAML::Node& over) {
    if (!base.IsDefined() || base.IsNull()) return YAML::Clone(over);
    if (!over.IsDefined()) return YAML::Clone(base);
    if (!base.IsMap() || !over.IsMap()) return YAML::Clone(over);
    YAML::Node out = YAML::Clone(base);
    for (const auto& entry : over) {
        const std::string key = entry.first.as<std::string>("");
        if (key == "action") continue;
        out[key] = merged(child(out, key), entry.second);
    }
    return out;
}

std::string scalar(const YAML::Node& node, std::string_view key) {
    const YAML::Node v = child(node, key);
    return v.IsScalar() ? v.Scalar() : std::string();
}

std::vector<std::string> strings(const YAML::Node& node, std::string_view key) {
    std::vector<std::string> out;
    const YAML::Node v = child(node, key);
    if (v.IsScalar()) out.push_back(v.Scalar());
    if (v.IsSequence()) {
        for (const YAML::Node& item : v) {
            if (item.IsScalar()) out.push_back(item.Scalar());
        }
    }
    return out;
}

}  // namespace

// [SECTION] FieldNames ------------------------------------------------------

namespace detail {

std::uint32_t FieldNames::intern(std::string_view name) {
    std::string key(name);
    fold_ascii(key);
    const auto found = ids_.find(key);
    if (found != ids_.end()) return found->second;
    const auto id = static_cast<std::uint32_t>(names_.size());
    names_.emplace_back(name);
    ids_.emplace(std::move(key), id);
    return id;
}

std::optional<std::uint32_t> FieldNames::find(std::string_view name) const {
    std::string key(name);
    fold_ascii(key);
    const auto found = ids_.find(key);
    if (found == ids_.end()) return std::nullopt;
    return found->second;
}

}  // namespace detail

// [SECTION] Placeholders ---------------------------------------------------

Result<Placeholders> parse_placeholders(std::string_view yaml, std::string_view origin) {
    Placeholders out;
    try {
        const YAML::Node root = YAML::Load(std::string(yaml));
        if (root.IsNull()) return out;
        if (!root.IsMap()) return fail(ErrorKind::invalid, "placeholders: expected a map of name to values", Location::in(std::string(origin)));
        for (const auto& entry : root) {
            std::string name = entry.first.as<std::string>("");
            if (name.size() > 2 && name.front() == '%' && name.back() == '%') name = name.substr(1, name.size() - 2);
            std::vector<std::string> values;
            if (entry.second.IsScalar()) values.push_back(entry.second.Scalar());
            else if (entry.second.IsSequence()) {
                for (const YAML::Node& v : entry.second) {
                    if (!v.IsScalar()) {
                        return fail(ErrorKind::invalid, "placeholder '" + name + "': values must be strings",
                                    Location::at_line(std::string(origin), v.Mark().line + 1, v.Mark().column + 1));
                    }
                    values.push_back(v.Scalar());
                }
            } else {
                return fail(ErrorKind::invalid, "placeholder '" + name + "': expected a list of values",
                            Location::at_line(std::string(origin), entry.second.Mark().line + 1));
            }
            out.values[name] = std::move(values);
        }
    } catch (const YAML::Exception& e) {
        return fail(ErrorKind::invalid, "placeholders: " + e.msg,
                    Location::at_line(std::string(origin), e.mark.line + 1, e.mark.column + 1));
    }
    return out;
}

// [SECTION] RuleSet ------------------------------------------------------------

RuleSet::RuleSet() : RuleSet(LoadOptions{}) {}
RuleSet::RuleSet(LoadOptions options) : options_(std::move(options)), rules_(std::make_unique<CompiledRules>()) {}
RuleSet::~RuleSet() = default;
RuleSet::RuleSet(RuleSet&&) noexcept = default;
RuleSet& RuleSet::operator=(RuleSet&&) noexcept = default;

const LoadReport& RuleSet::report() const { return report_; }
std::size_t RuleSet::size() const { return rules_->rules.size(); }
const RuleInfo& RuleSet::info(std::size_t rule) const { return rules_->rules[rule].info; }
std::string_view RuleSet::source(std::size_t rule) const { return rules_->rules[rule].source; }

std::size_t RuleSet::find(std::string_view id_or_name) const {
    for (std::size_t i = 0; i < rules_->rules.size(); ++i) {
        const RuleInfo& info = rules_->rules[i].info;
        if ((!info.id.empty() && info.id == id_or_name) || (!info.name.empty() && info.name == id_or_name)) return i;
    }
    return npos;
}

namespace {

class DocumentLoader {
public:
    DocumentLoader(CompiledRules& rules, LoadReport& report, const LoadOptions& options, std::string_view origin)
        : rules_(rules), report_(report), options_(options), origin_(origin) {}

    void load(const Chunk& chunk) {
        YAML::Node doc;
        try {
            doc = YAML::Load(std::string(chunk.text));
        } catch (const YAML::Exception& e) {
            ++report_.documents;
            LoadFailure f;
            f.pos = {std::string(origin_), chunk.first_line + static_cast<std::uint32_t>(std::max(e.mark.line, 0)),
                     static_cast<std::uint32_t>(std::max(e.mark.column, 0)) + 1};
            f.reason = "YAML: " + e.msg;
            report_.failures.push_back(std::move(f));
            return;
        }
        if (!doc.IsDefined() || doc.IsNull()) return;
        if (!doc.IsMap()) {
            fail_document(chunk, doc, {}, "a rule document must be a map");
            return;
        }
        const std::string action = scalar(doc, "action");
        if (action == "global") {
            global_ = merged(global_, doc);
            return;
        }
        if (action == "reset") {
            global_ = YAML::Node();
            return;
        }
        YAML::Node full;
        if (action == "repeat") {
            if (!previous_.IsDefined()) {
                fail_document(chunk, doc, {}, "'action: repeat' without a previous document");
                return;
            }
            full = merged(previous_, doc);
        } else if (!action.empty()) {
            fail_document(chunk, doc, {}, "unknown action '" + action + "'");
            return;
        } else if (global_.IsDefined() && !global_.IsNull()) {
            full = merged(global_, doc);
        } else {
            full = doc;  // not cloned: a clone loses the line numbers errors need
        }
        previous_ = full;
        load_rule(chunk, full);
    }

private:
    void fail_document(const Chunk& chunk, const YAML::Node& at, const RuleInfo& info, std::string reason,
                       const Location& where = {}) {
        ++report_.documents;
        LoadFailure f;
        const YAML::Mark mark = at.Mark();
        std::uint32_t line = mark.is_null() ? 0 : static_cast<std::uint32_t>(mark.line);
        std::uint32_t column = mark.is_null() ? 1 : static_cast<std::uint32_t>(mark.column) + 1;
        if (where.line) line = static_cast<std::uint32_t>(*where.line);
        if (where.column) column = static_cast<std::uint32_t>(*where.column);
        f.pos = {std::string(origin_), chunk.first_line + line, column};
        f.id = info.id;
        f.title = info.title;
        f.reason = std::move(reason);
        report_.failures.push_back(std::move(f));
    }

    void load_rule(const Chunk& chunk, const YAML::Node& doc) {
        CompiledRule rule;
        RuleInfo& info = rule.info;
        info.id = scalar(doc, "id");
        info.name = scalar(doc, "name");
        info.title = scalar(doc, "title");
        info.description = scalar(doc, "description");
        info.status = scalar(doc, "status");
        info.author = scalar(doc, "author");
        info.date = scalar(doc, "date");
        info.modified = scalar(doc, "modified");
        info.tags = strings(doc, "tags");
        info.references = strings(doc, "references");
        info.falsepositives = strings(doc, "falsepositives");
        info.pos = {std::string(origin_), chunk.first_line, 1};
        rule.source = std::string(chunk.text);

        if (info.title.empty()) return fail_document(chunk, doc, info, "the rule has no title");
        if (const std::string level = scalar(doc, "level"); !level.empty()) {
            const auto parsed = parse_level(level);
            if (!parsed) return fail_document(chunk, child(doc, "level"), info, "unknown level '" + level + "'");
            info.level = *parsed;
            info.level_given = true;
        }
        const YAML::Node logsource = child(doc, "logsource");
        if (logsource.IsMap()) {
            info.logsource.category = scalar(logsource, "category");
            info.logsource.product = scalar(logsource, "product");
            info.logsource.service = scalar(logsource, "service");
            info.logsource.definition = scalar(logsource, "definition");
        } else if (logsource.IsDefined() && !logsource.IsNull()) {
            return fail_document(chunk, logsource, info, "'logsource' must be a map");
        }

        std::vector<std::string> warnings;
        detail::DetectionContext context{rules_.fields, options_.placeholders, warnings};
        if (const YAML::Node correlation = child(doc, "correlation"); correlation.IsDefined()) {
            info.kind = RuleKind::correlation;
            auto def = detail::parse_correlation(correlation, origin_);
            if (!def) return fail_document(chunk, correlation, info, def.error().message, def.error().location);
            // The specification puts `generate` beside `correlation`; pySigma
            // reads it inside. Both are accepted; the outer one wins.
            if (const YAML::Node generate = child(doc, "generate"); generate.IsDefined()) {
                std::string flag = generate.IsScalar() ? generate.Scalar() : std::string();
                detail::fold_ascii(flag);
                if (flag != "true" && flag != "false") {
                    return fail_document(chunk, generate, info, "generate: expected true or false");
                }
                def->generate = flag == "true";
            }
            rule.correlation = std::move(*def);
        } else if (const YAML::Node filter = child(doc, "filter"); filter.IsDefined()) {
            info.kind = RuleKind::filter;
            if (!filter.IsMap()) return fail_document(chunk, filter, info, "'filter' must be a map");
            detail::FilterDef def;
            def.rules = strings(filter, "rules");
            YAML::Node detection = YAML::Clone(filter);
            detection.remove("rules");
            auto compiled = detail::compile_detection(detection, context);
            if (!compiled) return fail_document(chunk, filter, info, compiled.error().message, compiled.error().location);
            def.detection = std::move(*compiled);
            rule.filter = std::move(def);
        } else {
            const YAML::Node detection = child(doc, "detection");
            if (!detection.IsDefined()) return fail_document(chunk, doc, info, "the rule has no detection");
            if (!logsource.IsMap()) return fail_document(chunk, doc, info, "the rule has no logsource");
            auto compiled = detail::compile_detection(detection, context);
            if (!compiled) return fail_document(chunk, detection, info, compiled.error().message, compiled.error().location);
            rule.detection = std::move(*compiled);
        }
        for (std::string& w : warnings) {
            report_.warnings.push_back(std::string(origin_) + ":" + std::to_string(chunk.first_line) + ": " +
                                       (info.id.empty() ? info.title : info.id) + ": " + w);
        }
        ++report_.documents;
        ++report_.loaded;
        rules_.rules.push_back(std::move(rule));
    }

    CompiledRules& rules_;
    LoadReport& report_;
    const LoadOptions& options_;
    std::string_view origin_;
    YAML::Node global_;
    YAML::Node previous_;
};

}  // namespace

void RuleSet::add_yaml(std::string_view text, std::string_view origin) {
    ++report_.files;
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    DocumentLoader loader(*rules_, report_, options_, origin);
    for (const Chunk& chunk : split_documents(text)) {
        try {
            loader.load(chunk);
        } catch (const YAML::Exception& e) {
            ++report_.documents;
            LoadFailure f;
            f.pos = {std::string(origin), chunk.first_line + static_cast<std::uint32_t>(std::max(e.mark.line, 0)), 1};
            f.reason = "YAML: " + e.msg;
            report_.failures.push_back(std::move(f));
        }
    }
}

void RuleSet::add_unreadable(std::string_view origin, std::string reason) {
    ++report_.files;
    LoadFailure f;
    f.pos.file = std::string(origin);
    f.reason = std::move(reason);
    report_.failures.push_back(std::move(f));
}

void RuleSet::link() {
    std::unordered_map<std::string, std::size_t> names;
    for (std::size_t i = 0; i < rules_->rules.size(); ++i) {
        const RuleInfo& info = rules_->rules[i].info;
        if (!info.id.empty()) names.emplace(info.id, i);
        if (!info.name.empty()) names.emplace(info.name, i);
    }
    std::vector<CompiledRule> kept;
    for (CompiledRule& rule : rules_->rules) {
        std::string missing;
        if (rule.correlation) {
            for (const std::string& ref : rule.correlation->rules) {
                if (!names.contains(ref)) missing = ref;
            }
        }
        if (!missing.empty()) {
            LoadFailure f;
            f.pos = rule.info.pos;
            f.id = rule.info.id;
            f.title = rule.info.title;
            f.reason = "the correlation names '" + missing + "', which is not loaded";
            report_.failures.push_back(std::move(f));
            --report_.loaded;
            continue;
        }
        if (rule.filter) {
            for (const std::string& ref : rule.filter->rules) {
                if (!names.contains(ref)) {
                    report_.warnings.push_back(rule.info.pos.file + ":" + std::to_string(rule.info.pos.line) +
                                               ": filter '" + rule.info.title + "' names '" + ref + "', which is not loaded");
                }
            }
        }
        kept.push_back(std::move(rule));
    }
    rules_->rules = std::move(kept);
}

}  // namespace trinity::sigma
