#include "node/rpc_server.h"

#include <chrono>
#include <map>
#include <optional>
#include <utility>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace mn::node {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// Bytes the read buffer may hold: one maximal request plus a read-ahead chunk of the next.
constexpr std::size_t kReadAheadBytes = std::size_t{64} << 10;

bool is_parse_error(const boost::system::error_code& error) {
  return &error.category() == &http::make_error_code(http::error::bad_target).category();
}

}  // namespace

struct RpcServer::State : std::enable_shared_from_this<State> {
  struct Session;

  State(asio::io_context& io_context, RpcServerConfig server_config, RpcRouter& rpc_router,
        runtime::Metrics& rpc_metrics)
      : io(io_context),
        config(std::move(server_config)),
        router(rpc_router),
        metrics(rpc_metrics),
        acceptor(io_context),
        accept_retry(io_context) {}

  void accept_next();
  void on_accept(const boost::system::error_code& error, tcp::socket socket);
  void close_all();
  void update_gauge() {
    metrics.set("rpc_connections", static_cast<std::int64_t>(sessions.size()));
  }

  asio::io_context& io;
  RpcServerConfig config;
  RpcRouter& router;
  runtime::Metrics& metrics;
  tcp::acceptor acceptor;
  asio::steady_timer accept_retry;
  std::uint16_t local_port = 0;
  bool started = false;
  bool stopped = false;
  std::uint64_t next_session_id = 1;
  // Open connections, at most config.max_connections.
  std::map<std::uint64_t, std::weak_ptr<Session>> sessions;
};

struct RpcServer::State::Session : std::enable_shared_from_this<Session> {
  Session(std::shared_ptr<State> server_state, tcp::socket socket, std::uint64_t session_id)
      : state(std::move(server_state)),
        stream(std::move(socket)),
        buffer(state->config.max_body_bytes + kRpcMaxHeaderBytes + kReadAheadBytes),
        id(session_id) {
    boost::system::error_code error;
    const tcp::endpoint remote = stream.socket().remote_endpoint(error);
    if (!error) client = remote.address().to_string();
  }

  void read_next() {
    parser.emplace();
    parser->body_limit(state->config.max_body_bytes);
    parser->header_limit(static_cast<std::uint32_t>(kRpcMaxHeaderBytes));
    stream.expires_after(std::chrono::milliseconds(state->config.read_timeout_ms));
    http::async_read(stream, buffer, *parser,
                     [self = shared_from_this()](const boost::system::error_code& error,
                                                 std::size_t) { self->on_read(error); });
  }

  void on_read(const boost::system::error_code& error) {
    if (state->stopped) return;
    if (error == http::error::body_limit) {
      state->metrics.add("rpc_malformed_requests_total", 1);
      respond(RpcRouter::error(413, "body_too_large", "request body exceeds the limit"), false);
      return;
    }
    if (error == http::error::header_limit) {
      state->metrics.add("rpc_malformed_requests_total", 1);
      respond(RpcRouter::error(431, "headers_too_large", "request headers exceed the limit"),
              false);
      return;
    }
    if (error == beast::error::timeout) {
      state->metrics.add("rpc_timeouts_total", 1);
      close();
      return;
    }
    // A partial request before the client went away is its choice; the stream just ends.
    if (error && is_parse_error(error) && error != http::error::end_of_stream &&
        error != http::error::partial_message) {
      state->metrics.add("rpc_malformed_requests_total", 1);
      respond(RpcRouter::error(400, "bad_request", "malformed HTTP request"), false);
      return;
    }
    if (error) {
      close();
      return;
    }
    const auto& request = parser->get();
    state->metrics.add("rpc_requests_total", 1);
    const auto method = request.method_string();
    const auto target = request.target();
    const RpcRequest rpc{.method = std::string_view(method.data(), method.size()),
                         .target = std::string_view(target.data(), target.size()),
                         .body = request.body(),
                         .client = client};
    respond(state->router.handle(rpc), request.keep_alive());
  }

  void respond(const RpcResponse& answer, bool keep_alive) {
    if (answer.status >= 500) {
      state->metrics.add("rpc_responses_5xx_total", 1);
    } else if (answer.status >= 400) {
      state->metrics.add("rpc_responses_4xx_total", 1);
    }
    response.emplace();
    response->result(answer.status);
    response->version(11);
    response->set(http::field::content_type, answer.content_type);
    if (!answer.allow.empty()) response->set(http::field::allow, answer.allow);
    response->keep_alive(keep_alive);
    response->body() = answer.body;
    response->prepare_payload();
    stream.expires_after(std::chrono::milliseconds(state->config.write_timeout_ms));
    http::async_write(stream, *response,
                      [self = shared_from_this(), keep_alive](
                          const boost::system::error_code& error, std::size_t) {
                        self->on_write(error, keep_alive);
                      });
  }

  void on_write(const boost::system::error_code& error, bool keep_alive) {
    if (state->stopped) return;
    if (error == beast::error::timeout) state->metrics.add("rpc_timeouts_total", 1);
    if (error || !keep_alive) {
      close();
      return;
    }
    read_next();
  }

  void close() {
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream.socket().close(ignored);
    if (state->sessions.erase(id) != 0) state->update_gauge();
  }

  std::shared_ptr<State> state;
  beast::tcp_stream stream;
  beast::flat_buffer buffer;
  std::optional<http::request_parser<http::string_body>> parser;
  std::optional<http::response<http::string_body>> response;
  std::string client;
  std::uint64_t id;
};

void RpcServer::State::accept_next() {
  acceptor.async_accept(
      [self = shared_from_this()](const boost::system::error_code& error, tcp::socket socket) {
        self->on_accept(error, std::move(socket));
      });
}

void RpcServer::State::on_accept(const boost::system::error_code& error, tcp::socket socket) {
  if (stopped) return;
  if (error) {
    metrics.add("rpc_accept_errors_total", 1);
    accept_retry.expires_after(std::chrono::milliseconds(kRpcAcceptRetryDelayMs));
    accept_retry.async_wait([self = shared_from_this()](const boost::system::error_code& wait) {
      if (!wait && !self->stopped) self->accept_next();
    });
    return;
  }
  if (sessions.size() >= config.max_connections) {
    metrics.add("rpc_connections_refused_total", 1);
    boost::system::error_code ignored;
    socket.close(ignored);
  } else {
    metrics.add("rpc_connections_accepted_total", 1);
    const std::uint64_t id = next_session_id++;
    auto session = std::make_shared<Session>(shared_from_this(), std::move(socket), id);
    sessions.emplace(id, session);
    update_gauge();
    session->read_next();
  }
  accept_next();
}

void RpcServer::State::close_all() {
  boost::system::error_code ignored;
  acceptor.close(ignored);
  accept_retry.cancel();
  for (auto& [id, weak] : sessions) {
    if (auto session = weak.lock()) {
      session->stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
      session->stream.socket().close(ignored);
    }
  }
  sessions.clear();
}

RpcServer::RpcServer(asio::io_context& io, RpcServerConfig config, RpcRouter& router,
                     runtime::Metrics& metrics)
    : m_state(std::make_shared<State>(io, std::move(config), router, metrics)) {}

RpcServer::~RpcServer() {
  stop();
}

runtime::Status RpcServer::start() {
  State& state = *m_state;
  if (state.started) return {runtime::ErrorCode::kInvalidArgument, "RPC server already started"};
  if (state.config.max_connections == 0 || state.config.read_timeout_ms <= 0 ||
      state.config.write_timeout_ms <= 0) {
    return {runtime::ErrorCode::kInvalidArgument, "RPC server bounds must be positive"};
  }
  boost::system::error_code error;
  const asio::ip::address address = asio::ip::make_address(state.config.bind_host, error);
  if (error) {
    return {runtime::ErrorCode::kInvalidArgument,
            "bad RPC bind address: " + state.config.bind_host};
  }
  const tcp::endpoint endpoint(address, state.config.bind_port);
  state.acceptor.open(endpoint.protocol(), error);
  if (!error) state.acceptor.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) state.acceptor.bind(endpoint, error);
  if (!error) state.acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    boost::system::error_code ignored;
    state.acceptor.close(ignored);
    return {runtime::ErrorCode::kIoError, "cannot listen for RPC: " + error.message()};
  }
  state.local_port = state.acceptor.local_endpoint(error).port();
  state.started = true;
  state.accept_next();
  return runtime::Status::ok();
}

void RpcServer::stop() {
  if (m_state->stopped) return;
  m_state->stopped = true;
  m_state->close_all();
}

std::uint16_t RpcServer::local_port() const {
  return m_state->local_port;
}

std::size_t RpcServer::open_connections() const {
  return m_state->sessions.size();
}

}  // namespace mn::node
