// What an adversarial bidder does with the bids it draws
// (sim/workloads/auction_adversary_workload.h drives it): which commitments it posts for a bid,
// into which windows, and which reveal, if any, it sends after each block of the honest chain. A
// strategy only decides; the workload signs, sends and follows the transactions through the
// clients' wallet, like any client. Strategies are named in the scenario's
// `workload.auction_adversary` (make_bidder_strategy); each is one class.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "core/auction/auction_params.h"
#include "core/auction/reveal_payload.h"
#include "core/auction/tx_core.h"
#include "core/ledger/ledger_state.h"
#include "core/runtime/rng.h"

namespace mn::sim {

// One commitment of an adversarial bid.
struct BidderCommit {
  std::uint64_t window = 0;  // the window it is posted into
  std::uint64_t named = 0;   // the window its commitment names (the preimage's)
  runtime::Bytes tx_core;
  runtime::Bytes salt;
  bool sent = false;
  bool committed = false;    // on the honest chain
  bool reveal_sent = false;  // the strategy revealed it (whatever the chain made of that)
  bool revealed = false;     // a reveal of it is on the honest chain
};

// One bid: an account and the commitments the strategy posts for it.
struct BidderBid {
  std::size_t from = 0;
  crypto::PublicKey sender{};  // account `from`'s key
  std::vector<BidderCommit> commits;
};

class BidderStrategy {
 public:
  virtual ~BidderStrategy() = default;

  // The commitments of a bid drawn while `window` takes commits, hiding `core` under `salt`
  // (each commitment is sent once the window it is posted into takes commits). By default one,
  // posted into `window` and naming it.
  virtual std::vector<BidderCommit> draw(std::uint64_t window, const auction::TxCore& core,
                                         runtime::Bytes salt, runtime::Rng& rng) const;
  // The reveal to send now for `bid.commits[index]` (committed, not revealed yet), with
  // `state` the honest chain's state after its last block and `next` the height after it;
  // nullopt to send nothing now.
  virtual std::optional<auction::RevealPayload> reveal(const BidderBid& bid, std::size_t index,
                                                       const ledger::LedgerState& state,
                                                       std::uint64_t next) const = 0;
  // True if the bids it reveals are meant to win and then not be executed (their bonds are then
  // owed to the window's revenue like unrevealed ones).
  virtual bool defaults() const { return false; }
};

// Whether `next` is the last reveal height of `commit`'s window under `state`'s schedule.
bool is_last_reveal_height(const BidderCommit& commit, const ledger::LedgerState& state,
                           std::uint64_t next);

// The strategy `name` names (the schema's enum for workload.auction_adversary lists the same);
// null if none does.
std::unique_ptr<BidderStrategy> make_bidder_strategy(std::string_view name);

}  // namespace mn::sim
