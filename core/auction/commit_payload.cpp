#include "core/auction/commit_payload.h"

#include "core/auction/record_tags.h"
#include "core/codec/header.h"
#include "core/codec/reader.h"
#include "core/codec/writer.h"

namespace mn::auction {

runtime::Bytes CommitPayload::encode() const {
  codec::Writer w;
  codec::write_header(w, kCommitPayloadTag, 1);
  w.write_u64(window);
  w.write_fixed(commitment);
  w.write_u64(bond);
  w.write_fixed(partner);
  return w.take();
}

runtime::Result<CommitPayload> CommitPayload::decode(runtime::ByteView bytes) {
  codec::Reader r(bytes);
  if (auto v = codec::read_header(r, kCommitPayloadTag, 1); !v) return v.status();
  CommitPayload p;
  auto window = r.read_u64();
  if (!window) return window.status();
  p.window = *window;
  if (auto s = r.read_fixed(p.commitment); !s.is_ok()) return s;
  auto bond = r.read_u64();
  if (!bond) return bond.status();
  p.bond = *bond;
  if (auto s = r.read_fixed(p.partner); !s.is_ok()) return s;
  if (auto s = r.finish(); !s.is_ok()) return s;
  return p;
}

}  // namespace mn::auction
