#include "core/ledger/received_transaction.h"

#include "core/crypto/counting_crypto_provider.h"

namespace mn::ledger {

template <typename T, typename Compute>
T ReceivedTransaction::recall(std::optional<Memo<T>>& memo, crypto::CryptoProvider& crypto,
                              Compute compute) {
  if (memo) {
    crypto.account(memo->work);
    return memo->value;
  }
  crypto::CountingCryptoProvider counting(crypto);
  const T value = compute(counting);
  memo = Memo<T>{value, counting.work()};
  return value;
}

runtime::Hash32 ReceivedTransaction::id(crypto::CryptoProvider& crypto) {
  return recall(m_id, crypto, [this](crypto::CryptoProvider& c) { return m_tx->id(c); });
}

bool ReceivedTransaction::signature_valid(crypto::CryptoProvider& crypto) {
  return recall(m_signature_valid, crypto,
                [this](crypto::CryptoProvider& c) { return m_tx->verify_signature(c); });
}

const Address& ReceivedTransaction::sender_address() {
  if (!m_sender_address) m_sender_address = address_from_public_key(m_tx->sender);
  return *m_sender_address;
}

}  // namespace mn::ledger
