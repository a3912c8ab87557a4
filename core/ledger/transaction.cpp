#include "core/ledger/transaction.h"

#include <algorithm>
#include <string>
#include <utility>

#include "core/codec/header.h"
#include "core/ledger/record_tags.h"
#include "core/runtime/assert.h"

namespace mn::ledger {

const char* tx_type_name(TxType type) {
  switch (type) {
    case TxType::kTransfer:
      return "transfer";
    case TxType::kReceiptClaim:
      return "receipt_claim";
    case TxType::kPoeSubmit:
      return "poe_submit";
    case TxType::kStake:
      return "stake";
    case TxType::kUnstake:
      return "unstake";
    case TxType::kEvidence:
      return "evidence";
    case TxType::kParamUpdate:
      return "param_update";
    case TxType::kEscrowDeposit:
      return "escrow_deposit";
    case TxType::kAuctionCommit:
      return "auction_commit";
    case TxType::kAuctionReveal:
      return "auction_reveal";
    case TxType::kPoolCancel:
      return "pool_cancel";
    case TxType::kBuilderBid:
      return "builder_bid";
    case TxType::kBuilderDelivery:
      return "builder_delivery";
    case TxType::kBuilderEvidence:
      return "builder_evidence";
  }
  return nullptr;
}

namespace {

constexpr std::uint8_t kTxVersion = 1;
constexpr std::uint8_t kTransferVersion = 1;

// type, sender, nonce, fee, payload: the part shared by the signed body and the full record.
void write_fields(codec::Writer& w, const Transaction& tx) {
  MN_ASSERT_MSG(tx.payload.size() <= max_payload_bytes(tx.type),
                "transaction payload above its bound");
  w.write_u8(static_cast<std::uint8_t>(tx.type));
  w.write_fixed(tx.sender);
  w.write_u64(tx.nonce);
  w.write_u64(tx.fee);
  w.write_bytes(tx.payload);
}

bool is_known_type(std::uint8_t type) {
  return type >= static_cast<std::uint8_t>(TxType::kTransfer) &&
         type <= static_cast<std::uint8_t>(TxType::kBuilderEvidence);
}

}  // namespace

void Transaction::encode(codec::Writer& w) const {
  codec::write_header(w, kTransactionTag, kTxVersion);
  write_fields(w, *this);
  w.write_fixed(signature);
}

runtime::Bytes Transaction::encode() const {
  codec::Writer w;
  encode(w);
  return w.take();
}

runtime::Result<Transaction> Transaction::decode(codec::Reader& r) {
  // Decode from a copy and commit the position only on success.
  codec::Reader probe = r;
  if (auto v = codec::read_header(probe, kTransactionTag, kTxVersion); !v) return v.status();
  Transaction tx;
  auto type = probe.read_u8();
  if (!type) return type.status();
  if (!is_known_type(*type)) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument,
                           "unknown transaction type " + std::to_string(*type));
  }
  tx.type = static_cast<TxType>(*type);
  if (auto s = probe.read_fixed(tx.sender); !s.is_ok()) return s;
  auto nonce = probe.read_u64();
  if (!nonce) return nonce.status();
  tx.nonce = *nonce;
  auto fee = probe.read_u64();
  if (!fee) return fee.status();
  tx.fee = *fee;
  auto payload = probe.read_bytes(max_payload_bytes(tx.type));
  if (!payload) return payload.status();
  tx.payload = std::move(payload).value();
  if (auto s = probe.read_fixed(tx.signature); !s.is_ok()) return s;
  r = probe;
  return tx;
}

runtime::Result<Transaction> Transaction::decode(runtime::ByteView bytes) {
  codec::Reader r(bytes);
  auto tx = decode(r);
  if (!tx) return tx;
  if (auto s = r.finish(); !s.is_ok()) return s;
  return tx;
}

runtime::Hash32 Transaction::signing_digest(crypto::CryptoProvider& crypto) const {
  codec::Writer w;
  codec::write_header(w, kTransactionSigningTag, kTxVersion);
  write_fields(w, *this);
  return crypto.blake2b_256(w.view());
}

runtime::Hash32 Transaction::id(crypto::CryptoProvider& crypto) const {
  codec::Writer w;
  encode(w);
  return crypto.blake2b_256(w.view());
}

bool Transaction::verify_signature(crypto::CryptoProvider& crypto) const {
  if (payload.size() > max_payload_bytes(type)) return false;
  return crypto.verify(sender, signing_digest(crypto), signature);
}

void Transaction::sign(const crypto::SecretKey& key, crypto::CryptoProvider& crypto) {
  signature = crypto.sign(key, signing_digest(crypto));
}

runtime::Bytes TransferPayload::encode() const {
  codec::Writer w;
  codec::write_header(w, kTransferPayloadTag, kTransferVersion);
  w.write_fixed(recipient);
  w.write_u64(amount);
  return w.take();
}

runtime::Result<TransferPayload> TransferPayload::decode(runtime::ByteView bytes) {
  codec::Reader r(bytes);
  if (auto v = codec::read_header(r, kTransferPayloadTag, kTransferVersion); !v) return v.status();
  TransferPayload p;
  if (auto s = r.read_fixed(p.recipient); !s.is_ok()) return s;
  auto amount = r.read_u64();
  if (!amount) return amount.status();
  p.amount = *amount;
  if (auto s = r.finish(); !s.is_ok()) return s;
  return p;
}

runtime::Bytes AmountPayload::encode() const {
  codec::Writer w;
  codec::write_header(w, kAmountPayloadTag, 1);
  w.write_u64(amount);
  return w.take();
}

runtime::Result<AmountPayload> AmountPayload::decode(runtime::ByteView bytes) {
  codec::Reader r(bytes);
  if (auto v = codec::read_header(r, kAmountPayloadTag, 1); !v) return v.status();
  auto amount = r.read_u64();
  if (!amount) return amount.status();
  if (auto s = r.finish(); !s.is_ok()) return s;
  return AmountPayload{*amount};
}

Transaction make_transaction(TxType type, const crypto::KeyPair& sender, std::uint64_t nonce,
                             std::uint64_t fee, runtime::Bytes payload,
                             crypto::CryptoProvider& crypto) {
  Transaction tx;
  tx.type = type;
  tx.sender = sender.public_key;
  tx.nonce = nonce;
  tx.fee = fee;
  tx.payload = std::move(payload);
  tx.sign(sender.secret_key, crypto);
  return tx;
}

Transaction make_transfer(const crypto::KeyPair& sender, const Address& recipient,
                          std::uint64_t amount, std::uint64_t nonce, std::uint64_t fee,
                          crypto::CryptoProvider& crypto) {
  return make_transaction(TxType::kTransfer, sender, nonce, fee,
                          TransferPayload{recipient, amount}.encode(), crypto);
}

runtime::Bytes PoeSubmitPayload::encode() const {
  codec::Writer w;
  codec::write_header(w, kPoeSubmitPayloadTag, 1);
  w.write_fixed(header.encode());
  w.write_u64(complexity);
  w.write_u64(logbook_bytes);
  w.write_u64(inclusion_priority);
  return w.take();
}

runtime::Result<PoeSubmitPayload> PoeSubmitPayload::decode(runtime::ByteView bytes) {
  codec::Reader r(bytes);
  if (auto v = codec::read_header(r, kPoeSubmitPayloadTag, 1); !v) return v.status();
  auto header_bytes = r.read_array<poe::PoEHeader::kEncodedSize>();
  if (!header_bytes) return header_bytes.status();
  PoeSubmitPayload p;
  auto header = poe::PoEHeader::decode(*header_bytes);
  if (!header) return header.status();
  p.header = *header;
  for (std::uint64_t* field : {&p.complexity, &p.logbook_bytes, &p.inclusion_priority}) {
    auto value = r.read_u64();
    if (!value) return value.status();
    *field = *value;
  }
  if (auto s = r.finish(); !s.is_ok()) return s;
  return p;
}

Transaction make_unstake(const crypto::KeyPair& sender, std::uint64_t amount, std::uint64_t nonce,
                         std::uint64_t fee, crypto::CryptoProvider& crypto) {
  return make_transaction(TxType::kUnstake, sender, nonce, fee, AmountPayload{amount}.encode(),
                          crypto);
}

Transaction make_stake(const crypto::KeyPair& sender, std::uint64_t amount, std::uint64_t nonce,
                       std::uint64_t fee, crypto::CryptoProvider& crypto) {
  return make_transaction(TxType::kStake, sender, nonce, fee, AmountPayload{amount}.encode(),
                          crypto);
}

std::vector<Address> sender_addresses(std::span<const Transaction> txs) {
  std::vector<Address> senders;
  senders.reserve(txs.size());
  for (const Transaction& tx : txs) senders.push_back(address_from_public_key(tx.sender));
  std::sort(senders.begin(), senders.end());
  senders.erase(std::unique(senders.begin(), senders.end()), senders.end());
  return senders;
}

runtime::Result<runtime::Hash32> submitted_poe_id(const Transaction& tx) {
  if (tx.type != TxType::kPoeSubmit) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument, "not a POE_SUBMIT transaction");
  }
  auto payload = PoeSubmitPayload::decode(tx.payload);
  if (!payload) return payload.status();
  return payload->header.id();
}

}  // namespace mn::ledger
