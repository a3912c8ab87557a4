// Base-10 text of unsigned integers too wide for std::to_string (money sums in 128 bits), for
// messages and JSON. Pure.
#pragma once

#include <string>

#include "core/runtime/types.h"

namespace mn::runtime {

// The decimal digits of `value`, without sign or leading zeros ("0" for zero).
std::string to_decimal(Uint128 value);

}  // namespace mn::runtime
