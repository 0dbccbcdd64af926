#include "trinity/evidence/evidence.h"

#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

namespace trinity::evidence {
namespace {

nlohmann::json as_json(const Evidence& e) {
    nlohmann::json j = {
        {"id", e.id},
        {"name", e.name},
        {"size", e.size},
        {"format", artifact::to_string(e.sniff.format)},
        {"encoding", artifact::to_string(e.sniff.encoding)},
        {"bom", e.sniff.bom},
        {"line_endings", artifact::to_string(e.sniff.line_endings)},
        {"label", e.error ? std::string("Unreadable") : artifact::describe(e.sniff)},
        {"detail", e.sniff.detail},
    };
    j["delimiter"] = e.sniff.delimiter ? nlohmann::json(std::string(1, e.sniff.delimiter)) : nlohmann::json();
    j["sha256"] = e.sha256.empty() ? nlohmann::json() : nlohmann::json(e.sha256);
    j["error"] = e.error ? nlohmann::json(e.error->describe()) : nlohmann::json();
    return j;
}

// Names come from the outside and may hold invalid UTF-8; never let that
// make serialisation throw.
std::string dump(const nlohmann::json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

const Evidence& EvidenceList::add(std::string name, std::uint64_t size, artifact::SniffResult sniff) {
    items_.push_back(Evidence{next_id_++, std::move(name), size, std::move(sniff), {}, std::nullopt});
    return items_.back();
}

const Evidence& EvidenceList::add_failed(std::string name, std::uint64_t size, Error error) {
    artifact::SniffResult none;
    none.detail = "could not be read";
    items_.push_back(Evidence{next_id_++, std::move(name), size, std::move(none), {}, std::move(error)});
    return items_.back();
}

const Evidence* EvidenceList::find(EvidenceId id) const {
    auto it = std::find_if(items_.begin(), items_.end(), [id](const Evidence& e) { return e.id == id; });
    return it == items_.end() ? nullptr : &*it;
}

bool EvidenceList::set_sha256(EvidenceId id, std::string hex) {
    auto it = std::find_if(items_.begin(), items_.end(), [id](const Evidence& e) { return e.id == id; });
    if (it == items_.end()) return false;
    it->sha256 = std::move(hex);
    return true;
}

bool EvidenceList::remove(EvidenceId id) {
    auto it = std::find_if(items_.begin(), items_.end(), [id](const Evidence& e) { return e.id == id; });
    if (it == items_.end()) return false;
    items_.erase(it);
    return true;
}

std::string to_json(const Evidence& evidence) { return dump(as_json(evidence)); }

std::string to_json(const EvidenceList& list) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& e : list.items()) arr.push_back(as_json(e));
    return dump(arr);
}

std::string format_size(std::uint64_t bytes) {
    constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    if (bytes < 1024) return std::to_string(bytes) + " B";
    double v = static_cast<double>(bytes);
    int unit = 0;
    // Choose the unit by the value as printed, so 1,048,575 bytes reads
    // "1.0 MiB", not "1024.0 KiB".
    while (v >= 1023.95 && unit < 4) { v /= 1024.0; ++unit; }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f %s", v, kUnits[unit]);
    return buf;
}

}  // namespace trinity::evidence
