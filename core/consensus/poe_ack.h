// A validator's acknowledgement of PoEs (SPEC 2.2, forced inclusion): signed by `validator`, it
// states that each listed POE_SUBMIT transaction was valid and next in line for its sender on the
// validator's committed state at `seen_height`. From then on the PoE is owed: a proposal this
// validator signs at height seen_height + inclusion_slo_blocks or later that leaves it out (with
// room to spare) is censorship, proved by this acknowledgement and that signed proposal alone
// (CensorshipEvidence). Validators send one acknowledgement per committed height, listing the PoEs
// that became ready since the last one. Deterministic.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/codec/reader.h"
#include "core/codec/writer.h"
#include "core/consensus/message_kinds.h"
#include "core/crypto/crypto_provider.h"
#include "core/runtime/message.h"
#include "core/runtime/result.h"

namespace mn::consensus {

struct PoeAck {
  static constexpr std::size_t kMaxTxIds = 256;

  crypto::PublicKey validator{};
  std::uint64_t seen_height = 0;
  std::vector<runtime::Hash32> tx_ids;  // ids of POE_SUBMIT transactions; 1..kMaxTxIds, ascending
  crypto::Signature signature{};

  // What `validator` signs: the height and the ids, under a tag of their own.
  runtime::Hash32 signing_digest(crypto::CryptoProvider& crypto) const;
  bool verify(crypto::CryptoProvider& crypto) const;
  bool lists(const runtime::Hash32& tx_id) const;

  void encode(codec::Writer& w) const;
  runtime::Bytes encode() const;
  // Strict: ids must ascend without repeats and number 1..kMaxTxIds. Signature not checked.
  static runtime::Result<PoeAck> decode(codec::Reader& r);
  static runtime::Result<PoeAck> decode(runtime::ByteView bytes);
};

using PoeAckPtr = std::shared_ptr<const PoeAck>;

// Signs an acknowledgement of `tx_ids` (sorted here). REQUIRES: 1..kMaxTxIds distinct ids.
PoeAck make_poe_ack(const crypto::KeyPair& validator, std::uint64_t seen_height,
                    std::vector<runtime::Hash32> tx_ids, crypto::CryptoProvider& crypto);

}  // namespace mn::consensus
