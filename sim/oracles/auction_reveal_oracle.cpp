#include "sim/oracles/auction_reveal_oracle.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/auction/auction_module.h"
#include "core/auction/commit_payload.h"
#include "core/codec/writer.h"
#include "core/crypto/hash.h"

namespace mn::sim {

namespace {

// The QLock commitment as docs/auction.md spells it, written here a second time on purpose: if the
// module's own function drifted from the rule, the module and an oracle calling it would agree.
runtime::Hash32 commitment_of(std::string_view chain_id, std::uint64_t window,
                              const crypto::PublicKey& sender, runtime::ByteView tx_core,
                              runtime::ByteView salt) {
  constexpr std::string_view kDomain = "metanode/qlock/v1";
  codec::Writer out;
  out.write_fixed(
      runtime::ByteView(reinterpret_cast<const std::uint8_t*>(kDomain.data()), kDomain.size()));
  out.write_string(chain_id);
  out.write_u64(window);
  out.write_fixed(sender);
  out.write_bytes(tx_core);
  out.write_bytes(salt);
  return crypto::blake2b_256(out.view());
}

// [first, end) of `window`'s reveal phase, in 128 bits: a reveal may name any window.
std::pair<runtime::Uint128, runtime::Uint128> reveal_phase(const auction::WindowSchedule& s,
                                                           std::uint64_t window) {
  const runtime::Uint128 start =
      runtime::Uint128{s.first_height} + (runtime::Uint128{window} + 1) * s.commit_heights;
  return {start, start + s.reveal_heights};
}

}  // namespace

AuctionRevealOracle::AuctionRevealOracle(const runtime::Hash32& genesis_hash,
                                         std::shared_ptr<const ledger::LedgerState> genesis_state)
    : AuctionBlockOracle("auction_reveals",
                         "a reveal is accepted if and only if it matches its commitment and is on "
                         "time",
                         genesis_hash, std::move(genesis_state)) {}

void AuctionRevealOracle::on_sent(const ledger::Transaction& tx) {
  if (tx.type != ledger::TxType::kAuctionReveal) return;
  auto payload = auction::RevealPayload::decode(tx.payload);
  // A payload that does not decode is refused by the precheck, before any auction rule.
  if (payload) m_pending.push_back({tx, std::move(payload).value()});
}

std::optional<std::string> AuctionRevealOracle::why_refused(const crypto::PublicKey& sender,
                                                            const auction::RevealPayload& reveal,
                                                            const ledger::LedgerState& state,
                                                            std::uint64_t height) const {
  const auction::AuctionParams& params = state.economic_params().auction;
  if (reveal.salt.size() < 16) return "has a salt under 16 bytes";
  if (reveal.tx_core.size() > params.max_tx_core_bytes) return "has too large a tx_core";
  const auto [start, end] = reveal_phase(params.schedule, reveal.window);
  if (height < start) return "comes before its reveal phase";
  if (height >= end) return "comes after its reveal phase";
  const runtime::Hash32 c =
      commitment_of(state.chain_id(), reveal.window, sender, reveal.tx_core, reveal.salt);
  const auto window = m_commits.find(reveal.window);
  if (window == m_commits.end()) return "matches no commit of its sender in its window";
  const auto found = window->second.find(c);
  if (found == window->second.end() || found->second.first != sender)
    return "matches no commit of its sender in its window";
  if (found->second.second) return "opens a commitment already revealed";
  return std::nullopt;
}

std::optional<std::string> AuctionRevealOracle::judge(const AuctionBlock& block) {
  if (auto broken = judge_carried(block)) return broken;
  return judge_pending(block);
}

std::optional<std::string> AuctionRevealOracle::judge_carried(const AuctionBlock& block) {
  for (const ledger::Transaction& tx : block.txs) {
    if (tx.type == ledger::TxType::kAuctionCommit) {
      if (auto commit = auction::CommitPayload::decode(tx.payload))
        m_commits[commit->window].emplace(commit->commitment, std::make_pair(tx.sender, false));
      continue;
    }
    if (tx.type != ledger::TxType::kAuctionReveal) continue;
    auto reveal = auction::RevealPayload::decode(tx.payload);
    if (!reveal) return fmt::format("block {} carries a reveal that does not decode", block.height);
    if (auto why = why_refused(tx.sender, *reveal, block.parent, block.height)) {
      return fmt::format("block {} accepted a reveal for window {} that {}", block.height,
                         reveal->window, *why);
    }
    m_commits[reveal->window]
        .at(commitment_of(block.parent.chain_id(), reveal->window, tx.sender, reveal->tx_core,
                          reveal->salt))
        .second = true;
    std::erase_if(m_pending, [&tx](const Reveal& sent) { return sent.tx == tx; });
  }
  // A window past its reveal phase takes no reveal: its commits are no longer needed.
  const auction::WindowSchedule& schedule = block.parent.economic_params().auction.schedule;
  std::erase_if(m_commits, [&](const auto& window) {
    return reveal_phase(schedule, window.first).second + 1 < block.height;
  });
  return std::nullopt;
}

std::optional<std::string> AuctionRevealOracle::judge_pending(const AuctionBlock& block) {
  const std::uint64_t next = block.height + 1;
  const auction::AuctionModule module;
  for (const Reveal& sent : m_pending) {
    const ledger::TxPrecheck check = ledger::precheck_transaction(sent.tx, block.state.fee_params(),
                                                                  block.state.economic_params());
    if (check.result != ledger::TxResult::kOk) continue;  // refused before the auction's rules
    const ledger::TxResult verdict = module.check_admission(sent.tx, check, block.state);
    const std::optional<std::string> why =
        why_refused(sent.tx.sender, sent.payload, block.state, next);
    if ((verdict == ledger::TxResult::kOk) == !why.has_value()) continue;
    return fmt::format("after block {} the module {} a reveal for window {} at height {}, which {}",
                       block.height,
                       verdict == ledger::TxResult::kOk
                           ? std::string("accepts")
                           : fmt::format("refuses ({})", ledger::tx_result_name(verdict)),
                       sent.payload.window, next,
                       why ? *why : std::string("matches its commitment and is on time"));
  }
  const auction::WindowSchedule& schedule = block.state.economic_params().auction.schedule;
  std::erase_if(m_pending, [&](const Reveal& sent) {
    return reveal_phase(schedule, sent.payload.window).second < next;
  });
  return std::nullopt;
}

void AuctionRevealOracle::add_verdicts(const VerdictContext& context, RunReport& report) const {
  AuctionBlockOracle::add_verdicts(context, report);
  const auto& allowed = context.scenario.expect.auction.adversary_refusals;
  if (!allowed) return;
  const RunReport::Auction::Adversary& adversary = report.auction.adversary;
  std::uint64_t refused = 0;
  bool expected = true;
  std::string reasons;
  for (const auto& [reason, count] : adversary.refusals) {
    refused += count;
    expected = expected && std::find(allowed->begin(), allowed->end(), reason) != allowed->end();
    reasons += fmt::format("{}{} {}", reasons.empty() ? "" : ", ", reason, count);
  }
  add_verdict(report, "expect.auction.adversary_refusals",
              fmt::format("the adversarial bidders' reveals are all refused, as {}",
                          fmt::join(*allowed, " or ")),
              refused > 0 && adversary.reveals_committed == 0 && expected,
              fmt::format("{} reveals sent, {} on chain, refused: {}", adversary.reveals,
                          adversary.reveals_committed, reasons.empty() ? "none" : reasons));
}

}  // namespace mn::sim
