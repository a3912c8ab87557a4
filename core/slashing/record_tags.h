// Type tags (codec/header.h) of the slashing subsystem's encoded records, in one place so no two
// collide. Slashing owns the 0x0fXX range (merkle 0x0bXX, consensus 0x0cXX, ledger 0x0dXX, poe
// 0x0eXX). A tag, once used, is never reassigned.
#pragma once

#include <cstdint>

namespace mn::slashing {

inline constexpr std::uint16_t kOffenceIdTag = 0x0f01;

}  // namespace mn::slashing
