// EVTX records as `evtx_dump -o json` prints them, read back into Events.
//
// evtx_dump (omerbenamram/evtx) writes one JSON object per record, pretty
// printed, optionally preceded by a "Record N" line: {"Event": {"System":
// {...}, "EventData": {...}}}. Elements with attributes become objects with
// "#attributes" (and "#text" for their text); EventData's <Data Name="X">
// items are keyed by X; repeated elements become arrays.
//
// The Events are named exactly as evtx::to_event names a parsed record
// (evtx_fields.h): Provider_Name, EventID, Channel, ..., the EventData names
// (unnamed Data items Data, Data_2, ...) and UserData's leaf elements;
// source "evtx", time from TimeCreated's SystemTime. Known differences from
// the binary path, all in how evtx_dump prints values:
//   - TimeCreated keeps evtx_dump's text (microseconds, not 100 ns ticks);
//   - evtx_dump prints GUIDs without braces: a string that is exactly an
//     upper-case GUID gets them back (so a string-typed one gains them);
//   - evtx_dump trims trailing spaces that the binary value keeps;
//   - reals are printed in JSON's shortest form rather than %.17g;
//   - a JSON array under one name is taken as repeated elements, each a
//     field of that name (EVTX array values are one comma-separated field).
#pragma once

#include <string_view>
#include <vector>

#include "trinity/event/event.h"
#include "trinity/evidence/evidence.h"
#include "trinity/result.h"

namespace trinity::evtx {

// Every record object of `text`; lines outside the objects are skipped,
// except that "Record N" gives the next event its provenance record number
// (otherwise the object's 1-based position). Provenance line and offset are
// where the object starts in `text`. Malformed JSON fails the whole text,
// with the line where the broken object starts; an object without an
// Event/System is skipped.
Result<std::vector<event::Event>> events_from_dump_json(std::string_view text, std::string_view origin,
                                                        evidence::EvidenceId evidence);

}  // namespace trinity::evtx
