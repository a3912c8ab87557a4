#include "node/genesis_file.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/auction/auction_params.h"
#include "core/codec/hex.h"
#include "core/ledger/address.h"

namespace mn::node {

namespace {

using nlohmann::json;
using runtime::ErrorCode;
using runtime::Status;

Status error_at(const std::string& path, const std::string& what,
                ErrorCode code = ErrorCode::kInvalidArgument) {
  std::string message = path;
  message.append(": ").append(what);
  return Status(code, std::move(message));
}

// `key` inside the object at `path` ("" for the root).
std::string child(const std::string& path, std::string_view key) {
  std::string out = path;
  if (!out.empty()) out += '.';
  out += key;
  return out;
}

// Every key of `object` must be one of `allowed`.
Status only_keys(const json& object, const std::string& path,
                 std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : object.items()) {
    bool known = false;
    for (std::string_view name : allowed) known = known || key == name;
    if (!known) return error_at(child(path, key), "unknown key");
  }
  return Status::ok();
}

runtime::Result<const json*> member(const json& object, const std::string& path,
                                    const std::string& key) {
  const auto it = object.find(key);
  if (it == object.end()) return error_at(child(path, key), "missing");
  return &*it;
}

runtime::Result<std::uint64_t> read_u64(const json& value, const std::string& path) {
  if (!value.is_number_unsigned() && !(value.is_number_integer() && value.get<std::int64_t>() >= 0))
    return error_at(path, "expected an unsigned 64-bit integer");
  return value.get<std::uint64_t>();
}

runtime::Result<crypto::PublicKey> read_public_key(const json& entry, const std::string& path) {
  auto value = member(entry, path, "public_key");
  if (!value) return value.status();
  if (!(*value)->is_string()) return error_at(child(path, "public_key"), "expected a hex string");
  auto key = codec::from_hex_array<32>((*value)->get<std::string>());
  if (!key) return error_at(child(path, "public_key"), "expected 32 bytes of hex (64 characters)");
  if (const auto address = entry.find("address"); address != entry.end()) {
    if (!address->is_string())
      return error_at(child(path, "address"), "expected an address string");
    auto decoded = ledger::decode_address(address->get<std::string>());
    if (!decoded) return error_at(child(path, "address"), decoded.status().message());
    if (*decoded != ledger::address_from_public_key(*key))
      return error_at(child(path, "address"), "is not the address of public_key");
  }
  return *key;
}

// Reads `array_key` of `root` as entries {public_key, address?, <amount_key>}.
template <typename Entry>
Status read_entries(const json& root, const std::string& array_key, const std::string& amount_key,
                    std::vector<Entry>& out) {
  auto array = member(root, "", array_key);
  if (!array) return array.status();
  if (!(*array)->is_array()) return error_at(array_key, "expected an array");
  for (std::size_t i = 0; i < (*array)->size(); ++i) {
    const json& entry = (**array)[i];
    std::string path = array_key;
    path.append("[").append(std::to_string(i)).append("]");
    if (!entry.is_object()) return error_at(path, "expected an object");
    const std::string_view amount_name = amount_key;
    if (auto s = only_keys(entry, path, {"public_key", "address", amount_name}); !s.is_ok())
      return s;
    auto key = read_public_key(entry, path);
    if (!key) return key.status();
    auto amount_value = member(entry, path, amount_key);
    if (!amount_value) return amount_value.status();
    auto amount = read_u64(**amount_value, child(path, amount_key));
    if (!amount) return amount.status();
    out.push_back({*key, *amount});
  }
  return Status::ok();
}

// The auction parameters genesis.json may set (the others keep AuctionParams' defaults).
struct AuctionField {
  const char* key;
  std::uint64_t& (*field)(auction::AuctionParams& params);
};

constexpr AuctionField kAuctionFields[] = {
    {"first_height", [](auction::AuctionParams& p) -> auto& {return p.schedule.first_height;
}  // namespace
}  // namespace mn::node
, {"commit_heights", [](auction::AuctionParams& p) -> auto& {return p.schedule.commit_heights;
}
}
, {"reveal_heights", [](auction::AuctionParams& p) -> auto& {return p.schedule.reveal_heights;
}
}
, {"seal_heights", [](auction::AuctionParams& p) -> auto& {return p.schedule.seal_heights;
}
}
, {"min_commit_bond", [](auction::AuctionParams& p) -> auto& {return p.min_commit_bond;
}
}
, {"partner_share_bps", [](auction::AuctionParams& p) -> auto& {return p.partner_share_bps;
}
}
, {"auto_bid_share_bps", [](auction::AuctionParams& p) -> auto& {return p.auto_bid_share_bps;
}
}
,
}
;

Status read_auction(const json& root, auction::AuctionParams& params) {
  const auto section = root.find("auction");
  if (section == root.end()) return Status::ok();
  if (!section->is_object()) return error_at("auction", "expected an object");
  for (const auto& item : section->items()) {
    const std::string& key = item.key();
    const auto* known = std::find_if(std::begin(kAuctionFields), std::end(kAuctionFields),
                                     [&key](const AuctionField& f) { return key == f.key; });
    if (known == std::end(kAuctionFields)) return error_at(child("auction", key), "unknown key");
    auto number = read_u64(item.value(), child("auction", key));
    if (!number) return number.status();
    known->field(params) = *number;
  }
  return Status::ok();
}

}  // namespace

runtime::Result<ledger::Genesis> parse_genesis_json(std::string_view text) {
  const json root = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) return error_at("(root)", "not valid JSON");
  if (!root.is_object()) return error_at("(root)", "expected an object");
  if (auto s = only_keys(root, "", {"chain_id", "fee_params", "auction", "accounts", "validators"});
      !s.is_ok()) {
    return s;
  }
  ledger::Genesis genesis;
  auto chain_id = member(root, "", "chain_id");
  if (!chain_id) return chain_id.status();
  if (!(*chain_id)->is_string()) return error_at("chain_id", "expected a string");
  genesis.chain_id = (*chain_id)->get<std::string>();

  if (const auto fees = root.find("fee_params"); fees != root.end()) {
    if (!fees->is_object()) return error_at("fee_params", "expected an object");
    if (auto s = only_keys(*fees, "fee_params", {"base_fee", "fee_per_byte", "rbf_bump_bps"});
        !s.is_ok()) {
      return s;
    }
    for (const auto& [key, value] : fees->items()) {
      auto number = read_u64(value, child("fee_params", key));
      if (!number) return number.status();
      if (key == "base_fee") genesis.fee_params.base_fee = *number;
      if (key == "fee_per_byte") genesis.fee_params.fee_per_byte = *number;
      if (key == "rbf_bump_bps") {
        if (*number > std::numeric_limits<std::uint32_t>::max())
          return error_at("fee_params.rbf_bump_bps", "exceeds 32 bits");
        genesis.fee_params.rbf_bump_bps = static_cast<std::uint32_t>(*number);
      }
    }
  }
  if (auto s = read_auction(root, genesis.economics.auction); !s.is_ok()) return s;
  if (auto s = read_entries(root, "accounts", "balance", genesis.accounts); !s.is_ok()) return s;
  if (auto s = read_entries(root, "validators", "stake", genesis.validators); !s.is_ok()) return s;
  return genesis;
}

std::string genesis_to_json(const ledger::Genesis& genesis) {
  json root;
  root["chain_id"] = genesis.chain_id;
  root["fee_params"] = {{"base_fee", genesis.fee_params.base_fee},
                        {"fee_per_byte", genesis.fee_params.fee_per_byte},
                        {"rbf_bump_bps", genesis.fee_params.rbf_bump_bps}};
  auction::AuctionParams auction = genesis.economics.auction;
  root["auction"] = json::object();
  for (const AuctionField& f : kAuctionFields) root["auction"][f.key] = f.field(auction);
  const auto entry = [](const crypto::PublicKey& key, const char* amount_key,
                        std::uint64_t amount) {
    return json{{"public_key", codec::to_hex(key)},
                {"address", ledger::encode_address(ledger::address_from_public_key(key))},
                {amount_key, amount}};
  };
  root["accounts"] = json::array();
  for (const auto& a : genesis.accounts)
    root["accounts"].push_back(entry(a.public_key, "balance", a.balance));
  root["validators"] = json::array();
  for (const auto& v : genesis.validators)
    root["validators"].push_back(entry(v.public_key, "stake", v.stake));
  return root.dump(2) + "\n";
}

runtime::Result<ledger::CheckedGenesis> load_genesis_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return error_at(path, "cannot be read", ErrorCode::kIoError);
  std::ostringstream text;
  text << in.rdbuf();
  auto genesis = parse_genesis_json(text.str());
  if (!genesis) return error_at(path, genesis.status().message());
  auto checked = ledger::check_genesis(std::move(genesis).value());
  if (!checked) return error_at(path, checked.status().message());
  return checked;
}

}  // namespace mn::node
