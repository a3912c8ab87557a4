// Renders a MetricsRegistry in the Prometheus text exposition format 0.0.4, for GET /metrics.
// Every metric is its own family: "# TYPE <name> counter|gauge" then "<name> <value>". Names are
// sanitized to [a-zA-Z_:][a-zA-Z0-9_:]* (each other character becomes '_', a leading digit gets a
// '_' prefix) so a scraper never rejects the whole page for one odd name; if two names sanitize to
// the same one, only the first (counters before gauges, each in name order) is written, since a
// repeated family makes the page invalid. Pure functions.
#pragma once

#include <string>
#include <string_view>

#include "node/metrics_registry.h"

namespace mn::node {

inline constexpr std::string_view kPrometheusContentType =
    "text/plain; version=0.0.4; charset=utf-8";

std::string sanitize_metric_name(std::string_view name);

std::string render_prometheus(const MetricsRegistry& metrics);

}  // namespace mn::node
