#include "core/poe/log_block.h"

#include <string>
#include <utility>

namespace mn::poe {

namespace {

runtime::Status invalid(std::string message) {
  return {runtime::ErrorCode::kInvalidArgument, std::move(message)};
}

}  // namespace

runtime::Result<LogBlock> LogBlock::build(std::vector<StepReceipt> receipts) {
  if (receipts.empty()) return invalid("a log block holds at least one receipt");
  if (receipts.size() > kMaxReceipts) {
    return invalid("log block of " + std::to_string(receipts.size()) + " receipts exceeds " +
                   std::to_string(kMaxReceipts));
  }
  for (std::size_t i = 1; i < receipts.size(); ++i) {
    if (receipts[i].bpi_id != receipts[0].bpi_id) {
      return invalid("receipt " + std::to_string(i) + " is from another BPI");
    }
    if (receipts[i].step_index <= receipts[i - 1].step_index) {
      return invalid("receipt " + std::to_string(i) + " has step index " +
                     std::to_string(receipts[i].step_index) + ", not above " +
                     std::to_string(receipts[i - 1].step_index));
    }
  }
  std::vector<runtime::Hash32> leaves;
  leaves.reserve(receipts.size());
  for (const StepReceipt& receipt : receipts) leaves.push_back(receipt.leaf_hash());
  return LogBlock(std::move(receipts), leaves);
}

LogBlock::LogBlock(std::vector<StepReceipt> receipts, std::span<const runtime::Hash32> leaves)
    : m_receipts(std::move(receipts)), m_tree(leaves) {}

std::uint64_t LogBlock::logbook_bytes() const {
  return static_cast<std::uint64_t>(m_receipts.size()) * StepReceipt::kEncodedSize;
}

runtime::Result<merkle::MerkleProof> LogBlock::prove(std::uint64_t index) const {
  return m_tree.prove(index);
}

bool verify_inclusion(const runtime::Hash32& root, const StepReceipt& receipt,
                      const merkle::MerkleProof& proof) {
  return merkle::verify(root, receipt.leaf_hash(), proof);
}

}  // namespace mn::poe
