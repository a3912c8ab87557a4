// The outcome of checking one immutable signature, kept with the signed object that many callers
// check: a vote is decoded once per message and every validator that receives it verifies it
// (runtime::Message::decoded). A later check under the same public key and message reuses the
// outcome and bills the caller's provider one verification as if it had run it
// (CryptoProvider::account), so a node's virtual CPU time is the same either way; in a
// 1,000-validator run this replaced a lookup in the simulated provider's signature table per copy.
//
// Keeps the first outcome recorded and ignores later ones; a check under another key or message
// (a node with another validator set) is computed afresh. Written once, read from any thread. The
// owner keeps it with exactly one signature; it is neither copied nor moved.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>

#include "core/crypto/crypto_provider.h"
#include "core/runtime/equal_32.h"
#include "core/runtime/types.h"

namespace mn::crypto {

class VerificationMemo {
 public:
  VerificationMemo() = default;
  VerificationMemo(const VerificationMemo&) = delete;
  VerificationMemo& operator=(const VerificationMemo&) = delete;

  // The outcome recorded for (public_key, message), if one was recorded for exactly those.
  std::optional<bool> outcome(const PublicKey& public_key, const runtime::Hash32& message) const {
    if (m_state.load(std::memory_order_acquire) != kRecorded) return std::nullopt;
    if (!runtime::equal_32(m_public_key, public_key) || !runtime::equal_32(m_message, message))
      return std::nullopt;
    return m_valid;
  }

  // Records the outcome of verifying the signature under (public_key, message), unless an outcome
  // is recorded already (or being recorded by another thread).
  void record(const PublicKey& public_key, const runtime::Hash32& message, bool valid) {
    std::uint8_t expected = kEmpty;
    if (!m_state.compare_exchange_strong(expected, kRecording, std::memory_order_acquire)) return;
    m_public_key = public_key;
    m_message = message;
    m_valid = valid;
    m_state.store(kRecorded, std::memory_order_release);
  }

 private:
  static constexpr std::uint8_t kEmpty = 0;
  static constexpr std::uint8_t kRecording = 1;
  static constexpr std::uint8_t kRecorded = 2;

  std::atomic<std::uint8_t> m_state{kEmpty};
  PublicKey m_public_key{};
  runtime::Hash32 m_message{};
  bool m_valid = false;
};

}  // namespace mn::crypto
