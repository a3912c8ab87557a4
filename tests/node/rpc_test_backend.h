// A scripted RpcBackend for the RPC tests: it answers from maps the test fills in, records what
// it was asked, and returns a chosen Status (or throws) when the test says so.
// Threading: used from one thread at a time (the test's, or the server's io thread).
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <vector>

#include "core/codec/hex.h"
#include "core/crypto/sodium_crypto_provider.h"
#include "node/rpc_backend.h"

namespace mn::node::testing {

class FakeRpcBackend final : public RpcBackend {
 public:
  runtime::Result<SubmitOutcome> submit(const ledger::Transaction& tx) override {
    if (auto failure = fail()) return *failure;
    submitted.push_back(tx);
    return submit_outcome;
  }
  runtime::Result<TxLookup> transaction(const runtime::Hash32& id) override {
    if (auto failure = fail()) return *failure;
    auto it = txs.find(id);
    if (it == txs.end()) return runtime::Status(runtime::ErrorCode::kNotFound, "no such tx");
    return it->second;
  }
  runtime::Result<BlockSummary> block_at(std::uint64_t height) override {
    if (auto failure = fail()) return *failure;
    for (const BlockSummary& block : blocks) {
      if (block.height == height) return block;
    }
    return runtime::Status(runtime::ErrorCode::kNotFound, "no such block");
  }
  runtime::Result<BlockSummary> block_with_hash(const runtime::Hash32& hash) override {
    if (auto failure = fail()) return *failure;
    for (const BlockSummary& block : blocks) {
      if (block.hash == hash) return block;
    }
    return runtime::Status(runtime::ErrorCode::kNotFound, "no such block");
  }
  runtime::Result<HeadSummary> head() override {
    if (auto failure = fail()) return *failure;
    return head_summary;
  }
  runtime::Result<AccountSummary> account(const ledger::Address& address) override {
    if (auto failure = fail()) return *failure;
    auto it = accounts.find(address);
    return it == accounts.end() ? AccountSummary{} : it->second;
  }
  ledger::FeeParams fee_params() override { return fees; }
  runtime::Result<AuctionWindowSummary> auction_window(std::uint64_t window) override {
    if (auto failure = fail()) return *failure;
    AuctionWindowSummary summary = window_summary;
    summary.window = window;
    return summary;
  }
  runtime::Result<SealedBundleLookup> sealed_bundle(std::uint64_t window) override {
    if (auto failure = fail()) return *failure;
    const auto it = bundles.find(window);
    if (it == bundles.end()) return runtime::Status(runtime::ErrorCode::kNotFound, "no bundle");
    return it->second;
  }
  runtime::Result<MintOutcome> mint_faucet(const ledger::Address& to,
                                           std::uint64_t amount) override {
    if (auto failure = fail()) return *failure;
    mints.emplace_back(to, amount);
    return MintOutcome{.tx_id = runtime::Hash32{0xfa}, .outcome = {true, ""}};
  }

  // Every call fails with this status, if set.
  std::optional<runtime::Status> failure;
  bool throw_instead = false;  // every call throws (a backend breaking its contract)

  SubmitOutcome submit_outcome{true, ""};
  std::vector<ledger::Transaction> submitted;
  std::map<runtime::Hash32, TxLookup> txs;
  std::vector<BlockSummary> blocks;
  HeadSummary head_summary;
  std::map<ledger::Address, AccountSummary> accounts;
  ledger::FeeParams fees;
  AuctionWindowSummary window_summary;
  std::map<std::uint64_t, SealedBundleLookup> bundles;
  std::vector<std::pair<ledger::Address, std::uint64_t>> mints;

 private:
  std::optional<runtime::Status> fail() const {
    if (throw_instead) throw std::runtime_error("backend exploded");
    return failure;
  }
};

}  // namespace mn::node::testing
