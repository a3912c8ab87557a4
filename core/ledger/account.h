// An account of the ledger (SPEC 2.1) and its canonical encoding, which is what the state root
// commits to: a light client holding an Account and a proof checks it against a root with no other
// state, so the encoding is strict and unique.
#pragma once

#include <cstdint>
#include <optional>

#include "core/crypto/crypto_provider.h"
#include "core/ledger/address.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::ledger {

struct Account {
  Address address{};
  std::uint64_t balance = 0;
  // Nonce of the last transaction this account applied; 0 before the first. The next
  // transaction must carry nonce + 1, so a signed transaction applies at most once.
  std::uint64_t nonce = 0;
  // Learned from genesis or from the first transaction the account signs; an account that has
  // only received funds has none. When set, address == address_from_public_key(*public_key).
  std::optional<crypto::PublicKey> public_key;

  runtime::Bytes encode() const;
  // Strict: exactly one account, nothing after it.
  static runtime::Result<Account> decode(runtime::ByteView bytes);

  bool operator==(const Account&) const = default;
};

}  // namespace mn::ledger
