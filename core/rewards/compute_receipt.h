// A compute receipt (SPEC 2.6, seed 004): a miner's signed statement that it performed
// `compute_units` of work for a client, co-signed by the client, who thereby authorizes `payment`
// from its escrow. Claimed on chain once (unique receipt_id) by a RECEIPT_CLAIM transaction, which
// settles the payment and mints compute_units * mint_per_unit to the miner, of which
// coordinator_ratio_bps goes to the coordinator. Both signatures cover the same tagged digest of
// every field, so neither party can alter what the other signed. Pure, deterministic.
#pragma once

#include <cstdint>

#include "core/crypto/crypto_provider.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::rewards {

struct ComputeReceipt {
  runtime::Hash32 receipt_id{};
  crypto::PublicKey miner{};
  crypto::PublicKey client{};
  crypto::PublicKey coordinator{};
  std::uint64_t compute_units = 0;
  std::uint64_t payment = 0;  // base units from the client's escrow to the miner
  crypto::Signature miner_signature{};
  crypto::Signature client_signature{};

  // What both parties sign.
  runtime::Hash32 signing_digest(crypto::CryptoProvider& crypto) const;
  // Sets miner_signature and client_signature. REQUIRES: the keys are those of miner and client.
  void sign(const crypto::SecretKey& miner_secret, const crypto::SecretKey& client_secret,
            crypto::CryptoProvider& crypto);
  // True only if both signatures verify.
  bool verify(crypto::CryptoProvider& crypto) const;

  runtime::Bytes encode() const;
  // Strict: exactly one receipt, nothing after it.
  static runtime::Result<ComputeReceipt> decode(runtime::ByteView bytes);

  bool operator==(const ComputeReceipt&) const = default;
};

// Minting per SPEC 2.6; part of a chain's economic parameters.
struct MintingParams {
  std::uint64_t mint_per_unit = 1;
  std::uint32_t coordinator_ratio_bps = 1'000;  // of the minted amount

  // kInvalidArgument if coordinator_ratio_bps exceeds 10,000.
  runtime::Status check() const;

  bool operator==(const MintingParams&) const = default;
};

// Where a claimed receipt's money goes. minted == to_miner + to_coordinator - payment.
struct ReceiptSettlement {
  std::uint64_t minted = 0;
  std::uint64_t to_miner = 0;        // payment + minted - to_coordinator
  std::uint64_t to_coordinator = 0;  // floor(minted * coordinator_ratio_bps / 10,000)
};

// kInvalidArgument if the minted amount or the miner's credit exceeds 64 bits.
// REQUIRES: params.check() is OK.
runtime::Result<ReceiptSettlement> settle(const ComputeReceipt& receipt,
                                          const MintingParams& params);

}  // namespace mn::rewards
