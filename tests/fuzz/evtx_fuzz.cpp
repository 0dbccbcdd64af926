// Fuzzes the EVTX reader: any bytes as a whole file, with a valid file
// header in front when the input lacks one, so the fuzzer spends its time in
// chunks, records, templates and values. Every record it yields is rendered
// as XML and JSON. Nothing may crash, hang or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "trinity/evtx/evtx.h"
#include "trinity/io/byte_source.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<std::byte> file;
    const bool has_header = size >= 8 && std::memcmp(data, "ElfFile", 8) == 0;
    if (!has_header) {
        file.resize(trinity::evtx::kFileHeaderSize);
        std::memcpy(file.data(), "ElfFile", 8);
        const std::uint16_t minor = 1, major = 3;
        std::memcpy(file.data() + 36, &minor, 2);
        std::memcpy(file.data() + 38, &major, 2);
    }
    const auto* bytes = reinterpret_cast<const std::byte*>(data);
    file.insert(file.end(), bytes, bytes + size);

    trinity::io::SpanByteSource source(file, "fuzz.evtx");
    trinity::evtx::EvtxReader reader(source);
    if (!reader.open()) return 0;
    (void)reader.read([](const trinity::evtx::Record& r) {
        (void)trinity::evtx::render_xml(r);
        (void)trinity::evtx::render_json(r, false);
        return true;
    });
    return 0;
}
