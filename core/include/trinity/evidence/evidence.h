// Evidence: a file the analyst gave Trinity, and the list of them.
//
// The first link of the data model: everything Trinity derives (records,
// events, detections) points back to the evidence it came from by id.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "trinity/artifact/sniff.h"
#include "trinity/result.h"

namespace trinity::evidence {

using EvidenceId = std::uint64_t;

struct Evidence {
    EvidenceId id = 0;
    std::string name;          // as the analyst named it; never used to open anything
    std::uint64_t size = 0;    // bytes
    artifact::SniffResult sniff;
    std::string sha256;        // lower-case hex; empty until the file has been hashed
    std::optional<Error> error;  // set when the evidence could not be read
};

class EvidenceList {
public:
    // Adds a sniffed file; ids start at 1 and are never reused.
    const Evidence& add(std::string name, std::uint64_t size, artifact::SniffResult sniff);
    // Adds a file that could not be read, keeping why.
    const Evidence& add_failed(std::string name, std::uint64_t size, Error error);

    const std::vector<Evidence>& items() const { return items_; }
    const Evidence* find(EvidenceId id) const;
    // Records the file's SHA-256 (lower-case hex) once it has been hashed.
    bool set_sha256(EvidenceId id, std::string hex);
    bool remove(EvidenceId id);
    void clear() { items_.clear(); }

private:
    EvidenceId next_id_ = 1;
    std::vector<Evidence> items_;
};

// JSON for the CLI's --json and the browser test hook:
// {"id", "name", "size", "format", "encoding", "bom", "line_endings",
//  "delimiter", "label", "detail", "error"}.
std::string to_json(const Evidence& evidence);
std::string to_json(const EvidenceList& list);  // an array

// Human-readable size: "812 B", "1.4 KiB", "2.0 GiB".
std::string format_size(std::uint64_t bytes);

}  // namespace trinity::evidence
