// The events of one evidence file, for the commands that match them: EVTX
// through the EVTX reader, JSON and JSON Lines (plain events or the JSON
// `evtx_dump` writes) through the JSON readers.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "trinity/event/event.h"
#include "trinity/result.h"

namespace trinity::cli {

struct EvidenceEventsStats {
    std::uint64_t events = 0;
    std::uint64_t rejected = 0;  // records that could not be read
    std::vector<std::string> warnings;  // "where: what", one per problem
};

Result<EvidenceEventsStats> read_evidence_events(const std::string& path, evidence::EvidenceId id,
                                                 const std::function<void(const event::Event&)>& on_event);

}  // namespace trinity::cli
