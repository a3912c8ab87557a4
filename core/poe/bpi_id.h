// The identifier of a BPI: an off-chain execution process and the operator who signs for it. It
// names the BPI; it is not a key. Records carry only the id, so whoever verifies an operator's
// signature supplies the operator public key registered for that id.
#pragma once

#include <array>
#include <cstdint>

namespace mn::poe {

using BpiId = std::array<std::uint8_t, 32>;

}  // namespace mn::poe
