#include "core/auction/builder_equivocation_evidence.h"

#include <cstddef>
#include <variant>

#include "core/auction/record_tags.h"
#include "core/codec/header.h"
#include "core/codec/reader.h"
#include "core/codec/writer.h"

namespace mn::auction {

namespace {

struct Fields {
  std::uint64_t height;
  const crypto::PublicKey* builder;
  const runtime::Hash32* payload_commitment;
};

Fields fields_of(const BuilderStatement& statement) {
  return std::visit(
      [](const auto& s) {
        return Fields{s.height, &s.builder, &s.payload_commitment};
      },
      statement);
}

bool signature_ok(const BuilderStatement& statement, crypto::CryptoProvider& crypto) {
  return std::visit([&crypto](const auto& s) { return s.verify(crypto); }, statement);
}

constexpr std::uint8_t kBidKind = 0;
constexpr std::uint8_t kRevealKind = 1;
constexpr std::size_t kMaxStatementBytes = 256;

void write_statement(codec::Writer& w, const BuilderStatement& statement) {
  w.write_u8(std::holds_alternative<BuilderBid>(statement) ? kBidKind : kRevealKind);
  w.write_bytes(std::visit([](const auto& s) { return s.encode(); }, statement));
}

runtime::Result<BuilderStatement> read_statement(codec::Reader& r) {
  auto kind = r.read_u8();
  if (!kind) return kind.status();
  auto bytes = r.read_bytes_view(kMaxStatementBytes);
  if (!bytes) return bytes.status();
  if (*kind == kBidKind) {
    auto bid = BuilderBid::decode(*bytes);
    if (!bid) return bid.status();
    return BuilderStatement{*bid};
  }
  if (*kind == kRevealKind) {
    auto reveal = PayloadReveal::decode(*bytes);
    if (!reveal) return reveal.status();
    return BuilderStatement{*reveal};
  }
  return runtime::Status(runtime::ErrorCode::kInvalidArgument, "unknown builder statement kind");
}

}  // namespace

runtime::Bytes BuilderEquivocationEvidence::encode() const {
  codec::Writer w;
  codec::write_header(w, kBuilderEvidenceTag, 1);
  write_statement(w, first);
  write_statement(w, second);
  return w.take();
}

runtime::Result<BuilderEquivocationEvidence> BuilderEquivocationEvidence::decode(
    runtime::ByteView bytes) {
  codec::Reader r(bytes);
  if (auto v = codec::read_header(r, kBuilderEvidenceTag, 1); !v) return v.status();
  auto first = read_statement(r);
  if (!first) return first.status();
  auto second = read_statement(r);
  if (!second) return second.status();
  if (auto s = r.finish(); !s.is_ok()) return s;
  return BuilderEquivocationEvidence{*first, *second};
}

runtime::Status BuilderEquivocationEvidence::verify(crypto::CryptoProvider& crypto) const {
  const Fields a = fields_of(first);
  const Fields b = fields_of(second);
  if (*a.builder != *b.builder)
    return runtime::Status(runtime::ErrorCode::kInvalidArgument, "different builders");
  if (a.height != b.height)
    return runtime::Status(runtime::ErrorCode::kInvalidArgument, "different heights");
  if (*a.payload_commitment == *b.payload_commitment)
    return runtime::Status(runtime::ErrorCode::kInvalidArgument, "same payload commitment");
  if (!signature_ok(first, crypto) || !signature_ok(second, crypto))
    return runtime::Status(runtime::ErrorCode::kBadSignature, "statement signature");
  return runtime::Status::ok();
}

const crypto::PublicKey& BuilderEquivocationEvidence::builder() const {
  return *fields_of(first).builder;
}

std::uint64_t BuilderEquivocationEvidence::height() const {
  return fields_of(first).height;
}

}  // namespace mn::auction
