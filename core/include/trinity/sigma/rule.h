// Sigma rules: what a loaded rule is, and how rule files are read.
//
// A RuleSet reads Sigma YAML (one file's text at a time, any number of
// documents: detection rules, correlation rules, filters, `action: global`
// / `reset` / `repeat` collections) and keeps every rule it could load in
// a checked, compiled form. A document that cannot be loaded never
// disappears: it becomes a LoadFailure with file, line, column and the
// reason, and the rest of the file still loads.
//
// Matching is the engine's job (engine.h); this header is the model the
// engine, the CLI, the UI and the SIEM converters share.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "trinity/result.h"

namespace trinity::sigma {

enum class Level : std::uint8_t { informational, low, medium, high, critical };
std::string_view to_string(Level level);
// "informational" / "info", "low", ... (case-insensitive); nullopt otherwise.
std::optional<Level> parse_level(std::string_view text);

enum class RuleKind : std::uint8_t { detection, correlation, filter };
std::string_view to_string(RuleKind kind);

struct Logsource {
    std::string category;
    std::string product;
    std::string service;
    std::string definition;

    bool empty() const { return category.empty() && product.empty() && service.empty(); }
    std::string describe() const;  // "windows/process_creation", "linux/auditd", ...
};

// Where a rule (or a failure) sits: file name as given to the loader,
// 1-based line and column of the document or of the offending node.
struct SourcePos {
    std::string file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
};

// The metadata every kind of rule carries.
struct RuleInfo {
    RuleKind kind = RuleKind::detection;
    std::string id;
    std::string name;  // the optional `name` correlations refer to
    std::string title;
    std::string description;
    std::string status;
    Level level = Level::medium;  // rules without a level count as medium
    bool level_given = false;
    std::string author;
    std::string date;
    std::string modified;
    std::vector<std::string> tags;  // as written: attack.t1059.001, attack.execution, cve.2021-44228
    std::vector<std::string> references;
    std::vector<std::string> falsepositives;
    Logsource logsource;
    SourcePos pos;

    // ATT&CK technique ids ("T1059.001") and tactic names ("execution") from tags.
    std::vector<std::string> attack_techniques() const;
    std::vector<std::string> attack_tactics() const;
};

struct LoadFailure {
    SourcePos pos;
    std::string id;     // when the document got that far
    std::string title;  // idem
    std::string reason;
};

struct LoadReport {
    std::uint64_t files = 0;
    std::uint64_t documents = 0;  // rule documents seen (not counting global/reset)
    std::uint64_t loaded = 0;
    std::vector<LoadFailure> failures;
    std::vector<std::string> warnings;  // "file:line: ..." that did not stop a rule
};

// Values for `|expand` placeholders (`%Admins_Workstations%`), read from a
// YAML map of name → list of values. A rule with a placeholder that has no
// values is rejected with the placeholder's name as the reason.
struct Placeholders {
    std::map<std::string, std::vector<std::string>, std::less<>> values;
};
Result<Placeholders> parse_placeholders(std::string_view yaml, std::string_view origin);

struct LoadOptions {
    Placeholders placeholders;
};

namespace detail {
struct CompiledRules;  // the checked, compiled form (src/sigma/compiled_rules.h)
}

class RuleSet {
public:
    RuleSet();
    explicit RuleSet(LoadOptions options);
    ~RuleSet();
    RuleSet(RuleSet&&) noexcept;
    RuleSet& operator=(RuleSet&&) noexcept;
    RuleSet(const RuleSet&) = delete;
    RuleSet& operator=(const RuleSet&) = delete;

    // Loads every document of one YAML text. `origin` names it in positions
    // and failures. Never throws; malformed YAML fails the whole text (one
    // failure), a bad document fails only itself.
    void add_yaml(std::string_view text, std::string_view origin);
    // A rule file that could not be read: a failure in the report.
    void add_unreadable(std::string_view origin, std::string reason);

    // After every file is added: resolves what correlations and filters
    // name across files. A correlation naming a rule that was not loaded
    // becomes a LoadFailure and is removed; a filter naming one gets a
    // warning. Indexes may change, so call it before using them.
    void link();

    const LoadReport& report() const;
    std::size_t size() const;  // loaded rules of every kind
    const RuleInfo& info(std::size_t rule) const;
    // The rule's YAML document as written (for the UI and converters).
    std::string_view source(std::size_t rule) const;
    // Index of the rule with this id or name, or npos.
    std::size_t find(std::string_view id_or_name) const;
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    const detail::CompiledRules& compiled() const { return *rules_; }

private:
    LoadOptions options_;
    std::unique_ptr<detail::CompiledRules> rules_;
    LoadReport report_;
};

}  // namespace trinity::sigma
