#include "core/ledger/transaction.h"

#include <cstdint>

#include <gtest/gtest.h>

#include "core/codec/header.h"
#include "core/codec/hex.h"
#include "core/codec/limits.h"
#include "core/crypto/simulated_crypto_provider.h"
#include "core/crypto/sodium_crypto_provider.h"
#include "core/ledger/record_tags.h"
#include "tests/core/ledger/ledger_test_util.h"

namespace mn::ledger {
namespace {

using runtime::Bytes;
using runtime::ErrorCode;
using testing::key_of;

Address fixed_recipient() {
  Address recipient{};
  recipient.fill(0x11);
  return recipient;
}

Transaction sample(crypto::CryptoProvider& crypto) {
  return make_transfer(key_of(crypto, 1), fixed_recipient(), 1'000, 1, 1'310, crypto);
}

// A transaction record with every field given explicitly, for malformed inputs.
Bytes raw_transaction(std::uint16_t tag, std::uint8_t version, std::uint8_t type,
                      std::uint64_t payload_length) {
  codec::Writer w;
  // The header by hand, since write_header refuses version 0.
  w.write_u16(tag);
  w.write_u8(version);
  w.write_u8(type);
  w.write_fixed(crypto::PublicKey{});
  w.write_u64(1);
  w.write_u64(2);
  w.write_varint(payload_length);
  for (std::uint64_t i = 0; i < payload_length; ++i) w.write_u8(0);
  w.write_fixed(crypto::Signature{});
  return w.take();
}

TEST(Transaction, EncodeDecodeRoundTrip) {
  crypto::SimulatedCryptoProvider crypto;
  const Transaction tx = sample(crypto);
  const Bytes bytes = tx.encode();
  auto decoded = Transaction::decode(bytes);
  ASSERT_TRUE(decoded) << decoded.status().to_string();
  EXPECT_EQ(*decoded, tx);
  EXPECT_EQ(decoded->encode(), bytes);
  EXPECT_TRUE(decoded->verify_signature(crypto));
}

TEST(Transaction, EveryTypeRoundTrips) {
  crypto::SimulatedCryptoProvider crypto;
  for (std::uint8_t type = 1; type <= static_cast<std::uint8_t>(TxType::kBuilderEvidence); ++type) {
    const Transaction tx = make_transaction(static_cast<TxType>(type), key_of(crypto, 2), 7, 9,
                                            Bytes{1, 2, 3}, crypto);
    auto decoded = Transaction::decode(tx.encode());
    ASSERT_TRUE(decoded) << decoded.status().to_string();
    EXPECT_EQ(*decoded, tx);
  }
}

TEST(Transaction, MaximalPayloadRoundTrips) {
  crypto::SimulatedCryptoProvider crypto;
  const Transaction tx = make_transaction(TxType::kEvidence, key_of(crypto, 2), 1, 1,
                                          Bytes(kMaxPayloadBytes, 0xab), crypto);
  auto decoded = Transaction::decode(tx.encode());
  ASSERT_TRUE(decoded) << decoded.status().to_string();
  EXPECT_EQ(*decoded, tx);
}

TEST(Transaction, DecodeFromReaderLeavesTheRestAndKeepsPositionOnError) {
  crypto::SimulatedCryptoProvider crypto;
  const Transaction tx = sample(crypto);
  codec::Writer w;
  tx.encode(w);
  tx.encode(w);
  const Bytes two = w.take();
  codec::Reader r(two);
  ASSERT_TRUE(Transaction::decode(r));
  EXPECT_EQ(r.remaining(), two.size() / 2);
  ASSERT_TRUE(Transaction::decode(r));
  EXPECT_TRUE(r.at_end());

  const Bytes truncated(two.begin(), two.begin() + static_cast<std::ptrdiff_t>(two.size() / 2 - 1));
  codec::Reader short_reader(truncated);
  EXPECT_EQ(Transaction::decode(short_reader).status().code(), ErrorCode::kTruncated);
  EXPECT_EQ(short_reader.position(), 0u);
}

TEST(Transaction, EveryStrictPrefixIsTruncated) {
  crypto::SimulatedCryptoProvider crypto;
  const Bytes bytes = sample(crypto).encode();
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    const Bytes prefix(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n));
    EXPECT_EQ(Transaction::decode(prefix).status().code(), ErrorCode::kTruncated) << n;
  }
}

TEST(Transaction, TrailingBytesAreRejected) {
  crypto::SimulatedCryptoProvider crypto;
  Bytes bytes = sample(crypto).encode();
  bytes.push_back(0);
  EXPECT_EQ(Transaction::decode(bytes).status().code(), ErrorCode::kTrailingBytes);
}

TEST(Transaction, WrongTagIsInvalidArgument) {
  // The signed body's tag in particular: a body is never accepted as a full record.
  for (const std::uint16_t tag : {kTransactionSigningTag, kTransferPayloadTag, kAccountTag}) {
    const Bytes bytes = raw_transaction(tag, 1, 1, 0);
    EXPECT_EQ(Transaction::decode(bytes).status().code(), ErrorCode::kInvalidArgument) << tag;
  }
}

TEST(Transaction, UnknownVersionIsBadVersion) {
  EXPECT_EQ(Transaction::decode(raw_transaction(kTransactionTag, 2, 1, 0)).status().code(),
            ErrorCode::kBadVersion);
  EXPECT_EQ(Transaction::decode(raw_transaction(kTransactionTag, 0, 1, 0)).status().code(),
            ErrorCode::kBadVersion);
}

TEST(Transaction, UnknownTypeIsInvalidArgument) {
  ASSERT_TRUE(Transaction::decode(raw_transaction(kTransactionTag, 1, 14, 0)));
  for (const std::uint8_t type : {0, 15, 255}) {
    EXPECT_EQ(Transaction::decode(raw_transaction(kTransactionTag, 1, type, 0)).status().code(),
              ErrorCode::kInvalidArgument)
        << int{type};
  }
}

TEST(Transaction, OversizedPayloadIsInvalidArgument) {
  ASSERT_TRUE(Transaction::decode(raw_transaction(kTransactionTag, 1, 1, kMaxPayloadBytes)));
  EXPECT_EQ(Transaction::decode(raw_transaction(kTransactionTag, 1, 1, kMaxPayloadBytes + 1))
                .status()
                .code(),
            ErrorCode::kInvalidArgument);
}

TEST(Transaction, NonMinimalPayloadLengthIsInvalidArgument) {
  Bytes bytes = raw_transaction(kTransactionTag, 1, 1, 0);
  // The payload length 0 sits after header, type, sender, nonce and fee; spell it 0x80 0x00.
  const std::size_t at = codec::kHeaderBytes + 1 + 32 + 8 + 8;
  ASSERT_EQ(bytes[at], 0x00);
  bytes[at] = 0x80;
  bytes.insert(bytes.begin() + static_cast<std::ptrdiff_t>(at) + 1, 0x00);
  EXPECT_EQ(Transaction::decode(bytes).status().code(), ErrorCode::kInvalidArgument);
}

TEST(Transaction, SigningDigestIsAPinnedRegressionVector) {
  // Changing this digest changes what every wallet signs: a consensus-breaking change that needs
  // a new record version, never an edit of this vector. Both hashes were cross-checked outside
  // this codebase (Python hashlib BLAKE2b and the `cryptography` package's Ed25519).
  crypto::SodiumCryptoProvider crypto;
  crypto::KeySeed seed{};
  for (std::size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<std::uint8_t>(i + 1);
  const Transaction tx =
      make_transfer(crypto.keypair_from_seed(seed), fixed_recipient(), 1'000, 1, 1'310, crypto);
  EXPECT_EQ(codec::to_hex(tx.sender),
            "79b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664");
  EXPECT_EQ(codec::to_hex(tx.payload),
            "030d011111111111111111111111111111111111111111e803000000000000");
  EXPECT_EQ(codec::to_hex(tx.signing_digest(crypto)),
            "a8e6cc334510699ec7a6608b0e35cb6ab20206a0e2fbca4b72198767c1d01c30");
  // Ed25519 is deterministic, so the id (which covers the signature) is pinned too.
  EXPECT_EQ(codec::to_hex(tx.id(crypto)),
            "e743b44fac34a383867447ee1bdd3dd359311acd7abbe5bebf7b7d6749758b55");
  EXPECT_TRUE(tx.verify_signature(crypto));
}

TEST(Transaction, SigningDigestCoversEveryFieldButTheSignature) {
  crypto::SimulatedCryptoProvider crypto;
  const Transaction tx = sample(crypto);
  const runtime::Hash32 digest = tx.signing_digest(crypto);

  Transaction changed = tx;
  changed.signature[0] ^= 1;
  EXPECT_EQ(changed.signing_digest(crypto), digest);
  EXPECT_NE(changed.id(crypto), tx.id(crypto));

  changed = tx;
  changed.type = TxType::kStake;
  EXPECT_NE(changed.signing_digest(crypto), digest);
  changed = tx;
  changed.sender[5] ^= 1;
  EXPECT_NE(changed.signing_digest(crypto), digest);
  changed = tx;
  changed.nonce += 1;
  EXPECT_NE(changed.signing_digest(crypto), digest);
  changed = tx;
  changed.fee += 1;
  EXPECT_NE(changed.signing_digest(crypto), digest);
  changed = tx;
  changed.payload.push_back(0);
  EXPECT_NE(changed.signing_digest(crypto), digest);
  EXPECT_NE(tx.id(crypto), digest);
}

TEST(Transaction, VerifyRejectsTamperingAndOtherSigners) {
  crypto::SimulatedCryptoProvider crypto;
  const Transaction tx = sample(crypto);
  ASSERT_TRUE(tx.verify_signature(crypto));

  Transaction tampered = tx;
  tampered.fee += 1;
  EXPECT_FALSE(tampered.verify_signature(crypto));
  tampered = tx;
  tampered.signature[10] ^= 0x40;
  EXPECT_FALSE(tampered.verify_signature(crypto));
  tampered = tx;
  tampered.sender = key_of(crypto, 9).public_key;
  EXPECT_FALSE(tampered.verify_signature(crypto));
  tampered = tx;
  tampered.payload.assign(kMaxPayloadBytes + 1, 0);
  EXPECT_FALSE(tampered.verify_signature(crypto));
}

TEST(TransactionPayload, TransferRoundTripsStrictly) {
  const TransferPayload payload{fixed_recipient(), 123'456};
  const Bytes bytes = payload.encode();
  auto decoded = TransferPayload::decode(bytes);
  ASSERT_TRUE(decoded) << decoded.status().to_string();
  EXPECT_EQ(*decoded, payload);

  for (std::size_t n = 0; n < bytes.size(); ++n) {
    const Bytes prefix(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n));
    EXPECT_EQ(TransferPayload::decode(prefix).status().code(), ErrorCode::kTruncated) << n;
  }
  Bytes longer = bytes;
  longer.push_back(0);
  EXPECT_EQ(TransferPayload::decode(longer).status().code(), ErrorCode::kTrailingBytes);
  Bytes other_tag = bytes;
  other_tag[0] ^= 1;
  EXPECT_EQ(TransferPayload::decode(other_tag).status().code(), ErrorCode::kInvalidArgument);
  Bytes newer = bytes;
  newer[2] = 2;
  EXPECT_EQ(TransferPayload::decode(newer).status().code(), ErrorCode::kBadVersion);
}

}  // namespace
}  // namespace mn::ledger
