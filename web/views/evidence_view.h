// The Evidence tab: every file the analyst gave, what it is, what reading
// it found, and its digests (a SHA-256 column with hashing progress; every
// digest with copy buttons below the list for the selected file).
#pragma once

#include "../table_view.h"
#include "trinity/evidence/evidence.h"
#include "../view.h"

namespace trinity::web {

class EvidenceView final : public View {
public:
    using View::View;
    const char* id() const override { return "evidence"; }
    std::string title() const override { return "Evidence"; }
    void draw(float height) override;

private:
    void draw_hash_cell(const evidence::Evidence& e);
    void draw_digests(const evidence::Evidence& e, float height);

    TableView table_;
    std::uint64_t generation_ = 0;
};

}  // namespace trinity::web
