#include "core/runtime/decimal.h"

#include <algorithm>

namespace mn::runtime {

std::string to_decimal(Uint128 value) {
  std::string digits;
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(value % 10)));
    value /= 10;
  } while (value != 0);
  std::reverse(digits.begin(), digits.end());
  return digits;
}

}  // namespace mn::runtime
