// A minimal HTTP/1.1 client for the metanode RPC commands: one request per connection to an
// `http://host:port[/prefix]` URL, bounded by a timeout for the whole exchange and by a response
// body limit. Failures are values: kInvalidArgument for a URL it cannot use, kIoError for a node
// that cannot be reached or does not answer in time.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "core/runtime/result.h"

namespace mn::node::cli {

inline constexpr std::chrono::milliseconds kHttpTimeout{10'000};
inline constexpr std::uint64_t kMaxHttpResponseBytes = std::uint64_t{8} << 20;

struct HttpReply {
  unsigned status = 0;
  std::string body;
};

class HttpClient {
 public:
  // kInvalidArgument unless `url` is http://host:port with an optional path prefix.
  static runtime::Result<HttpClient> create(const std::string& url);

  // `target` starts with '/' and is appended to the URL's prefix; a non-empty `body` is sent as
  // application/json.
  runtime::Result<HttpReply> get(const std::string& target) const;
  runtime::Result<HttpReply> post(const std::string& target, const std::string& body) const;

 private:
  HttpClient(std::string host, std::string port, std::string prefix);
  runtime::Result<HttpReply> request(bool post, const std::string& target,
                                     const std::string& body) const;

  std::string m_host;
  std::string m_port;
  std::string m_prefix;
};

}  // namespace mn::node::cli
