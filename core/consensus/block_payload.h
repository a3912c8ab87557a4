// The ledger's block payload, the bytes consensus orders without reading: the commit certificate
// of the parent block (none for block 1), which the block's execution checks and pays the rent
// pool by, the auction section (AuctionSection: the bid the block takes and the sealed bundle it
// publishes, both checked against the parent state), and the transactions in the order they
// apply. Strict decoding: one payload has one encoding, and only the current version decodes.
// Deterministic, plain data.
//
// Encoding (version 3): header (tag 0x0c21, version) || bool has_parent_commit ||
// [CommitCertificate] || AuctionSection || count n || n × Transaction.
#pragma once

#include <cstddef>
#include <vector>

#include "core/consensus/auction_section.h"
#include "core/consensus/commit_certificate.h"
#include "core/ledger/transaction.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::consensus {

// The most transactions a payload may hold at all; a chain's max_block_txs is at most this.
inline constexpr std::size_t kMaxBlockTxs = 100'000;

struct BlockPayload {
  CommitCertificatePtr parent_commit;  // null for block 1
  AuctionSection auction;
  std::vector<ledger::Transaction> txs;

  static runtime::Bytes encode(const CommitCertificate* parent_commit,
                               const AuctionSection& auction,
                               const std::vector<ledger::Transaction>& txs);
  // kBadVersion for a payload of another version; a decoding error for anything malformed.
  static runtime::Result<BlockPayload> decode(runtime::ByteView payload);
};

}  // namespace mn::consensus
