#include "core/auction/pool_cancel_payload.h"

#include "core/auction/record_tags.h"
#include "core/codec/header.h"
#include "core/codec/reader.h"
#include "core/codec/writer.h"

namespace mn::auction {

runtime::Bytes PoolCancelPayload::encode() const {
  codec::Writer w;
  codec::write_header(w, kPoolCancelPayloadTag, 1);
  w.write_u64(window);
  w.write_u64(nonce);
  return w.take();
}

runtime::Result<PoolCancelPayload> PoolCancelPayload::decode(runtime::ByteView bytes) {
  codec::Reader r(bytes);
  if (auto v = codec::read_header(r, kPoolCancelPayloadTag, 1); !v) return v.status();
  PoolCancelPayload p;
  auto window = r.read_u64();
  if (!window) return window.status();
  p.window = *window;
  auto nonce = r.read_u64();
  if (!nonce) return nonce.status();
  p.nonce = *nonce;
  if (auto s = r.finish(); !s.is_ok()) return s;
  return p;
}

}  // namespace mn::auction
