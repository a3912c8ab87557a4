// Inclusion of one account in a state root (LedgerState::state_root): the Merkle path of the
// account's leaf (leaf = leaf_hash(account.encode())) up to the accounts root, and the digest of
// the rest of the ledger (stakes, pools, supply) that the state root combines it with. A light
// client that holds a trusted state root (from a block header with a commit certificate) checks
// an account against it with verify_account() alone, without any ledger state. Pure functions.
#pragma once

#include "core/ledger/account.h"
#include "core/merkle/merkle_proof.h"
#include "core/runtime/types.h"

namespace mn::ledger {

struct AccountProof {
  merkle::MerkleProof path;
  runtime::Hash32 summary_digest{};  // LedgerState::summary_digest() of the proven state
};

// The state-tree leaf of `account`.
runtime::Hash32 account_leaf(const Account& account);

// The state root over its two sections: BLAKE2b-256 of (kStateRootTag header, accounts root,
// summary digest).
runtime::Hash32 combine_state_root(const runtime::Hash32& accounts_root,
                                   const runtime::Hash32& summary_digest);

// True only if `account`, exactly as given, is a leaf of the tree whose root is `state_root`.
bool verify_account(const runtime::Hash32& state_root, const Account& account,
                    const AccountProof& proof);

}  // namespace mn::ledger
