// What the RPC layer needs from the node (SPEC §2.7): the node implements RpcBackend over its
// ledger, mempool and block store; tests implement it with a fake. Every method answers with a
// value or a Status: kNotFound becomes HTTP 404, kIoError (storage unavailable, node not ready)
// 503, any other error 500. Methods must not throw.
// Threading: called from the io thread that runs the RPC server, one call at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/auction/seal_record.h"
#include "core/auction/window_schedule.h"
#include "core/ledger/address.h"
#include "core/ledger/fee_schedule.h"
#include "core/ledger/transaction.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::node {

// Window numbers the RPC accepts: WindowSchedule's phase starts fit in u64 below it.
inline constexpr std::uint64_t kMaxAuctionWindow = std::uint64_t{1} << 32;

// Whether a submitted transaction was admitted to the mempool, and if not, why (e.g.
// ledger::tx_result_name of the rejection).
struct SubmitOutcome {
  bool accepted = false;
  std::string reason;
};

struct TxLookup {
  ledger::Transaction tx;
  std::optional<std::uint64_t> height;  // the committed block holding it; none while pending
};

struct BlockSummary {
  std::uint64_t height = 0;
  runtime::Hash32 hash{};
  runtime::Hash32 parent_hash{};
  std::vector<runtime::Hash32> tx_ids;
};

struct HeadSummary {
  std::uint64_t height = 0;  // 0 before block 1
  runtime::Hash32 hash{};    // the genesis hash before block 1
};

// An address with no account has balance 0 and nonce 0 (not kNotFound).
struct AccountSummary {
  std::uint64_t balance = 0;
  std::uint64_t nonce = 0;
};

struct MintOutcome {
  runtime::Hash32 tx_id{};
  SubmitOutcome outcome;
};

// A QLock window (SPEC 2.4) as the committed state sees it. The phase is the one a transaction
// in the next block is judged by.
struct AuctionWindowSummary {
  std::string chain_id;  // what a commitment binds
  std::uint64_t window = 0;
  std::uint64_t next_height = 0;
  auction::WindowPhase phase = auction::WindowPhase::kNotOpen;
  std::uint64_t commit_start = 0;
  std::uint64_t reveal_start = 0;
  std::uint64_t seal_start = 0;
  std::uint64_t close_height = 0;
  std::size_t commits = 0;  // while the ledger holds the window's book (until it settles)
  std::size_t reveals = 0;
  std::optional<auction::SealRecord> seal;  // once sealed, for seal_retention_windows windows
  std::uint32_t topk_digest_count = 0;      // what verify_bundle needs of the chain's pool rules
};

// A window's sealed bundle as the block at its first seal height carries it.
struct SealedBundleLookup {
  std::uint64_t height = 0;
  runtime::Hash32 block_hash{};
  runtime::Bytes bundle;  // SealedBundle encoding
};

class RpcBackend {
 public:
  virtual ~RpcBackend() = default;

  // A decoded client transaction (signature not yet checked: the mempool judges it).
  virtual runtime::Result<SubmitOutcome> submit(const ledger::Transaction& tx) = 0;
  virtual runtime::Result<TxLookup> transaction(const runtime::Hash32& id) = 0;
  virtual runtime::Result<BlockSummary> block_at(std::uint64_t height) = 0;
  virtual runtime::Result<BlockSummary> block_with_hash(const runtime::Hash32& hash) = 0;
  virtual runtime::Result<HeadSummary> head() = 0;
  virtual runtime::Result<AccountSummary> account(const ledger::Address& address) = 0;
  virtual ledger::FeeParams fee_params() = 0;
  // REQUIRES: window < kMaxAuctionWindow (the router checks).
  virtual runtime::Result<AuctionWindowSummary> auction_window(std::uint64_t window) = 0;
  // kNotFound while the block that carries it is not committed, or when it carries none (the
  // window had no live reveals). REQUIRES: window < kMaxAuctionWindow.
  virtual runtime::Result<SealedBundleLookup> sealed_bundle(std::uint64_t window) = 0;
  // Sends `amount` from the devnet faucet account to `to`.
  virtual runtime::Result<MintOutcome> mint_faucet(const ledger::Address& to,
                                                   std::uint64_t amount) = 0;
};

}  // namespace mn::node
