#include "core/consensus/proposal_cache.h"

namespace mn::consensus {

runtime::Result<Proposal> ProposalCache::decode(const runtime::MessagePtr& message) {
  if (const Proposal* known = m_entries.find(message->id())) return *known;
  auto decoded = decode_proposal(message->payload);
  if (decoded) m_entries.insert(decoded->height(), message->id(), *decoded);
  return decoded;
}

}  // namespace mn::consensus
