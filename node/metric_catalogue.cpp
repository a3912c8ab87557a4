#include "node/metric_catalogue.h"

namespace mn::node {

namespace {

constexpr MetricInfo kMetrics[] = {
    // Auction: the auction module's transactions and state in committed blocks (auction_metrics.h).
    {"auction_bids_committed_total", "Builder bids in committed blocks."},
    {"auction_bonds_held", "Base units the auction module holds as commit and bid bonds."},
    {"auction_builder_evidence_committed_total",
     "Builder equivocation evidence in committed blocks."},
    {"auction_cancels_committed_total", "Pool cancels of revealed entries in committed blocks."},
    {"auction_commits_committed_total", "Auction commits in committed blocks."},
    {"auction_deliveries_committed_total", "Builder payload deliveries in committed blocks."},
    {"auction_last_seal_winners", "Winners (top-K transactions) of the newest sealed window."},
    {"auction_last_sealed_window", "Number of the newest window the chain sealed."},
    {"auction_open_bids", "Builder bids waiting for their height."},
    {"auction_open_windows", "Auction windows holding commits, not yet settled."},
    {"auction_reveals_committed_total", "Auction reveals in committed blocks."},
    {"auction_windows_sealed_total", "Auction windows whose seal the chain recorded."},
    // Chain: the ledger application, mempool and PoE inclusion.
    {"chain_censorship_detected_total", "Proposals found leaving out a PoE their proposer owed."},
    {"chain_evidence_oversized_total", "Evidence too large for an EVIDENCE transaction, dropped."},
    {"chain_evidence_refused_total", "Evidence this node found that its own pool refused."},
    {"chain_evidence_reported_total", "Evidence this node found and submitted as a transaction."},
    {"chain_evidence_unfunded_total", "Evidence not reported: the reporter's account cannot pay."},
    {"chain_malformed_poe_acks_total", "PoE acknowledgements from peers that did not decode."},
    {"chain_malformed_transactions_total",
     "Transactions from peers or clients that did not decode."},
    {"chain_mempool_size", "Transactions pending in the mempool."},
    {"chain_poe_acks_refused_total",
     "PoE acknowledgements refused: unknown signer or bad signature."},
    {"chain_poe_omitting_proposals_total", "Proposals refused for leaving out an owed PoE."},
    {"chain_poes_acknowledged_total", "PoEs this validator acknowledged."},
    {"chain_poes_untracked_total",
     "POE_SUBMITs not tracked for inclusion (tracker full or bad header)."},
    {"chain_recovery_failures_total", "Starts whose stored chain could not be replayed."},
    {"chain_store_failures_total", "Writes to storage that failed."},
    {"chain_transactions_refused_total",
     "Transactions the pool refused, duplicates of pending ones not counted."},
    {"chain_unknown_messages_total", "Messages of a kind the chain does not define."},
    // Consensus: the IBFT engine.
    {"consensus_bad_round_changes_total",
     "Round changes refused for a bad signature or certificate."},
    {"consensus_bad_signatures_total", "Consensus messages refused for a bad signature."},
    {"consensus_certified_invalid_block_total",
     "Blocks certified by a quorum that do not execute."},
    {"consensus_commits_after_round_change_total", "Blocks committed in a round after the first."},
    {"consensus_commits_total", "Blocks this node committed."},
    {"consensus_double_signs_detected_total", "Double signs this node found and reported."},
    {"consensus_equivocations_observed_total", "Conflicting proposals or votes seen."},
    {"consensus_height", "Height of the last committed block."},
    {"consensus_invalid_finalized_total",
     "Finalized blocks refused: wrong parent, set or certificate."},
    {"consensus_invalid_proposals_total", "Proposals refused as invalid."},
    {"consensus_invalid_votes_observed_total", "Votes seen for blocks invalid on their own."},
    {"consensus_malformed_messages_total", "Consensus messages that did not decode."},
    {"consensus_own_payload_invalid_total", "Payloads this node built that did not execute."},
    {"consensus_proposals_total", "Proposals this node made."},
    {"consensus_round_changes_total", "Round changes this node announced."},
    {"consensus_round_resends_total",
     "Rounds half over without a commit whose messages were resent."},
    {"consensus_screened_out_proposals_total", "Proposals refused by the application's screen."},
    {"consensus_sign_guard_unreadable_total", "Starts whose last-signed record could not be read."},
    {"consensus_validator_set_changes_total", "Validator set changes at epoch boundaries."},
    // Node: the binary's own view of the chain and its gossip.
    {"node_block_interval_seconds", "Seconds between the last two committed blocks.", 1e-9},
    {"node_blocks_committed_total", "Blocks committed since start."},
    {"node_gossip_duplicates_total", "Gossip messages received again and dropped."},
    {"node_gossip_forwarded_total", "Gossip messages forwarded to peers."},
    {"node_head_height", "Height of the head block."},
    {"node_last_block_txs", "Transactions in the last committed block."},
    {"node_malformed_messages_total", "Peer messages whose envelope did not decode."},
    {"node_messages_delivered_total", "Peer messages handed to the chain."},
    {"node_messages_oversized_total", "Messages above the envelope bound, not sent."},
    {"node_messages_sent_total", "Messages sent to peers."},
    {"node_messages_unattributed_total", "Messages from a peer not yet given a node id, dropped."},
    {"node_send_unreachable_total", "Sends to a known peer that is not connected."},
    {"node_send_unroutable_total", "Sends to a node id with no peer."},
    {"node_txs_committed_total", "Transactions committed since start."},
    {"node_txs_per_second", "Transactions committed per second over the last ten blocks."},
    // P2P transport.
    {"p2p_accept_errors_total", "Errors accepting inbound connections."},
    {"p2p_bytes_received_total", "Bytes received from peers."},
    {"p2p_bytes_sent_total", "Bytes sent to peers."},
    {"p2p_connections_inbound_total", "Inbound connections accepted."},
    {"p2p_connections_outbound_total", "Outbound connections made."},
    {"p2p_connections_refused_total", "Connections refused (limit, wrong chain or bad handshake)."},
    {"p2p_dial_failures_total", "Outbound connections that could not be made."},
    {"p2p_disconnects_total", "Peer connections closed."},
    {"p2p_duplicate_connections_total", "Connections closed as a second one to the same peer."},
    {"p2p_frames_received_total", "Authenticated frames received."},
    {"p2p_frames_sent_total", "Authenticated frames sent."},
    {"p2p_handshake_failures_total", "Noise handshakes that failed."},
    {"p2p_handshake_timeouts_total", "Noise handshakes closed for taking too long."},
    {"p2p_handshakes_completed_total", "Noise handshakes completed."},
    {"p2p_handshakes_in_progress", "Noise handshakes under way."},
    {"p2p_heartbeat_timeouts_total", "Peer connections closed for silence past the heartbeat."},
    {"p2p_peers", "Connected peers."},
    {"p2p_protocol_errors_total", "Peer connections closed for breaking the wire protocol."},
    {"p2p_self_connections_total", "Connections closed for reaching this node itself."},
    {"p2p_send_queue_overflows_total", "Peer connections closed for a send queue over its bound."},
    // RPC server.
    {"rpc_accept_errors_total", "Errors accepting RPC connections."},
    {"rpc_connections", "Open RPC connections."},
    {"rpc_connections_accepted_total", "RPC connections accepted."},
    {"rpc_connections_refused_total", "RPC connections refused at the connection cap."},
    {"rpc_malformed_requests_total", "RPC requests that were not valid HTTP."},
    {"rpc_requests_total", "RPC requests answered."},
    {"rpc_responses_4xx_total", "RPC responses with a 4xx status."},
    {"rpc_responses_5xx_total", "RPC responses with a 5xx status."},
    {"rpc_timeouts_total", "RPC connections closed for taking too long."},
};

}  // namespace

const MetricInfo* find_metric(std::string_view name) {
  for (const MetricInfo& m : kMetrics) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

}  // namespace mn::node
