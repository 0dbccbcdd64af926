// Fuzzes indicator extraction: any bytes, scanned as text (refanged and
// not), streamed through the Collector (encoding detection, UTF-16
// decoding, line splitting) and exported. Nothing may crash, hang or read
// out of bounds; every value found must already be canonical, lie inside
// the text scanned, and survive defang + refang for addresses and domains.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "trinity/ioc/collect.h"
#include "trinity/ioc/export.h"
#include "trinity/ioc/extract.h"
#include "trinity/ioc/refang.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace trinity;
    using namespace trinity::ioc;
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    ExtractOptions plain;
    plain.refang = false;
    for (const Match& m : extract(text, plain)) {
        if (m.offset > text.size() || m.length > text.size() - m.offset) std::abort();
        if (canonicalize(m.indicator.type, m.indicator.value) != m.indicator.value) std::abort();
        const auto t = m.indicator.type;
        if ((t == IndicatorType::ipv4 || t == IndicatorType::ipv6 || t == IndicatorType::domain) &&
            refang_copy(defang(m.indicator)) != m.indicator.value)
            std::abort();
    }
    (void)extract(text);

    io::SpanByteSource source(io::as_bytes(text), "fuzz");
    Collector collector;
    if (!collector.add_text_source(source, {"fuzz", ""}).ok()) std::abort();
    (void)to_csv(collector.set());
    (void)to_json(collector.set());
    (void)to_stix(collector.set(), StixOptions{0, "fuzz", {}});
    (void)to_defanged_text(collector.set());
    return 0;
}
