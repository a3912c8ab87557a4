#include "sim/gossip_probe.h"

#include "core/codec/header.h"
#include "core/codec/reader.h"
#include "core/codec/writer.h"

namespace mn::sim {

namespace {
constexpr std::uint16_t kProbeTypeTag = 0x5001;
constexpr std::uint8_t kProbeVersion = 1;
// The probe's signed fields and its filler are bounded so a hostile payload cannot make a node
// allocate without limit.
constexpr std::size_t kMaxFillerBytes = 1 << 20;
}  // namespace

void GossipProbe::originate() {
  const std::uint64_t index =
      m_context.tracker->on_originated(m_env.self(), m_context.global_now());
  codec::Writer w;
  codec::write_header(w, kProbeTypeTag, kProbeVersion);
  w.write_u32(m_env.self());
  w.write_u64(index);
  w.write_i64(m_env.now());
  const std::size_t fixed = w.size() + 4 + crypto::Signature{}.size();
  const std::size_t filler = m_context.payload_bytes > fixed ? m_context.payload_bytes - fixed : 0;
  w.write_bytes(runtime::Bytes(filler, 0));
  const crypto::Signature signature = m_env.crypto().sign(m_key_pair.secret_key, w.view());
  w.write_fixed(signature);
  m_env.broadcast(runtime::make_message(kGossipProbeKind, w.take()));
  m_env.metrics().add("probes_originated_total", 1);
}

void GossipProbe::on_message(NodeId, const runtime::MessagePtr& message) {
  if (message->kind != kGossipProbeKind) return;
  const runtime::ByteView payload(message->payload);
  constexpr std::size_t kSignatureBytes = crypto::Signature{}.size();
  if (payload.size() < kSignatureBytes) {
    m_env.metrics().add("probes_malformed_total", 1);
    return;
  }
  const runtime::ByteView signed_part = payload.first(payload.size() - kSignatureBytes);
  codec::Reader r(signed_part);
  auto header = codec::read_header(r, kProbeTypeTag, kProbeVersion);
  auto origin = r.read_u32();
  auto index = r.read_u64();
  auto sent = r.read_i64();
  auto filler = r.read_bytes_view(kMaxFillerBytes);
  if (!header || !origin || !index || !sent || !filler || !r.finish().is_ok() ||
      *origin >= m_context.directory->size()) {
    m_env.metrics().add("probes_malformed_total", 1);
    return;
  }
  crypto::Signature signature{};
  std::copy(payload.end() - kSignatureBytes, payload.end(), signature.begin());
  if (!m_env.crypto().verify((*m_context.directory)[*origin], signed_part, signature)) {
    m_env.metrics().add("probes_bad_signature_total", 1);
    return;
  }
  m_env.metrics().add("probes_accepted_total", 1);
  m_context.tracker->on_delivered(m_env.self(), *index, m_context.global_now());
}

}  // namespace mn::sim
