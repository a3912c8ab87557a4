// PartnerChainSpec: a partner chain of a scenario (economics.auction.partner_chains[i]): its name
// and the share of the honest bidders' commits that name it. The chain itself (its 32-byte id and
// payout address) is derived from the name alone by partner_chain_named, so a scenario registers
// it at genesis (economics.auction.partners[i], same order) without spelling out keys, and the
// same name is the same chain in every run. Pure.
#pragma once

#include <string>
#include <string_view>

#include "core/auction/auction_params.h"

namespace mn::sim {

struct PartnerChainSpec {
  std::string name;
  double weight = 0.0;  // share of the honest bidders' commits naming it, in (0, 1]
};

// id = BLAKE2b-256("metasim/partner_chain/id/" || name); payout = the first 20 bytes of
// BLAKE2b-256("metasim/partner_chain/payout/" || name): an address no key is known for, so only
// the revenue split ever credits it.
auction::PartnerChain partner_chain_named(std::string_view name);

}  // namespace mn::sim
