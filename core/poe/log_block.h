// A LogBlock (SPEC 2.2): one BPI's StepReceipts in step order, committed to by the Merkle root of
// their leaves (StepReceipt::leaf_hash, in order). The root is what a PoEHeader carries as its
// logbook_root; an inclusion proof then shows a single receipt is in the notarized logbook without
// the rest of it. Building checks the aggregation rules and returns an error value for receipts
// that break them; signatures are not checked here (that needs the operator key, see
// StepReceipt::verify). A built LogBlock is immutable. Deterministic.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/merkle/merkle_proof.h"
#include "core/merkle/merkle_tree.h"
#include "core/poe/bpi_id.h"
#include "core/poe/step_receipt.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::poe {

class LogBlock {
 public:
  // Bounds the tree a LogBlock keeps in memory and the logbook a header may notarize
  // (kMaxReceipts * StepReceipt::kEncodedSize, about 12 MiB).
  static constexpr std::size_t kMaxReceipts = std::size_t{1} << 16;

  // kInvalidArgument unless there are 1..kMaxReceipts receipts, all with the same bpi_id, in
  // strictly increasing step_index. Only the order is required: indices may start anywhere and
  // skip values, so a BPI's execution can continue from one LogBlock into the next.
  static runtime::Result<LogBlock> build(std::vector<StepReceipt> receipts);

  const BpiId& bpi_id() const { return m_receipts.front().bpi_id; }
  std::span<const StepReceipt> receipts() const { return m_receipts; }
  // Merkle root of the receipts' leaves in order.
  const runtime::Hash32& root() const { return m_tree.root(); }
  // Total encoded size of the receipts, the logbook_bytes the rent formula charges storage for.
  std::uint64_t logbook_bytes() const;
  // Proof that receipts()[index] is in root(). kInvalidArgument if index >= receipts().size().
  runtime::Result<merkle::MerkleProof> prove(std::uint64_t index) const;

 private:
  LogBlock(std::vector<StepReceipt> receipts, std::span<const runtime::Hash32> leaves);

  // Non-empty, one bpi_id, strictly increasing step_index.
  std::vector<StepReceipt> m_receipts;
  merkle::MerkleTree m_tree;
};

// True only if `proof` places `receipt` at proof.index of the LogBlock whose root is `root`. The
// leaf is computed here from the receipt, never taken from the prover.
bool verify_inclusion(const runtime::Hash32& root, const StepReceipt& receipt,
                      const merkle::MerkleProof& proof);

}  // namespace mn::poe
