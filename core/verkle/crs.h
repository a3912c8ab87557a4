// Crs: the public parameters every prover and verifier of core/verkle shares: the generators
// (Generators) and the evaluation domain's barycentric precomputation (Domain). There is no
// trusted setup: everything is derived from fixed domain strings. Building one takes tens of
// milliseconds, so a process builds one (Crs::create) and passes it explicitly to whatever needs
// it. Immutable: safe to share across threads.
#pragma once

#include <memory>

#include "core/verkle/domain.h"
#include "core/verkle/generators.h"

namespace mn::verkle {

class Crs {
 public:
  static std::shared_ptr<const Crs> create() { return std::make_shared<const Crs>(); }

  Crs() = default;
  Crs(const Crs&) = delete;
  Crs& operator=(const Crs&) = delete;

  const Generators& generators() const { return m_generators; }
  const Domain& domain() const { return m_domain; }

 private:
  Generators m_generators;
  Domain m_domain;
};

}  // namespace mn::verkle
