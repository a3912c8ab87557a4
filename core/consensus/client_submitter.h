// Where a driver hands a client's transaction to a node and learns at once what its pool made of
// it: the node's RPC answers the client with the verdict, and the simulator's wallets reuse the
// nonce of a refused transaction instead of leaving a gap no later transaction can cross. A
// refusal carries the reason the pool gives (admit_result.h), a module's rule included.
#pragma once

#include "core/ledger/admit_result.h"
#include "core/ledger/transaction.h"

namespace mn::consensus {

class ClientSubmitter {
 public:
  virtual ~ClientSubmitter() = default;
  // Admits `tx` as a client's submission (relayed to the validators if admitted) and returns the
  // pool's verdict.
  virtual ledger::AdmitResult submit_client(const ledger::Transaction& tx) = 0;

 protected:
  ClientSubmitter() = default;
  ClientSubmitter(const ClientSubmitter&) = default;
  ClientSubmitter& operator=(const ClientSubmitter&) = default;
};

}  // namespace mn::consensus
