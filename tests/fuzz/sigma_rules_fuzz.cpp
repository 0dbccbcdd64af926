// Fuzzes the Sigma rule loader and engine: any bytes given to
// RuleSet::add_yaml must load or fail cleanly, and whatever loads must
// compile into an Engine that matches and correlates a fixed event without
// crashing. Seeds: the rule texts of the conformance cases.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "trinity/event/event.h"
#include "trinity/sigma/engine.h"
#include "trinity/sigma/rule.h"

namespace {

const trinity::event::Event& fixed_event() {
    static const trinity::event::Event event = [] {
        trinity::event::Event e;
        e.source = "json";
        e.time_us = 1709294400000000;
        e.add("EventID", "4688", trinity::event::FieldType::integer);
        e.add("Image", "C:\\Windows\\System32\\cmd.exe");
        e.add("CommandLine", "cmd.exe /c whoami /priv -enc d2hvYW1p");
        e.add("User", "adm_alice");
        e.add("DestinationIp", "10.1.2.3");
        e.add("UtcTime", "2024-03-03T14:30:45Z");
        e.add("Empty", "");
        e.add("Nothing", "", trinity::event::FieldType::null);
        return e;
    }();
    return event;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    trinity::sigma::LoadOptions options;
    options.placeholders.values["Admins"] = {"alice", "adm_*"};
    trinity::sigma::RuleSet rules(std::move(options));
    rules.add_yaml(text, "fuzz.yml");
    // Every loaded rule is reachable and described.
    for (std::size_t i = 0; i < rules.size(); ++i) {
        if (rules.info(i).title.size() > size) std::abort();
    }
    const trinity::sigma::Engine engine(rules);
    trinity::sigma::Matcher matcher(engine);
    std::vector<trinity::sigma::Hit> hits;
    matcher.match(fixed_event(), hits);
    matcher.match(fixed_event(), hits);
    for (const auto& hit : hits) {
        if (hit.rule >= rules.size()) std::abort();
    }
    (void)engine.correlate(hits);
    return 0;
}
