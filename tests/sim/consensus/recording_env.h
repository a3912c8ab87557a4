// An Env for driving one state machine by hand in a test: time stands still, timers never fire,
// and everything sent is kept with its destination (kNoNode for a broadcast).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/runtime/env.h"
#include "core/runtime/rng.h"
#include "sim/memory_storage.h"

namespace mn::consensus::testing {

class CountingMetrics final : public runtime::Metrics {
 public:
  void add(std::string_view counter, std::int64_t delta) override {
    m_values[std::string(counter)] += delta;
  }
  void set(std::string_view gauge, std::int64_t value) override {
    m_values[std::string(gauge)] = value;
  }
  std::int64_t value(std::string_view name) const {
    const auto it = m_values.find(name);
    return it == m_values.end() ? 0 : it->second;
  }

 private:
  std::map<std::string, std::int64_t, std::less<>> m_values;
};

class RecordingEnv final : public runtime::Env {
 public:
  RecordingEnv(runtime::NodeId self, crypto::CryptoProvider& crypto)
      : m_self(self), m_crypto(crypto) {}

  runtime::NodeId self() const override { return m_self; }
  runtime::TimeNs now() const override { return 10 * runtime::kNsPerSec; }
  runtime::TimerId set_timer(runtime::TimeNs, std::uint64_t) override { return ++m_last_timer; }
  void cancel_timer(runtime::TimerId) override {}
  void send(runtime::NodeId to, const runtime::MessagePtr& message) override {
    sent.emplace_back(to, message);
  }
  void broadcast(const runtime::MessagePtr& message) override {
    sent.emplace_back(runtime::kNoNode, message);
  }
  runtime::Storage& storage() override { return m_storage; }
  runtime::Rng& rng() override { return m_rng; }
  crypto::CryptoProvider& crypto() override { return m_crypto; }
  runtime::Metrics& metrics() override { return counters; }

  std::vector<std::pair<runtime::NodeId, runtime::MessagePtr>> sent;
  CountingMetrics counters;

 private:
  runtime::NodeId m_self;
  crypto::CryptoProvider& m_crypto;
  runtime::TimerId m_last_timer = 0;
  sim::MemoryStorage m_storage;
  runtime::Rng m_rng{7, "recording-env"};
};

}  // namespace mn::consensus::testing
