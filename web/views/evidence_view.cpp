#include "evidence_view.h"

#include <algorithm>
#include <optional>

#include "../ui_style.h"
#include "../workspace.h"
#include "trinity/artifact/sniff.h"

namespace trinity::web {
namespace {

enum Column { kColId, kColName, kColSize, kColFormat, kColEncoding, kColSha256, kColDetail };

std::string encoding_label(const evidence::Evidence& e) {
    if (e.error || e.sniff.encoding == artifact::Encoding::none) return "-";
    std::string s(artifact::to_string(e.sniff.encoding));
    if (e.sniff.bom) s += " (BOM)";
    if (e.sniff.line_endings == artifact::LineEndings::crlf) s += ", CRLF";
    return s;
}

// The evidence list as a table::RowSource.
struct EvidenceRows final : table::RowSource {
    const std::vector<evidence::Evidence>& items;
    explicit EvidenceRows(const std::vector<evidence::Evidence>& i) : items(i) {}
    std::size_t size() const override { return items.size(); }
    bool row_matches(std::size_t r, std::string_view needle) const override {
        const auto& e = items[r];
        return table::contains_folded(e.name, needle) ||
               table::contains_folded(artifact::format_label(e.sniff), needle) ||
               table::contains_folded(e.sniff.detail, needle) || table::contains_folded(e.sha256, needle);
    }
    bool row_less(std::size_t a, std::size_t b, int column) const override {
        const auto& x = items[a];
        const auto& y = items[b];
        switch (column) {
            case kColName: return x.name < y.name;
            case kColSize: return x.size < y.size;
            case kColFormat: return artifact::format_label(x.sniff) < artifact::format_label(y.sniff);
            case kColEncoding: return encoding_label(x) < encoding_label(y);
            case kColSha256: return x.sha256 < y.sha256;
            case kColDetail: return x.sniff.detail < y.sniff.detail;
            default: return x.id < y.id;
        }
    }
};

}  // namespace

void EvidenceView::draw(float height) {
    using namespace style;
    if (generation_ != ws_.generation()) {
        generation_ = ws_.generation();
        table_.reset();
    }
    const auto& items = ws_.evidence().items();
    if (const evidence::EvidenceId wanted = ws_.take_evidence_selection()) {
        const auto it = std::find_if(items.begin(), items.end(), [&](const auto& e) { return e.id == wanted; });
        if (it != items.end()) table_.select(static_cast<std::uint32_t>(it - items.begin()));
    }
    const auto selected = table_.selected();
    const evidence::Evidence* chosen = selected && *selected < items.size() ? &items[*selected] : nullptr;
    EvidenceRows rows(items);
    table_.draw_filter(rows, "Filter evidence…", "files");
    static constexpr TableColumn kColumns[] = {
        {"#", 2.5f},       {"Name", 18.0f},   {"Size", 5.5f}, {"Format", 12.0f},
        {"Encoding", 9.0f}, {"SHA-256", 10.0f}, {"Why", 40.0f},
    };
    const float body = height - ImGui::GetFrameHeightWithSpacing();
    // The digests pane: a title and five digest lines.
    const ImGuiStyle& st = ImGui::GetStyle();
    const float pane_h = (ImGui::GetTextLineHeight() + st.FramePadding.y * 2 + st.ItemSpacing.y) * 6.0f +
                         st.WindowPadding.y * 2 + st.ItemSpacing.y;
    const float pane = chosen ? std::min(body * 0.5f, pane_h) : 0.0f;
    std::optional<evidence::EvidenceId> remove;
    table_.draw("evidence", rows, kColumns, body - pane, [&](std::uint32_t r, int column) {
        const auto& e = items[r];
        switch (column) {
            case kColId: ImGui::TextColored(kMuted, "%llu", static_cast<unsigned long long>(e.id)); break;
            case kColName:
                cell_text(e.name);
                if (ImGui::BeginPopupContextItem("row")) {
                    if (ImGui::MenuItem("Copy name")) ImGui::SetClipboardText(e.name.c_str());
                    if (ImGui::MenuItem("Remove from list")) remove = e.id;
                    ImGui::EndPopup();
                }
                break;
            case kColSize: cell_text(evidence::format_size(e.size)); break;
            case kColFormat:
                if (e.error) ImGui::TextColored(kError, "Unreadable");
                else cell_text(artifact::format_label(e.sniff));
                break;
            case kColEncoding: cell_text(encoding_label(e)); break;
            case kColSha256: draw_hash_cell(e); break;
            case kColDetail: {
                const Job* job = ws_.job_for(e.id, Job::Kind::evtx);
                if (!job) {
                    const std::string& why = e.error ? e.error->message : e.sniff.detail;
                    ImGui::TextColored(e.error ? kError : kMuted, "%s", why.c_str());
                    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", why.c_str());
                    break;
                }
                // What parsing found, with the file's own warnings on hover.
                ImGui::TextColored(job->warnings || job->rejected ? kWarning : kMuted, "%s", job->summary().c_str());
                if (ImGui::IsItemHovered()) {
                    ImGui::BeginTooltip();
                    ImGui::TextUnformatted(e.sniff.detail.c_str());
                    for (const auto& w : job->warning_lines) ImGui::TextColored(kWarning, "%s", w.c_str());
                    if (job->warnings > job->warning_lines.size()) {
                        ImGui::TextColored(kMuted, "… and %llu more in the log",
                                           static_cast<unsigned long long>(job->warnings - job->warning_lines.size()));
                    }
                    ImGui::EndTooltip();
                }
                break;
            }
            default: break;
        }
    });
    if (chosen) draw_digests(*chosen, pane - ImGui::GetStyle().ItemSpacing.y);
    if (remove) ws_.remove_evidence(*remove);
}

// [SECTION] Digests

void EvidenceView::draw_hash_cell(const evidence::Evidence& e) {
    using namespace style;
    const Job* job = ws_.job_for(e.id, Job::Kind::hash);
    if (!e.sha256.empty()) {
        ImGui::TextColored(kMuted, "%.12s…", e.sha256.c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("SHA-256 %s\nselect the row for every digest", e.sha256.c_str());
    } else if (job && job->running()) {
        const std::string percent = std::to_string(static_cast<int>(job->fraction() * 100)) + "%";
        ImGui::ProgressBar(job->fraction(), ImVec2(-1, ImGui::GetTextLineHeight()), percent.c_str());
    } else if (job && job->state == Job::State::failed) {
        ImGui::TextColored(kError, "failed");
        if (ImGui::IsItemHovered() && !job->warning_lines.empty()) ImGui::SetTooltip("%s", job->warning_lines[0].c_str());
    } else {
        ImGui::TextColored(kMuted, "-");
    }
}

void EvidenceView::draw_digests(const evidence::Evidence& e, float height) {
    using namespace style;
    ImGui::BeginChild("digests", ImVec2(0, height), true);
    ImGui::TextColored(kAccent, "Digests");
    ImGui::SameLine();
    ImGui::TextColored(kMuted, "%s · %s", e.name.c_str(), evidence::format_size(e.size).c_str());
    const hash::Digests* d = ws_.digests(e.id);
    const Job* job = ws_.job_for(e.id, Job::Kind::hash);
    if (d) {
        ImGui::SameLine();
        if (ImGui::SmallButton("Copy all")) {
            std::string all;
            for (const hash::Algorithm a : hash::kAllAlgorithms) all += hash::tagged_line(*d, a, e.name) + "\n";
            ImGui::SetClipboardText(all.c_str());
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Every digest as \"SHA256 (name) = …\" lines (cksum -c reads them)");
        static constexpr const char* kLabels[] = {"MD5", "SHA-1", "SHA-256", "SHA-512", "ssdeep"};
        // Columns: the copy button, the algorithm, the digest.
        const float x0 = ImGui::GetCursorPosX();
        const float spacing = ImGui::GetStyle().ItemSpacing.x;
        const float label_x = x0 + ImGui::CalcTextSize("Copy").x + ImGui::GetStyle().FramePadding.x * 2 + spacing;
        const float value_x = label_x + ImGui::CalcTextSize("SHA-512").x + spacing * 2;
        for (std::size_t i = 0; i < std::size(hash::kAllAlgorithms); ++i) {
            const hash::Algorithm a = hash::kAllAlgorithms[i];
            const std::string& value = d->get(a);
            ImGui::PushID(static_cast<int>(i));
            if (ImGui::SmallButton("Copy")) ImGui::SetClipboardText(value.c_str());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("Copy the %s digest", kLabels[i]);
            ImGui::SameLine(label_x);
            ImGui::TextColored(kMuted, "%s", kLabels[i]);
            ImGui::SameLine(value_x);
            cell_text(value);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", value.c_str());
            ImGui::PopID();
        }
    } else if (job && job->running()) {
        const std::string progress = "hashing: " + evidence::format_size(job->done) + " of " +
                                     evidence::format_size(job->total) +
                                     (ws_.parsing() ? " (paused while parsing)" : "");
        ImGui::ProgressBar(job->fraction(), ImVec2(-1, 0), progress.c_str());
    } else if (job && job->state == Job::State::failed) {
        ImGui::TextColored(kError, "%s", job->warning_lines.empty() ? "hashing failed" : job->warning_lines[0].c_str());
    } else {
        ImGui::TextColored(kMuted, e.error ? "The file could not be read, so it has no digests."
                                           : "Not hashed (cancelled or removed while hashing).");
    }
    ImGui::EndChild();
}

}  // namespace trinity::web
