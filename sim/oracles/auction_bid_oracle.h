// Auction bid choice: every block of the honest chain takes the highest valid builder bid for its
// height, or, with none valid, declares the default builder's auto-bid. The oracle recomputes
// required_bid_choice on the parent state itself (bid signatures included) and compares it with
// the BidChoice the block carries. It also checks the bound on open bids: after every block no
// height holds more than max_bids_per_height of them, however many bids arrive.
#pragma once

#include "core/crypto/crypto_provider.h"
#include "sim/oracles/auction_block_oracle.h"

namespace mn::sim {

class AuctionBidOracle final : public AuctionBlockOracle {
 public:
  AuctionBidOracle(const runtime::Hash32& genesis_hash,
                   std::shared_ptr<const ledger::LedgerState> genesis_state,
                   crypto::CryptoProvider& crypto);

  std::optional<std::string> judge(const AuctionBlock& block) override;

 private:
  crypto::CryptoProvider& m_crypto;
};

}  // namespace mn::sim
