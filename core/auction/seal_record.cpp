#include "core/auction/seal_record.h"

#include <set>

#include "core/auction/bucket_key.h"
#include "core/auction/mx_pool.h"

namespace mn::auction {

void SealRecord::encode(codec::Writer& w) const {
  w.write_fixed(mx_root);
  w.write_count(winners.size());
  for (const runtime::Hash32& txid : winners) w.write_fixed(txid);
  w.write_count(skipped.size());
  for (const SkippedWinner& skip : skipped) {
    w.write_fixed(skip.txid);
    w.write_u8(static_cast<std::uint8_t>(skip.reason));
  }
  w.write_u64(auto_bid);
}

SealRequest seal_request(const AuctionParams& params, std::uint64_t window,
                         std::span<const PoolEntry> entries) {
  SealRequest request;
  request.window = window;
  request.pool_params = params.pool;
  request.max_winners = params.max_winners;
  request.gas_limit = params.seal_gas_limit;
  for (const PoolEntry& entry : entries) {
    const auto [it, inserted] = request.account_nonces.emplace(entry.sender, entry.nonce);
    if (!inserted && entry.nonce < it->second) it->second = entry.nonce;
  }
  return request;
}

SealRecord seal_record(const AuctionParams& params, const std::shared_ptr<const verkle::Crs>& crs,
                       std::uint64_t window, std::span<const PoolEntry> entries) {
  const SealRequest request = seal_request(params, window, entries);
  MxPool pool(request.pool_params, crs);
  for (const auto& [sender, nonce] : request.account_nonces) pool.set_account_nonce(sender, nonce);
  for (const PoolEntry& entry : entries) static_cast<void>(pool.insert(entry));
  // The same steps as seal_pool, without the proof.
  const std::vector<PoolEntry> won = pool.top_k(request.max_winners, request.gas_limit);
  std::set<runtime::Hash32> opened;
  for (const PoolEntry& entry : won) opened.insert(bucket_id(entry.bucket_key(pool.params())));
  for (const runtime::Hash32& id : opened) pool.mark_sealed(id, window + 1);
  pool.commit_window();
  SealRecord record;
  record.mx_root = pool.mx_root();
  record.winners.reserve(won.size());
  for (const PoolEntry& entry : won) record.winners.push_back(entry.txid);
  return record;
}

const std::shared_ptr<const verkle::Crs>& ledger_crs() {
  // Immutable once built (a function-local constant, built on first use).
  static const std::shared_ptr<const verkle::Crs> crs = verkle::Crs::create();
  return crs;
}

}  // namespace mn::auction
