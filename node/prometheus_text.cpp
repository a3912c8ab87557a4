#include "node/prometheus_text.h"

#include <array>
#include <cstdio>
#include <set>

#include "node/metric_catalogue.h"

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
    const MetricInfo* info = find_metric(clean);
    out += "# HELP ";
    out += clean;
    out += ' ';
    out += info != nullptr ? info->help : "Not described in node/metric_catalogue.cpp.";
    out += '\n';
    out += "# TYPE ";
    out += clean;
    out += ' ';
    out += type;
    out += '\n';
    out += clean;
    out += ' ';
    if (info != nullptr && info->scale != 1.0) {
      std::array<char, 32> text{};
      std::snprintf(text.data(), text.size(), "%.9g", static_cast<double>(value) * info->scale);
      out += text.data();
    } else {
      out += std::to_string(value);
    }
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
