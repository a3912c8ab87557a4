// A node's local clock as a function of global simulated time: an offset plus a drift in parts
// per million, re-anchored whenever either changes so local time never jumps except by a step the
// scenario asked for. Integer arithmetic only, so clocks are identical on every machine.
#pragma once

#include <cstdint>

#include "core/runtime/types.h"

namespace mn::sim {

class VirtualClock {
 public:
  runtime::TimeNs local(runtime::TimeNs global) const;
  // Global duration that elapses while this clock advances by `local_delay` (timers are set in
  // local time). Rounded up so a timer never fires early by the local clock.
  runtime::TimeNs global_delay(runtime::TimeNs local_delay) const;
  // At global time `now`: step the local clock by `offset` and set the drift rate.
  void adjust(runtime::TimeNs now, runtime::TimeNs offset, std::int64_t drift_ppm);
  std::int64_t drift_ppm() const { return m_drift_ppm; }

 private:
  runtime::TimeNs m_anchor_global = 0;
  runtime::TimeNs m_anchor_local = 0;
  std::int64_t m_drift_ppm = 0;
};

}  // namespace mn::sim
