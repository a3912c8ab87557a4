// AuctionState: everything the auction module (auction_module.h) keeps in the ledger, in its own
// slot of the LedgerState (ledger::ModuleState): the QLock book of the open windows, per window the
// partner each commit names, the revealed entries withdrawn by a cancel and the fees its executed
// winners paid, the seal records of recent windows, each sender's last executed auction nonce, the
// auto-bid owed to the proposer of the last bundle block, the open builder bids by height, and
// the included bids whose bond waits for the delivery deadline. Holdings (every bond it keeps) and
// the digest are computed here, so the module's holdings() and digest() cannot miss a container. A
// plain copyable value with ordered containers only; the ledger copies it only when a block writes
// it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/auction/auction_params.h"
#include "core/auction/bid_settlement.h"
#include "core/auction/builder_bid.h"
#include "core/auction/pool_entry.h"
#include "core/auction/qlock_book.h"
#include "core/auction/seal_record.h"
#include "core/auction/tx_core.h"
#include "core/codec/writer.h"
#include "core/ledger/address.h"
#include "core/ledger/module_state.h"
#include "core/runtime/types.h"

namespace mn::auction {

// What the ledger keeps of a window beside its QLock book.
struct WindowRecord {
  // The partner each commit names, by commitment (commits naming none are absent).
  std::map<runtime::Hash32, runtime::Hash32> partner_of;
  // Commitments whose revealed entry the sender withdrew (POOL_CANCEL): out of the seal, and their
  // bond forfeited at settlement like a commit never revealed.
  std::set<runtime::Hash32> cancelled;
  // Commitments whose revealed entry won the seal but could not be executed (SealRecord::skipped):
  // their bond is forfeited at settlement too, so a bidder cannot reveal, watch the other reveals
  // and then drain its balance to walk away from a winning slot at no cost.
  std::set<runtime::Hash32> defaulted;
  // What the window's executed winners paid (fee_rate × gas + priority_fee × gas each), less the
  // auto-bid taken out for the bundle block's proposer: revenue at settlement.
  std::uint64_t fees = 0;

  bool operator==(const WindowRecord&) const = default;
};

// A bid the ledger took for its height: its bond is locked until settle_included_bid settles it.
struct IncludedBid {
  BuilderBid bid;
  // The proposer of bid.height, learned when the next block starts (its parent's proposer).
  std::optional<ledger::Address> proposer;
  std::optional<PayloadDelivery> delivery;
  bool equivocated = false;

  bool operator==(const IncludedBid&) const = default;
};

// The default builder's auto-bid the block at `height` earned (it carried a bundle and took no
// builder bid): paid to that block's proposer when the next block starts and names it.
struct AutoBidDue {
  std::uint64_t height = 0;
  std::uint64_t amount = 0;

  bool operator==(const AutoBidDue&) const = default;
};

// A live revealed transaction of a window (revealed, not withdrawn, its tx_core decoded).
struct LiveReveal {
  runtime::Hash32 commitment{};
  runtime::Hash32 sender{};  // 32-byte key
  TxCore core;
  PoolEntry entry;  // core's pool entry (txid included)
};

struct AuctionState final : ledger::ModuleStateBase<AuctionState> {
  AuctionState(const AuctionParams& params, const std::string& chain_id);

  QLockBook book;
  std::map<std::uint64_t, WindowRecord> windows;  // every window the book holds
  std::map<std::uint64_t, SealRecord> sealed;     // by window, the last seal_retention_windows
  std::map<std::uint64_t, std::vector<BuilderBid>> open_bids;  // by height, in arrival order
  std::map<std::uint64_t, IncludedBid> included;               // by height, until settled
  // By sender (32-byte key): the nonce of its last executed winner. A winner executes only with a
  // higher nonce (gaps allowed), so a revealed transaction runs at most once.
  std::map<runtime::Hash32, std::uint64_t> executed_nonce;
  std::optional<AutoBidDue> auto_bid_due;

  // The live revealed transactions of `window`, in reveal order (a tx_core that does not decode
  // enters nothing).
  std::vector<LiveReveal> live_reveals(std::uint64_t window) const;
  // Their pool entries, in the same order: what the seal chooses from.
  std::vector<PoolEntry> window_entries(std::uint64_t window) const;
  // Everything held: commit bonds, open bids' and included bids' bonds, the windows' fees and the
  // auto-bid due.
  runtime::Uint128 holdings() const;
  void digest(codec::Writer& w) const;

  bool operator==(const AuctionState&) const = default;
};

}  // namespace mn::auction
