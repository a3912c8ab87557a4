// OpenedBucket: one bucket a sealed bundle opens (SPEC 2.4): its id, its committed leaf (proven
// under the Verkle root by the bundle's multiproof) and the txids its leaf's topk_digest covers,
// which the client rehashes to check that digest. Plain value.
#pragma once

#include <vector>

#include "core/auction/bucket_leaf.h"
#include "core/runtime/types.h"

namespace mn::auction {

struct OpenedBucket {
  runtime::Hash32 bucket_id{};
  BucketLeaf leaf;
  // The bucket's first min(leaf.count, topk_digest_count) txids in pool order.
  std::vector<runtime::Hash32> topk;

  bool operator==(const OpenedBucket&) const = default;
};

}  // namespace mn::auction
