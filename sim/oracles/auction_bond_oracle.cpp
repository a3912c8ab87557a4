#include "sim/oracles/auction_bond_oracle.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include <fmt/format.h>

#include "core/auction/auction_module.h"
#include "core/auction/block_bundle.h"
#include "core/auction/builder_bid.h"
#include "core/auction/commit_payload.h"
#include "core/auction/revenue_split.h"
#include "core/codec/hex.h"
#include "sim/oracles/executed_winners.h"

namespace mn::sim {

namespace {

// The bonds the block's commits and bids lock (a committed block holds only accepted ones).
runtime::Uint128 bonds_locked(const std::vector<ledger::Transaction>& txs) {
  runtime::Uint128 locked = 0;
  for (const ledger::Transaction& tx : txs) {
    if (tx.type == ledger::TxType::kAuctionCommit) {
      if (auto commit = auction::CommitPayload::decode(tx.payload)) locked += commit->bond;
    } else if (tx.type == ledger::TxType::kBuilderBid) {
      if (auto bid = auction::BuilderBid::decode(tx.payload)) locked += bid->bond;
    }
  }
  return locked;
}

// The bonds of open bids for `height` the block refunded: all of them but the one it included.
runtime::Uint128 bids_refunded(const auction::AuctionState& parent,
                               const auction::AuctionState* child, std::uint64_t height) {
  runtime::Uint128 refunded = 0;
  const auto open = parent.open_bids.find(height);
  if (open == parent.open_bids.end()) return 0;
  for (const auction::BuilderBid& bid : open->second) refunded += bid.bond;
  if (child != nullptr && !parent.included.contains(height)) {
    if (const auto in = child->included.find(height); in != child->included.end())
      refunded -= in->second.bid.bond;
  }
  return refunded;
}

// The bonds of open bids for later heights the block evicted from a full height: bids open before
// it (in `parent`, null before the first auction transaction), or placed by it, open no longer.
runtime::Uint128 bids_evicted(const auction::AuctionState* parent,
                              const auction::AuctionState* child, const AuctionBlock& block) {
  std::map<std::uint64_t, std::vector<auction::BuilderBid>> candidates;
  if (parent != nullptr) {
    for (const auto& [height, bids] : parent->open_bids) {
      if (height != block.height) candidates[height] = bids;
    }
  }
  for (const ledger::Transaction& tx : block.txs) {
    if (tx.type != ledger::TxType::kBuilderBid) continue;
    if (auto bid = auction::BuilderBid::decode(tx.payload)) candidates[bid->height].push_back(*bid);
  }
  runtime::Uint128 evicted = 0;
  for (const auto& [height, bids] : candidates) {
    const std::vector<auction::BuilderBid>* open = nullptr;
    if (child != nullptr) {
      if (const auto it = child->open_bids.find(height); it != child->open_bids.end())
        open = &it->second;
    }
    for (const auction::BuilderBid& bid : bids) {
      if (open == nullptr || std::find(open->begin(), open->end(), bid) == open->end())
        evicted += bid.bond;
    }
  }
  return evicted;
}

// The lowest fee rate among the winners `seal` took from `entries` (0 when it took none).
std::uint64_t clearing_price(const auction::SealRecord& seal,
                             const std::vector<auction::PoolEntry>& entries) {
  const std::set<runtime::Hash32> winners(seal.winners.begin(), seal.winners.end());
  std::optional<std::uint64_t> lowest;
  for (const auction::PoolEntry& entry : entries) {
    if (winners.contains(entry.txid))
      lowest = std::min(lowest.value_or(entry.fee_rate), entry.fee_rate);
  }
  return lowest.value_or(0);
}

// The window whose bundle `block` is due to carry (due_bundle_window on its parent), if any.
std::optional<std::uint64_t> bundle_window(const AuctionBlock& block) {
  return auction::due_bundle_window(auction::AuctionModule::find_state(block.parent), block.height,
                                    block.parent.economic_params().auction);
}

// The auto-bid `block` took out of `window`'s fees for its own proposer: the window's bundle was
// due in it (and it took no builder bid).
std::uint64_t auto_bid_reserved(const AuctionBlock& block, std::uint64_t window) {
  const auction::AuctionState* child = auction::AuctionModule::find_state(block.state);
  if (child == nullptr || !child->auto_bid_due || child->auto_bid_due->height != block.height ||
      bundle_window(block) != window)
    return 0;
  return child->auto_bid_due->amount;
}

// The auto-bid `block` paid out: the parent's due one, which a block always settles.
runtime::Uint128 auto_bid_paid(const auction::AuctionState* parent,
                               const auction::AuctionState* child) {
  if (parent == nullptr || !parent->auto_bid_due) return 0;
  if (child != nullptr && child->auto_bid_due == parent->auto_bid_due) return 0;
  return parent->auto_bid_due->amount;
}

std::string amount(runtime::Uint128 v) {
  return v > runtime::Uint128{UINT64_MAX} ? std::string("more than 2^64")
                                          : std::to_string(static_cast<std::uint64_t>(v));
}

}  // namespace

AuctionBondOracle::AuctionBondOracle(
    const runtime::Hash32& genesis_hash,
    const std::shared_ptr<const ledger::LedgerState>& genesis_state,
    const std::vector<std::string>& partner_names)
    : AuctionBlockOracle("auction_bonds",
                         "the auction's bonds move only by what each block locks and releases, "
                         "and each window's forfeits are split exactly",
                         genesis_hash, genesis_state) {
  for (const auction::PartnerChain& chain : genesis_state->economic_params().auction.partners) {
    const std::size_t i = m_partners.size();
    m_partner_ids.push_back(chain.id);
    m_partners.push_back(
        {i < partner_names.size() ? partner_names[i] : codec::to_hex(chain.id), 0, 0, 0});
  }
}

RunReport::Auction::Partner* AuctionBondOracle::partner(const runtime::Hash32& id) {
  const auto it = std::find(m_partner_ids.begin(), m_partner_ids.end(), id);
  return it == m_partner_ids.end() ? nullptr : &m_partners[it - m_partner_ids.begin()];
}

std::optional<std::string> AuctionBondOracle::judge(const AuctionBlock& block) {
  const auction::AuctionModule module;
  const auction::AuctionState* parent = auction::AuctionModule::find_state(block.parent);
  const auction::AuctionState* child = auction::AuctionModule::find_state(block.state);
  if (const auto window = bundle_window(block)) {
    const std::uint64_t reserved = auto_bid_reserved(block, *window);
    if (reserved > 0) m_auto_bids[*window] = reserved;
  }
  runtime::Uint128 released = 0;
  if (parent != nullptr) {
    for (const auto& [window, record] : parent->windows) {
      if (child != nullptr && child->windows.contains(window)) continue;
      if (auto broken = judge_settlement(block, *parent, window)) return broken;
      released +=
          parent->book.total_bonded(window) + record.fees - auto_bid_reserved(block, window);
    }
    released += bids_refunded(*parent, child, block.height);
    for (const auto& [height, included] : parent->included) {
      if (child == nullptr || !child->included.contains(height)) released += included.bid.bond;
    }
  }
  released += bids_evicted(parent, child, block) + auto_bid_paid(parent, child);
  runtime::Uint128 locked = bonds_locked(block.txs);
  for (const ExecutedWinner& winner : executed_winners(parent, child)) locked += winner.charge;
  const runtime::Uint128 before = module.holdings(block.parent) + locked;
  const runtime::Uint128 after = module.holdings(block.state) + released;
  if (before == after) return std::nullopt;
  return fmt::format(
      "block {}: the auction holds {} after it, but held {}, locked {} (bonds and winners' fees) "
      "and released {}",
      block.height, amount(module.holdings(block.state)), amount(module.holdings(block.parent)),
      amount(locked), amount(released));
}

std::optional<std::string> AuctionBondOracle::judge_settlement(const AuctionBlock& block,
                                                               const auction::AuctionState& parent,
                                                               std::uint64_t window) {
  const auction::AuctionParams& params = block.parent.economic_params().auction;
  auction::QLockBook book = parent.book;
  const auction::QLockSettlement settlement =
      book.settle(window, params.schedule.close_height(window));
  if (!settlement.is_ok()) return fmt::format("window {} was settled before it closed", window);
  const auction::WindowRecord& record = parent.windows.at(window);
  std::uint64_t forfeited = settlement.forfeited;
  std::map<runtime::Hash32, std::uint64_t> weights;
  for (const auction::BondRefund& refund : settlement.refunds) {
    if (record.cancelled.contains(refund.commitment) ||
        record.defaulted.contains(refund.commitment)) {
      forfeited += refund.amount;
    } else if (const auto p = record.partner_of.find(refund.commitment);
               p != record.partner_of.end()) {
      weights[p->second] += refund.amount;
      if (RunReport::Auction::Partner* named = partner(p->second)) {
        ++named->revealed_commits;
        named->revealed_bonds += refund.amount;
      }
    }
  }
  std::vector<auction::PartnerContribution> partners;
  partners.reserve(weights.size());
  for (const auto& [partner, weight] : weights) partners.push_back({partner, weight});
  const std::uint64_t reserved = auto_bid_reserved(block, window);
  if (reserved > record.fees)
    return fmt::format("window {}: an auto-bid of {} exceeds the window's fees {}", window,
                       reserved, record.fees);
  const std::uint64_t fees = record.fees - reserved;
  const std::uint64_t revenue = forfeited + fees;
  auto split = auction::split_auction_revenue(revenue, partners, params.partner_share_bps);
  if (!split) return fmt::format("window {}: {}", window, split.status().message());
  runtime::Uint128 shared = split->treasury;
  RunReport::Auction::Window settled{window};
  for (const auction::PartnerShare& share : split->partners) {
    shared += share.amount;
    settled.partner_revenue += share.amount;
    if (RunReport::Auction::Partner* named = partner(share.partner)) named->revenue += share.amount;
    const auction::PartnerChain* chain = params.find_partner(share.partner);
    if (chain == nullptr)
      return fmt::format("window {}: a commit names a partner chain the genesis did not register",
                         window);
    const ledger::Account* before = block.parent.find_account(chain->payout);
    const ledger::Account* after = block.state.find_account(chain->payout);
    // A share of 0 (partner_share_bps 0, or a pool too small) creates no account.
    const std::uint64_t had = before ? before->balance : 0;
    const std::uint64_t has = after ? after->balance : 0;
    if (has < had + share.amount)
      return fmt::format("window {}: a partner chain was paid less than its share {}", window,
                         share.amount);
  }
  if (shared != revenue)
    return fmt::format("window {}: the split pays {} of a revenue of {}", window, amount(shared),
                       revenue);
  if (block.state.pools().treasury < block.parent.pools().treasury + split->treasury)
    return fmt::format("window {}: the treasury gained less than its share {} (from {} to {})",
                       window, split->treasury, block.parent.pools().treasury,
                       block.state.pools().treasury);
  settled.commits = parent.book.commit_count(window);
  settled.reveals = parent.book.reveals(window).size();
  settled.forfeited = forfeited;
  settled.fees = fees;
  if (const auto seal = parent.sealed.find(window); seal != parent.sealed.end()) {
    settled.winners = seal->second.winners.size();
    settled.executed = seal->second.winners.size() - seal->second.skipped.size();
    settled.clearing_price = clearing_price(seal->second, parent.window_entries(window));
  }
  if (const auto paid = m_auto_bids.find(window); paid != m_auto_bids.end()) {
    settled.auto_bid = paid->second;
    m_auto_bids.erase(paid);
  }
  m_settled.push_back(settled);
  return std::nullopt;
}

void AuctionBondOracle::fill_report(RunReport& report) const {
  AuctionBlockOracle::fill_report(report);
  for (const RunReport::Auction::Window& settled : m_settled) {
    RunReport::Auction::Window& w = report.auction.window(settled.window);
    w.commits = settled.commits;
    w.reveals = settled.reveals;
    w.forfeited = settled.forfeited;
    w.winners = settled.winners;
    w.executed = settled.executed;
    w.fees = settled.fees;
    w.auto_bid = settled.auto_bid;
    w.clearing_price = settled.clearing_price;
    w.partner_revenue = settled.partner_revenue;
  }
  report.auction.partners = m_partners;
}

void AuctionBondOracle::add_verdicts(const VerdictContext& context, RunReport& report) const {
  AuctionBlockOracle::add_verdicts(context, report);
  if (!context.scenario.expect.auction.adversary_bonds_forfeited) return;
  const RunReport::Auction::Adversary& adversary = report.auction.adversary;
  const auto bonds_in = [](const std::map<std::uint64_t, std::uint64_t>& bonds, std::uint64_t w) {
    const auto found = bonds.find(w);
    return found == bonds.end() ? std::uint64_t{0} : found->second;
  };
  std::uint64_t owed = 0;  // the adversary's unrevealed and defaulted bonds in the windows settled
  std::uint64_t forfeited = 0;
  std::optional<std::uint64_t> short_window;
  for (const RunReport::Auction::Window& w : m_settled) {
    const std::uint64_t due = bonds_in(adversary.unrevealed_bonds, w.window) +
                              bonds_in(adversary.defaulted_bonds, w.window);
    owed += due;
    forfeited += w.forfeited;
    if (w.forfeited < due && !short_window) short_window = w.window;
  }
  add_verdict(report, "expect.auction.adversary_bonds_forfeited",
              "every bond of an adversarial commit never revealed, or revealed to win and not pay, "
              "is forfeited",
              owed > 0 && !short_window,
              short_window ? fmt::format("window {} forfeited less than the adversary's unrevealed "
                                         "and defaulted bonds",
                                         *short_window)
                           : fmt::format("{} forfeited over {} settled windows, {} of it the "
                                         "adversary's unrevealed and defaulted bonds",
                                         forfeited, m_settled.size(), owed));
}

}  // namespace mn::sim
