#include "sim/event_log.h"

#include <fmt/format.h>

#include "core/codec/hex.h"
#include "core/consensus/chain_reactor.h"
#include "core/consensus/ibft_engine.h"
#include "core/consensus/messages.h"
#include "sim/gossip_probe.h"

namespace mn::sim {

std::vector<EventLogEntry> EventLog::snapshot() const {
  std::vector<EventLogEntry> out;
  const std::uint64_t size = std::min<std::uint64_t>(m_next, m_entries.size());
  for (std::uint64_t i = m_next - size; i < m_next; ++i)
    out.push_back(m_entries[i % m_entries.size()]);
  return out;
}

namespace {

std::string short_hash(const runtime::Hash32& h) {
  return codec::to_hex(h).substr(0, 12);
}

std::string describe(const runtime::MessagePtr& m) {
  using namespace consensus;
  switch (m->kind) {
    case kProposalKind:
      if (auto p = decode_proposal(m->payload)) {
        return fmt::format("proposal h={} r={} block {} ({} justifications)", p->height(), p->round,
                           short_hash(p->block->hash), p->justification.size());
      }
      break;
    case kVoteKind:
      if (auto v = decode_vote(m->payload)) {
        return fmt::format("{} h={} r={} block {} by validator #{}",
                           v->step == Step::kPrepare ? "prepare" : "commit", v->height, v->round,
                           short_hash(v->block_hash), v->validator);
      }
      break;
    case kRoundChangeKind:
      if (auto rc = decode_round_change(m->payload)) {
        return fmt::format(
            "round-change h={} to r={} by validator #{}{}", rc->height, rc->round, rc->validator,
            rc->prepared ? fmt::format(" (prepared {} in r={})",
                                       short_hash(rc->prepared->block_hash), rc->prepared->round)
                         : "");
      }
      break;
    case kFinalizedBlockKind:
      if (auto f = decode_finalized_block(m)) {
        return fmt::format("finalized block h={} {} ({} signers)", f->block->header.height,
                           short_hash(f->block->hash), f->certificate->signers().size());
      }
      break;
    case kBlockRequestKind:
      if (auto q = decode_block_request(m->payload)) {
        return fmt::format("block request from h={} count {}", q->from_height, q->count);
      }
      break;
    case kTransactionKind:
      return fmt::format("transaction ({} bytes)", m->payload.size());
    case kGossipProbeKind:
      return fmt::format("gossip probe ({} bytes)", m->payload.size());
    default:
      break;
  }
  if (const char* name = message_kind_name(m->kind))
    return fmt::format("{} ({} bytes)", name, m->payload.size());
  return fmt::format("message kind 0x{:04x} ({} bytes)", m->kind, m->payload.size());
}

}  // namespace

std::string render_event(const Scenario& scenario, const EventLogEntry& e) {
  std::string when = fmt::format("{:>14.9f} s", static_cast<double>(e.time) / 1e9);
  switch (e.kind) {
    case EventLogEntry::Kind::kDeliver:
      return fmt::format("{}  deliver  {} <- {}  {}", when, node_name(scenario, e.node),
                         node_name(scenario, e.from), describe(e.message));
    case EventLogEntry::Kind::kTimer:
      if (const char* name = consensus::IbftEngine::timer_name(e.tag))
        return fmt::format("{}  timer    {}  {}", when, node_name(scenario, e.node), name);
      return fmt::format("{}  timer    {}  tag 0x{:x}", when, node_name(scenario, e.node), e.tag);
    case EventLogEntry::Kind::kAction:
      return fmt::format("{}  action   {}", when,
                         e.label != nullptr ? e.label : "scheduled action");
  }
  return when;
}

}  // namespace mn::sim
