#include "core/ledger/account.h"

#include "core/codec/header.h"
#include "core/codec/reader.h"
#include "core/codec/writer.h"
#include "core/ledger/record_tags.h"

namespace mn::ledger {

namespace {
constexpr std::uint8_t kAccountVersion = 1;
}  // namespace

runtime::Bytes Account::encode() const {
  codec::Writer w;
  codec::write_header(w, kAccountTag, kAccountVersion);
  w.write_fixed(address);
  w.write_u64(balance);
  w.write_u64(nonce);
  w.write_bool(public_key.has_value());
  if (public_key) w.write_fixed(*public_key);
  return w.take();
}

runtime::Result<Account> Account::decode(runtime::ByteView bytes) {
  codec::Reader r(bytes);
  if (auto v = codec::read_header(r, kAccountTag, kAccountVersion); !v) return v.status();
  Account a;
  if (auto s = r.read_fixed(a.address); !s.is_ok()) return s;
  auto balance = r.read_u64();
  if (!balance) return balance.status();
  a.balance = *balance;
  auto nonce = r.read_u64();
  if (!nonce) return nonce.status();
  a.nonce = *nonce;
  auto has_key = r.read_bool();
  if (!has_key) return has_key.status();
  if (*has_key) {
    crypto::PublicKey key{};
    if (auto s = r.read_fixed(key); !s.is_ok()) return s;
    a.public_key = key;
  }
  if (auto s = r.finish(); !s.is_ok()) return s;
  return a;
}

}  // namespace mn::ledger
