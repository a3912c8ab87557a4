// builders: block builders bid for upcoming heights (the run's "builder" stream; rate
// workload.builder_bids_per_s). At each arrival a random account, acting as a builder, signs a
// BuilderBid for the height kLeadHeights after the next one, with a value drawn from the stream, a
// bond of twice the value and a payload commitment of its own; when the honest chain includes its
// bid for that height it delivers the payload at once (a signed PayloadReveal), well within the
// delivery deadline. The validator's pool judges each transaction as the next block would, and the
// wallet learns its verdict at once: a refused bid counts as refused under the pool's reason; a
// refused delivery (typically no_included_bid: the validator has not committed the block that
// included the bid yet, though another has) is signed again and sent at the next block until its
// deadline, and counts under the last reason if it never gets in. An admitted transaction still
// not committed when its height (a bid) or its deadline (a delivery) has passed counts as
// refused, under the reason the module gives for it then.
//
// Adversarial builders (equivocating_builder_workload.h, withholding_builder_workload.h) are
// streams of their own that derive from it and change what a builder bids (bid_value) and what it
// does once the chain includes its bid (on_won). All of them sign with the run's shared accounts
// and take turns by the run's BuilderSlots: an arrival whose account already has a bid out for the
// height, from this stream or another, bids nothing (builder_slots.h says why).
//
// Single-threaded, driven by the simulator's actions and the honest chain's commits.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "core/auction/builder_bid.h"
#include "sim/workloads/builder_slots.h"
#include "sim/workloads/client_workload.h"

namespace mn::sim {

class BuilderWorkload : public ClientWorkload {
 public:
  // How far past the next height a bid names its height: room to reach the chain before it.
  static constexpr std::uint64_t kLeadHeights = 2;
  static constexpr std::uint64_t kMaxValue = 1'000;

  explicit BuilderWorkload(const ClientWorkloadContext& context);
  static std::unique_ptr<ClientWorkload> make(const ClientWorkloadContext& context);

  void on_block(const CommittedBlock& block) override;
  void fill_report(RunReport& report) const override;

 protected:
  // A stream of builders of its own: its rate and the random stream it draws from.
  BuilderWorkload(const ClientWorkloadContext& context, double rate, std::string_view stream);

  struct Offer {
    std::size_t from = 0;
    auction::BuilderBid bid;
    ledger::Transaction tx;
    bool committed = false;
    bool won = false;                             // included for its height
    bool delivery_due = false;                    // its delivery is scheduled
    std::optional<ledger::Transaction> delivery;  // the admitted delivery
    std::optional<ledger::AdmitResult> refusal;   // the pool's last verdict on a refused delivery
    bool delivered = false;
  };

  // The value of `offer`'s bid (its builder and height set): the honest builder's draws
  // 1..kMaxValue.
  virtual std::uint64_t bid_value(const Offer& offer);
  // The chain included `offer`'s bid for its height, as an action of its own: the honest builder
  // delivers at once.
  virtual void on_won(Offer& offer) { deliver(offer); }
  // Signs and sends the delivery of `offer`'s payload (a PayloadReveal of its commitment).
  void deliver(Offer& offer);
  const auction::AuctionParams& params() const { return m_params; }

 private:
  void submit() override;
  // True if the chain at `state` included `offer`'s bid for its height.
  static bool included(const Offer& offer, const ledger::LedgerState& state);
  // Hands the won offers `bid_ids` to on_won, as an action of its own: the chain's commits
  // arrive inside a node's event, and sending is another node's event.
  void schedule_won(std::vector<runtime::Hash32> bid_ids);

  auction::AuctionParams m_params;
  BuilderSlots& m_slots;  // every builder stream's bids out
  Simulator::ActionLabel m_won_label;
  std::uint64_t m_height = 0;                                // the honest chain's committed height
  std::map<runtime::Hash32, Offer> m_open;                   // by bid transaction id
  std::map<runtime::Hash32, runtime::Hash32> m_delivery_of;  // delivery id -> bid id
  RunReport::Auction m_counts;
};

}  // namespace mn::sim
