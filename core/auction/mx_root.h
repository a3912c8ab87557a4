// mx_root_of: the Mx-Verkle pool's top commitment (SPEC 2.4),
// mx_root = blake2b_256(verkle_root encoding (32) || merkle_mesh_root (32)). One rule, used by
// MxPool::commit_window and by verify_bundle. Pure.
#pragma once

#include "core/runtime/types.h"

namespace mn::auction {

runtime::Hash32 mx_root_of(const runtime::Hash32& verkle_root, const runtime::Hash32& mesh_root);

}  // namespace mn::auction
