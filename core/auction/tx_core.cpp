#include "core/auction/tx_core.h"

#include <cstring>

#include "core/auction/qlock_book.h"
#include "core/codec/reader.h"
#include "core/codec/writer.h"
#include "core/crypto/hash.h"

namespace mn::auction {

runtime::Bytes TxCore::encode() const {
  codec::Writer out(40 + payload.size() + 3);
  out.write_u64(nonce);
  out.write_u64(fee_rate);
  out.write_u64(priority_fee);
  out.write_u64(gas);
  out.write_u8(static_cast<std::uint8_t>(latency_class));
  out.write_u16(region_code);
  out.write_u8(static_cast<std::uint8_t>(tx_type));
  out.write_bytes(payload);
  return out.take();
}

runtime::Result<TxCore> TxCore::decode(runtime::ByteView bytes) {
  codec::Reader in(bytes);
  TxCore tx;
  for (std::uint64_t* field : {&tx.nonce, &tx.fee_rate, &tx.priority_fee, &tx.gas}) {
    auto value = in.read_u64();
    if (!value) return value.status();
    *field = *value;
  }
  auto latency = in.read_u8();
  if (!latency) return latency.status();
  auto region = in.read_u16();
  if (!region) return region.status();
  auto type = in.read_u8();
  if (!type) return type.status();
  if (*latency >= kLatencyClassCount || *type >= kTxTypeCount)
    return runtime::Status(runtime::ErrorCode::kInvalidArgument, "tx_core enum out of range");
  tx.latency_class = static_cast<LatencyClass>(*latency);
  tx.region_code = *region;
  tx.tx_type = static_cast<TxType>(*type);
  auto payload = in.read_bytes(kMaxTxCorePayload);
  if (!payload) return payload.status();
  tx.payload = std::move(*payload);
  if (auto s = in.finish(); !s.is_ok()) return s;
  return tx;
}

PoolEntry TxCore::to_pool_entry(const runtime::Hash32& sender) const {
  const runtime::Bytes encoding = encode();
  const std::size_t tag_bytes = std::strlen(kTxidDomain);
  codec::Writer id(tag_bytes + 32 + encoding.size());
  id.write_fixed(runtime::ByteView(reinterpret_cast<const std::uint8_t*>(kTxidDomain), tag_bytes));
  id.write_fixed(sender);
  id.write_fixed(encoding);
  PoolEntry entry;
  entry.txid = crypto::blake2b_256(id.view());
  entry.sender = sender;
  entry.nonce = nonce;
  entry.fee_rate = fee_rate;
  entry.priority_fee = priority_fee;
  entry.gas = gas;
  entry.latency_class = latency_class;
  entry.region_code = region_code;
  entry.tx_type = tx_type;
  return entry;
}

std::vector<PoolEntry> revealed_entries(std::span<const QLockReveal> reveals) {
  std::vector<PoolEntry> out;
  out.reserve(reveals.size());
  for (const QLockReveal& reveal : reveals) {
    auto tx = TxCore::decode(reveal.tx_core);
    if (tx) out.push_back(tx->to_pool_entry(reveal.sender));
  }
  return out;
}

}  // namespace mn::auction
