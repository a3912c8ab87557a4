#include "core/auction/builder_equivocation_evidence.h"

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

}  // namespace

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
