// What the RPC client commands (tx, balance, head, auction) share: reading a node's JSON answers,
// the sender's next nonce and the minimum fee from the node, and sending one signed transaction
// with the common flags (--rpc, --key, --fee, --nonce, --wait).
#pragma once

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include "core/crypto/crypto_provider.h"
#include "core/ledger/transaction.h"
#include "core/runtime/result.h"
#include "node/main/http_client.h"

namespace mn::node::cli {

// The JSON body of a 200 reply; anything else is a kIoError carrying the node's error message.
runtime::Result<nlohmann::json> json_reply(const runtime::Result<HttpReply>& reply,
                                           const std::string& what);
// The JSON body of a transaction submission's reply: {hash, accepted, reason} whether the node
// admitted the transaction (200) or refused it (kRefusedTransactionStatus); anything else as
// json_reply.
runtime::Result<nlohmann::json> submission_reply(const runtime::Result<HttpReply>& reply,
                                                 const std::string& what);
// The unsigned field `key` of an answer, or kIoError naming `what`.
runtime::Result<std::uint64_t> answer_u64(const nlohmann::json& body, const char* key,
                                          const std::string& what);

// The nonce `sender`'s next transaction carries: its committed nonce + 1 (getBalance).
runtime::Result<std::uint64_t> next_nonce(const HttpClient& client,
                                          const crypto::PublicKey& sender);

// The flags `required` must all be present; kInvalidArgument naming the first missing one.
runtime::Status require(const boost::program_options::variables_map& values,
                        std::initializer_list<const char*> required);

// The node client of --rpc (required).
runtime::Result<HttpClient> client_from(const boost::program_options::variables_map& values);

// Adds the flags send_transaction reads: --rpc, --key, --fee, --nonce, --wait.
void add_sending_options(boost::program_options::options_description& options);

// What a sending command needs besides its payload: the node, the sender's key and the optional
// --fee, --nonce and --wait (checked).
struct Sender {
  HttpClient client;
  crypto::KeyPair key;
  std::optional<std::uint64_t> fee;
  std::optional<std::uint64_t> nonce;
  std::optional<std::chrono::seconds> wait;
};
// Reads the sending flags; kInvalidArgument naming the flag at fault.
runtime::Result<Sender> read_sender(const boost::program_options::variables_map& values,
                                    crypto::CryptoProvider& crypto);

// Signs a transaction of `type` carrying `payload` (nonce: --nonce or the next one; fee: --fee or
// the node's minimum for the payload), POSTs it to `endpoint`, waits for its commit if --wait,
// and prints the node's answer. Returns the exit code; a refusal is a failure naming its reason.
int send_transaction(const char* command, const Sender& sender, ledger::TxType type,
                     const runtime::Bytes& payload, const std::string& endpoint,
                     crypto::CryptoProvider& crypto);

}  // namespace mn::node::cli
