// The node's RpcBackend over its running ChainReactor: account state, fees and the head from the
// committed ledger; blocks from the committed chain in storage; transaction and block-hash
// lookups through a ChainIndex (caught up before each lookup). A submitted transaction goes
// through ChainReactor::submit_client, so it is admitted and relayed exactly as any client
// transaction. getTx also finds transactions still pending in the node's transaction pool.
// The faucet, when configured with a key, signs a TRANSFER from that key's account, numbered
// after its committed and pending transactions, at the minimum fee.
// Threading: the node's io thread only (as RpcBackend requires), with the reactor.
#pragma once

#include <cstdint>
#include <optional>

#include "core/consensus/chain_reactor.h"
#include "core/crypto/crypto_provider.h"
#include "node/chain_index.h"
#include "node/rpc_backend.h"

namespace mn::node {

class LedgerRpcBackend final : public RpcBackend {
 public:
  // `reactor`, `index` and `crypto` must outlive the backend. `faucet`: the faucet account's key,
  // if the node runs a faucet.
  LedgerRpcBackend(consensus::ChainReactor& reactor, ChainIndex& index,
                   crypto::CryptoProvider& crypto, std::optional<crypto::KeyPair> faucet);

  runtime::Result<SubmitOutcome> submit(const ledger::Transaction& tx) override;
  runtime::Result<TxLookup> transaction(const runtime::Hash32& id) override;
  runtime::Result<BlockSummary> block_at(std::uint64_t height) override;
  runtime::Result<BlockSummary> block_with_hash(const runtime::Hash32& hash) override;
  runtime::Result<HeadSummary> head() override;
  runtime::Result<AccountSummary> account(const ledger::Address& address) override;
  ledger::FeeParams fee_params() override;
  runtime::Result<AuctionWindowSummary> auction_window(std::uint64_t window) override;
  runtime::Result<SealedBundleLookup> sealed_bundle(std::uint64_t window) override;
  runtime::Result<MintOutcome> mint_faucet(const ledger::Address& to,
                                           std::uint64_t amount) override;

 private:
  const consensus::LedgerApplication& app() const { return m_reactor.application(); }

  consensus::ChainReactor& m_reactor;
  ChainIndex& m_index;
  crypto::CryptoProvider& m_crypto;
  std::optional<crypto::KeyPair> m_faucet;
};

}  // namespace mn::node
