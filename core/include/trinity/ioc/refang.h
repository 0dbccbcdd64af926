// Refanging and defanging: the safe spellings analysts write indicators in.
//
// Reports and tickets "defang" indicators so nobody clicks them:
// hxxp://evil[.]com, user[@]evil(.)com, 10[.]0[.]0[.]1, evil[dot]com,
// hxxps[://]x, fxp://... refang() turns such text back into what it stands
// for before extraction; defang() writes an indicator safely for copying
// ("copy defanged" in the UI, --defang in the CLI).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "trinity/ioc/indicator.h"

namespace trinity::ioc {

// The text with every defanged form replaced, or nullopt when it holds none
// (so callers scan the original without a copy). Replaced, case-insensitive:
//   hxxp hxxps fxp (before "://" or a bracketed "[://]" / "[:]")  -> http https ftp
//   [.] (.) {.} [dot] (dot) {dot}                                 -> .
//   " dot " / " DOT " between two names, when the word after is a
//     top-level domain and the text holds another defang marker      -> .
//   [:] [://] [/]                                                 -> : :// /
//   [@] (at) [at] {at} " [at] " " (at) "                           -> @
std::optional<std::string> refang(std::string_view text);

// refang() or the text itself.
std::string refang_copy(std::string_view text);

// The indicator written so it cannot be followed: http -> hxxp, https ->
// hxxps, ftp -> fxp, '.' -> "[.]" in hosts, domains and IPv4 addresses,
// ':' -> "[:]" in IPv6, '@' -> "[@]". Hashes, paths, registry keys and CVE
// ids are returned as they are.
std::string defang(const Indicator& indicator);

}  // namespace trinity::ioc
