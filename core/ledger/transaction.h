// A ledger transaction and its canonical encoding (SPEC 2.1). The signature covers the signing
// digest: BLAKE2b-256 of the canonical encoding of (type, sender, nonce, fee, payload) under its
// own record tag, so a transaction signature can never be replayed as any other signed record. The
// transaction id is BLAKE2b-256 of the full encoding including the signature; ids identify exact
// bytes (mempool de-duplication, tie-breaks), while (sender, nonce) identifies the slot a
// transaction competes for. Decoding is strict: one encoding per transaction, anything else is an
// error value. The payload layout depends on the type (the payload structs below; an EVIDENCE
// payload is the evidence bytes themselves, judged by slashing::EvidenceVerifier). Hashing and
// signing go through the CryptoProvider passed in, so a simulation charges them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/codec/reader.h"
#include "core/codec/writer.h"
#include "core/crypto/crypto_provider.h"
#include "core/ledger/address.h"
#include "core/poe/poe_header.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::ledger {

enum class TxType : std::uint8_t {
  kTransfer = 1,
  kReceiptClaim,
  kPoeSubmit,
  kStake,
  kUnstake,
  kEvidence,
  kParamUpdate,
  // Moves balance into the sender's escrow, from which receipts it co-signed are paid (SPEC 2.6).
  kEscrowDeposit,
  // The auction (SPEC 2.4, core/auction): a QLock commitment with its bond, its reveal, a signed
  // withdrawal of a revealed entry before the seal, a bonded builder bid, a builder's delivery of
  // an included bid's payload, and evidence of a builder's equivocation.
  kAuctionCommit,
  kAuctionReveal,
  kPoolCancel,
  kBuilderBid,
  kBuilderDelivery,
  kBuilderEvidence,
};

// The type's name ("transfer", "receipt_claim", "poe_submit", "stake", "unstake", "evidence",
// "param_update", "escrow_deposit", "auction_commit", "auction_reveal", "pool_cancel",
// "builder_bid", "builder_delivery", "builder_evidence"); nullptr for a byte that names no type.
const char* tx_type_name(TxType type);

// Largest payload of a transaction of any type but EVIDENCE.
inline constexpr std::size_t kMaxPayloadBytes = std::size_t{16} << 10;  // 16 KiB
// Largest EVIDENCE payload: censorship evidence carries the whole proposed block payload it
// accuses, which may hold up to a block's worth of transactions.
inline constexpr std::size_t kMaxEvidencePayloadBytes = std::size_t{512} << 10;  // 512 KiB

// The payload bound of `type`.
constexpr std::size_t max_payload_bytes(TxType type) {
  return type == TxType::kEvidence ? kMaxEvidencePayloadBytes : kMaxPayloadBytes;
}

struct Transaction {
  TxType type = TxType::kTransfer;
  crypto::PublicKey sender{};  // the sender's account is address_from_public_key(sender)
  std::uint64_t nonce = 0;     // the sender account's nonce after this transaction applies
  std::uint64_t fee = 0;
  runtime::Bytes payload;  // at most max_payload_bytes(type); layout given by `type`
  crypto::Signature signature{};

  // Full canonical encoding, signature included. REQUIRES: payload within max_payload_bytes(type).
  void encode(codec::Writer& w) const;
  runtime::Bytes encode() const;
  // Reads one transaction; the reader may hold more (a block's list). On error the reader's
  // position is unchanged.
  static runtime::Result<Transaction> decode(codec::Reader& r);
  // Exactly one transaction: trailing bytes are kTrailingBytes.
  static runtime::Result<Transaction> decode(runtime::ByteView bytes);

  // What the sender signs. REQUIRES: payload within max_payload_bytes(type).
  runtime::Hash32 signing_digest(crypto::CryptoProvider& crypto) const;
  // REQUIRES: payload within max_payload_bytes(type).
  runtime::Hash32 id(crypto::CryptoProvider& crypto) const;
  // True if `signature` is the sender's over signing_digest(). False for an oversized payload.
  bool verify_signature(crypto::CryptoProvider& crypto) const;
  // Sets `signature`. REQUIRES: `key` is the secret key of `sender`; payload within bounds.
  void sign(const crypto::SecretKey& key, crypto::CryptoProvider& crypto);

  bool operator==(const Transaction&) const = default;
};

// Payload of a kTransfer: `amount` base units from the sender to `recipient`.
struct TransferPayload {
  Address recipient{};
  std::uint64_t amount = 0;

  runtime::Bytes encode() const;
  // Strict: exactly one payload, nothing after it.
  static runtime::Result<TransferPayload> decode(runtime::ByteView bytes);

  bool operator==(const TransferPayload&) const = default;
};

// Payload of a kStake: bond `amount` base units of the sender's balance as validator stake, under
// the sender's key (the key that validates). Also the payload of a kUnstake (start unbonding
// `amount` of the sender's stake) and of a kEscrowDeposit (move `amount` of the balance into the
// sender's escrow); the type, which the signature covers, tells them apart. A kReceiptClaim's
// payload is an encoded rewards::ComputeReceipt.
struct AmountPayload {
  std::uint64_t amount = 0;

  runtime::Bytes encode() const;
  // Strict: exactly one payload, nothing after it.
  static runtime::Result<AmountPayload> decode(runtime::ByteView bytes);
};

// Payload of a kPoeSubmit (SPEC 2.2): the PoE header the sender (the BPI operator) signed, and
// the quantities its rent is computed from. The header's rent_payment moves from the sender's
// balance to the rent pool; it must cover RentSchedule::rent(complexity, logbook_bytes,
// inclusion_priority).
struct PoeSubmitPayload {
  poe::PoEHeader header;
  std::uint64_t complexity = 0;
  std::uint64_t logbook_bytes = 0;
  std::uint64_t inclusion_priority = 0;

  runtime::Bytes encode() const;
  // Strict: exactly one payload, nothing after it.
  static runtime::Result<PoeSubmitPayload> decode(runtime::ByteView bytes);

  bool operator==(const PoeSubmitPayload&) const = default;
};

// The id of the PoE a POE_SUBMIT carries (PoEHeader::id); kInvalidArgument for another type, or
// the payload's decoding error.
runtime::Result<runtime::Hash32> submitted_poe_id(const Transaction& tx);

// A signed transaction of any type from `sender`. REQUIRES: payload within max_payload_bytes(type).
Transaction make_transaction(TxType type, const crypto::KeyPair& sender, std::uint64_t nonce,
                             std::uint64_t fee, runtime::Bytes payload,
                             crypto::CryptoProvider& crypto);

// A signed transfer of `amount` from `sender` to `recipient`.
Transaction make_transfer(const crypto::KeyPair& sender, const Address& recipient,
                          std::uint64_t amount, std::uint64_t nonce, std::uint64_t fee,
                          crypto::CryptoProvider& crypto);

// A signed stake of `amount` from `sender`.
Transaction make_stake(const crypto::KeyPair& sender, std::uint64_t amount, std::uint64_t nonce,
                       std::uint64_t fee, crypto::CryptoProvider& crypto);

// A signed unstake of `amount` of `sender`'s stake.
Transaction make_unstake(const crypto::KeyPair& sender, std::uint64_t amount, std::uint64_t nonce,
                         std::uint64_t fee, crypto::CryptoProvider& crypto);

// The distinct sender addresses of `txs`, ascending.
std::vector<Address> sender_addresses(std::span<const Transaction> txs);

}  // namespace mn::ledger
