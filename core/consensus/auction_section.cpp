#include "core/consensus/auction_section.h"

#include <utility>

#include "core/auction/auction_module.h"
#include "core/auction/block_bundle.h"
#include "core/auction/seal_record.h"
#include "core/consensus/block.h"

namespace mn::consensus {

void AuctionSection::encode(codec::Writer& w) const {
  w.write_bytes(bid_choice.encode());
  w.write_bool(bundle.has_value());
  if (bundle) w.write_bytes(bundle->encode());
}

runtime::Result<AuctionSection> AuctionSection::decode(codec::Reader& r) {
  AuctionSection section;
  auto choice_bytes = r.read_bytes_view(kMaxBidChoiceBytes);
  if (!choice_bytes) return choice_bytes.status();
  auto choice = auction::BidChoice::decode(*choice_bytes);
  if (!choice) return choice.status();
  section.bid_choice = std::move(choice).value();
  auto has_bundle = r.read_bool();
  if (!has_bundle) return has_bundle.status();
  if (*has_bundle) {
    auto bundle_bytes = r.read_bytes_view(Block::kMaxPayloadBytes);
    if (!bundle_bytes) return bundle_bytes.status();
    auto bundle = auction::SealedBundle::decode(*bundle_bytes);
    if (!bundle) return bundle.status();
    section.bundle = std::move(bundle).value();
  }
  return section;
}

runtime::Result<AuctionSection> required_auction_section(const ledger::LedgerState& parent,
                                                         std::uint64_t height,
                                                         crypto::CryptoProvider& crypto) {
  const auction::AuctionState* auction = auction::AuctionModule::find_state(parent);
  const auction::AuctionParams& params = parent.economic_params().auction;
  auto bundle = auction::required_block_bundle(auction, height, params, auction::ledger_crs());
  if (!bundle) return bundle.status();
  return AuctionSection{auction::required_bid_choice(auction, height, params, crypto),
                        std::move(bundle).value()};
}

runtime::Status check_auction_section(const AuctionSection& section,
                                      const ledger::LedgerState& parent, std::uint64_t height,
                                      crypto::CryptoProvider& crypto) {
  const auction::AuctionState* auction = auction::AuctionModule::find_state(parent);
  const auction::AuctionParams& params = parent.economic_params().auction;
  if (auto s = auction::check_block_bid(section.bid_choice, auction, height, params, crypto);
      !s.is_ok())
    return s;
  return auction::check_carried_bundle(section.bundle, auction, height, params,
                                       *auction::ledger_crs());
}

}  // namespace mn::consensus
