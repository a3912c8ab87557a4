// A block as consensus orders it: a header that commits to its parent, its proposer, the
// validator set, the payload (the application's transactions, opaque here) and the application
// state root after executing it. The block hash is BLAKE2b-256 of the encoded header, so a
// header is enough to identify and verify a block; the payload is checked against payload_hash.
#pragma once

#include <cstdint>
#include <memory>

#include "core/codec/limits.h"
#include "core/codec/reader.h"
#include "core/codec/writer.h"
#include "core/consensus/validator_set.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::consensus {

struct BlockHeader {
  std::uint64_t height = 0;
  std::uint32_t round = 0;
  runtime::Hash32 parent{};
  ValidatorIndex proposer = 0;
  runtime::TimeNs timestamp = 0;  // the proposer's local clock
  runtime::Hash32 validator_set{};
  runtime::Hash32 payload_hash{};
  runtime::Hash32 state_root{};  // after executing the payload

  // The size encode() writes: a record header, then fixed-width fields only.
  static constexpr std::size_t kEncodedBytes =
      codec::kHeaderBytes + 8 + 4 + 32 + 4 + 8 + std::size_t{3} * 32;

  void encode(codec::Writer& w) const;
  static runtime::Result<BlockHeader> decode(codec::Reader& r);
};

struct Block {
  static constexpr std::size_t kMaxPayloadBytes = 8u << 20;

  BlockHeader header;
  runtime::Bytes payload;
  runtime::Hash32 hash{};  // of the header; set by make_block / decode

  void encode(codec::Writer& w) const;
  // Exactly the number of bytes encode() writes.
  std::size_t encoded_size() const {
    return BlockHeader::kEncodedBytes + codec::varint_size(payload.size()) + payload.size();
  }
  // Also checks payload_hash against the payload.
  static runtime::Result<std::shared_ptr<const Block>> decode(codec::Reader& r);
};

using BlockPtr = std::shared_ptr<const Block>;

BlockPtr make_block(BlockHeader header, runtime::Bytes payload);
runtime::Hash32 header_hash(const BlockHeader& header);

}  // namespace mn::consensus
