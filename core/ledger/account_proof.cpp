#include "core/ledger/account_proof.h"

#include "core/merkle/merkle_hash.h"

namespace mn::ledger {

runtime::Hash32 account_leaf(const Account& account) {
  return merkle::leaf_hash(account.encode());
}

bool verify_account(const runtime::Hash32& state_root, const Account& account,
                    const AccountProof& proof) {
  return merkle::verify(state_root, account_leaf(account), proof.path);
}

}  // namespace mn::ledger
