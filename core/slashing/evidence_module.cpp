#include "core/slashing/evidence_module.h"

#include <algorithm>
#include <iterator>

#include "core/ledger/state_view.h"
#include "core/poe/poe_module.h"
#include "core/runtime/assert.h"
#include "core/staking/staking_module.h"

namespace mn::slashing {

using ledger::TxResult;
using ledger::TxType;

std::span<const TxType> EvidenceModule::tx_types() const {
  static constexpr TxType kTypes[] = {TxType::kEvidence};
  return kTypes;
}

TxResult EvidenceModule::decode(const ledger::Transaction& tx, ledger::TxPrecheck& check) const {
  // Its layout is the verifier's to judge.
  check.debit = 0;
  return tx.payload.empty() ? TxResult::kBadEncoding : TxResult::kOk;
}

bool EvidenceModule::poe_was_due(const ledger::LedgerState& state, const Offence& offence) {
  // Omitting a PoE that was already on chain before the proposal's height is no offence.
  const auto& heights = poe::PoeModule::state(state).heights;
  const auto poe = heights.find(offence.poe_id);
  if (poe != heights.end()) return poe->second >= offence.height;
  // Not on chain at all: it was due at the proposal's height only if it could still apply, and
  // from the evidence on, only its sender can change that: by spending its nonce on another
  // transaction, at a height these records do not keep. So a taken nonce voids the obligation
  // (the judgement errs towards the accused), while an untouched one proves the PoE still
  // applied: the acknowledgement showed it next in line and funded, and nothing but the
  // sender's own transactions takes from a balance.
  const ledger::Account* sender =
      state.find_account(ledger::address_from_public_key(offence.poe_sender));
  return sender != nullptr && sender->nonce < offence.poe_nonce;
}

void EvidenceModule::take_bonded(ledger::StateView& state, const ledger::Address& offender,
                                 std::uint64_t due) {
  staking::StakingState& bonds = staking::StakingModule::writable(state);
  auto& stakes = bonds.stakes;
  if (const auto stake = stakes.find(offender); stake != stakes.end()) {
    const std::uint64_t taken = std::min(due, stake->second.amount);
    stake->second.amount -= taken;
    due -= taken;
    if (stake->second.amount == 0) stakes.erase(stake);
  }
  auto& unbonding = bonds.unbonding;
  for (auto it = unbonding.begin(); due > 0 && it != unbonding.end();) {
    if (it->second.address != offender) {
      ++it;
      continue;
    }
    const std::uint64_t taken = std::min(due, it->second.amount);
    it->second.amount -= taken;
    due -= taken;
    it = it->second.amount == 0 ? unbonding.erase(it) : std::next(it);
  }
  MN_ASSERT(due == 0);
}

TxResult EvidenceModule::apply(const ledger::Transaction& tx, const ledger::TxPrecheck& /*check*/,
                               ledger::StateView& state, ledger::TxContext& context,
                               ledger::Account& sender) const {
  if (context.evidence == nullptr) return TxResult::kInvalidEvidence;
  auto judged = context.evidence->verify(tx.payload, context.crypto);
  if (!judged) return TxResult::kInvalidEvidence;
  const Offence& offence = *judged;
  const runtime::Hash32 id = offence.id();
  const ledger::Address offender = ledger::address_from_public_key(offence.offender);
  if (offence.kind == OffenceKind::kCensorship && !poe_was_due(state.state(), offence)) {
    return TxResult::kInvalidEvidence;
  }
  const staking::StakingState& bonds = staking::StakingModule::state(state.state());
  const std::uint64_t bonded_amount = bonds.bonded(offender);
  // Several honest validators report one offence at once, and evidence of a key already
  // tombstoned or left with nothing bonded changes nothing: such evidence is true, so it applies
  // (paying its fee, keeping the reporters' nonces moving) but slashes nothing.
  if (EvidenceModule::state(state.state()).offences.contains(id) ||
      bonds.tombstoned.contains(offender) || bonded_amount == 0) {
    state.put_account(sender);
    return TxResult::kOk;
  }
  // Stake and unbonding of one address are part of a supply that fits in 64 bits.
  const Penalty penalty =
      slashing::penalty(state.economics().slashing, offence.kind, bonded_amount);
  if (state.pools().slashing_pool > UINT64_MAX - penalty.to_pool) return TxResult::kOverflow;
  if (state.burned() > UINT64_MAX - penalty.burned) return TxResult::kOverflow;

  state.put_account(sender);
  take_bonded(state, offender, penalty.slashed);
  state.pools().slashing_pool += penalty.to_pool;
  state.add_burned(penalty.burned);
  if (penalty.tombstone) staking::StakingModule::writable(state).tombstoned.insert(offender);
  kSlot.writable(state).offences.insert(id);
  state.record(static_cast<std::uint8_t>(TxType::kEvidence), id);
  state.effects().slashes.push_back({offence, offender, penalty, sender.address});
  return TxResult::kOk;
}

}  // namespace mn::slashing
