#include "sim/workloads/auction_adversary_workload.h"

#include <fmt/format.h>

#include "core/auction/commit_payload.h"
#include "core/auction/qlock_commitment.h"
#include "sim/scenario/scenario_json.h"
#include "sim/workloads/auction_bid_workload.h"
#include "sim/workloads/workload_registry.h"

namespace mn::sim {

AuctionAdversaryWorkload::AuctionAdversaryWorkload(const ClientWorkloadContext& context)
    : ClientWorkload(context, context.spec.auction_adversary_commits_per_s, "auction_adversary"),
      m_chain_id(context.chain_id),
      m_params(context.auction),
      m_strategy_name(context.spec.auction_adversary),
      m_strategy(make_bidder_strategy(m_strategy_name)),
      m_act_label(context.sim.action_label("workload: auction adversary acts")),
      m_own(context.sim, context.adversary_accounts, context.wallet.validator_count(), context.fees,
            context.seed) {
  if (!context.adversary_accounts.empty()) m_own.start_resending(context.spec.start);
}

std::unique_ptr<ClientWorkload> AuctionAdversaryWorkload::make(
    const ClientWorkloadContext& context) {
  return std::make_unique<AuctionAdversaryWorkload>(context);
}

runtime::Status AuctionAdversaryWorkload::read_options(const WorkloadOptionsContext& context) {
  const std::string path = scenario_json::join_path("workload", "auction_adversary");
  const bool named = context.section.contains("auction_adversary");
  if (context.spec.auction_adversary_commits_per_s > 0 && !named)
    return scenario_json::invalid(path,
                                  "needs a strategy when auction_adversary_commits_per_s > 0");
  for (const char* key : {"auction_adversary", "auction_adversary_accounts"}) {
    if (!context.section.contains(key)) continue;
    if (auto status = context.needs_consensus(scenario_json::join_path("workload", key));
        !status.is_ok())
      return status;
  }
  if (named) {
    context.spec.auction_adversary = context.section.at("auction_adversary");
    if (!make_bidder_strategy(context.spec.auction_adversary))
      return scenario_json::invalid(path, "names no strategy");
  }
  context.spec.auction_adversary_accounts = scenario_json::integer_or(
      context.section, "auction_adversary_accounts", context.spec.auction_adversary_accounts);
  return {};
}

void AuctionAdversaryWorkload::submit() {
  const auction::WindowSchedule& schedule = m_params.schedule;
  const std::uint64_t next = m_height + 1;
  const std::optional<std::uint64_t> window = schedule.window_of(next);
  if (!window || schedule.phase(*window, next + 1) != auction::WindowPhase::kCommit) return;
  // One account per bid: a refused reveal leaves a nonce the chain never takes, which would hold
  // up every later transaction of its account.
  if (m_next_account >= m_own.account_count() || m_wallet.account_count() == 0) return;
  const std::size_t from = m_next_account++;
  const auto to = static_cast<std::size_t>(m_rng.uniform(m_wallet.account_count()));
  const auction::TxCore core = draw_transfer_core(1, m_wallet.account(to).public_key, m_rng);
  runtime::Bytes salt(auction::kMinSaltBytes);
  m_rng.fill(salt);
  const std::uint64_t id = m_next_bid++;
  BidderBid& bid = m_bids[id];
  bid.from = from;
  bid.sender = m_own.account(from).public_key;
  bid.commits = m_strategy->draw(*window, core, std::move(salt), m_rng);
  for (std::size_t i = 0; i < bid.commits.size(); ++i) {
    if (bid.commits[i].window == *window) send_commit(id, i);
  }
}

void AuctionAdversaryWorkload::send_commit(std::uint64_t id, std::size_t index) {
  BidderBid& bid = m_bids.at(id);
  BidderCommit& commit = bid.commits[index];
  commit.sent = true;
  const runtime::Hash32 c =
      auction::qlock_commitment(m_chain_id, commit.named, bid.sender, commit.tx_core, commit.salt);
  const ledger::Transaction tx = m_own.sign(
      ledger::TxType::kAuctionCommit, bid.from,
      auction::CommitPayload{commit.window, c, m_params.min_commit_bond, runtime::Hash32{}}
          .encode());
  ++m_counts.commits;
  m_own.send_new(bid.from, tx, static_cast<NodeId>(m_rng.uniform(m_own.validator_count())));
  m_sent.emplace(tx.id(m_sim.crypto()), Sent{id, index, false, tx, {}});
}

void AuctionAdversaryWorkload::send_reveal(std::uint64_t id, std::size_t index,
                                           const auction::RevealPayload& reveal,
                                           std::string refusal) {
  const BidderBid& bid = m_bids.at(id);
  const ledger::Transaction tx =
      m_own.sign(ledger::TxType::kAuctionReveal, bid.from, reveal.encode());
  ++m_counts.reveals;
  m_own.send_new(bid.from, tx, static_cast<NodeId>(m_rng.uniform(m_own.validator_count())));
  m_sent.emplace(tx.id(m_sim.crypto()), Sent{id, index, true, tx, std::move(refusal)});
}

void AuctionAdversaryWorkload::record(const CommittedBlock& block) {
  for (const runtime::Hash32& id : block.tx_ids) {
    m_own.on_committed(id);
    const auto sent = m_sent.find(id);
    if (sent == m_sent.end()) continue;
    BidderCommit& commit = m_bids.at(sent->second.bid).commits[sent->second.index];
    if (sent->second.reveal) {
      commit.revealed = true;
      sent->second.refusal.clear();
      ++m_counts.reveals_committed;
    } else {
      commit.committed = true;
      ++m_counts.commits_committed;
    }
  }
}

void AuctionAdversaryWorkload::close_bids(std::uint64_t next) {
  for (auto bid = m_bids.begin(); bid != m_bids.end();) {
    bool open = false;
    for (const BidderCommit& c : bid->second.commits)
      open = open || m_params.schedule.phase(c.window, next) != auction::WindowPhase::kClosed;
    if (open) {
      ++bid;
      continue;
    }
    for (const BidderCommit& c : bid->second.commits) {
      if (c.committed && !c.revealed)
        m_counts.unrevealed_bonds[c.window] += m_params.min_commit_bond;
      if (c.committed && c.revealed && m_strategy->defaults())
        m_counts.defaulted_bonds[c.window] += m_params.min_commit_bond;
    }
    for (auto sent = m_sent.begin(); sent != m_sent.end();) {
      if (sent->second.bid != bid->first) {
        ++sent;
        continue;
      }
      if (sent->second.reveal && !sent->second.refusal.empty())
        ++m_counts.refusals[sent->second.refusal];
      sent = m_sent.erase(sent);
    }
    bid = m_bids.erase(bid);
  }
}

void AuctionAdversaryWorkload::on_block(const CommittedBlock& block) {
  m_height = block.height;
  record(block);
  const std::uint64_t next = block.height + 1;
  close_bids(next);
  struct Due {
    std::uint64_t bid = 0;
    std::size_t index = 0;
    std::optional<auction::RevealPayload> reveal;  // none: the commit
    std::string refusal;
  };
  std::vector<Due> due;
  const auction::WindowSchedule& schedule = m_params.schedule;
  for (auto& [id, bid] : m_bids) {
    for (std::size_t i = 0; i < bid.commits.size(); ++i) {
      BidderCommit& c = bid.commits[i];
      if (!c.sent && schedule.phase(c.window, next) == auction::WindowPhase::kCommit &&
          schedule.phase(c.window, next + 1) == auction::WindowPhase::kCommit) {
        c.sent = true;
        due.push_back({id, i, std::nullopt, {}});
      } else if (c.committed && !c.reveal_sent) {
        auto reveal = m_strategy->reveal(bid, i, block.state, next);
        if (!reveal) continue;
        c.reveal_sent = true;
        // What a node answers at submission: the module's verdict for the next height.
        const ledger::Transaction probe =
            m_own.sign(ledger::TxType::kAuctionReveal, bid.from, reveal->encode());
        due.push_back({id, i, std::move(reveal), late_refusal_reason(probe, block.state)});
      }
    }
  }
  if (due.empty()) return;
  m_sim.schedule(
      m_sim.now(),
      [this, due = std::move(due)] {
        for (const Due& d : due) {
          if (!m_bids.contains(d.bid)) continue;
          if (d.reveal) {
            send_reveal(d.bid, d.index, *d.reveal, d.refusal);
          } else {
            send_commit(d.bid, d.index);
          }
        }
      },
      m_act_label);
}

void AuctionAdversaryWorkload::fill_report(RunReport& report) const {
  RunReport::Auction::Adversary& out = report.auction.adversary;
  out = m_counts;
  out.strategy = m_strategy_name;
}

}  // namespace mn::sim
