// A transaction as a node receives it: its fields, with what admitting it hashes and verifies (its
// id, and whether its signature verifies under its sender key) each computed at most once and
// billed to the asking provider on every ask (CryptoProvider::account). All of it is a pure
// function of the transaction, so the nodes that receive the very same message may share one
// ReceivedTransaction (the simulator's shared caches, consensus/transaction_cache.h): the host
// hashes once, and every node is still charged the work as if it had done it. Not thread-safe.
#pragma once

#include <memory>
#include <optional>

#include "core/crypto/crypto_provider.h"
#include "core/ledger/address.h"
#include "core/ledger/transaction.h"
#include "core/runtime/types.h"

namespace mn::ledger {

class ReceivedTransaction {
 public:
  explicit ReceivedTransaction(Transaction tx)
      : m_tx(std::make_shared<const Transaction>(std::move(tx))) {}

  const Transaction& tx() const { return *m_tx; }
  // The same transaction, for a pool to hold without copying it: every node that admits a
  // gossiped transaction keeps the one the host decoded.
  const std::shared_ptr<const Transaction>& shared_tx() const { return m_tx; }
  // Transaction::id.
  runtime::Hash32 id(crypto::CryptoProvider& crypto);
  // Transaction::verify_signature.
  bool signature_valid(crypto::CryptoProvider& crypto);
  // address_from_public_key(tx().sender): hashed on the host, which no node is billed for.
  const Address& sender_address();

 private:
  template <typename T>
  struct Memo {
    T value;
    crypto::CryptoWork work;
  };
  // `memo`'s value, computed by `compute` through `crypto` on first ask, billed on every later one.
  template <typename T, typename Compute>
  static T recall(std::optional<Memo<T>>& memo, crypto::CryptoProvider& crypto, Compute compute);

  std::shared_ptr<const Transaction> m_tx;
  std::optional<Memo<runtime::Hash32>> m_id;
  std::optional<Memo<bool>> m_signature_valid;
  std::optional<Address> m_sender_address;
};

}  // namespace mn::ledger
