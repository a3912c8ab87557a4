#include "core/poe/log_block.h"

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/merkle/merkle.h"

namespace mn::poe {
namespace {

using runtime::ErrorCode;
using runtime::Hash32;

// `count` receipts of BPI `bpi`, steps first_step, first_step + 2, ...: distinct, increasing, and
// with gaps, which a LogBlock allows.
std::vector<StepReceipt> receipts_of(std::uint8_t bpi, std::size_t count,
                                     std::uint64_t first_step = 0) {
  std::vector<StepReceipt> receipts(count);
  for (std::size_t i = 0; i < count; ++i) {
    StepReceipt& receipt = receipts[i];
    receipt.bpi_id.fill(bpi);
    receipt.step_index = first_step + 2 * i;
    receipt.input_hash.fill(static_cast<std::uint8_t>(i));
    receipt.output_hash.fill(static_cast<std::uint8_t>(i + 1));
    receipt.compute_units = 100 + i;
    receipt.timestamp = 1'000 * i;
    receipt.signature.fill(static_cast<std::uint8_t>(0xa0 + i));
  }
  return receipts;
}

std::vector<Hash32> leaves_of(const std::vector<StepReceipt>& receipts) {
  std::vector<Hash32> leaves;
  leaves.reserve(receipts.size());
  for (const StepReceipt& receipt : receipts) leaves.push_back(receipt.leaf_hash());
  return leaves;
}

TEST(LogBlock, RootIsTheMerkleRootOfTheLeavesInOrder) {
  for (const std::size_t count : {1, 2, 3, 7, 16}) {
    const std::vector<StepReceipt> receipts = receipts_of(0x01, count);
    auto block = LogBlock::build(receipts);
    ASSERT_TRUE(block) << block.status().to_string();
    EXPECT_EQ(block->root(), merkle::merkle_root(leaves_of(receipts))) << count;
    EXPECT_EQ(block->bpi_id(), receipts[0].bpi_id);
    ASSERT_EQ(block->receipts().size(), count);
    for (std::size_t i = 0; i < count; ++i) EXPECT_EQ(block->receipts()[i], receipts[i]);
  }
}

TEST(LogBlock, OneReceiptIsItsOwnRoot) {
  const std::vector<StepReceipt> receipts = receipts_of(0x02, 1);
  EXPECT_EQ(LogBlock::build(receipts)->root(), receipts[0].leaf_hash());
}

TEST(LogBlock, LogbookBytesIsTheTotalEncodedSize) {
  const std::vector<StepReceipt> receipts = receipts_of(0x03, 5);
  std::uint64_t total = 0;
  for (const StepReceipt& receipt : receipts) total += receipt.encode().size();
  EXPECT_EQ(LogBlock::build(receipts)->logbook_bytes(), total);
}

TEST(LogBlock, EveryInclusionProofVerifies) {
  const std::vector<StepReceipt> receipts = receipts_of(0x04, 11);
  const LogBlock block = LogBlock::build(receipts).value();
  for (std::uint64_t i = 0; i < receipts.size(); ++i) {
    auto proof = block.prove(i);
    ASSERT_TRUE(proof) << proof.status().to_string();
    EXPECT_TRUE(verify_inclusion(block.root(), receipts[i], *proof)) << i;
    // A proof survives the codec, as it would crossing to a light client.
    auto decoded = merkle::MerkleProof::decode(proof->encode());
    ASSERT_TRUE(decoded) << decoded.status().to_string();
    EXPECT_TRUE(verify_inclusion(block.root(), receipts[i], *decoded)) << i;
  }
}

TEST(LogBlock, InclusionFailsForAnotherReceiptIndexOrRoot) {
  const std::vector<StepReceipt> receipts = receipts_of(0x05, 6);
  const LogBlock block = LogBlock::build(receipts).value();
  const merkle::MerkleProof proof = block.prove(2).value();
  for (std::size_t j = 0; j < receipts.size(); ++j) {
    if (j == 2) continue;
    EXPECT_FALSE(verify_inclusion(block.root(), receipts[j], proof)) << j;
  }
  merkle::MerkleProof moved = proof;
  moved.index = 3;
  EXPECT_FALSE(verify_inclusion(block.root(), receipts[2], moved));

  StepReceipt altered = receipts[2];
  altered.compute_units += 1;
  EXPECT_FALSE(verify_inclusion(block.root(), altered, proof));

  const LogBlock other = LogBlock::build(receipts_of(0x06, 6)).value();
  EXPECT_FALSE(verify_inclusion(other.root(), receipts[2], proof));
}

TEST(LogBlock, ProveOutOfRangeIsAnError) {
  const LogBlock block = LogBlock::build(receipts_of(0x07, 4)).value();
  EXPECT_EQ(block.prove(4).status().code(), ErrorCode::kInvalidArgument);
}

TEST(LogBlock, RejectsAnEmptyList) {
  EXPECT_EQ(LogBlock::build({}).status().code(), ErrorCode::kInvalidArgument);
}

TEST(LogBlock, RejectsReceiptsOfAnotherBpi) {
  std::vector<StepReceipt> receipts = receipts_of(0x08, 4);
  receipts[3].bpi_id[0] ^= 1;
  EXPECT_EQ(LogBlock::build(receipts).status().code(), ErrorCode::kInvalidArgument);
}

TEST(LogBlock, RejectsStepIndicesThatDoNotStrictlyIncrease) {
  std::vector<StepReceipt> repeated = receipts_of(0x09, 4);
  repeated[2].step_index = repeated[1].step_index;
  EXPECT_EQ(LogBlock::build(repeated).status().code(), ErrorCode::kInvalidArgument);

  std::vector<StepReceipt> reversed = receipts_of(0x09, 4);
  std::swap(reversed[0], reversed[1]);
  EXPECT_EQ(LogBlock::build(reversed).status().code(), ErrorCode::kInvalidArgument);
}

TEST(LogBlock, AcceptsAnyStartAndGaps) {
  auto block = LogBlock::build(receipts_of(0x0a, 3, 0xffff'ffff'ffff'fff0));
  EXPECT_TRUE(block) << block.status().to_string();
}

TEST(LogBlock, RejectsMoreThanTheBound) {
  std::vector<StepReceipt> receipts(LogBlock::kMaxReceipts + 1);
  for (std::size_t i = 0; i < receipts.size(); ++i) receipts[i].step_index = i;
  EXPECT_EQ(LogBlock::build(receipts).status().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace mn::poe
