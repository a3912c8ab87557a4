// ReceiptsState: what the compute receipts module (receipts_module.h) keeps in its slot of the
// LedgerState: the escrowed funds by client address (conservation counts them; the digest writes
// them) and the ids of the receipts claimed (which enter the digest through the ledger's record
// history as they are recorded). A plain copyable value with ordered containers only.
#pragma once

#include <cstdint>
#include <map>
#include <set>

#include "core/codec/writer.h"
#include "core/ledger/address.h"
#include "core/ledger/module_state.h"
#include "core/runtime/types.h"

namespace mn::rewards {

struct ReceiptsState final : ledger::ModuleStateBase<ReceiptsState> {
  std::map<ledger::Address, std::uint64_t> escrows;
  std::set<runtime::Hash32> receipts;

  // Every escrowed amount.
  runtime::Uint128 holdings() const;
  // The escrows in address order.
  void digest(codec::Writer& w) const;

  bool operator==(const ReceiptsState&) const = default;
};

}  // namespace mn::rewards
