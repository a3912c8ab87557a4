#include "core/auction/ledger_pool_entry.h"

#include <algorithm>
#include <limits>

#include "core/runtime/assert.h"

namespace mn::auction {

namespace {

// amount * kFeeRateScale / gas, saturating at UINT64_MAX.
std::uint64_t per_gas(runtime::Uint128 amount, std::uint64_t gas) {
  const runtime::Uint128 rate = amount * kFeeRateScale / gas;
  return static_cast<std::uint64_t>(
      std::min<runtime::Uint128>(rate, std::numeric_limits<std::uint64_t>::max()));
}

}  // namespace

TxType pool_tx_type(ledger::TxType type) {
  switch (type) {
    case ledger::TxType::kTransfer:
      return TxType::kTransfer;
    case ledger::TxType::kPoeSubmit:
      return TxType::kPoe;
    case ledger::TxType::kReceiptClaim:
    case ledger::TxType::kEscrowDeposit:
    case ledger::TxType::kBuilderBid:
      return TxType::kSettlement;
    case ledger::TxType::kEvidence:
    case ledger::TxType::kBuilderDelivery:
    case ledger::TxType::kBuilderEvidence:
      return TxType::kBlob;
    case ledger::TxType::kStake:
    case ledger::TxType::kUnstake:
    case ledger::TxType::kParamUpdate:
    case ledger::TxType::kAuctionCommit:
    case ledger::TxType::kAuctionReveal:
    case ledger::TxType::kPoolCancel:
      return TxType::kContractCall;
  }
  // A byte that names no ledger type never passes precheck_transaction, so never gets here.
  return TxType::kContractCall;
}

PoolEntry ledger_pool_entry(const ledger::Transaction& tx, const runtime::Hash32& txid,
                            const ledger::FeeParams& fees) {
  const runtime::Uint128 floor = ledger::min_fee(fees, tx.payload.size());
  MN_ASSERT(tx.fee >= floor);
  PoolEntry entry;
  entry.txid = txid;
  entry.sender = tx.sender;
  entry.nonce = tx.nonce;
  entry.gas = tx.encode().size();
  entry.fee_rate = per_gas(tx.fee, entry.gas);
  entry.priority_fee = per_gas(tx.fee - floor, entry.gas);
  entry.latency_class = LatencyClass::k100ms;
  entry.region_code = 0;
  entry.tx_type = pool_tx_type(tx.type);
  return entry;
}

PoolParams ledger_pool_params(const ledger::FeeParams& fees, std::uint64_t capacity) {
  MN_ASSERT(capacity >= 1);
  PoolParams params;
  params.fee_bin_width = kFeeRateScale;
  params.gas_class_bounds[0] = 256;
  params.gas_class_bounds[1] = 4'096;
  params.gas_max = kMaxLedgerTxGas;
  params.rbf_bump_bps = fees.rbf_bump_bps;
  params.pool_entries_max = capacity;
  return params;
}

}  // namespace mn::auction
