#include "sim/oracles/auction_honest_bid_oracle.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/auction/auction_module.h"
#include "core/auction/commit_payload.h"
#include "core/auction/qlock_commitment.h"
#include "core/auction/reveal_payload.h"
#include "core/auction/tx_core.h"
#include "sim/oracles/executed_winners.h"

namespace mn::sim {

AuctionHonestBidOracle::AuctionHonestBidOracle(
    const runtime::Hash32& genesis_hash, std::shared_ptr<const ledger::LedgerState> genesis_state,
    HonestCommit honest)
    : AuctionBlockOracle("auction_honest_bids",
                         "every honest revealed bid is included in its window's sealed bundle or "
                         "refunded",
                         genesis_hash, std::move(genesis_state)),
      m_honest(std::move(honest)) {}

void AuctionHonestBidOracle::record(const AuctionBlock& block) {
  if (block.section.bundle) m_carried[block.section.bundle->window] = {block.height, block.time};
  for (const ledger::Transaction& tx : block.txs) {
    if (tx.type == ledger::TxType::kAuctionCommit && m_honest(tx)) {
      if (auto commit = auction::CommitPayload::decode(tx.payload))
        m_bids[commit->window][commit->commitment] =
            Bid{tx.sender, commit->bond, std::nullopt, block.height, block.time};
    } else if (tx.type == ledger::TxType::kAuctionReveal) {
      auto reveal = auction::RevealPayload::decode(tx.payload);
      if (!reveal) continue;
      const auto window = m_bids.find(reveal->window);
      if (window == m_bids.end()) continue;
      const auto bid = window->second.find(auction::qlock_commitment(
          block.parent.chain_id(), reveal->window, tx.sender, reveal->tx_core, reveal->salt));
      if (bid == window->second.end() || bid->second.sender != tx.sender) continue;
      // A tx_core that does not decode opened its commitment but enters no pool: no txid wins.
      auto core = auction::TxCore::decode(reveal->tx_core);
      bid->second.txid = core ? core->to_pool_entry(tx.sender).txid : runtime::Hash32{};
    }
  }
}

std::optional<std::string> AuctionHonestBidOracle::judge(const AuctionBlock& block) {
  const auction::AuctionState* parent = auction::AuctionModule::find_state(block.parent);
  const auction::AuctionState* child = auction::AuctionModule::find_state(block.state);
  record(block);
  if (parent == nullptr) return std::nullopt;
  for (const auto& held : parent->windows) {
    if (child != nullptr && child->windows.contains(held.first)) continue;
    if (auto broken = judge_settlement(block, held.first)) return broken;
  }
  return std::nullopt;
}

std::optional<std::string> AuctionHonestBidOracle::judge_settlement(const AuctionBlock& block,
                                                                    std::uint64_t window) {
  const auto bids = m_bids.find(window);
  if (bids == m_bids.end()) {
    m_carried.erase(window);
    return std::nullopt;
  }
  const auction::AuctionState* parent = auction::AuctionModule::find_state(block.parent);
  std::set<runtime::Hash32> winners;
  std::map<runtime::Hash32, auction::WinnerRefusal> skipped;
  if (const auto seal = parent->sealed.find(window); seal != parent->sealed.end()) {
    winners.insert(seal->second.winners.begin(), seal->second.winners.end());
    for (const auction::SkippedWinner& skip : seal->second.skipped)
      skipped[skip.txid] = skip.reason;
  }
  const auto carried = m_carried.find(window);
  std::map<runtime::Hash32, runtime::Uint128> owed;  // by sender: bonds of bids not included
  for (const auto& [commitment, bid] : bids->second) {
    if (!bid.txid) continue;
    ++m_revealed;
    if (winners.contains(*bid.txid)) {
      // An honest bidder's nonces only rise and its balance covers its bids: it always runs.
      if (const auto skip = skipped.find(*bid.txid); skip != skipped.end())
        return fmt::format("window {}: an honest winner was not executed ({})", window,
                           auction::winner_refusal_name(skip->second));
      ++m_included;
      if (carried == m_carried.end()) continue;
      m_latency_heights += carried->second.height - bid.height;
      m_latency_ns += carried->second.time - bid.time;
    } else {
      owed[bid.sender] += bid.bond;
    }
  }
  m_bids.erase(bids);
  if (carried != m_carried.end()) m_carried.erase(carried);
  std::map<runtime::Hash32, runtime::Uint128> executed;  // winners the block ran, by sender
  for (const ExecutedWinner& winner :
       executed_winners(parent, auction::AuctionModule::find_state(block.state)))
    executed[winner.sender] += winner.debit;
  for (const auto& [sender, bonds] : owed) {
    const ledger::Address address = ledger::address_from_public_key(sender);
    // What the sender's own transactions and winners in the block debit.
    runtime::Uint128 spent = executed.contains(sender) ? executed.at(sender) : 0;
    for (const ledger::Transaction& tx : block.txs) {
      if (tx.sender == sender)
        spent += ledger::precheck_transaction(tx, block.parent.fee_params(),
                                              block.parent.economic_params())
                     .debit;
    }
    const ledger::Account* before = block.parent.find_account(address);
    const ledger::Account* after = block.state.find_account(address);
    const runtime::Uint128 had = before == nullptr ? 0 : before->balance;
    const runtime::Uint128 has = after == nullptr ? 0 : after->balance;
    if (has + spent < had + bonds) {
      return fmt::format(
          "window {} settled at block {}: a bidder whose revealed bids were not included was "
          "owed {} in bonds, but its balance went from {} to {} (its own transactions debited {})",
          window, block.height, static_cast<std::uint64_t>(bonds), static_cast<std::uint64_t>(had),
          static_cast<std::uint64_t>(has), static_cast<std::uint64_t>(spent));
    }
  }
  return std::nullopt;
}

void AuctionHonestBidOracle::fill_report(RunReport& report) const {
  AuctionBlockOracle::fill_report(report);
  report.auction.honest_revealed = m_revealed;
  report.auction.honest_included = m_included;
  report.auction.honest_latency_heights = m_latency_heights;
  report.auction.honest_latency_ns = m_latency_ns;
}

void AuctionHonestBidOracle::add_verdicts(const VerdictContext& context, RunReport& report) const {
  AuctionBlockOracle::add_verdicts(context, report);
  const auto& min_rate = context.scenario.expect.auction.min_honest_inclusion_rate;
  if (!min_rate) return;
  // A rate over no bid at all would hold vacuously: it fails instead.
  const double rate =
      m_revealed == 0 ? 0.0 : static_cast<double>(m_included) / static_cast<double>(m_revealed);
  add_verdict(report, "expect.auction.min_honest_inclusion_rate",
              fmt::format("at least {:g} of the honest revealed bids included in their window's "
                          "sealed bundle",
                          *min_rate),
              m_revealed > 0 && rate >= *min_rate,
              m_revealed == 0
                  ? std::string("no honest revealed bid settled")
                  : fmt::format("{:.6f} ({} of {} included)", rate, m_included, m_revealed));
}

}  // namespace mn::sim
