#include "core/slashing/offence.h"

#include "core/codec/header.h"
#include "core/codec/writer.h"
#include "core/crypto/hash.h"
#include "core/slashing/record_tags.h"

namespace mn::slashing {

const char* offence_name(OffenceKind kind) {
  switch (kind) {
    case OffenceKind::kDoubleSign:
      return "double_sign";
    case OffenceKind::kInvalidVote:
      return "invalid_vote";
    case OffenceKind::kCensorship:
      return "censorship";
  }
  return "unknown";
}

runtime::Hash32 Offence::id() const {
  codec::Writer w;
  codec::write_header(w, kOffenceIdTag, 1);
  w.write_u8(static_cast<std::uint8_t>(kind));
  w.write_fixed(offender);
  w.write_u64(height);
  w.write_u32(round);
  return crypto::blake2b_256(w.view());
}

}  // namespace mn::slashing
