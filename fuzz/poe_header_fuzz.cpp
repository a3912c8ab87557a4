// Proof-of-execution records from BPI operators (core/poe): the PoE header (fixed 176 bytes), step
// receipts and compute receipts; the first input byte picks the decoder. Properties: no crash; a
// header decodes exactly when it is kEncodedSize bytes, and every decoder is strict, so what
// decodes re-encodes to exactly the input.
#include <cstdint>

#include "core/codec/reader.h"
#include "core/crypto/sodium_crypto_provider.h"
#include "core/ledger/transaction.h"
#include "core/poe/poe_header.h"
#include "core/poe/step_receipt.h"
#include "core/rewards/compute_receipt.h"
#include "fuzz/fuzz_support.h"

namespace {

using mn::fuzz::same_bytes;
using mn::runtime::ByteView;

mn::crypto::SodiumCryptoProvider& crypto() {
  static mn::crypto::SodiumCryptoProvider provider;
  return provider;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const ByteView input(data + 1, size - 1);
  switch (data[0] % 4) {
    case 0: {
      auto header = mn::poe::PoEHeader::decode(input);
      MN_FUZZ_CHECK(header.is_ok() == (input.size() == mn::poe::PoEHeader::kEncodedSize));
      if (header) {
        MN_FUZZ_CHECK(same_bytes(header->encode(), input));
        static_cast<void>(header->id());
        static_cast<void>(header->verify(mn::crypto::PublicKey{}, crypto()));
      }
      break;
    }
    case 1: {
      auto receipt = mn::poe::StepReceipt::decode(input);
      if (receipt) {
        MN_FUZZ_CHECK(same_bytes(receipt->encode(), input));
        static_cast<void>(receipt->signing_digest(crypto()));
      } else {
        mn::codec::Reader r(input);
        if (!mn::poe::StepReceipt::decode(r)) MN_FUZZ_CHECK(r.position() == 0);
      }
      break;
    }
    case 2:
      if (auto receipt = mn::rewards::ComputeReceipt::decode(input)) {
        MN_FUZZ_CHECK(same_bytes(receipt->encode(), input));
      }
      break;
    case 3:
      if (auto payload = mn::ledger::PoeSubmitPayload::decode(input)) {
        MN_FUZZ_CHECK(same_bytes(payload->encode(), input));
      }
      break;
  }
  return 0;
}
