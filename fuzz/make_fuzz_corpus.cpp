// Writes the seed corpus of every fuzzer into <dir>/<fuzzer>/ from real encodings: messages the
// fixture validators signed, transactions of every type, handshake transcripts, HTTP requests for
// every route, and the repository's own scenario, sweep, genesis and config texts. Deterministic,
// so rerunning it rewrites the same files (scripts/fuzz.sh corpus).
//   make_fuzz_corpus <dir>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "core/auction/bid_choice.h"
#include "core/auction/builder_bid.h"
#include "core/codec/hex.h"
#include "core/codec/writer.h"
#include "core/consensus/auction_section.h"
#include "core/consensus/block.h"
#include "core/consensus/block_payload.h"
#include "core/consensus/censorship_evidence.h"
#include "core/consensus/commit_certificate.h"
#include "core/consensus/evidence.h"
#include "core/consensus/invalid_vote_evidence.h"
#include "core/consensus/ledger_application.h"
#include "core/consensus/messages.h"
#include "core/consensus/poe_ack.h"
#include "core/crypto/sodium_crypto_provider.h"
#include "core/ledger/address.h"
#include "core/ledger/economic_params.h"
#include "core/ledger/fee_schedule.h"
#include "core/ledger/genesis.h"
#include "core/ledger/transaction.h"
#include "core/poe/poe_header.h"
#include "core/poe/step_receipt.h"
#include "core/rewards/compute_receipt.h"
#include "fuzz/fuzz_fixtures.h"
#include "fuzz/noise_fuzz_support.h"
#include "node/envelope.h"
#include "node/frame_codec.h"
#include "node/genesis_file.h"
#include "node/key_file.h"
#include "node/node_config.h"
#include "node/peer_frame.h"
#include "node/secure_channel.h"

namespace {

namespace fs = std::filesystem;
using mn::runtime::Bytes;
using mn::runtime::ByteView;
namespace consensus = mn::consensus;
namespace ledger = mn::ledger;

fs::path g_root;
mn::crypto::SodiumCryptoProvider g_crypto;

void write(const std::string& fuzzer, const std::string& name, ByteView bytes) {
  const fs::path dir = g_root / fuzzer;
  fs::create_directories(dir);
  std::ofstream out(dir / name, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}
void write_text(const std::string& fuzzer, const std::string& name, std::string_view text) {
  write(fuzzer, name, ByteView(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}
// `selector` then `bytes`: the form of the fuzzers whose first byte picks the decoder.
void write_tagged(const std::string& fuzzer, const std::string& name, std::uint8_t selector,
                  ByteView bytes) {
  Bytes tagged{selector};
  tagged.insert(tagged.end(), bytes.begin(), bytes.end());
  write(fuzzer, name, tagged);
}
void copy_into_corpus(const std::string& fuzzer, const fs::path& from) {
  fs::create_directories(g_root / fuzzer);
  std::string name = from.parent_path().filename().string() + "_" + from.filename().string();
  fs::copy_file(from, g_root / fuzzer / name, fs::copy_options::overwrite_existing);
}

mn::crypto::KeyPair key(std::uint8_t i) {
  return mn::fuzz::fixture_key(i, g_crypto);
}

// --- core records -----------------------------------------------------------------------------

ledger::Transaction transfer(std::uint64_t nonce) {
  return ledger::make_transfer(key(0), ledger::address_from_public_key(key(1).public_key), 25,
                               nonce, 5'000, g_crypto);
}

ledger::PoeSubmitPayload poe_payload() {
  ledger::PoeSubmitPayload poe;
  poe.header.bpi_id[0] = 9;
  poe.header.timestamp = 1'700'000'000'000'000'000;
  poe.header.rent_payment = 1'000;
  poe.header.sign(key(2).secret_key, g_crypto);
  poe.complexity = 3;
  poe.logbook_bytes = 512;
  return poe;
}

mn::rewards::ComputeReceipt compute_receipt() {
  mn::rewards::ComputeReceipt receipt;
  receipt.receipt_id[0] = 1;
  receipt.miner = key(0).public_key;
  receipt.client = key(1).public_key;
  receipt.coordinator = key(2).public_key;
  receipt.compute_units = 10;
  receipt.payment = 100;
  receipt.sign(key(0).secret_key, key(1).secret_key, g_crypto);
  return receipt;
}

consensus::Vote vote(consensus::Step step, std::uint64_t height, std::uint32_t round,
                     const mn::runtime::Hash32& hash, std::uint8_t who,
                     const consensus::ValidatorSet& set) {
  consensus::Vote v;
  v.step = step;
  v.height = height;
  v.round = round;
  v.block_hash = hash;
  v.validator = *set.index_of(key(who).public_key);
  v.signature = g_crypto.sign(key(who).secret_key, v.signing_digest());
  return v;
}

// The auction section of a block at `height` that takes a builder's signed bid.
consensus::AuctionSection bid_section(std::uint64_t height) {
  mn::auction::BuilderBid bid;
  bid.height = height;
  bid.builder = key(1).public_key;
  bid.payload_commitment.fill(0x5a);
  bid.value = 100;
  bid.bond = 150;
  bid.sign(key(1).secret_key, g_crypto);
  return {mn::auction::BidChoice{bid, 0}, std::nullopt};
}

consensus::BlockPtr block(std::uint64_t height, std::uint32_t round,
                          const consensus::CommitCertificate* parent,
                          const consensus::ValidatorSet& set) {
  consensus::BlockHeader header;
  header.height = height;
  header.round = round;
  header.proposer = set.proposer(height, round);
  header.timestamp = 1'000'000'000;
  header.validator_set = set.hash();
  return consensus::make_block(header, consensus::BlockPayload::encode(parent, bid_section(height),
                                                                       {transfer(1), transfer(2)}));
}

std::shared_ptr<const consensus::CommitCertificate> certificate(
    const consensus::Block& b, const consensus::ValidatorSet& set) {
  std::vector<consensus::Vote> commits;
  for (std::uint8_t i = 0; i < 3; ++i) {
    commits.push_back(
        vote(consensus::Step::kCommit, b.header.height, b.header.round, b.hash, i, set));
  }
  std::sort(commits.begin(), commits.end(),
            [](const auto& a, const auto& c) { return a.validator < c.validator; });
  return std::make_shared<consensus::SignatureSetCertificate>(
      b.header.height, b.header.round, b.hash, std::move(commits), set.size());
}

void core_records() {
  const consensus::ValidatorSet set = mn::fuzz::fixture_validator_set(g_crypto);
  // Transactions of every type, and their payloads alone.
  const ledger::PoeSubmitPayload poe = poe_payload();
  const mn::rewards::ComputeReceipt receipt = compute_receipt();
  const auto double_sign = *consensus::make_double_sign_evidence(
      key(0).public_key, consensus::Step::kPrepare, 5, 0, mn::runtime::Hash32{1},
      vote(consensus::Step::kPrepare, 5, 0, mn::runtime::Hash32{1}, 0, set).signature,
      mn::runtime::Hash32{2},
      vote(consensus::Step::kPrepare, 5, 0, mn::runtime::Hash32{2}, 0, set).signature);
  const std::vector<std::pair<ledger::TxType, Bytes>> payloads = {
      {ledger::TxType::kTransfer,
       ledger::TransferPayload{ledger::address_from_public_key(key(1).public_key), 7}.encode()},
      {ledger::TxType::kStake, ledger::AmountPayload{1'000}.encode()},
      {ledger::TxType::kUnstake, ledger::AmountPayload{500}.encode()},
      {ledger::TxType::kEscrowDeposit, ledger::AmountPayload{300}.encode()},
      {ledger::TxType::kPoeSubmit, poe.encode()},
      {ledger::TxType::kReceiptClaim, receipt.encode()},
      {ledger::TxType::kEvidence, double_sign.encode()},
      {ledger::TxType::kParamUpdate, Bytes{1, 2, 3}},
  };
  for (const auto& [type, payload] : payloads) {
    const std::string name = ledger::tx_type_name(type);
    const ledger::Transaction tx =
        ledger::make_transaction(type, key(0), 1, 10'000, payload, g_crypto);
    write("transaction_fuzz", name, tx.encode());
    write_tagged("transaction_fuzz", name + "_payload", static_cast<std::uint8_t>(type), payload);
  }

  // Blocks, their payloads and every consensus message.
  const consensus::BlockPtr b1 = block(1, 0, nullptr, set);
  const auto cert1 = certificate(*b1, set);
  const consensus::BlockPtr b2 = block(2, 1, cert1.get(), set);
  mn::codec::Writer block_bytes;
  b2->encode(block_bytes);
  write_tagged("block_fuzz", "block", 0, block_bytes.view());
  mn::codec::Writer header_bytes;
  b2->header.encode(header_bytes);
  write_tagged("block_fuzz", "header", 1, header_bytes.view());
  write_tagged("block_fuzz", "payload", 2, b2->payload);
  write_tagged("block_fuzz", "payload_first_block", 2, b1->payload);

  consensus::Proposal first;
  first.block = b1;
  first.signature = g_crypto.sign(
      key(0).secret_key, consensus::consensus_digest(consensus::Step::kPropose, 1, 0, b1->hash));
  write_tagged("consensus_messages_fuzz", "proposal", 0,
               consensus::encode_proposal(first)->payload);

  // Round changes into round 1 of height 2: one carrying a prepared certificate for round 0.
  const consensus::BlockPtr b2r0 = block(2, 0, cert1.get(), set);
  consensus::PreparedCertificate prepared;
  prepared.round = 0;
  prepared.block_hash = b2r0->hash;
  for (std::uint8_t i = 0; i < 3; ++i) {
    prepared.prepares.push_back(vote(consensus::Step::kPrepare, 2, 0, b2r0->hash, i, set));
  }
  consensus::Proposal justified;
  justified.block = b2;
  justified.round = 1;
  for (std::uint8_t i = 0; i < 3; ++i) {
    consensus::RoundChange rc;
    rc.height = 2;
    rc.round = 1;
    rc.validator = *set.index_of(key(i).public_key);
    if (i == 0) {
      rc.prepared = prepared;
      rc.prepared_block = b2r0;
      rc.seen_proposal = consensus::SignedProposalClaim{0, b2r0->hash, mn::crypto::Signature{}};
    }
    rc.signature = g_crypto.sign(key(i).secret_key, rc.signing_digest());
    if (i == 0) {
      write_tagged("consensus_messages_fuzz", "round_change_prepared", 2,
                   consensus::encode_round_change(rc)->payload);
    }
    justified.justification.push_back(rc);
  }
  justified.signature = g_crypto.sign(
      key(0).secret_key, consensus::consensus_digest(consensus::Step::kPropose, 2, 1, b2->hash));
  write_tagged("consensus_messages_fuzz", "proposal_justified", 0,
               consensus::encode_proposal(justified)->payload);
  write_tagged(
      "consensus_messages_fuzz", "vote", 1,
      consensus::encode_vote(vote(consensus::Step::kPrepare, 2, 1, b2->hash, 1, set))->payload);
  write_tagged("consensus_messages_fuzz", "finalized_block", 3,
               consensus::make_finalized_block(b1, cert1).message->payload);
  write_tagged("consensus_messages_fuzz", "block_request", 4,
               consensus::encode_block_request({.from_height = 3, .count = 16})->payload);

  // Evidence of each kind, and a PoE acknowledgement.
  const ledger::Transaction poe_tx = ledger::make_transaction(ledger::TxType::kPoeSubmit, key(2), 1,
                                                              10'000, poe.encode(), g_crypto);
  const consensus::PoeAck ack = consensus::make_poe_ack(key(0), 5, {poe_tx.id(g_crypto)}, g_crypto);
  write_tagged("consensus_messages_fuzz", "poe_ack", 5, ack.encode());
  write_tagged("evidence_fuzz", "double_sign", 0, double_sign.encode());
  consensus::BlockHeader censoring_header;
  censoring_header.height = 7;
  const consensus::BlockPtr censoring = consensus::make_block(
      censoring_header, consensus::BlockPayload::encode(nullptr, {}, {transfer(1)}));
  const consensus::CensorshipEvidence censorship{
      ack,
      poe_tx,
      censoring->header,
      0,
      g_crypto.sign(key(0).secret_key,
                    consensus::consensus_digest(consensus::Step::kPropose, 7, 0, censoring->hash)),
      censoring->payload};
  // Selector 1 with a large high part: a small max_block_txs in the fuzzer's rule.
  write_tagged("evidence_fuzz", "censorship", 1 + 3 * 40, censorship.encode());
  consensus::BlockHeader invalid_header;
  invalid_header.height = 4;
  const consensus::BlockPtr invalid = consensus::make_block(invalid_header, Bytes{0xde, 0xad});
  consensus::InvalidVoteEvidence invalid_vote;
  invalid_vote.signer = key(1).public_key;
  invalid_vote.step = consensus::Step::kCommit;
  invalid_vote.header = invalid->header;
  invalid_vote.payload = invalid->payload;
  invalid_vote.signature =
      g_crypto.sign(key(1).secret_key,
                    consensus::consensus_digest(consensus::Step::kCommit, 4, 0, invalid->hash));
  write_tagged("evidence_fuzz", "invalid_vote", 2, invalid_vote.encode());

  // PoE records.
  write_tagged("poe_header_fuzz", "poe_header", 0, poe.header.encode());
  mn::poe::StepReceipt step;
  step.bpi_id[0] = 9;
  step.step_index = 4;
  step.compute_units = 20;
  step.sign(key(2).secret_key, g_crypto);
  write_tagged("poe_header_fuzz", "step_receipt", 1, step.encode());
  write_tagged("poe_header_fuzz", "compute_receipt", 2, receipt.encode());
  write_tagged("poe_header_fuzz", "poe_submit_payload", 3, poe.encode());

  // Reader scripts: each reads a few kinds of value from a real encoding.
  Bytes script = {5, 0x00, 0x16, 0x08, 0x3a, 0x0b};
  const Bytes tx_bytes = transfer(1).encode();
  script.insert(script.end(), tx_bytes.begin(), tx_bytes.end());
  write("codec_reader_fuzz", "transaction", script);
  mn::codec::Writer values;
  values.write_u8(1);
  values.write_u16(2);
  values.write_u32(3);
  values.write_u64(4);
  values.write_i64(-5);
  values.write_bool(true);
  values.write_varint(300);
  values.write_bytes(Bytes{1, 2, 3});
  values.write_string("abc");
  values.write_count(2);
  Bytes every = {11, 0, 1, 2, 3, 4, 5, 6, 0xf8, 0xf9, 0xfa, 0xfb};
  every.insert(every.end(), values.view().begin(), values.view().end());
  write("codec_reader_fuzz", "every_kind", every);
}

// --- transport --------------------------------------------------------------------------------

void append_message(Bytes& out, ByteView message) {
  out.push_back(static_cast<std::uint8_t>(message.size() >> 8));
  out.push_back(static_cast<std::uint8_t>(message.size()));
  out.insert(out.end(), message.begin(), message.end());
}

void noise_transcripts() {
  for (std::uint8_t mode = 0; mode < 8; ++mode) {
    const bool local_initiator = (mode & 1) != 0;
    auto local = mn::fuzz::noise_side(
        local_initiator ? mn::node::noise::Role::kInitiator : mn::node::noise::Role::kResponder,
        mode);
    auto peer = mn::fuzz::noise_side(
        local_initiator ? mn::node::noise::Role::kResponder : mn::node::noise::Role::kInitiator,
        mode);
    const Bytes local_payload = {'l', 'o', 'c', 'a', 'l'};
    const Bytes peer_payload = {'p', 'e', 'e', 'r'};
    Bytes input = {mode};
    while (!local.is_complete()) {
      if (local.is_write_turn()) {
        auto m = local.write_message(local_payload);
        static_cast<void>(peer.read_message(*m));
      } else {
        auto m = peer.write_message(peer_payload);
        append_message(input, *m);
        static_cast<void>(local.read_message(*m));
      }
    }
    auto ciphers = peer.split();
    for (const std::string text : {"hello", "", "a longer transport message"}) {
      append_message(input, *ciphers->send.encrypt_with_ad(
                                {}, ByteView(reinterpret_cast<const std::uint8_t*>(text.data()),
                                             text.size())));
    }
    write("noise_handshake_fuzz", "mode" + std::to_string(mode), input);
  }
}

void channels_and_frames() {
  // A hostile-peer seed: an initiator's real first message to a responder, in 7-byte pieces.
  mn::crypto::KeySeed seed{};
  seed.fill(1);
  mn::node::noise::PrivateKey noise_key{};
  noise_key.fill(11);
  mn::node::SecureChannel initiator(
      mn::node::SecureChannelConfig{
          .role = mn::node::noise::Role::kInitiator,
          .identity = g_crypto.keypair_from_seed(seed),
          .noise_static = mn::node::noise::KeyPair::from_private_key(noise_key),
          .expected_remote_identity = std::nullopt,
          .prologue = {'f', 'u', 'z', 'z'}},
      g_crypto);
  Bytes hostile = {0, 6};
  const Bytes first = *initiator.start();
  hostile.insert(hostile.end(), first.begin(), first.end());
  write("secure_channel_fuzz", "responder_hears_message1", hostile);
  // Round trips: chunk size (2 bytes), flip position, then length-prefixed messages.
  Bytes trip = {1, 0, 9, 5};
  append_message(trip, Bytes{'p', 'i', 'n', 'g'});
  append_message(trip, Bytes(300, 0x5a));
  append_message(trip, Bytes{});
  write("secure_channel_fuzz", "round_trip", trip);
  trip[0] = 3;  // the same, one byte flipped
  write("secure_channel_fuzz", "round_trip_tampered", trip);

  // A stream of frames: ping, pong, and data frames carrying envelopes of consensus messages.
  Bytes stream = {255, 16};
  const auto add_frame = [&stream](ByteView body) {
    const Bytes frame = mn::node::encode_frame(body);
    stream.insert(stream.end(), frame.begin(), frame.end());
  };
  add_frame(mn::node::encode_heartbeat_frame(mn::node::PeerFrameType::kPing, 42));
  add_frame(mn::node::encode_heartbeat_frame(mn::node::PeerFrameType::kPong, 42));
  const auto vote_message = mn::runtime::make_message(0x0102, Bytes{1, 2, 3, 4});
  add_frame(mn::node::encode_data_frame(
      mn::node::encode_envelope(mn::node::Route::kGossip, *vote_message)));
  add_frame(mn::node::encode_data_frame(
      mn::node::encode_envelope(mn::node::Route::kDirect, *vote_message)));
  write("frame_codec_fuzz", "frames", stream);
  stream[0] = 4;  // a 16-byte bound: the data frames exceed it
  write("frame_codec_fuzz", "frames_over_bound", stream);
}

// --- RPC --------------------------------------------------------------------------------------

void rpc_requests() {
  const std::string tx_hex = mn::codec::to_hex(transfer(1).encode());
  const std::string poe_hex =
      mn::codec::to_hex(ledger::make_transaction(ledger::TxType::kPoeSubmit, key(2), 1, 10'000,
                                                 poe_payload().encode(), g_crypto)
                            .encode());
  const std::string address =
      ledger::encode_address(ledger::address_from_public_key(key(1).public_key));
  const std::vector<std::pair<std::string, std::string>> requests = {
      {"send_tx",
       "POST /rpc/sendTx HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
       "Content-Length: " +
           std::to_string(tx_hex.size() + 9) + "\r\n\r\n{\"tx\":\"" + tx_hex + "\"}"},
      {"get_head", "GET /rpc/getHead HTTP/1.1\r\nHost: x\r\n\r\n"},
      {"get_block", "GET /rpc/getBlock/12 HTTP/1.1\r\nHost: x\r\n\r\n"},
      {"get_balance", "GET /rpc/getBalance/" + address + " HTTP/1.1\r\nHost: x\r\n\r\n"},
      {"pipelined", "GET /rpc/getHead HTTP/1.1\r\n\r\nGET /metrics HTTP/1.1\r\n\r\n"},
      {"chunked",
       "POST /rpc/estimateFee HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
       "5\r\n{\"tx\"\r\n1\r\n}\r\n0\r\n\r\n"},
  };
  for (const auto& [name, text] : requests) {
    write_text("rpc_request_fuzz", "http_" + name, std::string(1, '\0') + text);
  }
  // Structured: route index (method GET = 0..10, POST = 11..21), suffix, newline, body.
  const std::vector<std::pair<std::string, std::string>> structured = {
      {"send_tx", std::string(1, char(11 + 0)) + "\n{\"tx\":\"" + tx_hex + "\"}"},
      {"get_tx", std::string(1, char(1)) + std::string(64, 'a') + "\n"},
      {"get_block_hash", std::string(1, char(2)) + std::string(64, '0') + "\n"},
      {"estimate_fee", std::string(1, char(11 + 5)) + "\n{\"tx\":\"" + tx_hex + "\"}"},
      {"submit_poe", std::string(1, char(11 + 7)) + "\n{\"tx\":\"" + poe_hex + "\"}"},
      {"mint_faucet",
       std::string(1, char(11 + 8)) + "\n{\"address\":\"" + address + "\",\"amount\":1000}"},
      {"wrong_method", std::string(1, char(3 + 22)) + "\n"},
  };
  for (const auto& [name, text] : structured) {
    write_text("rpc_request_fuzz", "route_" + name, std::string(1, '\1') + text);
  }
}

// --- files ------------------------------------------------------------------------------------

void files() {
  ledger::Genesis genesis;
  genesis.chain_id = "metanode-fuzz";
  genesis.accounts = {{key(0).public_key, 1'000'000}, {key(1).public_key, 5}};
  genesis.validators = {{key(2).public_key, 500'000}, {key(3).public_key, 500'000}};
  write_text("genesis_file_fuzz", "genesis.json", mn::node::genesis_to_json(genesis));
  write_text("key_file_fuzz", "node_key.json", mn::node::key_file_json(key(0)));
  write_text(
      "node_config_fuzz", "metanode.conf",
      mn::node::config_file_text({{"chain-id", "metanode-fuzz"},
                                  {"db-path", "db"},
                                  {"p2p-bind", "127.0.0.1:26656"},
                                  {"rpc-bind", "[::1]:8545"},
                                  {"bootstrap-peers", mn::codec::to_hex(key(1).public_key) +
                                                          "@127.0.0.1:26657, 10.0.0.2:26656"},
                                  {"log-level", "debug"},
                                  {"block-interval-ms", "500"},
                                  {"max-block-txs", "100"}}));
  const fs::path scenarios = fs::path(MN_SOURCE_DIR) / "scenarios";
  for (const auto& entry : fs::recursive_directory_iterator(scenarios)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
    // Big scale scenarios add nothing a small one does not, and slow every run.
    if (entry.file_size() > 16 * 1024) continue;
    const bool sweep = entry.path().parent_path().filename() == "sweeps";
    copy_into_corpus(sweep ? "sweep_loader_fuzz" : "scenario_loader_fuzz", entry.path());
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_fuzz_corpus <corpus dir>\n");
    return 2;
  }
  g_root = argv[1];
  core_records();
  noise_transcripts();
  channels_and_frames();
  rpc_requests();
  files();
  return 0;
}
