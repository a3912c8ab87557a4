#include "core/auction/reveal_payload.h"

#include <utility>

#include "core/auction/record_tags.h"
#include "core/codec/header.h"
#include "core/codec/reader.h"
#include "core/codec/writer.h"

namespace mn::auction {

runtime::Bytes RevealPayload::encode() const {
  codec::Writer w;
  codec::write_header(w, kRevealPayloadTag, 1);
  w.write_u64(window);
  w.write_bytes(tx_core);
  w.write_bytes(salt);
  return w.take();
}

runtime::Result<RevealPayload> RevealPayload::decode(runtime::ByteView bytes) {
  codec::Reader r(bytes);
  if (auto v = codec::read_header(r, kRevealPayloadTag, 1); !v) return v.status();
  RevealPayload p;
  auto window = r.read_u64();
  if (!window) return window.status();
  p.window = *window;
  auto tx_core = r.read_bytes(kMaxRevealTxCoreBytes);
  if (!tx_core) return tx_core.status();
  p.tx_core = std::move(*tx_core);
  auto salt = r.read_bytes(kMaxRevealSaltBytes);
  if (!salt) return salt.status();
  p.salt = std::move(*salt);
  if (auto s = r.finish(); !s.is_ok()) return s;
  return p;
}

}  // namespace mn::auction
