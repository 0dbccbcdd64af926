#include "sigma_rules_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "file_byte_source.h"
#include "trinity/archive/zip.h"

namespace trinity::cli {

namespace fs = std::filesystem;

namespace {

Result<std::string> read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(ErrorKind::io, "cannot open", Location::in(path));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return fail(ErrorKind::io, "read error", Location::in(path));
    return text.str();
}

bool rule_name(std::string_view name) { return name.ends_with(".yml") || name.ends_with(".yaml"); }
bool rule_file(const fs::path& p) { return rule_name(p.filename().string()); }

// Every .yml/.yaml member of a zip archive (a SigmaHQ release, a rule pack).
void add_zip(const std::string& path, sigma::RuleSet& rules) {
    auto source = FileByteSource::open(path);
    if (!source) return rules.add_unreadable(path, source.error().message);
    auto zip = archive::ZipReader::open(**source);
    if (!zip) return rules.add_unreadable(path, zip.error().describe());
    std::vector<const archive::ZipEntry*> members;
    for (const archive::ZipEntry& e : zip->entries()) {
        if (!e.directory && rule_name(e.name)) members.push_back(&e);
    }
    std::sort(members.begin(), members.end(), [](auto* a, auto* b) { return a->name < b->name; });
    for (const archive::ZipEntry* e : members) {
        const std::string origin = path + ":" + e->name;
        auto text = zip->read(*e);
        if (!text) rules.add_unreadable(origin, text.error().message);
        else rules.add_yaml(*text, origin);
    }
}

}  // namespace

Result<sigma::RuleSet> load_rule_paths(const std::vector<std::string>& paths, const std::string& placeholders_file) {
    sigma::LoadOptions options;
    if (!placeholders_file.empty()) {
        auto text = read_text(placeholders_file);
        if (!text) return text.error();
        auto placeholders = sigma::parse_placeholders(*text, placeholders_file);
        if (!placeholders) return placeholders.error();
        options.placeholders = std::move(*placeholders);
    }
    sigma::RuleSet rules(std::move(options));
    auto add_file = [&](const std::string& path) {
        if (path.ends_with(".zip")) return add_zip(path, rules);
        auto text = read_text(path);
        if (!text) {
            rules.add_unreadable(path, text.error().message);
            return;
        }
        rules.add_yaml(*text, path);
    };
    for (const std::string& path : paths) {
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            std::vector<std::string> files;
            for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
                 !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
                if (it->is_regular_file(ec) && rule_file(it->path())) files.push_back(it->path().string());
            }
            if (ec) return fail(ErrorKind::io, "cannot list: " + ec.message(), Location::in(path));
            std::sort(files.begin(), files.end());
            for (const std::string& f : files) add_file(f);
        } else if (fs::exists(path, ec)) {
            add_file(path);
        } else {
            return fail(ErrorKind::not_found, "no such file or folder", Location::in(path));
        }
    }
    rules.link();
    return rules;
}

}  // namespace trinity::cli
