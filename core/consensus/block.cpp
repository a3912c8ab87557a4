#include "core/consensus/block.h"

#include "core/codec/header.h"
#include "core/crypto/hash.h"

namespace mn::consensus {

namespace {
constexpr std::uint16_t kHeaderTag = 0x0c02;
constexpr std::uint8_t kHeaderVersion = 1;
}  // namespace

void BlockHeader::encode(codec::Writer& w) const {
  codec::write_header(w, kHeaderTag, kHeaderVersion);
  w.write_u64(height);
  w.write_u32(round);
  w.write_fixed(parent);
  w.write_u32(proposer);
  w.write_i64(timestamp);
  w.write_fixed(validator_set);
  w.write_fixed(payload_hash);
  w.write_fixed(state_root);
}

runtime::Result<BlockHeader> BlockHeader::decode(codec::Reader& r) {
  BlockHeader h;
  if (auto v = codec::read_header(r, kHeaderTag, kHeaderVersion); !v) return v.status();
  auto height = r.read_u64();
  if (!height) return height.status();
  h.height = *height;
  auto round = r.read_u32();
  if (!round) return round.status();
  h.round = *round;
  if (auto s = r.read_fixed(h.parent); !s.is_ok()) return s;
  auto proposer = r.read_u32();
  if (!proposer) return proposer.status();
  h.proposer = *proposer;
  auto timestamp = r.read_i64();
  if (!timestamp) return timestamp.status();
  h.timestamp = *timestamp;
  if (auto s = r.read_fixed(h.validator_set); !s.is_ok()) return s;
  if (auto s = r.read_fixed(h.payload_hash); !s.is_ok()) return s;
  if (auto s = r.read_fixed(h.state_root); !s.is_ok()) return s;
  return h;
}

runtime::Hash32 header_hash(const BlockHeader& header) {
  codec::Writer w;
  header.encode(w);
  return crypto::blake2b_256(w.view());
}

BlockPtr make_block(BlockHeader header, runtime::Bytes payload) {
  auto block = std::make_shared<Block>();
  header.payload_hash = crypto::blake2b_256(payload);
  block->hash = header_hash(header);
  block->header = header;
  block->payload = std::move(payload);
  return block;
}

void Block::encode(codec::Writer& w) const {
  header.encode(w);
  w.write_bytes(payload);
}

runtime::Result<BlockPtr> Block::decode(codec::Reader& r) {
  auto header = BlockHeader::decode(r);
  if (!header) return header.status();
  auto payload = r.read_bytes(kMaxPayloadBytes);
  if (!payload) return payload.status();
  if (crypto::blake2b_256(*payload) != header->payload_hash) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument, "payload does not match its hash");
  }
  auto block = std::make_shared<Block>();
  block->hash = header_hash(*header);
  block->header = *header;
  block->payload = std::move(payload).value();
  return BlockPtr(std::move(block));
}

}  // namespace mn::consensus
