#include "core/consensus/poe_ack.h"

#include <algorithm>

#include "core/codec/header.h"
#include "core/runtime/assert.h"

namespace mn::consensus {

namespace {

constexpr std::uint16_t kPoeAckTag = 0x0c16;
constexpr std::uint16_t kPoeAckSigningTag = 0x0c17;

void write_body(codec::Writer& w, const PoeAck& ack) {
  w.write_u64(ack.seen_height);
  w.write_count(ack.tx_ids.size());
  for (const auto& id : ack.tx_ids) w.write_fixed(id);
}

}  // namespace

runtime::Hash32 PoeAck::signing_digest(crypto::CryptoProvider& crypto) const {
  codec::Writer w;
  codec::write_header(w, kPoeAckSigningTag, 1);
  write_body(w, *this);
  return crypto.blake2b_256(w.view());
}

bool PoeAck::verify(crypto::CryptoProvider& crypto) const {
  return crypto.verify(validator, signing_digest(crypto), signature);
}

bool PoeAck::lists(const runtime::Hash32& tx_id) const {
  return std::binary_search(tx_ids.begin(), tx_ids.end(), tx_id);
}

void PoeAck::encode(codec::Writer& w) const {
  codec::write_header(w, kPoeAckTag, 1);
  w.write_fixed(validator);
  write_body(w, *this);
  w.write_fixed(signature);
}

runtime::Bytes PoeAck::encode() const {
  codec::Writer w;
  encode(w);
  return w.take();
}

runtime::Result<PoeAck> PoeAck::decode(codec::Reader& r) {
  if (auto v = codec::read_header(r, kPoeAckTag, 1); !v) return v.status();
  PoeAck ack;
  if (auto s = r.read_fixed(ack.validator); !s.is_ok()) return s;
  auto height = r.read_u64();
  if (!height) return height.status();
  ack.seen_height = *height;
  auto count = r.read_count(kMaxTxIds, sizeof(runtime::Hash32));
  if (!count) return count.status();
  if (*count == 0) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument, "a PoE ack lists no PoE");
  }
  ack.tx_ids.resize(*count);
  for (auto& id : ack.tx_ids) {
    if (auto s = r.read_fixed(id); !s.is_ok()) return s;
  }
  if (std::adjacent_find(ack.tx_ids.begin(), ack.tx_ids.end(), [](const auto& a, const auto& b) {
        return !(a < b);
      }) != ack.tx_ids.end()) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument,
                           "PoE ack ids must ascend without repeats");
  }
  if (auto s = r.read_fixed(ack.signature); !s.is_ok()) return s;
  return ack;
}

runtime::Result<PoeAck> PoeAck::decode(runtime::ByteView bytes) {
  codec::Reader r(bytes);
  auto ack = decode(r);
  if (!ack) return ack;
  if (auto s = r.finish(); !s.is_ok()) return s;
  return ack;
}

PoeAck make_poe_ack(const crypto::KeyPair& validator, std::uint64_t seen_height,
                    std::vector<runtime::Hash32> tx_ids, crypto::CryptoProvider& crypto) {
  std::sort(tx_ids.begin(), tx_ids.end());
  MN_ASSERT(!tx_ids.empty() && tx_ids.size() <= PoeAck::kMaxTxIds &&
            std::adjacent_find(tx_ids.begin(), tx_ids.end()) == tx_ids.end());
  PoeAck ack{validator.public_key, seen_height, std::move(tx_ids), {}};
  ack.signature = crypto.sign(validator.secret_key, ack.signing_digest(crypto));
  return ack;
}

}  // namespace mn::consensus
