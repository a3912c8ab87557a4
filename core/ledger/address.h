// Account addresses (SPEC 2.1): the first 20 bytes of SHA-256 of the account's Ed25519 public key,
// written for people as BIP-173 Bech32 with hrp "ait". The data part is the 20 bytes regrouped
// into 32 five-bit values and nothing else: unlike a segwit address there is no witness version
// value, since this chain has one address kind. An address is always 42 characters. Pure
// functions.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/crypto/crypto_provider.h"
#include "core/runtime/result.h"

namespace mn::ledger {

inline constexpr std::size_t kAddressBytes = 20;
inline constexpr std::string_view kAddressHrp = "ait";

using Address = std::array<std::uint8_t, kAddressBytes>;

Address address_from_public_key(const crypto::PublicKey& public_key);

// Lowercase Bech32, "ait1" followed by 38 characters.
std::string encode_address(const Address& address);

// kInvalidArgument unless `text` is valid Bech32 (bech32.h: checksum, no mixed case; all
// uppercase is accepted) with hrp "ait" and a data part of exactly 20 bytes with zero padding.
runtime::Result<Address> decode_address(std::string_view text);

}  // namespace mn::ledger
