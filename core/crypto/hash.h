// The two hash functions of the protocol, computed for real by libsodium under either crypto
// provider, so block ids, transaction ids and state roots are the same bytes in a simulation and on
// a live node. BLAKE2b-256 is the default hash; SHA-256 is used only where a format requires it
// (addresses, spec 2.1). Pure functions: no state, safe from any thread.
#pragma once

#include "core/runtime/types.h"

namespace mn::crypto {

// Unkeyed BLAKE2b with a 32-byte output (RFC 7693 parameters, not a truncated BLAKE2b-512).
runtime::Hash32 blake2b_256(runtime::ByteView data);

runtime::Hash32 sha256(runtime::ByteView data);

}  // namespace mn::crypto
