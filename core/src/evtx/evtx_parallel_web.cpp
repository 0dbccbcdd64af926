// EvtxReader::read_parallel in the browser build: the wasm ABI has no
// threads (docs/building.md), so chunks are read one after another here;
// the web app parallelises across Web Workers instead.
#include "trinity/evtx/evtx.h"

namespace trinity::evtx {

Result<ReadStats> EvtxReader::read_parallel(const Render& render, const Consume& consume, unsigned) {
    std::string out;
    return read([&](const Record& r) {
        out.clear();
        render(r, out);
        return consume(r, out);
    });
}

}  // namespace trinity::evtx
