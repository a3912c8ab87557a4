#include "sim/scenario/partner_chain_spec.h"

#include <algorithm>

#include "core/crypto/hash.h"

namespace mn::sim {

namespace {

runtime::Hash32 tagged_hash(std::string_view tag, std::string_view name) {
  runtime::Bytes text(tag.begin(), tag.end());
  text.insert(text.end(), name.begin(), name.end());
  return crypto::blake2b_256(text);
}

}  // namespace

auction::PartnerChain partner_chain_named(std::string_view name) {
  auction::PartnerChain chain;
  chain.id = tagged_hash("metasim/partner_chain/id/", name);
  const runtime::Hash32 payout = tagged_hash("metasim/partner_chain/payout/", name);
  std::copy_n(payout.begin(), chain.payout.size(), chain.payout.begin());
  return chain;
}

}  // namespace mn::sim
