// auction: the client side of the auction (SPEC 2.4, docs/auction.md) against a running node.
//   window  the state of a QLock window
//   commit  a transfer's QLock commitment with its bond; the preimage goes to a reveal file
//   reveal  the preimage a commit wrote, in the window's reveal phase
//   cancel  withdraw a revealed entry from the seal (its bond is forfeited)
//   bid     a builder's signed, bonded bid for a height
//   verify  a window's sealed bundle against mx_root, with the proof checked here
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/auction/builder_bid.h"
#include "core/auction/commit_payload.h"
#include "core/auction/pool_cancel_payload.h"
#include "core/auction/qlock_commitment.h"
#include "core/auction/reveal_payload.h"
#include "core/auction/seal_record.h"
#include "core/auction/sealed_bundle.h"
#include "core/auction/tx_core.h"
#include "core/auction/verify_bundle.h"
#include "core/codec/hex.h"
#include "core/crypto/sodium_crypto_provider.h"
#include "core/ledger/address.h"
#include "node/main/cli_support.h"
#include "node/main/client_support.h"
#include "node/main/commands.h"
#include "node/os_random.h"

namespace mn::node::cli {
namespace {

namespace po = boost::program_options;
using nlohmann::json;
using runtime::ErrorCode;
using runtime::Status;

constexpr std::size_t kSaltBytes = 32;
constexpr std::uint64_t kDefaultGas = 21'000;

runtime::Result<std::uint64_t> u64_flag(const po::variables_map& values, const char* flag,
                                        std::uint64_t fallback) {
  if (!values.count(flag)) return fallback;
  return parse_u64(values[flag].as<std::string>(), std::string("--") + flag);
}

// GET /rpc/auction/window/<w>.
runtime::Result<json> fetch_window(const HttpClient& client, std::uint64_t window) {
  return json_reply(client.get("/rpc/auction/window/" + std::to_string(window)), "auction window");
}

int window_command(const std::vector<std::string>& args) {
  constexpr const char* kCommand = "auction window";
  po::options_description options;
  options.add_options()("rpc", po::value<std::string>(), "node URL")(
      "window", po::value<std::string>(), "window number");
  po::positional_options_description positional;
  positional.add("window", 1);
  auto values = parse_args(args, options, positional);
  if (!values) return fail(kCommand, kExitUsage, values.status().message());
  if (Status s = require(*values, {"window"}); !s.is_ok())
    return fail(kCommand, kExitUsage, s.message());
  auto client = client_from(*values);
  if (!client) return fail(kCommand, kExitUsage, client.status().message());
  auto window = parse_u64((*values)["window"].as<std::string>(), "WINDOW");
  if (!window) return fail(kCommand, kExitUsage, window.status().message());
  auto body = fetch_window(*client, *window);
  if (!body) return fail(kCommand, kExitFailure, body.status().message());
  std::cout << body->dump() << '\n';
  return kExitOk;
}

// The transaction core a commit hides: a transfer of --amount to --to.
runtime::Result<auction::TxCore> transfer_core(const po::variables_map& v, std::uint64_t nonce) {
  auto to = ledger::decode_address(v["to"].as<std::string>());
  if (!to) return Status(ErrorCode::kInvalidArgument, "--to: " + to.status().message());
  auto amount = parse_u64(v["amount"].as<std::string>(), "--amount");
  if (!amount) return amount.status();
  auction::TxCore core;
  core.nonce = nonce;
  core.tx_type = auction::TxType::kTransfer;
  core.payload = ledger::TransferPayload{*to, *amount}.encode();
  for (auto [flag, field, fallback] :
       {std::tuple{"fee-rate", &core.fee_rate, std::uint64_t{1}},
        std::tuple{"priority-fee", &core.priority_fee, std::uint64_t{0}},
        std::tuple{"gas", &core.gas, kDefaultGas}}) {
    auto value = u64_flag(v, flag, fallback);
    if (!value) return value.status();
    *field = *value;
  }
  return core;
}

// Writes what `auction reveal` needs to open the commitment; the salt is secret until then.
Status write_reveal_file(const std::string& path, const json& reveal) {
  std::ofstream out(path, std::ios::trunc);
  if (!out) return Status(ErrorCode::kIoError, "cannot write " + path);
  out << reveal.dump(2) << '\n';
  out.close();
  if (!out) return Status(ErrorCode::kIoError, "cannot write " + path);
  return {};
}

int commit_command(const std::vector<std::string>& args) {
  constexpr const char* kCommand = "auction commit";
  po::options_description options;
  add_sending_options(options);
  options.add_options()("window", po::value<std::string>(), "window")(
      "to", po::value<std::string>(), "recipient")("amount", po::value<std::string>(), "amount")(
      "bond", po::value<std::string>(), "bond")("reveal-out", po::value<std::string>(), "file")(
      "core-nonce", po::value<std::string>(), "nonce")("fee-rate", po::value<std::string>(), "")(
      "priority-fee", po::value<std::string>(), "")("gas", po::value<std::string>(), "");
  auto values = parse_args(args, options);
  if (!values) return fail(kCommand, kExitUsage, values.status().message());
  const po::variables_map& v = *values;
  if (Status s = require(v, {"key", "window", "to", "amount", "bond", "reveal-out"}); !s.is_ok())
    return fail(kCommand, kExitUsage, s.message());
  crypto::SodiumCryptoProvider crypto;
  auto sender = read_sender(v, crypto);
  if (!sender) return fail(kCommand, kExitUsage, sender.status().message());
  auto window = parse_u64(v["window"].as<std::string>(), "--window");
  auto bond = parse_u64(v["bond"].as<std::string>(), "--bond");
  for (const auto* r : {&window, &bond}) {
    if (!*r) return fail(kCommand, kExitUsage, r->status().message());
  }
  // By default the hidden transfer carries the account's next nonce, as if sent now.
  auto core_nonce = v.count("core-nonce")
                        ? parse_u64(v["core-nonce"].as<std::string>(), "--core-nonce")
                        : next_nonce(sender->client, sender->key.public_key);
  if (!core_nonce)
    return fail(kCommand, exit_code_of(core_nonce.status()), core_nonce.status().message());
  auto core = transfer_core(v, *core_nonce);
  if (!core) return fail(kCommand, kExitUsage, core.status().message());
  auto state = fetch_window(sender->client, *window);
  if (!state) return fail(kCommand, kExitFailure, state.status().message());
  const runtime::Bytes core_bytes = core->encode();
  const runtime::Bytes salt = os_random_bytes(kSaltBytes);
  const runtime::Hash32 commitment = auction::qlock_commitment(
      state->value("chain_id", ""), *window, sender->key.public_key, core_bytes, salt);
  const json reveal{{"window", *window},
                    {"commitment", codec::to_hex(commitment)},
                    {"tx_core", codec::to_hex(core_bytes)},
                    {"salt", codec::to_hex(salt)}};
  if (Status s = write_reveal_file(v["reveal-out"].as<std::string>(), reveal); !s.is_ok())
    return fail(kCommand, kExitFailure, s.message());
  return send_transaction(kCommand, *sender, ledger::TxType::kAuctionCommit,
                          auction::CommitPayload{*window, commitment, *bond, {}}.encode(),
                          "/rpc/auction/commit", crypto);
}

// The reveal payload a commit's reveal file holds.
runtime::Result<auction::RevealPayload> read_reveal_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status(ErrorCode::kInvalidArgument, "cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  const json file = json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (!file.is_object() || !file.contains("window") || !file["window"].is_number_unsigned() ||
      !file.contains("tx_core") || !file["tx_core"].is_string() || !file.contains("salt") ||
      !file["salt"].is_string()) {
    return Status(ErrorCode::kInvalidArgument,
                  path + ": not a reveal file (window, tx_core and salt expected)");
  }
  auto core = codec::from_hex(file["tx_core"].get<std::string>());
  auto salt = codec::from_hex(file["salt"].get<std::string>());
  if (!core || !salt) return Status(ErrorCode::kInvalidArgument, path + ": bad hex");
  return auction::RevealPayload{file["window"].get<std::uint64_t>(), std::move(core).value(),
                                std::move(salt).value()};
}

int reveal_command(const std::vector<std::string>& args) {
  constexpr const char* kCommand = "auction reveal";
  po::options_description options;
  add_sending_options(options);
  options.add_options()("from", po::value<std::string>(), "reveal file");
  auto values = parse_args(args, options);
  if (!values) return fail(kCommand, kExitUsage, values.status().message());
  if (Status s = require(*values, {"key", "from"}); !s.is_ok())
    return fail(kCommand, kExitUsage, s.message());
  crypto::SodiumCryptoProvider crypto;
  auto sender = read_sender(*values, crypto);
  if (!sender) return fail(kCommand, kExitUsage, sender.status().message());
  auto reveal = read_reveal_file((*values)["from"].as<std::string>());
  if (!reveal) return fail(kCommand, kExitUsage, reveal.status().message());
  return send_transaction(kCommand, *sender, ledger::TxType::kAuctionReveal, reveal->encode(),
                          "/rpc/auction/reveal", crypto);
}

int cancel_command(const std::vector<std::string>& args) {
  constexpr const char* kCommand = "auction cancel";
  po::options_description options;
  add_sending_options(options);
  options.add_options()("window", po::value<std::string>(), "window")(
      "core-nonce", po::value<std::string>(), "the revealed core's nonce");
  auto values = parse_args(args, options);
  if (!values) return fail(kCommand, kExitUsage, values.status().message());
  if (Status s = require(*values, {"key", "window", "core-nonce"}); !s.is_ok())
    return fail(kCommand, kExitUsage, s.message());
  crypto::SodiumCryptoProvider crypto;
  auto sender = read_sender(*values, crypto);
  if (!sender) return fail(kCommand, kExitUsage, sender.status().message());
  auto window = parse_u64((*values)["window"].as<std::string>(), "--window");
  auto nonce = parse_u64((*values)["core-nonce"].as<std::string>(), "--core-nonce");
  if (!window || !nonce)
    return fail(kCommand, kExitUsage, (!window ? window : nonce).status().message());
  return send_transaction(kCommand, *sender, ledger::TxType::kPoolCancel,
                          auction::PoolCancelPayload{*window, *nonce}.encode(),
                          "/rpc/auction/cancel", crypto);
}

int bid_command(const std::vector<std::string>& args) {
  constexpr const char* kCommand = "auction bid";
  po::options_description options;
  add_sending_options(options);
  options.add_options()("height", po::value<std::string>(), "height")(
      "value", po::value<std::string>(), "value")("bond", po::value<std::string>(), "bond")(
      "payload-commitment", po::value<std::string>(), "64 hex characters");
  auto values = parse_args(args, options);
  if (!values) return fail(kCommand, kExitUsage, values.status().message());
  const po::variables_map& v = *values;
  if (Status s = require(v, {"key", "height", "value", "payload-commitment"}); !s.is_ok())
    return fail(kCommand, kExitUsage, s.message());
  crypto::SodiumCryptoProvider crypto;
  auto sender = read_sender(v, crypto);
  if (!sender) return fail(kCommand, kExitUsage, sender.status().message());
  auto height = parse_u64(v["height"].as<std::string>(), "--height");
  auto value = parse_u64(v["value"].as<std::string>(), "--value");
  if (!height || !value)
    return fail(kCommand, kExitUsage, (!height ? height : value).status().message());
  auto bond = u64_flag(v, "bond", *value);
  if (!bond) return fail(kCommand, kExitUsage, bond.status().message());
  auto commitment = codec::from_hex_array<32>(v["payload-commitment"].as<std::string>());
  if (!commitment) return fail(kCommand, kExitUsage, "--payload-commitment: expected 64 hex");
  auction::BuilderBid bid{*height, sender->key.public_key, *commitment, *value, *bond, {}};
  bid.sign(sender->key.secret_key, crypto);
  return send_transaction(kCommand, *sender, ledger::TxType::kBuilderBid, bid.encode(),
                          "/rpc/auction/bid", crypto);
}

// The mx_root to verify against, and where it came from: --mx-root, or the seal record the node
// reports (then the proof shows the bundle is the one the node's chain sealed).
runtime::Result<std::pair<runtime::Hash32, std::string>> trusted_root(const po::variables_map& v,
                                                                      const json& window) {
  if (v.count("mx-root")) {
    auto root = codec::from_hex_array<32>(v["mx-root"].as<std::string>());
    if (!root) return Status(ErrorCode::kInvalidArgument, "--mx-root: expected 64 hex");
    return std::pair{*root, std::string("--mx-root")};
  }
  const auto seal = window.find("seal");
  if (seal == window.end() || !seal->is_object() || !seal->contains("mx_root")) {
    return Status(ErrorCode::kIoError,
                  "the node no longer keeps this window's seal record: pass --mx-root");
  }
  auto root = codec::from_hex_array<32>((*seal)["mx_root"].get<std::string>());
  if (!root) return Status(ErrorCode::kIoError, "the node's seal record has a malformed mx_root");
  return std::pair{*root, std::string("the node's seal record")};
}

int verify_command(const std::vector<std::string>& args) {
  constexpr const char* kCommand = "auction verify";
  po::options_description options;
  options.add_options()("rpc", po::value<std::string>(), "node URL")(
      "window", po::value<std::string>(), "window")("mx-root", po::value<std::string>(), "hex");
  auto values = parse_args(args, options);
  if (!values) return fail(kCommand, kExitUsage, values.status().message());
  if (Status s = require(*values, {"window"}); !s.is_ok())
    return fail(kCommand, kExitUsage, s.message());
  auto client = client_from(*values);
  if (!client) return fail(kCommand, kExitUsage, client.status().message());
  auto window = parse_u64((*values)["window"].as<std::string>(), "--window");
  if (!window) return fail(kCommand, kExitUsage, window.status().message());
  auto served =
      json_reply(client->get("/rpc/auction/bundle/" + std::to_string(*window)), "auction bundle");
  if (!served) return fail(kCommand, kExitFailure, served.status().message());
  auto state = fetch_window(*client, *window);
  if (!state) return fail(kCommand, kExitFailure, state.status().message());
  auto root = trusted_root(*values, *state);
  if (!root) return fail(kCommand, exit_code_of(root.status()), root.status().message());
  auto bytes = codec::from_hex(served->value("bundle", ""));
  if (!bytes) return fail(kCommand, kExitFailure, "the node's bundle is not hex");
  auto bundle = auction::SealedBundle::decode(*bytes);
  if (!bundle) return fail(kCommand, kExitFailure, "bundle: " + bundle.status().message());
  const std::uint32_t topk =
      state->value("topk_digest_count", auction::PoolParams{}.topk_digest_count);
  // The CRS is derived from public constants, so the client needs nothing from the node for it.
  if (Status s = auction::verify_bundle(*auction::ledger_crs(), *bundle, root->first, topk);
      !s.is_ok()) {
    return fail(kCommand, kExitFailure, "the bundle does not verify: " + s.message());
  }
  std::cout << json{{"window", *window},
                    {"height", served->value("height", 0)},
                    {"verified", true},
                    {"mx_root", codec::to_hex(root->first)},
                    {"root_from", root->second},
                    {"buckets", bundle->buckets.size()},
                    {"winners", bundle->winners.size()},
                    {"proof_bytes", bundle->proof_bytes()}}
                   .dump()
            << '\n';
  return kExitOk;
}

struct Subcommand {
  std::string_view name;
  int (*run)(const std::vector<std::string>& args);
};

constexpr Subcommand kSubcommands[] = {
    {"window", window_command}, {"commit", commit_command}, {"reveal", reveal_command},
    {"cancel", cancel_command}, {"bid", bid_command},       {"verify", verify_command},
};

}  // namespace

int auction_command(const std::vector<std::string>& args) {
  if (!args.empty()) {
    for (const Subcommand& sub : kSubcommands) {
      if (sub.name == args.front()) return sub.run({args.begin() + 1, args.end()});
    }
  }
  return fail("auction", kExitUsage,
              "expected `auction window|commit|reveal|cancel|bid|verify ...`");
}

}  // namespace mn::node::cli
