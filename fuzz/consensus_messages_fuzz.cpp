// The consensus wire protocol (core/consensus/messages.h, poe_ack.h): the first input byte picks
// the message kind, the rest is the payload a peer sent. Properties: no crash; decoding is strict,
// so what decodes re-encodes to exactly the payload; checking what decoded against a validator set
// (signatures, certificates, justifications) never crashes whatever the indices and rounds say.
#include <cstdint>

#include "core/codec/reader.h"
#include "core/consensus/block_payload.h"
#include "core/consensus/censorship_evidence.h"
#include "core/consensus/invalid_vote_evidence.h"
#include "core/consensus/ledger_application.h"
#include "core/consensus/message_kinds.h"
#include "core/consensus/messages.h"
#include "core/consensus/poe_ack.h"
#include "core/crypto/sodium_crypto_provider.h"
#include "fuzz/fuzz_fixtures.h"
#include "fuzz/fuzz_support.h"

namespace {

using mn::fuzz::same_bytes;
using mn::runtime::ByteView;
namespace consensus = mn::consensus;

// What a node does with a block it did not build before executing it.
void check_block(const consensus::Block& block) {
  mn::fuzz::ValidatorFixture& f = mn::fuzz::validator_fixture();
  if (auto payload = consensus::BlockPayload::decode(block.payload)) {
    MN_FUZZ_CHECK(same_bytes(consensus::BlockPayload::encode(payload->parent_commit.get(),
                                                             payload->auction, payload->txs),
                             block.payload));
    if (payload->parent_commit) static_cast<void>(payload->parent_commit->verify(f.set, f.crypto));
  }
  static_cast<void>(consensus::payload_defect(block.payload, consensus::InclusionRule{}, f.crypto));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  mn::fuzz::ValidatorFixture& f = mn::fuzz::validator_fixture();
  const ByteView payload(data + 1, size - 1);
  switch (data[0] % 6) {
    case 0:
      if (auto p = consensus::decode_proposal(payload)) {
        MN_FUZZ_CHECK(same_bytes(consensus::encode_proposal(*p)->payload, payload));
        for (const consensus::RoundChange& rc : p->justification) {
          static_cast<void>(rc.verify(f.set, f.crypto));
        }
        check_block(*p->block);
      }
      break;
    case 1:
      if (auto v = consensus::decode_vote(payload)) {
        MN_FUZZ_CHECK(same_bytes(consensus::encode_vote(*v)->payload, payload));
        static_cast<void>(v->verify(f.set, f.crypto));
      }
      break;
    case 2:
      if (auto rc = consensus::decode_round_change(payload)) {
        MN_FUZZ_CHECK(same_bytes(consensus::encode_round_change(*rc)->payload, payload));
        static_cast<void>(rc->verify(f.set, f.crypto));
        if (rc->prepared_block) check_block(*rc->prepared_block);
      }
      break;
    case 3: {
      const mn::runtime::MessagePtr message = mn::runtime::make_message(
          consensus::kFinalizedBlockKind, mn::runtime::Bytes(payload.begin(), payload.end()));
      if (auto fb = consensus::decode_finalized_block(message)) {
        const consensus::FinalizedBlock again =
            consensus::make_finalized_block(fb->block, fb->certificate);
        MN_FUZZ_CHECK(same_bytes(again.message->payload, payload));
        static_cast<void>(fb->certificate->verify(f.set, f.crypto));
        static_cast<void>(fb->certificate->signers());
        for (consensus::ValidatorIndex i = 0; i < 8; ++i) {
          static_cast<void>(fb->certificate->seal(i));
        }
        check_block(*fb->block);
      }
      break;
    }
    case 4:
      if (auto q = consensus::decode_block_request(payload)) {
        MN_FUZZ_CHECK(same_bytes(consensus::encode_block_request(*q)->payload, payload));
      }
      break;
    case 5:
      if (auto ack = consensus::PoeAck::decode(payload)) {
        MN_FUZZ_CHECK(same_bytes(ack->encode(), payload));
        static_cast<void>(ack->verify(f.crypto));
      }
      break;
  }
  return 0;
}
