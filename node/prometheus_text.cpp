#include "node/prometheus_text.h"

#include <set>

namespace mn::node {
namespace {

bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}

bool is_name_char(char c) {
  return is_name_start(c) || (c >= '0' && c <= '9');
}

void render_family(std::string& out, std::set<std::string, std::less<>>& written,
                   const MetricsRegistry::Values& values, std::string_view type) {
  for (const auto& [name, value] : values) {
    std::string clean = sanitize_metric_name(name);
    if (!written.insert(clean).second) continue;
    out += "# TYPE ";
    out += clean;
    out += ' ';
    out += type;
    out += '\n';
    out += clean;
    out += ' ';
    out += std::to_string(value);
    out += '\n';
  }
}

}  // namespace

std::string sanitize_metric_name(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 1);
  // A digit may follow the first character but not be it; an empty name still needs a character.
  if (name.empty() || (name.front() >= '0' && name.front() <= '9')) out += '_';
  for (char c : name) out += is_name_char(c) ? c : '_';
  return out;
}

std::string render_prometheus(const MetricsRegistry& metrics) {
  std::string out;
  std::set<std::string, std::less<>> written;
  render_family(out, written, metrics.counters(), "counter");
  render_family(out, written, metrics.gauges(), "gauge");
  return out;
}

}  // namespace mn::node
