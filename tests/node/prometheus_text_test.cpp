#include "node/prometheus_text.h"

#include <gtest/gtest.h>

namespace mn::node {
namespace {

TEST(PrometheusTextTest, RendersCountersThenGaugesWithHelpAndTypeLines) {
  MetricsRegistry metrics;
  metrics.add("rpc_requests_total", 7);
  metrics.add("p2p_frames_sent_total", 2);
  metrics.set("p2p_peers", -1);
  EXPECT_EQ(render_prometheus(metrics),
            "# HELP p2p_frames_sent_total Authenticated frames sent.\n"
            "# TYPE p2p_frames_sent_total counter\n"
            "p2p_frames_sent_total 2\n"
            "# HELP rpc_requests_total RPC requests answered.\n"
            "# TYPE rpc_requests_total counter\n"
            "rpc_requests_total 7\n"
            "# HELP p2p_peers Connected peers.\n"
            "# TYPE p2p_peers gauge\n"
            "p2p_peers -1\n");
}

TEST(PrometheusTextTest, AValueRecordedInNanosecondsIsShownInTheSecondsItsNameSays) {
  MetricsRegistry metrics;
  metrics.set("node_block_interval_seconds", 250'000'000);
  EXPECT_EQ(render_prometheus(metrics),
            "# HELP node_block_interval_seconds Seconds between the last two committed blocks.\n"
            "# TYPE node_block_interval_seconds gauge\n"
            "node_block_interval_seconds 0.25\n");
}

TEST(PrometheusTextTest, EmptyRegistryRendersNothing) {
  EXPECT_EQ(render_prometheus(MetricsRegistry{}), "");
}

TEST(PrometheusTextTest, SanitizesNamesToTheMetricNameGrammar) {
  EXPECT_EQ(sanitize_metric_name("ok_name:sub"), "ok_name:sub");
  EXPECT_EQ(sanitize_metric_name("a.b-c d"), "a_b_c_d");
  EXPECT_EQ(sanitize_metric_name("9lives"), "_9lives");
  EXPECT_EQ(sanitize_metric_name(""), "_");
  EXPECT_EQ(sanitize_metric_name("\xff\n"), "__");
}

TEST(PrometheusTextTest, NamesThatCollideAfterSanitizingAreWrittenOnce) {
  MetricsRegistry metrics;
  metrics.add("a.b", 1);
  metrics.add("a_b", 2);
  metrics.set("a-b", 3);
  EXPECT_EQ(render_prometheus(metrics),
            "# HELP a_b Not described in node/metric_catalogue.cpp.\n# TYPE a_b counter\na_b 1\n");
}

}  // namespace
}  // namespace mn::node
