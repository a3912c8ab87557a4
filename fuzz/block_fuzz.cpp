// Blocks as peers send them (core/consensus/block.h) and the ledger payload they carry
// (BlockPayload::decode: the parent's commit certificate, the auction section and the
// transactions). The
// first input byte picks the decoder. Properties: no crash; every decoder is strict, so what
// decodes re-encodes to exactly the input; a decoded block's hash is the hash of its header.
#include <cstdint>

#include "core/codec/reader.h"
#include "core/codec/writer.h"
#include "core/consensus/block.h"
#include "core/consensus/block_payload.h"
#include "core/consensus/censorship_evidence.h"
#include "core/consensus/invalid_vote_evidence.h"
#include "core/consensus/ledger_application.h"
#include "core/crypto/sodium_crypto_provider.h"
#include "fuzz/fuzz_fixtures.h"
#include "fuzz/fuzz_support.h"

namespace {

using mn::fuzz::same_bytes;
using mn::runtime::ByteView;
namespace consensus = mn::consensus;

void check_payload(ByteView bytes) {
  mn::fuzz::ValidatorFixture& f = mn::fuzz::validator_fixture();
  if (auto payload = consensus::BlockPayload::decode(bytes)) {
    MN_FUZZ_CHECK(same_bytes(consensus::BlockPayload::encode(payload->parent_commit.get(),
                                                             payload->auction, payload->txs),
                             bytes));
    if (payload->parent_commit) {
      static_cast<void>(payload->parent_commit->verify(f.set, f.crypto));
      static_cast<void>(payload->parent_commit->signers());
    }
  }
  static_cast<void>(consensus::payload_defect(bytes, consensus::InclusionRule{}, f.crypto));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const ByteView input(data + 1, size - 1);
  switch (data[0] % 3) {
    case 0: {
      mn::codec::Reader r(input);
      auto block = consensus::Block::decode(r);
      if (block && r.finish().is_ok()) {
        mn::codec::Writer w;
        (*block)->encode(w);
        MN_FUZZ_CHECK(same_bytes(w.view(), input));
        MN_FUZZ_CHECK((*block)->hash == consensus::header_hash((*block)->header));
        check_payload((*block)->payload);
      }
      break;
    }
    case 1: {
      mn::codec::Reader r(input);
      auto header = consensus::BlockHeader::decode(r);
      if (header && r.finish().is_ok()) {
        mn::codec::Writer w;
        header->encode(w);
        MN_FUZZ_CHECK(same_bytes(w.view(), input));
      }
      break;
    }
    case 2:
      check_payload(input);
      break;
  }
  return 0;
}
