#include "core/consensus/block_payload.h"

#include <cstdint>
#include <utility>

#include "core/codec/header.h"
#include "core/codec/reader.h"
#include "core/codec/writer.h"

namespace mn::consensus {

namespace {

constexpr std::uint16_t kPayloadTag = 0x0c21;
// 2: no auction section. 3: the auction section after the parent certificate.
constexpr std::uint8_t kPayloadVersion = 3;

}  // namespace

runtime::Bytes BlockPayload::encode(const CommitCertificate* parent_commit,
                                    const AuctionSection& auction,
                                    const std::vector<ledger::Transaction>& txs) {
  codec::Writer w;
  codec::write_header(w, kPayloadTag, kPayloadVersion);
  w.write_bool(parent_commit != nullptr);
  if (parent_commit) parent_commit->encode(w);
  auction.encode(w);
  w.write_count(txs.size());
  for (const auto& tx : txs) tx.encode(w);
  return w.take();
}

runtime::Result<BlockPayload> BlockPayload::decode(runtime::ByteView payload) {
  codec::Reader r(payload);
  auto version = codec::read_header(r, kPayloadTag, kPayloadVersion);
  if (!version) return version.status();
  // Earlier versions (1: no parent certificate, 2: no auction section) are not executed: every
  // chain starts at the current one.
  if (*version != kPayloadVersion)
    return runtime::Status(runtime::ErrorCode::kBadVersion, "payload version is not current");
  BlockPayload decoded;
  auto has_commit = r.read_bool();
  if (!has_commit) return has_commit.status();
  if (*has_commit) {
    auto commit = decode_commit_certificate(r);
    if (!commit) return commit.status();
    decoded.parent_commit = std::move(commit).value();
  }
  auto auction = AuctionSection::decode(r);
  if (!auction) return auction.status();
  decoded.auction = std::move(auction).value();
  auto count = r.read_count(kMaxBlockTxs, 1);
  if (!count) return count.status();
  decoded.txs.reserve(*count);
  for (std::uint32_t i = 0; i < *count; ++i) {
    auto tx = ledger::Transaction::decode(r);
    if (!tx) return tx.status();
    decoded.txs.push_back(std::move(tx).value());
  }
  if (auto s = r.finish(); !s.is_ok()) return s;
  return decoded;
}

}  // namespace mn::consensus
