#include "core/auction/qlock_commitment.h"

#include <cstring>

#include "core/codec/writer.h"
#include "core/crypto/hash.h"

namespace mn::auction {

runtime::Hash32 qlock_commitment(std::string_view chain_id, std::uint64_t window,
                                 const runtime::Hash32& sender, runtime::ByteView tx_core,
                                 runtime::ByteView salt) {
  const std::size_t tag_bytes = std::strlen(kQLockDomain);
  codec::Writer out(tag_bytes + chain_id.size() + tx_core.size() + salt.size() + 64);
  out.write_fixed(
      runtime::ByteView(reinterpret_cast<const std::uint8_t*>(kQLockDomain), tag_bytes));
  out.write_string(chain_id);
  out.write_u64(window);
  out.write_fixed(sender);
  out.write_bytes(tx_core);
  out.write_bytes(salt);
  return crypto::blake2b_256(out.view());
}

}  // namespace mn::auction
