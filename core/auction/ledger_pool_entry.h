// How a ledger transaction (ledger::Transaction) enters the Mx-Verkle pool when that pool is the
// node's transaction pool (MxTransactionPool): the PoolEntry fields derived from it, and the
// PoolParams that suit those units. Pure functions.
//
// The mapping:
// - gas: the transaction's encoded size in bytes. No ledger type meters computation; what a
//   transaction consumes is block space, which is what the fee schedule prices (base_fee for the
//   envelope, fee_per_byte for each payload byte). Never 0, at most kMaxLedgerTxGas.
// - fee_rate: fee * kFeeRateScale / gas, thousandths of a base unit per byte (saturating at
//   UINT64_MAX), so a rate keeps three decimals of the fee per byte.
// - priority_fee: (fee - min_fee(payload bytes)) * kFeeRateScale / gas: the part of the rate above
//   the schedule's floor. A replacement must raise it as well as the fee rate (MxPool's RBF), so
//   a replacement of a transaction paying exactly min_fee must pay a tip.
// - latency_class: k100ms, and region_code: 0 ("undeclared"). A ledger transaction asks for no
//   QLock window and declares no region; the slowest class and region 0 are the pool's defaults.
// - tx_type (pool_tx_type), onto the SPEC 2.4 set by what the transaction does:
//   transfer      TRANSFER
//   poe           POE_SUBMIT
//   settlement    RECEIPT_CLAIM, ESCROW_DEPOSIT, BUILDER_BID (money owed between parties settled
//                 by a module's rule)
//   blob          EVIDENCE, BUILDER_DELIVERY, BUILDER_EVIDENCE (opaque bytes judged by a verifier;
//                 the bulky ones)
//   contract_call STAKE, UNSTAKE, PARAM_UPDATE, AUCTION_COMMIT, AUCTION_REVEAL, POOL_CANCEL (a call
//                 into a module's state)
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/auction/bucket_key.h"
#include "core/auction/pool_entry.h"
#include "core/auction/pool_params.h"
#include "core/ledger/fee_schedule.h"
#include "core/ledger/transaction.h"
#include "core/runtime/types.h"

namespace mn::auction {

inline constexpr std::uint64_t kFeeRateScale = 1'000;
// A bound on the encoded size of any ledger transaction: the largest payload (EVIDENCE) plus the
// envelope (record header, type, key, nonce, fee, payload length, signature: under 256 bytes).
inline constexpr std::uint64_t kMaxLedgerTxGas = ledger::kMaxEvidencePayloadBytes + 256;

TxType pool_tx_type(ledger::TxType type);

// The entry of `tx`, whose id is `txid`, under the fee schedule `fees` (arrival is the pool's).
// REQUIRES: tx passed precheck_transaction (payload within bounds, fee >= min_fee).
PoolEntry ledger_pool_entry(const ledger::Transaction& tx, const runtime::Hash32& txid,
                            const ledger::FeeParams& fees);

// PoolParams for ledger entries: fee bins one base unit per byte wide (kFeeRateScale), gas classes
// S up to 256 bytes (a transfer), M up to 4 KiB (a PoE, most evidence), L above, gas_max
// kMaxLedgerTxGas, replacements bumped by fees.rbf_bump_bps (the ledger's bump), at most
// `capacity` entries; the other fields keep PoolParams' defaults. REQUIRES: capacity >= 1.
PoolParams ledger_pool_params(const ledger::FeeParams& fees, std::uint64_t capacity);

}  // namespace mn::auction
