#include "node/main/http_client.h"

#include <optional>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "node/main/cli_support.h"

namespace mn::node::cli {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using runtime::ErrorCode;
using runtime::Status;

constexpr std::string_view kScheme = "http://";

}  // namespace

runtime::Result<HttpClient> HttpClient::create(const std::string& url) {
  if (url.rfind(kScheme, 0) != 0)
    return Status(ErrorCode::kInvalidArgument, "--rpc '" + url + "': expected http://host:port");
  std::string rest = url.substr(kScheme.size());
  std::string prefix;
  if (const std::size_t slash = rest.find('/'); slash != std::string::npos) {
    prefix = rest.substr(slash);
    rest.resize(slash);
    while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  }
  const std::size_t colon = rest.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == rest.size())
    return Status(ErrorCode::kInvalidArgument, "--rpc '" + url + "': expected http://host:port");
  std::string host = rest.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  auto port = parse_u64(rest.substr(colon + 1), "--rpc port");
  if (!port || *port == 0 || *port > 65535)
    return Status(ErrorCode::kInvalidArgument, "--rpc '" + url + "': bad port");
  return HttpClient(std::move(host), std::to_string(*port), std::move(prefix));
}

HttpClient::HttpClient(std::string host, std::string port, std::string prefix)
    : m_host(std::move(host)), m_port(std::move(port)), m_prefix(std::move(prefix)) {}

runtime::Result<HttpReply> HttpClient::get(const std::string& target) const {
  return request(false, target, {});
}

runtime::Result<HttpReply> HttpClient::post(const std::string& target,
                                            const std::string& body) const {
  return request(true, target, body);
}

runtime::Result<HttpReply> HttpClient::request(bool post, const std::string& target,
                                               const std::string& body) const {
  asio::io_context io;
  asio::ip::tcp::resolver resolver(io);
  beast::tcp_stream stream(io);
  beast::flat_buffer buffer;
  http::request<http::string_body> request(post ? http::verb::post : http::verb::get,
                                           m_prefix + target, 11);
  request.set(http::field::host, m_host + ":" + m_port);
  request.set(http::field::user_agent, "metanode");
  if (post) {
    request.set(http::field::content_type, "application/json");
    request.body() = body;
  }
  request.prepare_payload();
  http::response_parser<http::string_body> parser;
  parser.body_limit(kMaxHttpResponseBytes);

  // One chain of asynchronous steps, so the stream's deadline bounds every one of them.
  std::optional<beast::error_code> failure;
  const auto deadline = std::chrono::steady_clock::now() + kHttpTimeout;
  const auto finish = [&failure](beast::error_code error) { failure = error; };
  resolver.async_resolve(
      m_host, m_port,
      [&](beast::error_code error, const asio::ip::tcp::resolver::results_type& results) {
        if (error) return finish(error);
        stream.expires_at(deadline);
        stream.async_connect(results, [&](beast::error_code error2, const auto&) {
          if (error2) return finish(error2);
          http::async_write(stream, request, [&](beast::error_code error3, std::size_t) {
            if (error3) return finish(error3);
            http::async_read(stream, buffer, parser,
                             [&](beast::error_code error4, std::size_t) { finish(error4); });
          });
        });
      });
  io.run_until(deadline + std::chrono::milliseconds(100));
  const std::string where = "http://" + m_host + ":" + m_port;
  if (!failure) return Status(ErrorCode::kIoError, where + ": no answer in time");
  if (*failure) {
    const std::string reason =
        *failure == beast::error::timeout ? "no answer in time" : failure->message();
    return Status(ErrorCode::kIoError, "cannot reach the node at " + where + ": " + reason);
  }
  beast::error_code ignored;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  return HttpReply{parser.get().result_int(), parser.get().body()};
}

}  // namespace mn::node::cli
