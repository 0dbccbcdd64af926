#include "sigma_rules_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

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

bool rule_file(const fs::path& p) {
    const std::string ext = p.extension().string();
    return ext == ".yml" || ext == ".yaml";
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
