// Type tags (codec/header.h) of the auction's encoded records, in one place so no two collide. The
// auction owns the 0x11XX range. A tag, once used, is never reassigned.
#pragma once

#include <cstdint>

namespace mn::auction {

inline constexpr std::uint16_t kCommitPayloadTag = 0x1101;
inline constexpr std::uint16_t kRevealPayloadTag = 0x1102;
inline constexpr std::uint16_t kPoolCancelPayloadTag = 0x1103;
inline constexpr std::uint16_t kPayloadRevealTag = 0x1104;
inline constexpr std::uint16_t kBuilderEvidenceTag = 0x1105;
// The auction module's part of the state digest.
inline constexpr std::uint16_t kAuctionDigestTag = 0x1106;

}  // namespace mn::auction
