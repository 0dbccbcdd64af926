// The Evidence tab: every file the analyst gave, what it is, and what
// reading it found.
#pragma once

#include "../table_view.h"
#include "../view.h"

namespace trinity::web {

class EvidenceView final : public View {
public:
    using View::View;
    const char* id() const override { return "evidence"; }
    std::string title() const override { return "Evidence"; }
    void draw(float height) override;

private:
    TableView table_;
    std::uint64_t generation_ = 0;
};

}  // namespace trinity::web
