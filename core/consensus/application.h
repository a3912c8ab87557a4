// The application consensus orders blocks for (the ledger, in production; anything
// deterministic, in tests). Consensus never interprets a payload: it asks the application to build
// one, to execute one tentatively (validity and the resulting state root), and to commit a
// finalized block durably.
#pragma once

#include <cstdint>
#include <optional>

#include "core/consensus/block.h"
#include "core/consensus/messages.h"
#include "core/consensus/validator_set.h"
#include "core/runtime/result.h"

namespace mn::consensus {

class Application {
 public:
  virtual ~Application() = default;

  // Height and hash of the last committed block (0 and the genesis hash before the first).
  virtual std::uint64_t committed_height() const = 0;
  virtual runtime::Hash32 committed_hash() const = 0;
  // The validator set that decides height committed_height() + 1. It changes only at the epoch
  // boundaries the application defines (a ledger derives each epoch's set from its committed
  // stakes), so every node that committed the same chain names the same set; consensus reads it
  // whenever it starts a height.
  virtual const ValidatorSet& validator_set() const = 0;
  // A payload for the next block, built on the committed state.
  virtual runtime::Bytes build_payload() = 0;
  // Executes `payload` on the committed state without committing it: the resulting state root,
  // or why the payload is invalid.
  virtual runtime::Result<runtime::Hash32> execute(const BlockHeader& header,
                                                   runtime::ByteView payload) = 0;
  // Whether this node votes for a proposal that executes validly: `block`, signed by its
  // proposer for `round`. This is for rules that depend on what this node alone has seen (the
  // ledger's forced inclusion of the PoEs it acknowledged), so they are not part of validity: a
  // finalized block is never screened. Evidence found on the way is handed back for consensus to
  // report.
  struct ProposalScreen {
    bool acceptable = true;
    std::optional<runtime::Bytes> evidence;
  };
  virtual ProposalScreen screen_proposal(const Block& block, std::uint32_t round,
                                         const crypto::Signature& signature) {
    static_cast<void>(block);
    static_cast<void>(round);
    static_cast<void>(signature);
    return {};
  }
  // Applies a finalized block at committed_height() + 1 and makes it durable before returning.
  virtual void commit(const FinalizedBlock& finalized) = 0;
  // Another valid certificate for the last committed block (the proposer's announced one), to
  // store instead of the node's own. An application that keeps no certificates ignores it.
  // REQUIRES: `finalized` certifies the block at committed_height() under its epoch's set.
  virtual void replace_certificate(const FinalizedBlock& finalized) {
    static_cast<void>(finalized);
  }
  // Evidence of an offence this node observed (slashing::EvidenceVerifier judges the bytes), to be
  // reported from `reporter`, this validator's key. Returns the message to relay to the other
  // validators, or null if nothing is to be relayed. An application without slashing ignores it.
  virtual runtime::MessagePtr report_evidence(const runtime::Bytes& evidence,
                                              const crypto::KeyPair& reporter) {
    static_cast<void>(evidence);
    static_cast<void>(reporter);
    return nullptr;
  }
  // A committed block, for peers that are behind.
  virtual std::optional<FinalizedBlock> committed_block(std::uint64_t height) const = 0;
};

}  // namespace mn::consensus
