// Censorship evidence (SPEC 2.2 forced inclusion, 2.5): a validator acknowledged a PoE (PoeAck),
// then signed a fresh proposal at least inclusion_slo_blocks heights later whose payload leaves
// that PoE out although the block had room. Everything is checked from the signed bytes: the
// acknowledgement and the proposal signature are the offender's, the PoE transaction is one the
// acknowledgement lists, the header hashes to what was signed and commits to the payload, and
// the payload holds neither the PoE nor another transaction of its sender's nonce. Only a block
// proposed new in the round it was signed for counts (header.round == round): re-proposing a
// locked block is an obligation of the lock, not a choice. Whether the PoE could still apply at
// that height is the ledger's to confirm (LedgerState::poe_was_due). Deterministic.
#pragma once

#include "core/consensus/block.h"
#include "core/consensus/poe_ack.h"
#include "core/ledger/transaction.h"
#include "core/slashing/offence.h"

namespace mn::consensus {

// The chain-wide forced-inclusion parameters every node judges proposals and evidence by.
struct InclusionRule {
  // An acknowledged PoE is owed by every block from seen_height + inclusion_slo_blocks on.
  std::uint64_t inclusion_slo_blocks = 10;
  // A block of this many transactions is full: leaving a PoE out of it is no offence.
  std::uint32_t max_block_txs = 1000;
};

struct CensorshipEvidence {
  PoeAck ack;
  ledger::Transaction poe_tx;
  BlockHeader header;
  std::uint32_t round = 0;  // the round the proposal was signed for
  crypto::Signature proposal_signature{};
  runtime::Bytes payload;

  runtime::Bytes encode() const;
  static runtime::Result<CensorshipEvidence> decode(runtime::ByteView bytes);
  // The offence, or kInvalidArgument naming what does not hold.
  runtime::Result<slashing::Offence> verify(const InclusionRule& rule,
                                            crypto::CryptoProvider& crypto) const;
};

// True if `txs` settles the PoE `poe_id` sent as (sender, nonce): it holds that PoE, or another
// transaction spending that nonce.
bool settles_poe(const std::vector<ledger::Transaction>& txs, const runtime::Hash32& poe_id,
                 const crypto::PublicKey& sender, std::uint64_t nonce);

}  // namespace mn::consensus
