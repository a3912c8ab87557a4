#include "sim/adversary/adversary_registry.h"

#include <array>

#include "core/runtime/assert.h"
#include "sim/adversary/censor_poe_adversary.h"
#include "sim/adversary/coalition_adversary.h"
#include "sim/adversary/delay_adversary.h"
#include "sim/adversary/ignore_highest_bid_adversary.h"
#include "sim/adversary/invalid_proposal_adversary.h"
#include "sim/adversary/silent_adversary.h"
#include "sim/adversary/withhold_votes_adversary.h"

namespace mn::sim {

namespace {

const std::array<AdversaryParam, 1> kDelayParams = {{{"delay_ms", &AdversarySpec::delay}}};

const std::array<AdversaryKind, 9> kKinds = {{
    {"silent", AdversaryBehavior::kSilent, false, &SilentAdversary::make, {}},
    {"equivocate", AdversaryBehavior::kEquivocate, true, &CoalitionAdversary::make, {}},
    {"double_sign", AdversaryBehavior::kDoubleSign, true, &CoalitionAdversary::make, {}},
    {"withhold_votes", AdversaryBehavior::kWithholdVotes, false, &WithholdVotesAdversary::make, {}},
    {"delay", AdversaryBehavior::kDelay, false, &DelayAdversary::make, kDelayParams},
    {"invalid_proposal",
     AdversaryBehavior::kInvalidProposal,
     false,
     &InvalidProposalAdversary::make,
     {}},
    {"twins", AdversaryBehavior::kTwins, false, nullptr, {}},
    {"censor_poe", AdversaryBehavior::kCensorPoe, false, &CensorPoeAdversary::make, {}},
    {"ignore_highest_bid",
     AdversaryBehavior::kIgnoreBestBid,
     false,
     &IgnoreHighestBidAdversary::make,
     {}},
}};

}  // namespace

std::span<const AdversaryKind> adversary_kinds() {
  return kKinds;
}

const AdversaryKind& adversary_kind(AdversaryBehavior behavior) {
  for (const AdversaryKind& kind : kKinds) {
    if (kind.behavior == behavior) return kind;
  }
  MN_ASSERT_MSG(false, "every AdversaryBehavior has an entry in the registry");
  return kKinds.front();
}

std::optional<AdversaryBehavior> adversary_behavior_named(std::string_view name) {
  for (const AdversaryKind& kind : kKinds) {
    if (kind.name == name) return kind.behavior;
  }
  return std::nullopt;
}

}  // namespace mn::sim
