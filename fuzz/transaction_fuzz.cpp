// A client or peer transaction: ledger::Transaction::decode, then what the ledger does with one
// before any state is involved (its id, signature check, the stateless precheck of every module,
// which decodes the payload), and each payload decoder on the raw bytes too.
// Properties: no crash; Transaction and payload decoding is strict, so what decodes re-encodes to
// exactly the input.
#include <cstdint>

#include "core/codec/reader.h"
#include "core/consensus/evidence.h"
#include "core/crypto/sodium_crypto_provider.h"
#include "core/ledger/economic_params.h"
#include "core/ledger/fee_schedule.h"
#include "core/ledger/ledger_state.h"
#include "core/ledger/transaction.h"
#include "core/rewards/compute_receipt.h"
#include "fuzz/fuzz_support.h"

namespace {

using mn::fuzz::same_bytes;
using mn::runtime::ByteView;

mn::crypto::SodiumCryptoProvider& crypto() {
  static mn::crypto::SodiumCryptoProvider provider;
  return provider;
}

// Each payload decoder on `bytes`: whatever decodes re-encodes to `bytes`.
void fuzz_payload(mn::ledger::TxType type, ByteView bytes) {
  using namespace mn::ledger;
  switch (type) {
    case TxType::kTransfer:
      if (auto p = TransferPayload::decode(bytes)) MN_FUZZ_CHECK(same_bytes(p->encode(), bytes));
      break;
    case TxType::kStake:
    case TxType::kUnstake:
    case TxType::kEscrowDeposit:
      if (auto p = AmountPayload::decode(bytes)) MN_FUZZ_CHECK(same_bytes(p->encode(), bytes));
      break;
    case TxType::kPoeSubmit:
      if (auto p = PoeSubmitPayload::decode(bytes)) MN_FUZZ_CHECK(same_bytes(p->encode(), bytes));
      break;
    case TxType::kReceiptClaim:
      if (auto p = mn::rewards::ComputeReceipt::decode(bytes)) {
        MN_FUZZ_CHECK(same_bytes(p->encode(), bytes));
      }
      break;
    case TxType::kEvidence: {
      const mn::consensus::ConsensusEvidenceVerifier verifier;
      static_cast<void>(verifier.verify(bytes, crypto()));
      break;
    }
    default:
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ByteView input(data, size);
  if (auto tx = mn::ledger::Transaction::decode(input)) {
    MN_FUZZ_CHECK(same_bytes(tx->encode(), input));
    // The reader form reads the same transaction and stops right after it.
    mn::codec::Reader r(input);
    auto again = mn::ledger::Transaction::decode(r);
    MN_FUZZ_CHECK(again.is_ok() && *again == *tx && r.at_end());

    static_cast<void>(tx->id(crypto()));
    static_cast<void>(tx->verify_signature(crypto()));
    static_cast<void>(mn::ledger::submitted_poe_id(*tx));
    static_cast<void>(mn::ledger::precheck_transaction(*tx, mn::ledger::FeeParams{},
                                                       mn::ledger::EconomicParams{}));
    fuzz_payload(tx->type, tx->payload);
  } else {
    // A reader left where it was on error.
    mn::codec::Reader r(input);
    if (!mn::ledger::Transaction::decode(r)) MN_FUZZ_CHECK(r.position() == 0);
  }
  // The payload decoders straight on the input, the first byte naming the type.
  if (size > 0) fuzz_payload(static_cast<mn::ledger::TxType>(data[0] % 9), input.subspan(1));
  return 0;
}
