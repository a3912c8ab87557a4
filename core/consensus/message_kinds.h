// Every kind of message the chain puts on the wire, in one table: the consensus protocol (0x01xx),
// client and ledger traffic (0x02xx), and the auction's range (0x03xx, reserved). A new state
// machine claims its kinds here and registers a handler for each in ChainReactor's route table;
// nothing else switches on kinds. Names are for logs and traces only.
#pragma once

#include "core/runtime/message.h"

namespace mn::consensus {

inline constexpr runtime::MessageKind kProposalKind = 0x0101;
inline constexpr runtime::MessageKind kVoteKind = 0x0102;
inline constexpr runtime::MessageKind kRoundChangeKind = 0x0103;
inline constexpr runtime::MessageKind kFinalizedBlockKind = 0x0104;
inline constexpr runtime::MessageKind kBlockRequestKind = 0x0105;
// A validator's signed acknowledgement of the PoEs it owes (poe_ack.h).
inline constexpr runtime::MessageKind kPoeAckKind = 0x0106;
// A transaction; clients submit them from no peer (runtime::kNoNode).
inline constexpr runtime::MessageKind kTransactionKind = 0x0201;

struct MessageKindInfo {
  runtime::MessageKind kind;
  const char* name;
};

inline constexpr MessageKindInfo kMessageKinds[] = {
    {kProposalKind, "proposal"},          {kVoteKind, "vote"},
    {kRoundChangeKind, "round-change"},   {kFinalizedBlockKind, "finalized-block"},
    {kBlockRequestKind, "block-request"}, {kPoeAckKind, "poe-ack"},
    {kTransactionKind, "transaction"},
};

// The kind's name in kMessageKinds; nullptr for a kind the chain does not define.
constexpr const char* message_kind_name(runtime::MessageKind kind) {
  for (const MessageKindInfo& info : kMessageKinds) {
    if (info.kind == kind) return info.name;
  }
  return nullptr;
}

}  // namespace mn::consensus
