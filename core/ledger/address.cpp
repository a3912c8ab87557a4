#include "core/ledger/address.h"

#include <algorithm>

#include "core/crypto/hash.h"
#include "core/ledger/bech32.h"

namespace mn::ledger {

Address address_from_public_key(const crypto::PublicKey& public_key) {
  const runtime::Hash32 digest = crypto::sha256(public_key);
  Address address{};
  std::copy_n(digest.begin(), address.size(), address.begin());
  return address;
}

std::string encode_address(const Address& address) {
  return bech32_encode(kAddressHrp, bytes_to_5bit(address));
}

runtime::Result<Address> decode_address(std::string_view text) {
  auto decoded = bech32_decode(text);
  if (!decoded) return decoded.status();
  if (decoded->hrp != kAddressHrp) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument,
                           "address has prefix \"" + decoded->hrp + "\", expected \"" +
                               std::string(kAddressHrp) + "\"");
  }
  auto bytes = bytes_from_5bit(decoded->values);
  if (!bytes) return bytes.status();
  if (bytes->size() != kAddressBytes) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument,
                           "address holds " + std::to_string(bytes->size()) + " bytes, expected " +
                               std::to_string(kAddressBytes));
  }
  Address address{};
  std::copy(bytes->begin(), bytes->end(), address.begin());
  return address;
}

}  // namespace mn::ledger
