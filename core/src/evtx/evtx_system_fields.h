// The System fields of an EVTX record, by the names Sigma uses: shared by
// the binary path (evtx_fields.cpp) and the evtx_dump JSON path
// (evtx_json.cpp), so both name and type them alike.
#pragma once

#include <string_view>

namespace trinity::evtx::detail {

// System children whose text is the field, under their own name.
inline constexpr std::string_view kSystemText[] = {"EventID", "Version", "Level", "Task", "Opcode",
                                                   "Keywords", "EventRecordID", "Channel", "Computer"};

// System children whose attributes are the fields: element_attribute.
struct AttributeField {
    std::string_view element;
    std::string_view attribute;
    std::string_view field;
};
inline constexpr AttributeField kSystemAttributes[] = {
    {"Provider", "Name", "Provider_Name"},
    {"Provider", "Guid", "Provider_Guid"},
    {"Provider", "EventSourceName", "Provider_EventSourceName"},
    {"TimeCreated", "SystemTime", "TimeCreated"},
    {"Correlation", "ActivityID", "Correlation_ActivityID"},
    {"Correlation", "RelatedActivityID", "Correlation_RelatedActivityID"},
    {"Execution", "ProcessID", "Execution_ProcessID"},
    {"Execution", "ThreadID", "Execution_ThreadID"},
    {"Security", "UserID", "Security_UserID"},
};

// The System fields typed as integers in Events.
inline bool is_integer_field(std::string_view name) {
    constexpr std::string_view kIntegers[] = {"EventID", "Version", "Level", "Task", "Opcode", "EventRecordID",
                                              "Execution_ProcessID", "Execution_ThreadID"};
    for (std::string_view n : kIntegers) {
        if (n == name) return true;
    }
    return false;
}

}  // namespace trinity::evtx::detail
