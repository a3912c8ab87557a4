// The auction module's endpoints — submitting commits, reveals, cancels and builder bids (each
// route takes only its own type), and a window's state — and its payload views: commits, reveals
// (with the revealed transaction core), cancels, builder bids, deliveries and builder evidence.
#include <charconv>
#include <optional>
#include <variant>

#include "core/auction/builder_bid.h"
#include "core/auction/builder_equivocation_evidence.h"
#include "core/auction/commit_payload.h"
#include "core/auction/payload_reveal.h"
#include "core/auction/pool_cancel_payload.h"
#include "core/auction/reveal_payload.h"
#include "core/auction/sealed_bundle.h"
#include "core/auction/tx_core.h"
#include "core/auction/winner_refusal.h"
#include "node/rpc_handlers.h"
#include "node/rpc_modules.h"

namespace mn::node {
namespace {

using nlohmann::json;

json commit_json(runtime::ByteView payload) {
  auto p = auction::CommitPayload::decode(payload);
  if (!p) return undecodable_payload();
  json out = {{"window", p->window}, {"commitment", hex(p->commitment)}, {"bond", p->bond}};
  if (p->partner != runtime::Hash32{}) out["partner"] = hex(p->partner);
  return out;
}

json tx_core_json(const auction::TxCore& core) {
  return {{"nonce", core.nonce},
          {"fee_rate", core.fee_rate},
          {"priority_fee", core.priority_fee},
          {"gas", core.gas},
          {"latency_class", static_cast<int>(core.latency_class)},
          {"region_code", core.region_code},
          {"tx_type", static_cast<int>(core.tx_type)},
          {"payload_bytes", core.payload.size()}};
}

json reveal_json(runtime::ByteView payload) {
  auto p = auction::RevealPayload::decode(payload);
  if (!p) return undecodable_payload();
  json out = {{"window", p->window}, {"salt_bytes", p->salt.size()}};
  auto core = auction::TxCore::decode(p->tx_core);
  if (core) {
    out["tx_core"] = tx_core_json(*core);
  } else {
    out["tx_core_bytes"] = p->tx_core.size();
  }
  return out;
}

json cancel_json(runtime::ByteView payload) {
  auto p = auction::PoolCancelPayload::decode(payload);
  if (!p) return undecodable_payload();
  return {{"window", p->window}, {"nonce", p->nonce}};
}

json bid_json(runtime::ByteView payload) {
  auto p = auction::BuilderBid::decode(payload);
  if (!p) return undecodable_payload();
  return {{"height", p->height},
          {"builder", key_address(p->builder)},
          {"payload_commitment", hex(p->payload_commitment)},
          {"value", p->value},
          {"bond", p->bond}};
}

json delivery_json(runtime::ByteView payload) {
  auto p = auction::PayloadReveal::decode(payload);
  if (!p) return undecodable_payload();
  return {{"height", p->height},
          {"builder", key_address(p->builder)},
          {"payload_commitment", hex(p->payload_commitment)}};
}

json builder_evidence_json(runtime::ByteView payload) {
  auto p = auction::BuilderEquivocationEvidence::decode(payload);
  if (!p) return undecodable_payload();
  const auto commitment = [](const auction::BuilderStatement& s) {
    return std::visit([](const auto& v) { return hex(v.payload_commitment); }, s);
  };
  return {{"height", p->height()},
          {"builder", key_address(p->builder())},
          {"payload_commitments", json::array({commitment(p->first), commitment(p->second)})}};
}

std::optional<std::uint64_t> parse_window(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value >= kMaxAuctionWindow) {
    return std::nullopt;
  }
  return value;
}

json seal_json(const auction::SealRecord& seal) {
  json winners = json::array();
  for (const runtime::Hash32& txid : seal.winners) winners.push_back(hex(txid));
  json skipped = json::array();
  for (const auction::SkippedWinner& skip : seal.skipped)
    skipped.push_back(
        {{"txid", hex(skip.txid)}, {"reason", auction::winner_refusal_name(skip.reason)}});
  return {{"mx_root", hex(seal.mx_root)},
          {"winners", winners},
          {"skipped", skipped},
          {"auto_bid", seal.auto_bid}};
}

RpcResponse get_window(RpcRouter& router, const RpcRequest&, std::string_view param) {
  const auto window = parse_window(param);
  if (!window) {
    return RpcRouter::error(400, "bad_window", "expected a decimal window number below 2^32",
                            "window");
  }
  auto summary = router.backend().auction_window(*window);
  if (!summary.is_ok()) return backend_error(summary.status());
  const AuctionWindowSummary& w = summary.value();
  json body{{"chain_id", w.chain_id},         {"window", w.window},
            {"next_height", w.next_height},   {"phase", auction::window_phase_name(w.phase)},
            {"commit_start", w.commit_start}, {"reveal_start", w.reveal_start},
            {"seal_start", w.seal_start},     {"close_height", w.close_height},
            {"commits", w.commits},           {"reveals", w.reveals}};
  if (w.seal) body["seal"] = seal_json(*w.seal);
  body["topk_digest_count"] = w.topk_digest_count;
  return ok_json(body);
}

RpcResponse get_bundle(RpcRouter& router, const RpcRequest&, std::string_view param) {
  const auto window = parse_window(param);
  if (!window) {
    return RpcRouter::error(400, "bad_window", "expected a decimal window number below 2^32",
                            "window");
  }
  auto found = router.backend().sealed_bundle(*window);
  if (!found.is_ok()) return backend_error(found.status());
  auto bundle = auction::SealedBundle::decode(found->bundle);
  if (!bundle.is_ok()) return backend_error(bundle.status());
  json winners = json::array();
  for (const auction::BundleWinner& w : bundle->winners) winners.push_back(hex(w.txid));
  return ok_json(json{{"window", *window},
                      {"height", found->height},
                      {"block_hash", hex(found->block_hash)},
                      {"mx_root", hex(bundle->mx_root)},
                      {"buckets", bundle->buckets.size()},
                      {"winners", std::move(winners)},
                      {"proof_bytes", bundle->proof_bytes()},
                      {"bundle", hex(found->bundle)}});
}

constexpr RpcRoute kRoutes[] = {
    {"/rpc/auction/commit", false, RpcMethod::kPost, submit_only<ledger::TxType::kAuctionCommit>},
    {"/rpc/auction/reveal", false, RpcMethod::kPost, submit_only<ledger::TxType::kAuctionReveal>},
    {"/rpc/auction/cancel", false, RpcMethod::kPost, submit_only<ledger::TxType::kPoolCancel>},
    {"/rpc/auction/bid", false, RpcMethod::kPost, submit_only<ledger::TxType::kBuilderBid>},
    {"/rpc/auction/window/", true, RpcMethod::kGet, get_window},
    {"/rpc/auction/bundle/", true, RpcMethod::kGet, get_bundle},
};

constexpr PayloadView kViews[] = {
    {ledger::TxType::kAuctionCommit, commit_json},
    {ledger::TxType::kAuctionReveal, reveal_json},
    {ledger::TxType::kPoolCancel, cancel_json},
    {ledger::TxType::kBuilderBid, bid_json},
    {ledger::TxType::kBuilderDelivery, delivery_json},
    {ledger::TxType::kBuilderEvidence, builder_evidence_json},
};

}  // namespace

const RpcModule& auction_rpc_module() {
  static constexpr RpcModule kModule{"auction", kRoutes, kViews};
  return kModule;
}

}  // namespace mn::node
