// Devnet load bench: real nodes, real signatures, real HTTP. Signs TRANSFERs from many pre-funded
// accounts (libsodium Ed25519, core/ledger/transaction.h), POSTs them to /rpc/sendTx over
// kept-alive connections spread round-robin over the nodes, and watches the chain through
// getHead/getBlock to measure committed transfers per second and finality (submit → first sight of
// the block holding the transaction, so the figure includes up to one poll interval). Each account
// keeps at most `--window` transactions in flight, so the load is closed-loop unless `--rate`
// caps it.
//
//   devnet_bench keys --out DIR --count N      writes N fresh account key files (0600)
//   devnet_bench load --rpc URL[,URL...] --keys DIR [--seconds S] [--warmup S] [--window W]
//                     [--connections-per-node C] [--rate TX_PER_S]
//
// bench/devnet_bench.sh starts a 4-validator devnet funding the accounts and runs `load` on it
// (`ninja bench_devnet`). Exit codes: 0 figures printed, 1 the devnet failed or committed
// nothing, 2 bad usage.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/program_options.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/codec/hex.h"
#include "core/crypto/sodium_crypto_provider.h"
#include "core/ledger/address.h"
#include "core/ledger/transaction.h"
#include "node/key_file.h"
#include "node/rpc_handlers.h"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace po = boost::program_options;
using asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using mn::runtime::ErrorCode;
using mn::runtime::Result;
using mn::runtime::Status;

constexpr std::chrono::seconds kRequestTimeout{10};
constexpr std::uint64_t kMaxResponseBytes = std::uint64_t{16} << 20;
constexpr std::chrono::milliseconds kPollInterval{10};
// A transaction not committed this long after its last submission is submitted again (a node
// may have dropped it, e.g. evicted from a full mempool); resubmitting exact bytes is harmless.
constexpr std::chrono::seconds kResubmitAfter{10};
constexpr std::chrono::seconds kDrainLimit{15};
constexpr std::uint64_t kTransferAmount = 1;

double ms_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

// One kept-alive HTTP/1.1 connection to a node, reconnecting after any failure. Each exchange is
// bounded by kRequestTimeout, so a stuck node fails the request instead of hanging the bench.
class RpcConnection {
 public:
  struct Reply {
    unsigned status = 0;
    std::string body;
  };

  static Result<RpcConnection> create(const std::string& url) {
    constexpr std::string_view kScheme = "http://";
    if (url.rfind(kScheme, 0) != 0) {
      return Status(ErrorCode::kInvalidArgument, "expected http://host:port, got " + url);
    }
    const std::string authority = url.substr(kScheme.size());
    const std::size_t colon = authority.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == authority.size() ||
        authority.find('/') != std::string::npos) {
      return Status(ErrorCode::kInvalidArgument, "expected http://host:port, got " + url);
    }
    return RpcConnection(authority.substr(0, colon), authority.substr(colon + 1));
  }

  RpcConnection(RpcConnection&&) = default;

  Result<Reply> get(const std::string& target) { return exchange(http::verb::get, target, {}); }
  Result<Reply> post(const std::string& target, std::string body) {
    return exchange(http::verb::post, target, std::move(body));
  }

 private:
  RpcConnection(std::string host, std::string port)
      : m_host(std::move(host)),
        m_port(std::move(port)),
        m_io(std::make_unique<asio::io_context>()),
        m_stream(std::make_unique<beast::tcp_stream>(*m_io)) {}

  // Runs the io_context until the operation started by `start` completes.
  template <class Start>
  beast::error_code run(Start start) {
    beast::error_code result;
    m_stream->expires_after(kRequestTimeout);
    start(result);
    m_io->restart();
    m_io->run();
    return result;
  }

  Status connect() {
    tcp::resolver resolver(*m_io);
    beast::error_code ec;
    const auto endpoints = resolver.resolve(m_host, m_port, ec);
    if (ec) return Status(ErrorCode::kIoError, m_host + ":" + m_port + ": " + ec.message());
    ec = run([&](beast::error_code& out) {
      m_stream->async_connect(endpoints,
                              [&out](beast::error_code e, const tcp::endpoint&) { out = e; });
    });
    if (ec) return Status(ErrorCode::kIoError, m_host + ":" + m_port + ": " + ec.message());
    m_connected = true;
    return Status();
  }

  Result<Reply> exchange(http::verb verb, const std::string& target, std::string body) {
    if (!m_connected) {
      if (Status s = connect(); !s.is_ok()) return s;
    }
    http::request<http::string_body> request(verb, target, 11);
    request.set(http::field::host, m_host);
    request.keep_alive(true);
    if (verb == http::verb::post) {
      request.set(http::field::content_type, "application/json");
      request.body() = std::move(body);
      request.prepare_payload();
    }
    beast::error_code ec = run([&](beast::error_code& out) {
      http::async_write(*m_stream, request, [&out](beast::error_code e, std::size_t) { out = e; });
    });
    http::response_parser<http::string_body> parser;
    parser.body_limit(kMaxResponseBytes);
    if (!ec) {
      ec = run([&](beast::error_code& out) {
        http::async_read(*m_stream, m_buffer, parser,
                         [&out](beast::error_code e, std::size_t) { out = e; });
      });
    }
    if (ec) {
      drop();
      return Status(ErrorCode::kIoError, m_host + ":" + m_port + target + ": " + ec.message());
    }
    Reply reply{parser.get().result_int(), std::move(parser.get().body())};
    if (!parser.get().keep_alive()) drop();
    return reply;
  }

  void drop() {
    beast::error_code ignored;
    m_stream->socket().close(ignored);
    m_buffer.clear();
    m_connected = false;
  }

  std::string m_host;
  std::string m_port;
  // Behind pointers so the connection can move: a stream is bound to its io_context.
  std::unique_ptr<asio::io_context> m_io;
  std::unique_ptr<beast::tcp_stream> m_stream;
  beast::flat_buffer m_buffer;
  bool m_connected = false;
};

// A JSON reply of status 200, or an error naming what was asked.
// The JSON body of a 200 reply, or (`submission`) of a transaction refused with
// kRefusedTransactionStatus, which carries the same {hash, accepted, reason}.
Result<nlohmann::json> json_reply(const Result<RpcConnection::Reply>& reply,
                                  const std::string& what, bool submission = false) {
  if (!reply) return reply.status();
  auto json = nlohmann::json::parse(reply->body, nullptr, false);
  const bool answered =
      reply->status == 200 || (submission && reply->status == mn::node::kRefusedTransactionStatus);
  if (!answered || json.is_discarded()) {
    return Status(ErrorCode::kIoError,
                  fmt::format("{}: HTTP {} {}", what, reply->status, reply->body.substr(0, 200)));
  }
  return json;
}

struct Account {
  mn::crypto::KeyPair key;
  mn::ledger::Address recipient{};
  std::uint64_t next_nonce = 1;
};

struct Submission {
  std::uint32_t account = 0;
  std::uint64_t nonce = 0;
  Clock::time_point first_submit;
};

struct Commit {
  Clock::time_point submitted;
  Clock::time_point seen;
};

// What the senders have in flight and what the watcher saw committed. Senders add before they
// POST, so the watcher can never see a block holding a transaction it does not know yet.
class Ledger {
 public:
  explicit Ledger(std::size_t accounts) : m_committed_nonce(accounts) {}

  void submitted(const std::string& id, const Submission& submission) {
    const std::lock_guard lock(m_mutex);
    m_pending.emplace(id, submission);
  }
  void forget(const std::string& id) {
    const std::lock_guard lock(m_mutex);
    m_pending.erase(id);
  }
  // Returns how many of `ids` were the bench's.
  std::size_t block_seen(const nlohmann::json& ids, Clock::time_point seen) {
    std::size_t ours = 0;
    const std::lock_guard lock(m_mutex);
    for (const auto& id : ids) {
      const auto it = m_pending.find(id.get<std::string>());
      if (it == m_pending.end()) continue;
      ++ours;
      m_commits.push_back({it->second.first_submit, seen});
      std::atomic<std::uint64_t>& committed = m_committed_nonce[it->second.account];
      committed.store(std::max(committed.load(), it->second.nonce));
      m_pending.erase(it);
    }
    return ours;
  }
  std::uint64_t committed_nonce(std::uint32_t account) const {
    return m_committed_nonce[account].load();
  }
  void set_committed_nonce(std::uint32_t account, std::uint64_t nonce) {
    m_committed_nonce[account].store(nonce);
  }
  std::size_t pending() const {
    const std::lock_guard lock(m_mutex);
    return m_pending.size();
  }
  std::vector<Commit> commits() const {
    const std::lock_guard lock(m_mutex);
    return m_commits;
  }

 private:
  mutable std::mutex m_mutex;
  std::unordered_map<std::string, Submission> m_pending;
  std::vector<Commit> m_commits;
  std::vector<std::atomic<std::uint64_t>> m_committed_nonce;
};

struct LoadOptions {
  std::vector<std::string> urls;
  std::string keys_dir;
  double seconds = 20;
  double warmup = 3;
  std::uint64_t window = 4;
  unsigned connections_per_node = 4;
  double rate = 0;  // transactions per second over all senders; 0 = as fast as admitted
};

struct SenderStats {
  std::uint64_t accepted = 0;
  std::uint64_t resubmitted = 0;
  std::uint64_t http_errors = 0;
  std::map<std::string, std::uint64_t> refused;  // by reason
};

struct InFlight {
  std::uint64_t nonce = 0;
  std::string body;
  Clock::time_point last_submit;
};

// One connection's sender: its accounts are those with index ≡ `first` (mod `stride`).
class Sender {
 public:
  Sender(RpcConnection connection, std::vector<Account>& accounts, Ledger& ledger,
         std::uint32_t first, std::uint32_t stride, std::uint64_t fee, const LoadOptions& options)
      : m_connection(std::move(connection)),
        m_accounts(accounts),
        m_ledger(ledger),
        m_fee(fee),
        m_options(options) {
    for (std::uint32_t i = first; i < accounts.size(); i += stride) m_mine.push_back(i);
    m_in_flight.resize(m_mine.size());
    if (options.rate > 0) {
      m_interval = std::chrono::duration_cast<Clock::duration>(
          std::chrono::duration<double>(static_cast<double>(stride) / options.rate));
    }
  }

  void run(Clock::time_point end) {
    Clock::time_point next_send = Clock::now();
    while (Clock::now() < end) {
      bool progressed = false;
      for (std::size_t slot = 0; slot < m_mine.size() && Clock::now() < end; ++slot) {
        if (m_interval.count() > 0) {
          next_send = std::max(next_send + m_interval, Clock::now() - std::chrono::seconds(1));
          std::this_thread::sleep_until(next_send);
        }
        progressed |= step(slot);
      }
      if (!progressed) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }

  const SenderStats& stats() const { return m_stats; }

 private:
  // Submits one transaction of the account in `slot` if its window allows; true if it did.
  bool step(std::size_t slot) {
    const std::uint32_t index = m_mine[slot];
    Account& account = m_accounts[index];
    std::deque<InFlight>& in_flight = m_in_flight[slot];
    const std::uint64_t committed = m_ledger.committed_nonce(index);
    while (!in_flight.empty() && in_flight.front().nonce <= committed) in_flight.pop_front();
    const Clock::time_point now = Clock::now();
    if (!in_flight.empty() && now - in_flight.front().last_submit > kResubmitAfter) {
      in_flight.front().last_submit = now;
      ++m_stats.resubmitted;
      static_cast<void>(m_connection.post("/rpc/sendTx", in_flight.front().body));
      return true;
    }
    if (account.next_nonce > committed + m_options.window) return false;

    const mn::ledger::Transaction tx = mn::ledger::make_transfer(
        account.key, account.recipient, kTransferAmount, account.next_nonce, m_fee, m_crypto);
    const std::string id = mn::codec::to_hex(tx.id(m_crypto));
    std::string body = nlohmann::json{{"tx", mn::codec::to_hex(tx.encode())}}.dump();
    m_ledger.submitted(id, {index, account.next_nonce, now});
    auto reply = json_reply(m_connection.post("/rpc/sendTx", body), "sendTx", /*submission=*/true);
    if (!reply) {
      m_ledger.forget(id);
      ++m_stats.http_errors;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      return false;
    }
    const std::string reason = reply->value("reason", "");
    if (reply->value("accepted", false) || reason == "duplicate") {
      ++m_stats.accepted;
      in_flight.push_back({account.next_nonce, std::move(body), now});
      ++account.next_nonce;
      return true;
    }
    m_ledger.forget(id);
    ++m_stats.refused[reason];
    if (reason == "nonce_too_low") resync(index);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return false;
  }

  // The chain is ahead of what this sender believed (e.g. a resubmission committed twice over):
  // continue from the committed nonce.
  void resync(std::uint32_t index) {
    const std::string address = mn::ledger::encode_address(
        mn::ledger::address_from_public_key(m_accounts[index].key.public_key));
    auto reply = json_reply(m_connection.get("/rpc/getBalance/" + address), "getBalance");
    if (!reply) return;
    const auto nonce = reply->value("nonce", std::uint64_t{0});
    m_ledger.set_committed_nonce(index, nonce);
    m_accounts[index].next_nonce = nonce + 1;
  }

  RpcConnection m_connection;
  std::vector<Account>& m_accounts;
  Ledger& m_ledger;
  std::uint64_t m_fee;
  const LoadOptions& m_options;
  std::vector<std::uint32_t> m_mine;
  std::vector<std::deque<InFlight>> m_in_flight;
  Clock::duration m_interval{0};
  mn::crypto::SodiumCryptoProvider m_crypto;
  SenderStats m_stats;
};

struct BlockSeen {
  std::uint64_t height = 0;
  std::size_t ours = 0;
  Clock::time_point seen;
};

// Follows the head of one node and reports every new block to the ledger.
class Watcher {
 public:
  Watcher(RpcConnection connection, Ledger& ledger)
      : m_connection(std::move(connection)), m_ledger(ledger) {}

  Status start() {
    auto head = json_reply(m_connection.get("/rpc/getHead"), "getHead");
    if (!head) return head.status();
    m_height = head->value("height", std::uint64_t{0});
    return Status();
  }

  // Polls until `stop` is set; a failed poll is counted and retried.
  void run(const std::atomic<bool>& stop) {
    while (!stop.load()) {
      poll();
      std::this_thread::sleep_for(kPollInterval);
    }
  }

  const std::vector<BlockSeen>& blocks() const { return m_blocks; }
  std::uint64_t errors() const { return m_errors; }

 private:
  void poll() {
    auto head = json_reply(m_connection.get("/rpc/getHead"), "getHead");
    if (!head) {
      ++m_errors;
      return;
    }
    const auto top = head->value("height", std::uint64_t{0});
    while (m_height < top) {
      auto block =
          json_reply(m_connection.get(fmt::format("/rpc/getBlock/{}", m_height + 1)), "getBlock");
      if (!block || !block->contains("tx_ids")) {
        ++m_errors;
        return;
      }
      const Clock::time_point seen = Clock::now();
      ++m_height;
      m_blocks.push_back({m_height, m_ledger.block_seen((*block)["tx_ids"], seen), seen});
    }
  }

  RpcConnection m_connection;
  Ledger& m_ledger;
  std::uint64_t m_height = 0;
  std::uint64_t m_errors = 0;
  std::vector<BlockSeen> m_blocks;
};

double percentile(std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto rank =
      static_cast<std::size_t>(std::lround(p * static_cast<double>(sorted.size() - 1)));
  return sorted[std::min(rank, sorted.size() - 1)];
}

Result<std::vector<Account>> load_accounts(const std::string& dir) {
  std::vector<std::string> paths;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".json") paths.push_back(entry.path().string());
  }
  if (ec) return Status(ErrorCode::kIoError, dir + ": " + ec.message());
  if (paths.empty()) return Status(ErrorCode::kInvalidArgument, dir + ": no *.json key files");
  std::sort(paths.begin(), paths.end());
  mn::crypto::SodiumCryptoProvider crypto;
  std::vector<Account> accounts;
  for (const std::string& path : paths) {
    auto key = mn::node::read_key_file(path, crypto);
    if (!key) return key.status();
    accounts.push_back({*key, {}, 1});
  }
  // Each account pays the next one, so every transfer moves money between funded accounts.
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    accounts[i].recipient =
        mn::ledger::address_from_public_key(accounts[(i + 1) % accounts.size()].key.public_key);
  }
  return accounts;
}

// Reads every account's nonce (a bench may run on a chain it ran on before) and the minimum fee.
Result<std::uint64_t> prepare(RpcConnection& connection, std::vector<Account>& accounts) {
  for (Account& account : accounts) {
    const std::string address =
        mn::ledger::encode_address(mn::ledger::address_from_public_key(account.key.public_key));
    auto reply = json_reply(connection.get("/rpc/getBalance/" + address), "getBalance");
    if (!reply) return reply.status();
    if (reply->value("balance", std::uint64_t{0}) == 0) {
      return Status(ErrorCode::kInvalidArgument,
                    address + " has no balance: fund the bench accounts in the genesis");
    }
    account.next_nonce = reply->value("nonce", std::uint64_t{0}) + 1;
  }
  const mn::ledger::TransferPayload payload{};
  const std::size_t payload_bytes = payload.encode().size();
  auto fee = json_reply(
      connection.post("/rpc/estimateFee", nlohmann::json{{"payload_bytes", payload_bytes}}.dump()),
      "estimateFee");
  if (!fee) return fee.status();
  try {
    return static_cast<std::uint64_t>(std::stoull(fee->value("min_fee", std::string("x"))));
  } catch (const std::exception&) {
    return Status(ErrorCode::kIoError, "estimateFee: no usable min_fee in " + fee->dump());
  }
}

int run_load(const LoadOptions& options) {
  auto loaded = load_accounts(options.keys_dir);
  if (!loaded) {
    fmt::print(stderr, "devnet_bench: {}\n", loaded.status().message());
    return 2;
  }
  std::vector<Account> accounts = std::move(loaded).value();
  std::vector<RpcConnection> connections;
  for (unsigned c = 0; c < options.connections_per_node; ++c) {
    for (const std::string& url : options.urls) {
      auto connection = RpcConnection::create(url);
      if (!connection) {
        fmt::print(stderr, "devnet_bench: --rpc: {}\n", connection.status().message());
        return 2;
      }
      connections.push_back(std::move(connection).value());
    }
  }
  auto watcher_connection = RpcConnection::create(options.urls.front());
  auto fee = prepare(connections.front(), accounts);
  if (!fee) {
    fmt::print(stderr, "devnet_bench: {}\n", fee.status().message());
    return 1;
  }
  Ledger ledger(accounts.size());
  for (std::uint32_t i = 0; i < accounts.size(); ++i) {
    ledger.set_committed_nonce(i, accounts[i].next_nonce - 1);
  }
  Watcher watcher(std::move(watcher_connection).value(), ledger);
  if (Status s = watcher.start(); !s.is_ok()) {
    fmt::print(stderr, "devnet_bench: {}\n", s.message());
    return 1;
  }
  const auto stride = static_cast<std::uint32_t>(connections.size());
  fmt::print(
      "devnet_bench: {} nodes, {} accounts, {} connections, window {}, fee {}, {:g} s load "
      "({:g} s warm-up), rate {}\n",
      options.urls.size(), accounts.size(), stride, options.window, *fee, options.seconds,
      options.warmup, options.rate > 0 ? fmt::format("{:g} tx/s", options.rate) : "open");

  std::vector<std::unique_ptr<Sender>> senders;
  for (std::uint32_t t = 0; t < stride; ++t) {
    senders.push_back(std::make_unique<Sender>(std::move(connections[t]), accounts, ledger, t,
                                               stride, *fee, options));
  }
  std::atomic<bool> stop_watching{false};
  const Clock::time_point start = Clock::now();
  const auto as_duration = [](double seconds) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  };
  const Clock::time_point measure_from = start + as_duration(options.warmup);
  const Clock::time_point end = start + as_duration(options.seconds);
  std::thread watching([&] { watcher.run(stop_watching); });
  std::vector<std::thread> sending;
  sending.reserve(senders.size());
  for (auto& sender : senders) {
    sending.emplace_back([&sender, end] { sender->run(end); });
  }
  for (std::thread& thread : sending) thread.join();
  const Clock::time_point drain_end = Clock::now() + kDrainLimit;
  while (ledger.pending() > 0 && Clock::now() < drain_end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  stop_watching.store(true);
  watching.join();

  SenderStats total;
  for (const auto& sender : senders) {
    total.accepted += sender->stats().accepted;
    total.resubmitted += sender->stats().resubmitted;
    total.http_errors += sender->stats().http_errors;
    for (const auto& [reason, count] : sender->stats().refused) total.refused[reason] += count;
  }
  std::string refused;
  std::uint64_t refused_count = 0;
  for (const auto& [reason, count] : total.refused) {
    refused += fmt::format("{}{} {}", refused.empty() ? "" : ", ", reason, count);
    refused_count += count;
  }
  fmt::print("  submitted: {} accepted, {} resubmitted, {} refused ({}), {} HTTP errors\n",
             total.accepted, total.resubmitted, refused_count, refused.empty() ? "none" : refused,
             total.http_errors);

  const double window_s = std::chrono::duration<double>(end - measure_from).count();
  std::size_t committed_in_window = 0;
  std::vector<double> finality_ms;
  for (const Commit& commit : ledger.commits()) {
    if (commit.seen >= measure_from && commit.seen < end) ++committed_in_window;
    if (commit.submitted >= measure_from && commit.submitted < end) {
      finality_ms.push_back(ms_between(commit.submitted, commit.seen));
    }
  }
  std::size_t blocks_in_window = 0;
  std::size_t largest_block = 0;
  for (const BlockSeen& block : watcher.blocks()) {
    if (block.seen < measure_from || block.seen >= end) continue;
    ++blocks_in_window;
    largest_block = std::max(largest_block, block.ours);
  }
  std::sort(finality_ms.begin(), finality_ms.end());
  const double tps = static_cast<double>(committed_in_window) / window_s;
  fmt::print(
      "  committed: {} transfers in {:.1f} s = {:.0f} tx/s; {} blocks ({:.2f}/s, largest "
      "{} bench txs)\n",
      committed_in_window, window_s, tps, blocks_in_window,
      static_cast<double>(blocks_in_window) / window_s, largest_block);
  fmt::print(
      "  finality (submit -> block seen, poll {} ms): p50 {:.0f} ms, p99 {:.0f} ms, max {:.0f} "
      "ms over {} txs; {} still pending after a {} s drain; watcher errors {}\n",
      kPollInterval.count(), percentile(finality_ms, 0.5), percentile(finality_ms, 0.99),
      finality_ms.empty() ? 0.0 : finality_ms.back(), finality_ms.size(), ledger.pending(),
      kDrainLimit.count(), watcher.errors());
  fmt::print("  SPEC §4 target: >= 5000 tx/s and median finality < 1000 ms: {}\n",
             tps >= 5000 && !finality_ms.empty() && percentile(finality_ms, 0.5) < 1000
                 ? "met"
                 : "NOT met");
  return committed_in_window > 0 ? 0 : 1;
}

int write_keys(const std::string& dir, unsigned count) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    fmt::print(stderr, "devnet_bench: {}: {}\n", dir, ec.message());
    return 1;
  }
  mn::crypto::SodiumCryptoProvider crypto;
  for (unsigned i = 0; i < count; ++i) {
    const std::string path = fmt::format("{}/account_{:05}.json", dir, i);
    if (Status s = mn::node::write_key_file(path, mn::node::generate_key_pair(crypto));
        !s.is_ok()) {
      fmt::print(stderr, "devnet_bench: {}\n", s.message());
      return 1;
    }
  }
  return 0;
}

std::vector<std::string> split_urls(const std::string& text) {
  std::vector<std::string> urls;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const std::size_t comma = std::min(text.find(',', begin), text.size());
    if (comma > begin) urls.push_back(text.substr(begin, comma - begin));
    begin = comma + 1;
  }
  return urls;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string usage =
      "usage: devnet_bench keys --out DIR --count N\n"
      "       devnet_bench load --rpc URL[,URL...] --keys DIR [--seconds S] [--warmup S]\n"
      "                         [--window W] [--connections-per-node C] [--rate TX_PER_S]\n";
  if (argc < 2) {
    fmt::print(stderr, "{}", usage);
    return 2;
  }
  const std::string command = argv[1];
  LoadOptions load;
  std::string rpc;
  std::string out;
  unsigned count = 0;
  po::options_description flags;
  flags.add_options()("out", po::value(&out))("count", po::value(&count))("rpc", po::value(&rpc))(
      "keys", po::value(&load.keys_dir))("seconds", po::value(&load.seconds))(
      "warmup", po::value(&load.warmup))("window", po::value(&load.window))(
      "connections-per-node", po::value(&load.connections_per_node))("rate", po::value(&load.rate));
  try {
    po::variables_map values;
    po::store(po::command_line_parser(argc - 1, argv + 1).options(flags).run(), values);
    po::notify(values);
  } catch (const po::error& e) {
    fmt::print(stderr, "devnet_bench: {}\n{}", e.what(), usage);
    return 2;
  }
  if (command == "keys") {
    if (out.empty() || count == 0) {
      fmt::print(stderr, "devnet_bench: keys needs --out DIR and --count N > 0\n{}", usage);
      return 2;
    }
    return write_keys(out, count);
  }
  load.urls = split_urls(rpc);
  if (command != "load" || load.urls.empty() || load.keys_dir.empty() || load.seconds <= 0 ||
      load.warmup < 0 || load.warmup >= load.seconds || load.window == 0 ||
      load.connections_per_node == 0 || load.rate < 0) {
    fmt::print(stderr,
               "devnet_bench: load needs --rpc and --keys, 0 <= --warmup < --seconds, --window "
               "and --connections-per-node > 0, --rate >= 0\n{}",
               usage);
    return 2;
  }
  return run_load(load);
}
