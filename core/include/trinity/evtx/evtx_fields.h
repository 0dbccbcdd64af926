// A record as a flat list of fields named the way Sigma rules name them.
//
// System values become Provider_Name, Provider_Guid, EventID, Version, Level,
// Task, Opcode, Keywords, TimeCreated, EventRecordID, Correlation_ActivityID,
// Correlation_RelatedActivityID, Execution_ProcessID, Execution_ThreadID,
// Channel, Computer and Security_UserID; each EventData <Data Name="X"> is X
// (unnamed Data items are Data, Data_2, Data_3, ...); UserData's leaf
// elements are named by their element names. Values are the text Windows
// writes (see value_text()).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trinity/event/event.h"
#include "trinity/evtx/evtx.h"

namespace trinity::evtx {

struct Fields {
    std::vector<std::pair<std::string, std::string>> items;  // in document order

    // The value of the first field named `name`, or nullptr.
    const std::string* find(std::string_view name) const;
};

Fields extract_fields(const Record& record);

// The record as an Event (source "evtx"): the fields above, numeric System
// fields typed as integers, the time from TimeCreated (or the record's
// written time), provenance = evidence + EventRecordID + file offset.
event::Event to_event(const Record& record, evidence::EvidenceId evidence);

}  // namespace trinity::evtx
