// The auction's part of the run outputs: summary.json's metrics.auction (the bidder and builder
// streams' counts, refusals by reason, forfeited bonds, the honest bids' inclusion latency, the
// windows' seal latency and clearing price, and `partners`, by name, each partner chain's revenue
// and contribution) and run.h5's /auction (one row per window the honest chain settled or carried
// a bundle for) and /auction/partners (one row per partner chain). Written only for a run with
// auction activity.
#pragma once

#include <nlohmann/json.hpp>

#include "sim/output/h5_file.h"
#include "sim/output/h5_sections.h"
#include "sim/run_report.h"

namespace mn::sim {

// True if the run's auction section holds anything to write.
bool has_auction_activity(const RunReport& report);
void write_auction_summary(const RunReport& report, nlohmann::json& metrics);
void write_auction_h5(H5File& f, StatusChain& chain, const RunReport& report);

}  // namespace mn::sim
