#include "core/ledger/account_proof.h"

#include "core/codec/header.h"
#include "core/crypto/hash.h"
#include "core/ledger/record_tags.h"
#include "core/merkle/merkle_hash.h"

namespace mn::ledger {

runtime::Hash32 account_leaf(const Account& account) {
  return merkle::leaf_hash(account.encode());
}

runtime::Hash32 combine_state_root(const runtime::Hash32& accounts_root,
                                   const runtime::Hash32& summary_digest) {
  codec::Writer w;
  codec::write_header(w, kStateRootTag, 1);
  w.write_fixed(accounts_root);
  w.write_fixed(summary_digest);
  return crypto::blake2b_256(w.view());
}

bool verify_account(const runtime::Hash32& state_root, const Account& account,
                    const AccountProof& proof) {
  const auto accounts_root = merkle::implied_root(account_leaf(account), proof.path);
  return accounts_root.has_value() &&
         combine_state_root(*accounts_root, proof.summary_digest) == state_root;
}

}  // namespace mn::ledger
