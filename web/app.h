// App: Trinity's browser UI over core. Holds the evidence list and draws it;
// knows nothing of the page around it (shell_bridge.cpp connects the two).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "trinity/evidence/evidence.h"
#include "trinity/evtx/evtx.h"

namespace trinity::web {

// One event in the events table.
struct EventRow {
    evidence::EvidenceId evidence = 0;
    std::uint64_t record_id = 0;
    bool recovered = false;
    std::string time, event_id, provider, channel, computer, details;
};

// An EVTX file being streamed in by the page, chunk by chunk.
struct EvtxJob {
    enum class State { parsing, done, cancelled, failed };
    evidence::EvidenceId evidence = 0;
    std::string name;
    State state = State::parsing;
    std::uint32_t chunks = 0;
    std::uint32_t done = 0;
    evtx::ReadStats stats;
    std::vector<evtx::Warning> warnings;
    std::size_t warnings_logged = 0;
};

// What the page tells the app each frame.
struct PageState {
    bool cross_origin_isolated = false;
    bool drag_over = false;  // files are being dragged over the page
};

class App {
public:
    App();

    // Draws one frame. Call between ImGui::NewFrame() and ImGui::Render().
    void frame(const PageState& page);

    // A dropped or picked file: its name, full size and first bytes (at most
    // artifact::kSniffHeadBytes; the rest stays in the browser's File).
    evidence::EvidenceId add_file(std::string name, std::uint64_t size,
                                  std::span<const std::byte> head);
    // A file the browser could not read (a folder, a vanished file).
    evidence::EvidenceId add_unreadable(std::string name, std::uint64_t size, std::string reason);

    // EVTX streaming, driven by the page: the header first, then each chunk
    // as the page reads it, then the end. begin() returns false when the
    // file is not EVTX after all (the reason goes to the log).
    bool evtx_begin(evidence::EvidenceId id, std::span<const std::byte> header, std::uint64_t size);
    void evtx_chunk(evidence::EvidenceId id, std::uint32_t index, std::span<const std::byte> chunk);
    void evtx_end(evidence::EvidenceId id);
    bool evtx_cancelled(evidence::EvidenceId id) const;
    // What the Cancel button does: the page stops reading at the next chunk.
    void cancel_evtx(evidence::EvidenceId id);
    // Brings the Events view to the front (the first EVTX file does this).
    void show_events() { show_events_ = true; }
    const EvtxJob* evtx_job(evidence::EvidenceId id) const;
    std::size_t event_count() const { return events_.size(); }

    const evidence::EvidenceList& evidence() const { return evidence_; }
    std::uint64_t frames() const { return frames_; }

    // Set when the analyst asked to open the file picker this frame.
    bool take_open_request();

private:
    void draw_header();
    void draw_drop_zone(float height);
    void draw_evidence_table(float height);
    void draw_log(float height);
    void draw_status_bar(const PageState& page);
    void draw_jobs();
    void draw_events_table(float height);
    EvtxJob* find_job(evidence::EvidenceId id);
    void sort_rows();

    evidence::EvidenceList evidence_;
    std::vector<std::size_t> order_;  // display order: indices into evidence_.items()
    bool sort_dirty_ = true;
    int sort_column_ = -1;
    bool sort_descending_ = false;
    bool open_requested_ = false;
    std::uint64_t frames_ = 0;
    std::uint64_t log_seen_ = 0;
    std::vector<EvtxJob> jobs_;
    std::vector<EventRow> events_;
    bool show_events_ = false;
};

}  // namespace trinity::web
