// App: Trinity's browser UI over core. Holds the evidence list and draws it;
// knows nothing of the page around it (shell_bridge.cpp connects the two).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "table_view.h"
#include "trinity/event/event_table.h"
#include "trinity/evidence/evidence.h"
#include "trinity/evtx/evtx.h"

namespace trinity::web {

// An EVTX file being parsed by the engine workers: the page hands the app
// each chunk's batch of rows, in chunk order.
struct EvtxJob {
    enum class State { parsing, done, cancelled, failed };
    evidence::EvidenceId evidence = 0;
    std::string name;
    State state = State::parsing;
    std::uint32_t chunks = 0;
    std::uint32_t done = 0;  // batches received, in order
    unsigned codepage = 1252;
    evtx::ReadStats stats;
    std::size_t warnings = 0;
    std::vector<std::string> warning_lines;  // the first kKeptWarnings, "@offset: message"
    static constexpr std::size_t kKeptWarnings = 20;
};

// The full event behind a selected row, fetched from a worker on demand.
struct EventDetail {
    enum class State { none, loading, ready, missing };
    State state = State::none;
    evidence::EvidenceId evidence = 0;
    std::uint64_t offset = 0;
    std::vector<std::pair<std::string, std::string>> fields;
    std::string xml;
    bool show_xml = false;
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

    // EVTX parsing, driven by the page: the header first, then each chunk's
    // batch of rows (event::encode_batch, from a worker) in chunk order,
    // then the end. begin() returns false when the file is not EVTX after
    // all (the reason goes to the log).
    bool evtx_begin(evidence::EvidenceId id, std::span<const std::byte> header, std::uint64_t size);
    void evtx_batch(evidence::EvidenceId id, std::span<const std::byte> batch);
    void evtx_end(evidence::EvidenceId id);
    bool evtx_cancelled(evidence::EvidenceId id) const;
    // What the Cancel button does: the page stops reading at the next chunk.
    void cancel_evtx(evidence::EvidenceId id);
    // Brings the Events view to the front (the first EVTX file does this).
    void show_events() { show_events_ = true; }
    const EvtxJob* evtx_job(evidence::EvidenceId id) const;
    std::size_t event_count() const { return events_.size(); }
    const event::EventTable& events() const { return events_; }
    // The Events view's rows, in display order (indices into events()).
    const std::vector<std::uint32_t>& events_view() const { return events_view_.view().rows(); }
    // The code page new EVTX files decode ANSI strings with.
    unsigned ansi_codepage() const { return ansi_codepage_; }

    // The Events view asks for the full event behind a row; the page fetches
    // it from a worker and answers with event_detail() (JSON from
    // trinity_engine_evtx_record, or "null").
    bool take_detail_request(evidence::EvidenceId& evidence, std::uint64_t& offset);
    void event_detail(evidence::EvidenceId evidence, std::uint64_t offset, std::string_view json);
    const EventDetail& detail() const { return detail_; }
    // Selects the row at `view_index` of the Events view (the test hook
    // uses it as a click would).
    void select_event(std::size_t view_index);
    void set_event_filter(const std::string& text);
    void set_ansi_codepage(unsigned codepage);

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
    void draw_events_view(float height);
    void draw_events_table(float height);
    void draw_event_detail(float height);
    EvtxJob* find_job(evidence::EvidenceId id);
    void sort_rows();
    bool ingesting() const;

    evidence::EvidenceList evidence_;
    std::vector<std::size_t> order_;  // display order: indices into evidence_.items()
    bool sort_dirty_ = true;
    int sort_column_ = -1;
    bool sort_descending_ = false;
    bool open_requested_ = false;
    std::uint64_t frames_ = 0;
    std::uint64_t log_seen_ = 0;
    std::vector<EvtxJob> jobs_;
    event::EventTable events_;
    TableView events_view_;
    bool show_events_ = false;
    unsigned ansi_codepage_ = 1252;
    EventDetail detail_;
    bool detail_requested_ = false;
};

}  // namespace trinity::web
