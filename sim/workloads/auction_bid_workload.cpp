#include "sim/workloads/auction_bid_workload.h"

#include "core/auction/auction_module.h"
#include "core/auction/commit_payload.h"
#include "core/auction/qlock_commitment.h"
#include "core/auction/reveal_payload.h"
#include "sim/scenario/scenario_json.h"
#include "sim/workloads/workload_registry.h"

namespace mn::sim {

namespace {

constexpr std::uint64_t kMaxFeeRate = 1'000;
constexpr std::uint64_t kMaxPriorityFee = 100;
constexpr std::uint64_t kTransferGas = 21'000;

}  // namespace

std::string late_refusal_reason(const ledger::Transaction& tx, const ledger::LedgerState& state) {
  const ledger::TxPrecheck check =
      ledger::precheck_transaction(tx, state.fee_params(), state.economic_params());
  if (check.result != ledger::TxResult::kOk) return ledger::tx_result_name(check.result);
  const ledger::TxResult result = auction::AuctionModule{}.check_admission(tx, check, state);
  return result == ledger::TxResult::kOk ? "not_included" : ledger::tx_result_name(result);
}

AuctionBidWorkload::AuctionBidWorkload(const ClientWorkloadContext& context)
    : ClientWorkload(context, context.spec.auction_bids_per_s, "auction"),
      m_chain_id(context.chain_id),
      m_params(context.auction),
      m_unrevealed_fraction(context.spec.auction_unrevealed_fraction),
      m_partner_weights(context.partner_weights),
      m_partner_rng(context.seed, "auction partners"),
      m_reveal_label(context.sim.action_label("workload: auction reveals")),
      m_hidden_nonce(context.wallet.account_count(), 1) {}

std::unique_ptr<ClientWorkload> AuctionBidWorkload::make(const ClientWorkloadContext& context) {
  return std::make_unique<AuctionBidWorkload>(context);
}

runtime::Status AuctionBidWorkload::read_options(const WorkloadOptionsContext& context) {
  constexpr const char* kKey = "auction_unrevealed_fraction";
  if (!context.section.contains(kKey)) return {};
  if (auto status = context.needs_consensus(scenario_json::join_path("workload", kKey));
      !status.is_ok())
    return status;
  context.spec.auction_unrevealed_fraction = scenario_json::number_or(context.section, kKey, 0.0);
  return {};
}

auction::TxCore draw_transfer_core(std::uint64_t nonce, const crypto::PublicKey& to,
                                   runtime::Rng& rng) {
  auction::TxCore core;
  core.nonce = nonce;
  core.fee_rate = 1 + rng.uniform(kMaxFeeRate);
  core.priority_fee = 1 + rng.uniform(kMaxPriorityFee);
  core.gas = kTransferGas;
  core.tx_type = auction::TxType::kTransfer;
  core.payload =
      ledger::TransferPayload{ledger::address_from_public_key(to), 1 + rng.uniform(1000)}.encode();
  return core;
}

auction::TxCore AuctionBidWorkload::draw_core(std::size_t from) {
  auto to = static_cast<std::size_t>(m_rng.uniform(m_wallet.account_count() - 1));
  if (to >= from) ++to;
  return draw_transfer_core(m_hidden_nonce[from]++, m_wallet.account(to).public_key, m_rng);
}

runtime::Hash32 AuctionBidWorkload::draw_partner() {
  if (m_partner_weights.empty()) return {};
  double draw = m_partner_rng.unit();
  for (std::size_t i = 0; i < m_partner_weights.size(); ++i) {
    if (draw < m_partner_weights[i]) return m_params.partners[i].id;
    draw -= m_partner_weights[i];
  }
  return {};
}

void AuctionBidWorkload::submit() {
  const auction::WindowSchedule& schedule = m_params.schedule;
  const std::uint64_t next = m_height + 1;
  const std::optional<std::uint64_t> window = schedule.window_of(next);
  // Two heights of the commit phase left, or the commit could arrive late: wait for the next.
  if (!window || schedule.phase(*window, next + 1) != auction::WindowPhase::kCommit) return;
  const auto from = static_cast<std::size_t>(m_rng.uniform(m_wallet.account_count()));
  Bid bid;
  bid.from = from;
  bid.window = *window;
  bid.tx_core = draw_core(from).encode();
  bid.salt.resize(auction::kMinSaltBytes);
  m_rng.fill(bid.salt);
  bid.reveals = m_rng.unit() >= m_unrevealed_fraction;
  const crypto::KeyPair& key = m_wallet.account(from);
  const runtime::Hash32 commitment =
      auction::qlock_commitment(m_chain_id, *window, key.public_key, bid.tx_core, bid.salt);
  bid.commit = m_wallet.sign(
      ledger::TxType::kAuctionCommit, from,
      auction::CommitPayload{*window, commitment, m_params.min_commit_bond, draw_partner()}
          .encode());
  ++m_counts.commits;
  const auto validator = static_cast<NodeId>(m_rng.uniform(m_wallet.validator_count()));
  if (const auto refusal = m_wallet.send_new(from, bid.commit, validator)) {
    ++m_counts.refusals[ledger::admit_result_name(*refusal)];
    return;
  }
  m_open.emplace(bid.commit.id(m_sim.crypto()), std::move(bid));
}

void AuctionBidWorkload::schedule_reveals(std::vector<runtime::Hash32> commit_ids) {
  if (commit_ids.empty()) return;
  m_sim.schedule(
      m_sim.now(),
      [this, ids = std::move(commit_ids)] {
        for (const runtime::Hash32& id : ids) {
          const auto bid = m_open.find(id);
          if (bid != m_open.end() && !bid->second.reveal) send_reveal(bid->second);
        }
      },
      m_reveal_label);
}

void AuctionBidWorkload::send_reveal(Bid& bid) {
  const ledger::Transaction reveal =
      m_wallet.sign(ledger::TxType::kAuctionReveal, bid.from,
                    auction::RevealPayload{bid.window, bid.tx_core, bid.salt}.encode());
  if (!bid.refusal) ++m_counts.reveals;  // each bid's reveal once, however often it is tried
  const auto validator = static_cast<NodeId>(m_rng.uniform(m_wallet.validator_count()));
  bid.refusal = m_wallet.send_new(bid.from, reveal, validator);
  if (bid.refusal) {
    bid.reveal_due = false;  // the next block tries again while the reveal phase lasts
    return;
  }
  bid.reveal = reveal;
  m_reveal_of.emplace(reveal.id(m_sim.crypto()), bid.commit.id(m_sim.crypto()));
}

void AuctionBidWorkload::count_refusals(const Bid& bid, const ledger::LedgerState& state) {
  if (!bid.committed) ++m_counts.refusals[late_refusal_reason(bid.commit, state)];
  if (bid.reveal && !bid.revealed) ++m_counts.refusals[late_refusal_reason(*bid.reveal, state)];
  if (!bid.reveal && bid.refusal) ++m_counts.refusals[ledger::admit_result_name(*bid.refusal)];
}

void AuctionBidWorkload::on_block(const CommittedBlock& block) {
  m_height = block.height;
  for (const runtime::Hash32& id : block.tx_ids) {
    if (const auto bid = m_open.find(id); bid != m_open.end()) {
      bid->second.committed = true;
      ++m_counts.commits_committed;
      if (!bid->second.reveals) ++m_counts.withheld;
    }
    if (const auto reveal = m_reveal_of.find(id); reveal != m_reveal_of.end()) {
      m_open.at(reveal->second).revealed = true;
      ++m_counts.reveals_committed;
    }
  }
  const std::uint64_t next = block.height + 1;
  std::vector<runtime::Hash32> due;
  for (auto it = m_open.begin(); it != m_open.end();) {
    Bid& bid = it->second;
    const auction::WindowPhase phase = m_params.schedule.phase(bid.window, next);
    if (phase == auction::WindowPhase::kReveal && bid.committed && bid.reveals && !bid.reveal_due) {
      bid.reveal_due = true;
      due.push_back(it->first);
    }
    if (phase < auction::WindowPhase::kSeal) {
      ++it;
      continue;
    }
    count_refusals(bid, block.state);
    if (bid.reveal) m_reveal_of.erase(bid.reveal->id(m_sim.crypto()));
    it = m_open.erase(it);
  }
  schedule_reveals(std::move(due));
}

bool AuctionBidWorkload::sent(const ledger::Transaction& commit) const {
  return m_open.contains(commit.id(m_sim.crypto()));
}

void AuctionBidWorkload::fill_report(RunReport& report) const {
  RunReport::Auction& out = report.auction;
  out.commits = m_counts.commits;
  out.commits_committed = m_counts.commits_committed;
  out.reveals = m_counts.reveals;
  out.reveals_committed = m_counts.reveals_committed;
  out.withheld = m_counts.withheld;
  for (const auto& [reason, count] : m_counts.refusals) out.refusals[reason] += count;
}

}  // namespace mn::sim
