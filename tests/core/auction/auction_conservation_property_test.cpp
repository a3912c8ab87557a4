// Conservation of the auction module across random sequences of commits, reveals, cancels, bids,
// deliveries and evidence over many blocks (with fees): after every transaction and every block
// the ledger's conservation check holds exactly, and every refused transaction leaves the state,
// root included, unchanged.
#include <algorithm>
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "core/auction/builder_equivocation_evidence.h"
#include "core/auction/payload_reveal.h"
#include "core/auction/pool_cancel_payload.h"
#include "tests/core/auction/auction_chain.h"

namespace mn::auction::test {
namespace {

using ledger::TxType;

constexpr std::size_t kSenders = 3;

// A transfer to the next sender; nonces repeat across windows (stale when a winner ran) and the
// last sender's k = 1 moves more than a balance holds, so execution skips as well as runs.
TxCore core_of(const AuctionChain& chain, std::size_t sender, std::uint64_t k) {
  const crypto::PublicKey& to = chain.keys[(sender + 1) % kSenders].public_key;
  return AuctionChain::transfer_core(k, 10 + 7 * k + sender, 1 + k, to,
                                     sender + 1 == kSenders && k == 1 ? kChainBalance : 1 + k);
}

// One random transaction of the auction against the chain's current height.
ledger::Transaction random_tx(AuctionChain& chain) {
  const auto s = *rc::gen::inRange<std::size_t>(0, kSenders);
  const crypto::KeyPair& sender = chain.keys[s];
  const std::uint64_t height = chain.state.height();
  // Mostly the window taking commits now or the one revealing now, sometimes any other.
  const WindowSchedule& schedule = chain.state.economic_params().auction.schedule;
  const std::uint64_t committing = schedule.window_of(height).value_or(0);
  const std::uint64_t revealing = committing == 0 ? 0 : committing - 1;
  const int pick = *rc::gen::inRange(0, 5);
  const std::uint64_t window = pick < 2   ? committing
                               : pick < 4 ? revealing
                                          : *rc::gen::inRange<std::uint64_t>(0, 6);
  const auto k = *rc::gen::inRange<std::uint64_t>(0, 2);
  const runtime::Bytes salt = AuctionChain::salt(static_cast<std::uint8_t>(k));
  switch (*rc::gen::inRange(0, 6)) {
    case 0: {
      const runtime::Hash32 c = qlock_commitment(chain.state.chain_id(), window, sender.public_key,
                                                 core_of(chain, s, k).encode(), salt);
      const auto bond = *rc::gen::inRange<std::uint64_t>(500, 4'000);
      return chain.sign(sender, TxType::kAuctionCommit,
                        CommitPayload{window, c, bond, {}}.encode());
    }
    case 1:
      return chain.sign(sender, TxType::kAuctionReveal,
                        RevealPayload{window, core_of(chain, s, k).encode(), salt}.encode());
    case 2:
      return chain.sign(sender, TxType::kPoolCancel, PoolCancelPayload{revealing, k}.encode());
    case 3: {
      const auto value = *rc::gen::inRange<std::uint64_t>(0, 500);
      const auto bond = value + *rc::gen::inRange<std::uint64_t>(0, 300);
      const BuilderBid bid = chain.bid(sender, height + *rc::gen::inRange<std::uint64_t>(0, 4),
                                       value, bond, static_cast<std::uint8_t>(k));
      return chain.sign(sender, TxType::kBuilderBid, bid.encode());
    }
    case 4: {
      PayloadReveal reveal;
      reveal.height = height - std::min<std::uint64_t>(height, *rc::gen::inRange(0, 3));
      reveal.builder = sender.public_key;
      reveal.payload_commitment.fill(static_cast<std::uint8_t>(k));
      reveal.sign(sender.secret_key, chain.crypto);
      return chain.sign(sender, TxType::kBuilderDelivery, reveal.encode());
    }
    default: {
      PayloadReveal a;
      a.height = height;
      a.builder = sender.public_key;
      a.payload_commitment.fill(static_cast<std::uint8_t>(k));
      a.sign(sender.secret_key, chain.crypto);
      PayloadReveal b = a;
      b.payload_commitment.fill(static_cast<std::uint8_t>(k + 1));
      b.sign(sender.secret_key, chain.crypto);
      const BuilderEquivocationEvidence evidence{a, b};
      return chain.sign(chain.keys[(s + 1) % kSenders], TxType::kBuilderEvidence,
                        evidence.encode());
    }
  }
}

RC_GTEST_PROP(AuctionConservationProperty, EveryApplyAndBlockConservesAndRefusalsChangeNothing,
              ()) {
  AuctionChain chain(kSenders, AuctionParams{}, /*with_fees=*/true);
  chain.next_block();
  const auto steps = *rc::gen::inRange<std::size_t>(1, 200);
  for (std::size_t i = 0; i < steps; ++i) {
    if (*rc::gen::inRange(0, 6) == 0) {
      chain.next_block();
      RC_ASSERT(chain.state.check_conservation().is_ok());
      continue;
    }
    const ledger::Transaction tx = random_tx(chain);
    const ledger::LedgerState before = chain.state;
    const ledger::TxResult result = chain.state.apply(tx, chain.crypto);
    RC_ASSERT(chain.state.check_conservation().is_ok());
    if (result != ledger::TxResult::kOk) {
      RC_ASSERT(chain.state == before);
      RC_ASSERT(chain.state.state_root() == before.state_root());
    }
  }
  // Run the chain past every deadline: every bond is settled and the auction holds nothing.
  const std::uint64_t end = chain.state.height() + 16;
  while (chain.state.height() < end) chain.next_block();
  RC_ASSERT(chain.state.check_conservation().is_ok());
  const AuctionState* auction = chain.auction();
  const bool holds_nothing = auction == nullptr || auction->holdings() == 0U;
  RC_ASSERT(holds_nothing);
}

}  // namespace
}  // namespace mn::auction::test
