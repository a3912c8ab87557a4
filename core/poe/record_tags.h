// Type tags (codec/header.h) of the PoE pipeline's encoded records, in one place so no two collide.
// The poe subsystem owns the 0x0eXX range (merkle 0x0bXX, consensus 0x0cXX, ledger 0x0dXX). A tag,
// once used, is never reassigned: signatures and hashes over old records must keep their meaning.
// The PoEHeader carries no tag: SPEC 2.2 fixes its 176 bytes exactly.
#pragma once

#include <cstdint>

namespace mn::poe {

// The signed body of a step receipt; a distinct tag from the full record, so a signature over
// one can never be presented as a signature over the other.
inline constexpr std::uint16_t kStepReceiptSigningTag = 0x0e01;
inline constexpr std::uint16_t kStepReceiptTag = 0x0e02;

}  // namespace mn::poe
