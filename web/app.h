// App: Trinity's browser UI over core. Holds the evidence list and draws it;
// knows nothing of the page around it (shell_bridge.cpp connects the two).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "trinity/evidence/evidence.h"

namespace trinity::web {

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
    void sort_rows();

    evidence::EvidenceList evidence_;
    std::vector<std::size_t> order_;  // display order: indices into evidence_.items()
    bool sort_dirty_ = true;
    int sort_column_ = -1;
    bool sort_descending_ = false;
    bool open_requested_ = false;
    std::uint64_t frames_ = 0;
    std::uint64_t log_seen_ = 0;
};

}  // namespace trinity::web
