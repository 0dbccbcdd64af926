#include "indicators_view.h"

#include <chrono>
#include <unordered_map>

#include "../shell_bridge.h"
#include "../ui_style.h"
#include "../workspace.h"
#include "imgui.h"
#include "trinity/ioc/address_class.h"
#include "trinity/ioc/export.h"
#include "trinity/ioc/refang.h"

namespace trinity::web {
namespace {

using namespace style;

enum Column { kColType, kColValue, kColCount, kColClass, kColVerdict, kColSources, kColSeen };

ImVec4 verdict_colour(intel::Verdict v) {
    switch (v) {
        case intel::Verdict::malicious: return kError;
        case intel::Verdict::suspicious: return kWarning;
        case intel::Verdict::clean: return kGood;
        case intel::Verdict::unknown: break;
    }
    return kMuted;
}

std::string class_of(const ioc::Indicator& i) {
    const auto c = ioc::classify(i);
    return c ? std::string(ioc::to_string(*c)) : std::string();
}

std::string where(const ioc::Sighting& s) {
    std::string out = s.evidence;
    if (s.record) out += " #" + std::to_string(s.record);
    if (s.line) out += ":" + std::to_string(s.line);
    if (!s.field.empty()) out += " " + s.field;
    return out;
}

std::string sources_of(const intel::Judgement& j) {
    std::string out;
    for (const auto& s : j.sightings) {
        if (!out.empty()) out += ", ";
        out += s.feed;
    }
    return out;
}

// The filtered entries as a table::RowSource.
struct IndicatorRows final : table::RowSource {
    Workspace& ws;
    const std::vector<std::uint32_t>& rows;
    IndicatorRows(Workspace& w, const std::vector<std::uint32_t>& r) : ws(w), rows(r) {}
    const ioc::IndicatorEntry& entry(std::size_t r) const { return ws.indicators().entries()[rows[r]]; }
    std::size_t size() const override { return rows.size(); }
    bool row_matches(std::size_t r, std::string_view needle) const override {
        const auto& e = entry(r);
        const auto& j = ws.judgement(rows[r]);
        return table::contains_folded(e.indicator.value, needle) ||
               table::contains_folded(ioc::to_string(e.indicator.type), needle) ||
               table::contains_folded(intel::to_string(j.verdict), needle) ||
               table::contains_folded(class_of(e.indicator), needle) ||
               table::contains_folded(where(e.first), needle) || table::contains_folded(sources_of(j), needle);
    }
    bool row_less(std::size_t a, std::size_t b, int column) const override {
        const auto& x = entry(a);
        const auto& y = entry(b);
        switch (column) {
            case kColType: return x.indicator.type < y.indicator.type;
            case kColValue: return x.indicator.value < y.indicator.value;
            case kColCount: return x.count < y.count;
            case kColClass: return class_of(x.indicator) < class_of(y.indicator);
            case kColVerdict: return ws.judgement(rows[a]).verdict < ws.judgement(rows[b]).verdict;
            case kColSources: return ws.judgement(rows[a]).sightings.size() < ws.judgement(rows[b]).sightings.size();
            case kColSeen: return where(x.first) < where(y.first);
            default: return rows[a] < rows[b];
        }
    }
};

constexpr const char* kTypeLabels[ioc::kIndicatorTypeCount] = {
    "IPv4", "IPv6", "Domain", "URL", "E-mail", "MD5", "SHA-1", "SHA-256", "SHA-512",
    "Windows path", "Unix path", "Registry key", "CVE"};

}  // namespace

std::string IndicatorsView::title() const {
    return "Indicators (" + std::to_string(ws_.indicators().size()) + ")###indicators";
}

bool IndicatorsView::visible() const { return !ws_.indicators().empty() || ws_.feeds().size() > 0; }

void IndicatorsView::refresh() {
    auto& ws = ws_;
    const auto& entries = ws.indicators().entries();
    const bool rebuilt = seen_generation_ != ws.generation() || entries.size() < seen_entries_;
    const bool verdicts = seen_verdicts_ != ws.verdict_generation();
    if (!rebuilt && !verdicts && !filters_changed_ && entries.size() == seen_entries_) return;
    if (rebuilt || verdicts || filters_changed_) {
        rows_.clear();
        seen_entries_ = 0;
        table_.reset();
    }
    for (std::size_t i = seen_entries_; i < entries.size(); ++i) {
        const auto& e = entries[i];
        if (!types_[static_cast<int>(e.indicator.type)]) continue;
        if (flagged_only_) {
            const auto v = ws.judgement(i).verdict;
            if (v != intel::Verdict::malicious && v != intel::Verdict::suspicious) continue;
        }
        if (public_only_) {
            const auto c = ioc::classify(e.indicator);
            if (c && *c != ioc::AddressClass::public_) continue;
        }
        rows_.push_back(static_cast<std::uint32_t>(i));
    }
    seen_entries_ = entries.size();
    seen_verdicts_ = ws.verdict_generation();
    seen_generation_ = ws.generation();
    filters_changed_ = false;
}

std::vector<std::uint32_t> IndicatorsView::shown() {
    refresh();
    IndicatorRows rows(ws_, rows_);
    while (!table_.view().step(rows, kFilterRowsPerFrame)) {
    }
    std::vector<std::uint32_t> out;
    for (std::uint32_t r : table_.view().rows()) out.push_back(rows_[r]);
    return out;
}

void IndicatorsView::draw(float height) {
    refresh();
    draw_toolbar();
    draw_feeds_line();
    IndicatorRows rows(ws_, rows_);
    table_.draw_filter(rows, "Filter indicators (value, type, verdict, feed, file)…", "indicators", !ws_.ingesting());
    const float used = ImGui::GetFrameHeightWithSpacing() * 3.0f;
    const float body = height - used;
    const auto selected = table_.selected();
    const bool has_detail = selected && *selected < rows_.size();
    const float table_h = has_detail ? body * 0.62f : body;
    static constexpr TableColumn kColumns[] = {
        {"Type", 6.0f}, {"Value", 28.0f}, {"Seen", 4.0f}, {"Class", 7.0f},
        {"Verdict", 6.0f}, {"Feeds", 12.0f}, {"First seen in", 22.0f},
    };
    table_.draw("indicators", rows, kColumns, table_h, [&](std::uint32_t r, int column) {
        const auto& e = rows.entry(r);
        switch (column) {
            case kColType: ImGui::TextColored(kMuted, "%s", kTypeLabels[static_cast<int>(e.indicator.type)]); break;
            case kColValue: cell_text(e.indicator.value); break;
            case kColCount: ImGui::Text("%llu", static_cast<unsigned long long>(e.count)); break;
            case kColClass: cell_text(class_of(e.indicator)); break;
            case kColVerdict: {
                const auto v = ws_.judgement(rows_[r]).verdict;
                ImGui::TextColored(verdict_colour(v), "%s", std::string(intel::to_string(v)).c_str());
                break;
            }
            case kColSources: cell_text(sources_of(ws_.judgement(rows_[r]))); break;
            case kColSeen: ImGui::TextColored(kMuted, "%s", where(e.first).c_str()); break;
            default: break;
        }
    });
    if (has_detail) draw_detail(body - table_h - ImGui::GetStyle().ItemSpacing.y, rows_[*selected]);
}

void IndicatorsView::draw_toolbar() {
    if (ImGui::Button("Types…")) ImGui::OpenPopup("types");
    if (ImGui::BeginPopup("types")) {
        for (int t = 0; t < ioc::kIndicatorTypeCount; ++t)
            filters_changed_ |= ImGui::Checkbox(kTypeLabels[t], &types_[t]);
        ImGui::EndPopup();
    }
    ImGui::SameLine();
    filters_changed_ |= ImGui::Checkbox("Flagged only", &flagged_only_);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Only indicators a feed calls malicious or suspicious");
    ImGui::SameLine();
    filters_changed_ |= ImGui::Checkbox("Public addresses only", &public_only_);
    ImGui::SameLine();
    ImGui::TextColored(kMuted, "Verdict rule");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0f);
    if (ImGui::InputText("##rule", rule_, sizeof rule_, ImGuiInputTextFlags_EnterReturnsTrue)) {
        auto set = ws_.set_policy(rule_);
        rule_error_ = set ? std::string() : set.error().describe();
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("How VirusTotal engine counts become a verdict, e.g. \"malicious > 5\" or\n"
                          "\"malicious >= 3 or suspicious > 10\" (Enter applies)");
    if (!rule_error_.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(kError, "%s", rule_error_.c_str());
    }
    ImGui::SameLine();
    ImGui::TextColored(kMuted, "Export");
    for (const char* format : {"CSV", "JSON", "STIX", "Defanged"}) {
        ImGui::SameLine();
        if (ImGui::SmallButton(format)) {
            std::string f = format;
            for (char& c : f) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
            download(f);
        }
    }
}

void IndicatorsView::draw_feeds_line() {
    const auto& feeds = ws_.feeds();
    if (feeds.reports().empty()) {
        ImGui::TextColored(kMuted, "No threat-intel feed loaded: drop STIX 2.1 bundles, MISP events or saved VirusTotal "
                                   "responses, or mark a CSV file as a feed.");
    } else {
        ImGui::TextColored(kMuted, "Feeds: %zu files, %zu indicator values", feeds.reports().size(), feeds.size());
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            for (const auto& r : feeds.reports()) ImGui::TextUnformatted(r.summary().c_str());
            for (const auto& f : ws_.feed_failures()) ImGui::TextColored(kError, "%s", f.c_str());
            ImGui::EndTooltip();
        }
    }
    if (!ws_.feed_failures().empty()) {
        ImGui::SameLine();
        ImGui::TextColored(kError, "· %zu feeds refused", ws_.feed_failures().size());
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("Use a CSV file as a feed…")) ImGui::OpenPopup("csv-feeds");
    if (ImGui::BeginPopup("csv-feeds")) {
        bool any = false;
        for (const auto& e : ws_.evidence().items()) {
            if (e.error || e.sniff.format != artifact::Format::csv || ws_.is_feed(e.id)) continue;
            any = true;
            if (ImGui::MenuItem(e.name.c_str())) ws_.request_feed(e.id);
        }
        if (!any) ImGui::TextColored(kMuted, "No CSV evidence to use");
        ImGui::EndPopup();
    }
}

void IndicatorsView::draw_detail(float height, std::uint32_t index) {
    const auto& e = ws_.indicators().entries()[index];
    const auto& j = ws_.judgement(index);
    ImGui::BeginChild("indicator-detail", ImVec2(0, height), true);
    ImGui::TextColored(kAccent, "%s", kTypeLabels[static_cast<int>(e.indicator.type)]);
    ImGui::SameLine();
    cell_text(e.indicator.value);
    ImGui::SameLine();
    if (ImGui::SmallButton("Copy")) ImGui::SetClipboardText(e.indicator.value.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("Copy defanged")) ImGui::SetClipboardText(ioc::defang(e.indicator).c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("Close")) table_.select(std::nullopt);
    ImGui::TextColored(verdict_colour(j.verdict), "Verdict: %s", std::string(intel::to_string(j.verdict)).c_str());
    for (const auto& s : j.sightings) {
        const auto v = ws_.policy().verdict_of(s);
        ImGui::BulletText("%s: %s%s%s", s.feed.c_str(), std::string(intel::to_string(v)).c_str(),
                          s.detail.empty() ? "" : " · ", s.detail.c_str());
    }
    ImGui::TextColored(kMuted, "Seen %llu times; where (first %zu):", static_cast<unsigned long long>(e.count),
                       e.sightings.size());
    for (const auto& s : e.sightings) ImGui::BulletText("%s", where(s).c_str());
    ImGui::EndChild();
}

std::string IndicatorsView::export_text(const std::string& format) {
    const auto& entries = ws_.indicators().entries();
    std::unordered_map<const ioc::IndicatorEntry*, std::size_t> index;
    for (std::size_t i = 0; i < entries.size(); ++i) index.emplace(&entries[i], i);
    auto judged = [this, &index](const ioc::IndicatorEntry& e) -> const intel::Judgement& {
        return ws_.judgement(index.at(&e));
    };
    std::vector<ioc::ExtraColumn> extras;
    extras.push_back({"verdict", [&](const ioc::IndicatorEntry& e) { return std::string(intel::to_string(judged(e).verdict)); }});
    extras.push_back({"feeds", [&](const ioc::IndicatorEntry& e) { return sources_of(judged(e)); }});
    if (format == "csv") return ioc::to_csv(ws_.indicators(), extras);
    if (format == "json") return ioc::to_json(ws_.indicators(), extras);
    if (format == "defanged") return ioc::to_defanged_text(ws_.indicators());
    ioc::StixOptions options;
    options.created_us = std::chrono::duration_cast<std::chrono::microseconds>(
                             std::chrono::system_clock::now().time_since_epoch()).count();
    return ioc::to_stix(ws_.indicators(), options);
}

void IndicatorsView::download(const std::string& format) {
    static constexpr struct {
        const char* format;
        const char* name;
        const char* mime;
    } kFiles[] = {
        {"csv", "trinity-indicators.csv", "text/csv"},
        {"json", "trinity-indicators.json", "application/json"},
        {"stix", "trinity-indicators.stix.json", "application/stix+json"},
        {"defanged", "trinity-indicators-defanged.txt", "text/plain"},
    };
    for (const auto& f : kFiles) {
        if (format != f.format) continue;
        const std::string text = export_text(format);
        trinity_shell_download(f.name, f.mime, text.c_str());
    }
}

}  // namespace trinity::web
