#include "evidence_view.h"

#include <optional>

#include "../ui_style.h"
#include "../workspace.h"
#include "trinity/artifact/sniff.h"

namespace trinity::web {
namespace {

enum Column { kColId, kColName, kColSize, kColFormat, kColEncoding, kColDetail };

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
    EvidenceRows rows(items);
    table_.draw_filter(rows, "Filter evidence…", "files");
    static constexpr TableColumn kColumns[] = {
        {"#", 2.5f}, {"Name", 18.0f}, {"Size", 5.5f}, {"Format", 12.0f}, {"Encoding", 9.0f}, {"Why", 40.0f},
    };
    std::optional<evidence::EvidenceId> remove;
    table_.draw("evidence", rows, kColumns, height - ImGui::GetFrameHeightWithSpacing(),
                [&](std::uint32_t r, int column) {
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
    if (remove) ws_.remove_evidence(*remove);
}

}  // namespace trinity::web
