#include "core/auction/auction_state.h"

#include "core/auction/record_tags.h"
#include "core/auction/tx_core.h"
#include "core/codec/header.h"

namespace mn::auction {

namespace {

QLockParams qlock_params(const AuctionParams& params, const std::string& chain_id) {
  QLockParams out;
  out.chain_id = chain_id;
  out.schedule = params.schedule;
  out.min_bond = params.min_commit_bond;
  out.max_tx_core_bytes = params.max_tx_core_bytes;
  out.max_commits_per_window = params.max_commits_per_window;
  return out;
}

void write_bid(codec::Writer& w, const BuilderBid& bid) {
  w.write_fixed(bid.encode());
}

}  // namespace

AuctionState::AuctionState(const AuctionParams& params, const std::string& chain_id)
    : book(qlock_params(params, chain_id)) {}

std::vector<LiveReveal> AuctionState::live_reveals(std::uint64_t window) const {
  const auto record = windows.find(window);
  std::vector<LiveReveal> out;
  for (const QLockReveal& reveal : book.reveals(window)) {
    if (record != windows.end() && record->second.cancelled.contains(reveal.commitment)) continue;
    auto core = TxCore::decode(reveal.tx_core);
    if (!core) continue;
    PoolEntry entry = core->to_pool_entry(reveal.sender);
    out.push_back({reveal.commitment, reveal.sender, std::move(core).value(), entry});
  }
  return out;
}

std::vector<PoolEntry> AuctionState::window_entries(std::uint64_t window) const {
  std::vector<PoolEntry> out;
  for (const LiveReveal& reveal : live_reveals(window)) out.push_back(reveal.entry);
  return out;
}

runtime::Uint128 AuctionState::holdings() const {
  runtime::Uint128 held = book.total_bonded();
  for (const auto& [height, bids] : open_bids) {
    for (const BuilderBid& bid : bids) held += bid.bond;
  }
  for (const auto& [height, bid] : included) held += bid.bid.bond;
  for (const auto& [window, record] : windows) held += record.fees;
  if (auto_bid_due) held += auto_bid_due->amount;
  return held;
}

void AuctionState::digest(codec::Writer& w) const {
  codec::write_header(w, kAuctionDigestTag, 2);
  book.digest(w);
  w.write_count(windows.size());
  for (const auto& [window, record] : windows) {
    w.write_u64(window);
    w.write_count(record.partner_of.size());
    for (const auto& [commitment, partner] : record.partner_of) {
      w.write_fixed(commitment);
      w.write_fixed(partner);
    }
    w.write_count(record.cancelled.size());
    for (const runtime::Hash32& commitment : record.cancelled) w.write_fixed(commitment);
    w.write_count(record.defaulted.size());
    for (const runtime::Hash32& commitment : record.defaulted) w.write_fixed(commitment);
    w.write_u64(record.fees);
  }
  w.write_count(sealed.size());
  for (const auto& [window, record] : sealed) {
    w.write_u64(window);
    record.encode(w);
  }
  w.write_count(open_bids.size());
  for (const auto& [height, bids] : open_bids) {
    w.write_u64(height);
    w.write_count(bids.size());
    for (const BuilderBid& bid : bids) write_bid(w, bid);
  }
  w.write_count(included.size());
  for (const auto& [height, bid] : included) {
    write_bid(w, bid.bid);
    w.write_bool(bid.proposer.has_value());
    if (bid.proposer) w.write_fixed(*bid.proposer);
    w.write_bool(bid.delivery.has_value());
    if (bid.delivery) {
      w.write_u64(bid.delivery->height);
      w.write_fixed(bid.delivery->payload_commitment);
    }
    w.write_bool(bid.equivocated);
  }
  w.write_count(executed_nonce.size());
  for (const auto& [sender, nonce] : executed_nonce) {
    w.write_fixed(sender);
    w.write_u64(nonce);
  }
  w.write_bool(auto_bid_due.has_value());
  if (auto_bid_due) {
    w.write_u64(auto_bid_due->height);
    w.write_u64(auto_bid_due->amount);
  }
}

}  // namespace mn::auction
