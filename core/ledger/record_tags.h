// Type tags (codec/header.h) of the ledger's encoded records, in one place so no two collide. The
// ledger owns the 0x0dXX range (consensus has 0x0cXX). A tag, once used, is never reassigned:
// signatures and hashes over old records must keep their meaning.
#pragma once

#include <cstdint>

namespace mn::ledger {

// The signed body of a transaction; a distinct tag from the full record, so a signature over
// one can never be presented as a signature over the other.
inline constexpr std::uint16_t kTransactionSigningTag = 0x0d01;
inline constexpr std::uint16_t kTransactionTag = 0x0d02;
inline constexpr std::uint16_t kTransferPayloadTag = 0x0d03;
inline constexpr std::uint16_t kAccountTag = 0x0d04;
// The canonical encoding of a genesis, whose hash is the parent of block 1.
inline constexpr std::uint16_t kGenesisTag = 0x0d05;
// What the state root commits to besides the accounts: stakes, pools, supply counters, fees.
inline constexpr std::uint16_t kLedgerSummaryTag = 0x0d06;
// The state root: (accounts root, summary digest) under this tag.
inline constexpr std::uint16_t kStateRootTag = 0x0d07;
inline constexpr std::uint16_t kAmountPayloadTag = 0x0d08;
inline constexpr std::uint16_t kPoeSubmitPayloadTag = 0x0d09;
// The running digest of every PoE and offence id the ledger has recorded.
inline constexpr std::uint16_t kLedgerHistoryTag = 0x0d0a;

}  // namespace mn::ledger
