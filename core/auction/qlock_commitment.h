// qlock_commitment: the hash a sender posts in a QLock window's commit phase (SPEC 2.4) and
// reveals the preimage of in its reveal phase. It binds the chain, the window, the sender and the
// transaction, and hides the transaction behind a salt of at least kMinSaltBytes random bytes:
//
//   blake2b_256("metanode/qlock/v1" || string chain_id || u64 window || sender (32) ||
//               bytes tx_core || bytes salt)
//
// with codec::Writer encodings: u64 little-endian, string and bytes as a varint length then the
// bytes (the lengths make the concatenation unambiguous). Pure function.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/runtime/types.h"

namespace mn::auction {

inline constexpr char kQLockDomain[] = "metanode/qlock/v1";
inline constexpr std::size_t kMinSaltBytes = 16;

runtime::Hash32 qlock_commitment(std::string_view chain_id, std::uint64_t window,
                                 const runtime::Hash32& sender, runtime::ByteView tx_core,
                                 runtime::ByteView salt);

}  // namespace mn::auction
