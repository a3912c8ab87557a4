#include "core/consensus/finalized_block_cache.h"

#include "core/crypto/counting_crypto_provider.h"
#include "core/runtime/assert.h"

namespace mn::consensus {

FinalizedBlockCache::FinalizedBlockCache(std::uint64_t window_heights)
    : m_entries(window_heights) {}

runtime::Result<FinalizedBlock> FinalizedBlockCache::decode(const runtime::MessagePtr& message) {
  if (const Entry* entry = m_entries.find(message->id())) return entry->block;
  auto decoded = decode_finalized_block(message);
  if (decoded) entry_for(*decoded);
  return decoded;
}

bool FinalizedBlockCache::certificate_valid(const FinalizedBlock& finalized,
                                            const ValidatorSet& set,
                                            crypto::CryptoProvider& crypto) {
  MN_ASSERT(finalized.message != nullptr);
  Entry* entry = entry_for(finalized);
  if (entry != nullptr) {
    if (const auto it = entry->verdicts.find(set.hash()); it != entry->verdicts.end()) {
      crypto.account(it->second.work);
      return it->second.valid;
    }
  }
  crypto::CountingCryptoProvider counting(crypto);
  const bool valid = finalized.certificate->verify(set, counting);
  if (entry != nullptr) entry->verdicts.emplace(set.hash(), Verdict{valid, counting.work()});
  return valid;
}

FinalizedBlockCache::Entry* FinalizedBlockCache::entry_for(const FinalizedBlock& finalized) {
  return m_entries.insert(finalized.block->header.height, finalized.message->id(),
                          Entry{finalized, {}});
}

}  // namespace mn::consensus
