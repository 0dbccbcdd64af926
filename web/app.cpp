#include "app.h"

#include <algorithm>
#include <numeric>
#include <optional>

#include "imgui.h"
#include "trinity/artifact/sniff.h"
#include "trinity/log/logger.h"

namespace trinity::web {
namespace {

const ImVec4 kAccent{0.40f, 0.70f, 1.00f, 1.00f};
const ImVec4 kMuted{0.62f, 0.64f, 0.68f, 1.00f};
const ImVec4 kWarning{1.00f, 0.78f, 0.30f, 1.00f};
const ImVec4 kError{1.00f, 0.42f, 0.38f, 1.00f};

enum Column { kColId, kColName, kColSize, kColFormat, kColEncoding, kColDetail, kColumnCount };

ImVec4 level_colour(log::Level level) {
    switch (level) {
        case log::Level::error: return kError;
        case log::Level::warning: return kWarning;
        case log::Level::debug: return kMuted;
        case log::Level::info: break;
    }
    return ImGui::GetStyleColorVec4(ImGuiCol_Text);
}

std::string encoding_label(const evidence::Evidence& e) {
    if (e.error || e.sniff.encoding == artifact::Encoding::none) return "-";
    std::string s(artifact::to_string(e.sniff.encoding));
    if (e.sniff.bom) s += " (BOM)";
    if (e.sniff.line_endings == artifact::LineEndings::crlf) s += ", CRLF";
    return s;
}

}  // namespace

App::App() { log::info("Trinity ready: drop evidence files or open them"); }

evidence::EvidenceId App::add_file(std::string name, std::uint64_t size,
                                   std::span<const std::byte> head) {
    const bool complete = head.size() >= size;
    const auto& e = evidence_.add(std::move(name), size, artifact::sniff(head, complete));
    log::info("added " + e.name + " (" + evidence::format_size(e.size) + "): " + artifact::describe(e.sniff));
    sort_dirty_ = true;
    return e.id;
}

evidence::EvidenceId App::add_unreadable(std::string name, std::uint64_t size, std::string reason) {
    const auto& e = evidence_.add_failed(std::move(name), size,
                                         Error{ErrorKind::io, std::move(reason), Location{}});
    log::warning("could not read " + e.name + ": " + e.error->message);
    sort_dirty_ = true;
    return e.id;
}

bool App::take_open_request() {
    const bool requested = open_requested_;
    open_requested_ = false;
    return requested;
}

void App::frame(const PageState& page) {
    ++frames_;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    constexpr ImGuiWindowFlags kRootFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                            ImGuiWindowFlags_NoSavedSettings |
                                            ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("Trinity", nullptr, kRootFlags);

    draw_header();
    draw_jobs();
    const float line = ImGui::GetFrameHeightWithSpacing();
    const float status_height = line;
    const float log_height = line * 6.5f;
    if (evidence_.items().empty() || page.drag_over) {
        const float body = std::max(line * 4.0f, ImGui::GetContentRegionAvail().y - log_height - status_height);
        draw_drop_zone(body);
    } else if (ImGui::BeginTabBar("views")) {
        const float body = std::max(line * 4.0f, ImGui::GetContentRegionAvail().y - log_height - status_height - line);
        if (ImGui::BeginTabItem("Evidence")) {
            draw_evidence_table(body);
            ImGui::EndTabItem();
        }
        const std::string events_label = "Events (" + std::to_string(events_.size()) + ")###events";
        const ImGuiTabItemFlags events_flags = show_events_ ? ImGuiTabItemFlags_SetSelected : 0;
        show_events_ = false;
        if (ImGui::BeginTabItem(events_label.c_str(), nullptr, events_flags)) {
            draw_events_view(body);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    draw_log(log_height - ImGui::GetStyle().ItemSpacing.y);
    draw_status_bar(page);
    ImGui::End();
}

void App::draw_header() {
    ImGui::TextColored(kAccent, "Trinity");
    ImGui::SameLine();
    ImGui::TextColored(kMuted, "evidence stays in this browser");
    ImGui::SameLine();
    const float buttons = ImGui::CalcTextSize("Open files…").x + ImGui::CalcTextSize("Clear").x +
                          ImGui::GetStyle().FramePadding.x * 4 + ImGui::GetStyle().ItemSpacing.x;
    ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - buttons));
    if (ImGui::Button("Open files…")) open_requested_ = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Pick evidence files (Ctrl+O)");
    ImGui::SameLine();
    ImGui::BeginDisabled(evidence_.items().empty());
    if (ImGui::Button("Clear")) {
        log::info("cleared " + std::to_string(evidence_.items().size()) + " evidence files");
        evidence_.clear();
        for (auto& j : jobs_) {
            if (j.state == EvtxJob::State::parsing) j.state = EvtxJob::State::cancelled;
        }
        events_.clear();
        events_view_.reset();
        detail_ = EventDetail{};
        sort_dirty_ = true;
    }
    ImGui::EndDisabled();
    ImGui::Separator();
}

void App::draw_drop_zone(float height) {
    ImGui::BeginChild("drop-zone", ImVec2(0, height), false, ImGuiWindowFlags_NoScrollbar);
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 size = ImGui::GetContentRegionAvail();
    const ImVec2 max{min.x + size.x, min.y + size.y};
    const float pad = ImGui::GetFontSize();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, max, ImGui::GetColorU32(ImVec4(0.40f, 0.70f, 1.00f, 0.06f)), pad * 0.5f);
    draw->AddRect(min, max, ImGui::GetColorU32(ImVec4(0.40f, 0.70f, 1.00f, 0.55f)), pad * 0.5f, 0,
                  std::max(1.0f, pad / 8.0f));

    const char* title = "Drop evidence files here";
    const char* formats = "EVTX logs · ps, netstat, ss, lsof · tasklist, wmic · .reg exports · JSON, JSONL, CSV, syslog";
    const char* privacy = "Files are read in this browser. Nothing is uploaded.";
    auto centred = [&](const char* text, float y, ImVec4 colour) {
        const float w = ImGui::CalcTextSize(text).x;
        ImGui::SetCursorScreenPos(ImVec2(min.x + std::max(pad, (size.x - w) * 0.5f), y));
        ImGui::TextColored(colour, "%s", text);
    };
    const float mid = min.y + size.y * 0.5f;
    const float lh = ImGui::GetTextLineHeightWithSpacing();
    centred(title, mid - lh * 2.0f, kAccent);
    centred(formats, mid - lh * 0.5f, kMuted);
    centred(privacy, mid + lh * 0.5f, kMuted);
    const float bw = ImGui::CalcTextSize("Open files…").x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SetCursorScreenPos(ImVec2(min.x + (size.x - bw) * 0.5f, mid + lh * 2.0f));
    if (ImGui::Button("Open files…##drop")) open_requested_ = true;
    ImGui::EndChild();
}

void App::sort_rows() {
    const auto& items = evidence_.items();
    order_.resize(items.size());
    std::iota(order_.begin(), order_.end(), std::size_t{0});
    if (sort_column_ < 0) return;
    auto key_less = [&](std::size_t a, std::size_t b) {
        const auto& x = items[a];
        const auto& y = items[b];
        switch (sort_column_) {
            case kColName: return x.name < y.name;
            case kColSize: return x.size < y.size;
            case kColFormat: return artifact::to_string(x.sniff.format) < artifact::to_string(y.sniff.format);
            case kColEncoding: return artifact::to_string(x.sniff.encoding) < artifact::to_string(y.sniff.encoding);
            case kColDetail: return x.sniff.detail < y.sniff.detail;
            default: return x.id < y.id;
        }
    };
    std::stable_sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) {
        return sort_descending_ ? key_less(b, a) : key_less(a, b);
    });
}

void App::draw_evidence_table(float height) {
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_Sortable | ImGuiTableFlags_Resizable |
                                       ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                       ImGuiTableFlags_BordersV | ImGuiTableFlags_ScrollY |
                                       ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("evidence", kColumnCount, kFlags, ImVec2(0, height))) return;
    const float em = ImGui::GetFontSize();
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_WidthFixed, em * 2.5f, kColId);
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch, 3.0f, kColName);
    ImGui::TableSetupColumn("Size", ImGuiTableColumnFlags_WidthFixed, em * 5.5f, kColSize);
    ImGui::TableSetupColumn("Format", ImGuiTableColumnFlags_WidthStretch, 2.0f, kColFormat);
    ImGui::TableSetupColumn("Encoding", ImGuiTableColumnFlags_WidthStretch, 1.5f, kColEncoding);
    ImGui::TableSetupColumn("Why", ImGuiTableColumnFlags_WidthStretch, 3.0f, kColDetail);
    ImGui::TableHeadersRow();

    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
        if (specs->SpecsCount > 0) {
            sort_column_ = static_cast<int>(specs->Specs[0].ColumnUserID);
            sort_descending_ = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
        }
        specs->SpecsDirty = false;
        sort_dirty_ = true;
    }
    if (sort_dirty_ || order_.size() != evidence_.items().size()) {
        sort_rows();
        sort_dirty_ = false;
    }

    std::optional<evidence::EvidenceId> remove;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(order_.size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const auto& e = evidence_.items()[order_[static_cast<std::size_t>(row)]];
            ImGui::PushID(static_cast<int>(e.id));
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(kColId);
            ImGui::TextColored(kMuted, "%llu", static_cast<unsigned long long>(e.id));
            ImGui::TableSetColumnIndex(kColName);
            ImGui::Selectable(e.name.c_str(), false, ImGuiSelectableFlags_SpanAllColumns);
            if (ImGui::BeginPopupContextItem("row")) {
                if (ImGui::MenuItem("Copy name")) ImGui::SetClipboardText(e.name.c_str());
                if (ImGui::MenuItem("Remove from list")) remove = e.id;
                ImGui::EndPopup();
            }
            ImGui::TableSetColumnIndex(kColSize);
            ImGui::TextUnformatted(evidence::format_size(e.size).c_str());
            ImGui::TableSetColumnIndex(kColFormat);
            if (e.error) ImGui::TextColored(kError, "Unreadable");
            else ImGui::TextUnformatted(artifact::format_label(e.sniff).c_str());
            ImGui::TableSetColumnIndex(kColEncoding);
            ImGui::TextUnformatted(encoding_label(e).c_str());
            ImGui::TableSetColumnIndex(kColDetail);
            if (const EvtxJob* job = evtx_job(e.id)) {
                // What parsing found, with the file's own warnings on hover.
                static constexpr const char* kStates[] = {"reading", "read", "cancelled", "failed"};
                const std::string summary = std::string(kStates[static_cast<int>(job->state)]) + ": " +
                                            std::to_string(job->stats.records) + " events, " +
                                            std::to_string(job->stats.recovered) + " recovered, " +
                                            std::to_string(job->stats.bad_records) + " unreadable, " +
                                            std::to_string(job->warnings) + " warnings";
                ImGui::TextColored(job->warnings || job->stats.bad_records ? kWarning : kMuted, "%s", summary.c_str());
                if (ImGui::IsItemHovered()) {
                    ImGui::BeginTooltip();
                    ImGui::TextUnformatted(e.sniff.detail.c_str());
                    for (const auto& w : job->warning_lines) ImGui::TextColored(kWarning, "%s", w.c_str());
                    if (job->warnings > job->warning_lines.size()) {
                        ImGui::TextColored(kMuted, "… and %zu more in the log", job->warnings - job->warning_lines.size());
                    }
                    ImGui::EndTooltip();
                }
            } else {
                const std::string& why = e.error ? e.error->message : e.sniff.detail;
                ImGui::TextColored(e.error ? kError : kMuted, "%s", why.c_str());
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", why.c_str());
            }
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
    if (remove) {
        if (EvtxJob* job = find_job(*remove); job && job->state == EvtxJob::State::parsing) {
            job->state = EvtxJob::State::cancelled;
        }
        evidence_.remove(*remove);
        events_.remove_evidence(static_cast<std::uint32_t>(*remove));
        events_view_.reset();
        if (detail_.evidence == *remove) detail_ = EventDetail{};
        sort_dirty_ = true;
    }
}

void App::draw_jobs() {
    for (auto& job : jobs_) {
        if (job.state != EvtxJob::State::parsing) continue;
        ImGui::PushID(static_cast<int>(job.evidence));
        const float fraction = job.chunks ? static_cast<float>(job.done) / static_cast<float>(job.chunks) : 1.0f;
        const std::string overlay = job.name + ": chunk " + std::to_string(job.done) + " of " +
                                    std::to_string(job.chunks) + ", " + std::to_string(job.stats.records) + " events";
        const float cancel_w = ImGui::CalcTextSize("Cancel").x + ImGui::GetStyle().FramePadding.x * 2;
        ImGui::ProgressBar(fraction, ImVec2(ImGui::GetContentRegionAvail().x - cancel_w - ImGui::GetStyle().ItemSpacing.x, 0),
                           overlay.c_str());
        ImGui::SameLine();
        if (ImGui::Button("Cancel")) cancel_evtx(job.evidence);
        ImGui::PopID();
    }
}

void App::draw_log(float height) {
    ImGui::BeginChild("log", ImVec2(0, height), true);
    const auto entries = log::global().recent();
    for (const auto& entry : entries) {
        ImGui::TextColored(level_colour(entry.level), "%s", log::format(entry).c_str());
    }
    // Follow new entries unless the analyst scrolled up to read.
    const std::uint64_t newest = entries.empty() ? 0 : entries.back().sequence + 1;
    if (newest != log_seen_ && ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - ImGui::GetFontSize()) {
        ImGui::SetScrollHereY(1.0f);
    }
    log_seen_ = newest;
    ImGui::EndChild();
}

void App::draw_status_bar(const PageState& page) {
    std::uint64_t total = 0;
    for (const auto& e : evidence_.items()) total += e.size;
    const std::size_t n = evidence_.items().size();
    ImGui::TextColored(kMuted, "%zu file%s · %s", n, n == 1 ? "" : "s", evidence::format_size(total).c_str());
    if (!page.cross_origin_isolated) {
        ImGui::SameLine();
        ImGui::TextColored(kWarning, "· not served by trinity-proxy (no cross-origin isolation)");
    }
    ImGui::SameLine();
    ImGui::TextColored(kMuted, "· %.0f fps", static_cast<double>(ImGui::GetIO().Framerate));
}

}  // namespace trinity::web
