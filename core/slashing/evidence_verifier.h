// The door through which the ledger judges EVIDENCE transactions. Evidence is made of signed
// consensus statements, whose formats the consensus layer owns; it implements this interface, so
// the ledger applies penalties without depending on consensus. Implementations are pure: the
// verdict depends only on the bytes (and the crypto provider's answers), never on local state, so
// every node judges the same evidence the same way.
#pragma once

#include "core/crypto/crypto_provider.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"
#include "core/slashing/offence.h"

namespace mn::slashing {

class EvidenceVerifier {
 public:
  virtual ~EvidenceVerifier() = default;
  // The offence `evidence` proves, or kInvalidArgument with the reason it proves nothing.
  virtual runtime::Result<Offence> verify(runtime::ByteView evidence,
                                          crypto::CryptoProvider& crypto) const = 0;
};

}  // namespace mn::slashing
