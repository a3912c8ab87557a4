// Slashing evidence (core/consensus/evidence.h, censorship_evidence.h, invalid_vote_evidence.h)
// as it arrives inside an EVIDENCE transaction from anyone. The first input byte picks the
// decoder; ConsensusEvidenceVerifier, which the ledger runs on every EVIDENCE payload, also sees
// the raw bytes. Properties: no crash; decoding is strict, so what decodes re-encodes to exactly
// the input; judging decoded evidence never crashes whatever it claims.
#include <cstdint>

#include "core/consensus/censorship_evidence.h"
#include "core/consensus/evidence.h"
#include "core/consensus/invalid_vote_evidence.h"
#include "core/crypto/sodium_crypto_provider.h"
#include "fuzz/fuzz_support.h"

namespace {

using mn::fuzz::same_bytes;
using mn::runtime::ByteView;
namespace consensus = mn::consensus;

mn::crypto::SodiumCryptoProvider& crypto() {
  static mn::crypto::SodiumCryptoProvider provider;
  return provider;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const ByteView input(data + 1, size - 1);
  // Small block sizes reach the "block was full" rule with few transactions.
  const consensus::InclusionRule rule{.inclusion_slo_blocks = 1 + data[0] / 32u,
                                      .max_block_txs = 1 + data[0] / 8u};
  switch (data[0] % 3) {
    case 0:
      if (auto e = consensus::DoubleSignEvidence::decode(input)) {
        MN_FUZZ_CHECK(same_bytes(e->encode(), input));
        static_cast<void>(e->verify(crypto()));
      }
      break;
    case 1:
      if (auto e = consensus::CensorshipEvidence::decode(input)) {
        MN_FUZZ_CHECK(same_bytes(e->encode(), input));
        static_cast<void>(e->verify(rule, crypto()));
      }
      break;
    case 2:
      if (auto e = consensus::InvalidVoteEvidence::decode(input)) {
        MN_FUZZ_CHECK(same_bytes(e->encode(), input));
        static_cast<void>(e->verify(rule, crypto()));
      }
      break;
  }
  const consensus::ConsensusEvidenceVerifier verifier(rule);
  static_cast<void>(verifier.verify(input, crypto()));
  return 0;
}
