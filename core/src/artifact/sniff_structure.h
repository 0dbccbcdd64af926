// Structure of decoded text: .reg, JSON, JSONL, CSV or plain text.
// Internal to the sniffer; text is UTF-8 without BOM.
#pragma once

#include <string>
#include <string_view>

#include "trinity/artifact/sniff.h"

namespace trinity::artifact {

struct StructureGuess {
    Format format = Format::text;
    char delimiter = 0;
    std::string detail;
};

StructureGuess sniff_structure(std::string_view text, bool complete);

}  // namespace trinity::artifact
