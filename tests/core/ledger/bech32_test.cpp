// Bech32 against the BIP-173 test vectors: every valid string, every invalid string for its stated
// reason, the Bech32 layer of the segwit address vectors, and the strict 5-bit regrouping.
#include "core/ledger/bech32.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/codec/hex.h"

namespace mn::ledger {
namespace {

using runtime::Bytes;

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

TEST(Bech32, Bip173ValidStrings) {
  for (std::string_view text : {
           "A12UEL5L",
           "a12uel5l",
           "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5"
           "tgs",
           "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
           "11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc82"
           "47j",
           "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
           "?1ezyfcl",
       }) {
    const auto decoded = bech32_decode(text);
    ASSERT_TRUE(decoded.is_ok()) << text << ": " << decoded.status().to_string();
    EXPECT_EQ(bech32_encode(decoded->hrp, decoded->values), lowercase(text)) << text;
  }
}

TEST(Bech32, Bip173ValidStringsDecodeToTheirParts) {
  const auto abcdef = bech32_decode("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw");
  ASSERT_TRUE(abcdef.is_ok());
  EXPECT_EQ(abcdef->hrp, "abcdef");
  // The data part spells the alphabet in order: values 0..31.
  std::vector<std::uint8_t> all_values;
  for (std::uint8_t v = 0; v < 32; ++v) all_values.push_back(v);
  EXPECT_EQ(abcdef->values, all_values);

  const auto upper = bech32_decode("A12UEL5L");
  ASSERT_TRUE(upper.is_ok());
  EXPECT_EQ(upper.value(), (Bech32Data{"a", {}}));
  EXPECT_EQ(bech32_decode("a12uel5l").value(), upper.value());

  const auto long_hrp = bech32_decode(
      "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs");
  ASSERT_TRUE(long_hrp.is_ok());
  EXPECT_EQ(long_hrp->hrp.size(), kBech32MaxHrpLength);  // the separator is the last '1'
}

TEST(Bech32, Bip173InvalidStrings) {
  struct Case {
    std::string text;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"\x20"
       "1nwldj5",
       "out of range"},  // HRP character out of range
      {"\x7f"
       "1axkwrx",
       "out of range"},
      {"\x80"
       "1eym55h",
       "out of range"},
      {"an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pv"
       "x",
       "exceeds 90"},  // overall max length exceeded
      {"pzry9x0s0muk", "no separator"},
      {"1pzry9x0s0muk", "empty human-readable part"},
      {"x1b4n0q5v", "invalid data character 'b'"},
      {"li1dgmt3", "too short"},
      {"de1lg7wt\xff", "out of range"},   // invalid character in checksum
      {"A1G7SGD8", "checksum mismatch"},  // checksum calculated with uppercase form of HRP
      {"10a06t8", "empty human-readable part"},
      {"1qzzfhee", "empty human-readable part"},
  };
  for (const Case& c : cases) {
    const auto decoded = bech32_decode(c.text);
    ASSERT_FALSE(decoded.is_ok()) << c.text;
    EXPECT_EQ(decoded.status().code(), runtime::ErrorCode::kInvalidArgument);
    EXPECT_NE(decoded.status().message().find(c.reason), std::string::npos)
        << c.text << ": " << decoded.status().message();
  }
}

TEST(Bech32, MixedCaseIsRefused) {
  for (std::string_view text : {"a12UEL5L", "A12uEL5L", "A12UEl5L"}) {
    const auto decoded = bech32_decode(text);
    ASSERT_FALSE(decoded.is_ok()) << text;
    EXPECT_NE(decoded.status().message().find("mixed case"), std::string::npos);
  }
}

TEST(Bech32, EncoderOutputsLowercaseAndChecksumsTheLowercaseHrp) {
  EXPECT_EQ(bech32_encode("A", {}), "a12uel5l");
  EXPECT_EQ(bech32_encode("a", {}), "a12uel5l");
}

// scriptPubKey of a segwit address: OP_n for witness version n, the program's length, the program.
std::string segwit_script_hex(const Bech32Data& decoded) {
  if (decoded.values.empty() || decoded.values[0] > 16) return "bad version";
  const auto program = bytes_from_5bit(runtime::ByteView(decoded.values).subspan(1));
  if (!program) return program.status().message();
  Bytes script{static_cast<std::uint8_t>(decoded.values[0] == 0 ? 0 : 0x50 + decoded.values[0]),
               static_cast<std::uint8_t>(program->size())};
  script.insert(script.end(), program->begin(), program->end());
  return codec::to_hex(script);
}

TEST(Bech32, Bip173SegwitAddressesThroughTheBech32Layer) {
  const std::vector<std::pair<std::string_view, std::string_view>> addresses = {
      {"BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
       "0014751e76e8199196d454941c45d1b3a323f1433bd6"},
      {"tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7",
       "00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262"},
      {"bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7k7grplx",
       "5128751e76e8199196d454941c45d1b3a323f1433bd6751e76e8199196d454941c45d1b3a323f1433bd6"},
      {"BC1SW50QA3JX3S", "6002751e"},
      {"bc1zw508d6qejxtdg4y5r3zarvaryvg6kdaj", "5210751e76e8199196d454941c45d1b3a323"},
      {"tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy",
       "0020000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433"},
  };
  for (const auto& [address, script] : addresses) {
    const auto decoded = bech32_decode(address);
    ASSERT_TRUE(decoded.is_ok()) << address << ": " << decoded.status().to_string();
    EXPECT_EQ(segwit_script_hex(*decoded), script) << address;
    // Re-encoding the program gives back the same address.
    const auto program = bytes_from_5bit(runtime::ByteView(decoded->values).subspan(1));
    Bytes values{decoded->values[0]};
    const Bytes regrouped = bytes_to_5bit(*program);
    values.insert(values.end(), regrouped.begin(), regrouped.end());
    EXPECT_EQ(bech32_encode(decoded->hrp, values), lowercase(address));
  }
}

TEST(Bech32, Bip173InvalidSegwitAddressesRefusedByTheBech32Layer) {
  // Invalid checksum; mixed case.
  EXPECT_FALSE(bech32_decode("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5").is_ok());
  EXPECT_FALSE(
      bech32_decode("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sL5k7").is_ok());
  // Valid Bech32 whose program has zero padding of more than 4 bits, or non-zero padding.
  for (std::string_view address :
       {"bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du",
        "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3pjxtptv"}) {
    const auto decoded = bech32_decode(address);
    ASSERT_TRUE(decoded.is_ok()) << address;
    EXPECT_FALSE(bytes_from_5bit(runtime::ByteView(decoded->values).subspan(1)).is_ok()) << address;
  }
  // The rest (wrong hrp, witness version, program length, empty data) are valid Bech32 that only
  // the segwit rules refuse; the empty data section decodes to no values at all.
  EXPECT_TRUE(bech32_decode("tc1qw508d6qejxtdg4y5r3zarvary0c5xw7kg3g4ty").is_ok());
  EXPECT_TRUE(bech32_decode("BC13W508D6QEJXTDG4Y5R3ZARVARY0C5XW7KN40WF2").is_ok());
  EXPECT_TRUE(bech32_decode("bc1rw5uspcuh").is_ok());
  EXPECT_EQ(bech32_decode("bc1gmk9yu").value(), (Bech32Data{"bc", {}}));
}

TEST(Bech32, EverySingleCharacterSubstitutionIsDetected) {
  const Bytes payload = {0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05};
  const std::string text = bech32_encode("mn", bytes_to_5bit(payload));
  constexpr std::string_view kAlphabet = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  for (std::size_t i = text.find('1') + 1; i < text.size(); ++i) {
    for (char c : kAlphabet) {
      if (c == text[i]) continue;
      std::string corrupted = text;
      corrupted[i] = c;
      EXPECT_FALSE(bech32_decode(corrupted).is_ok()) << corrupted;
    }
  }
}

TEST(Bech32, FiveBitRegrouping) {
  EXPECT_EQ(bytes_to_5bit({}), Bytes{});
  // 11111111 -> 11111 111(00)
  EXPECT_EQ(bytes_to_5bit(Bytes{0xff}), (Bytes{31, 28}));
  EXPECT_EQ(bytes_from_5bit(Bytes{31, 28}).value(), Bytes{0xff});
  // Five bytes are exactly eight values: no padding.
  EXPECT_EQ(bytes_to_5bit(Bytes{0xff, 0xff, 0xff, 0xff, 0xff}), Bytes(8, 31));

  Bytes data;
  for (std::size_t n = 0; n <= 64; ++n) {
    const Bytes values = bytes_to_5bit(data);
    EXPECT_EQ(values.size(), (n * 8 + 4) / 5);
    const auto back = bytes_from_5bit(values);
    ASSERT_TRUE(back.is_ok()) << n << ": " << back.status().to_string();
    EXPECT_EQ(*back, data);
    data.push_back(static_cast<std::uint8_t>(n * 37 + 11));
  }
}

TEST(Bech32, FiveBitRegroupingIsStrict) {
  EXPECT_FALSE(bytes_from_5bit(Bytes{31, 29}).is_ok());     // non-zero padding bit
  EXPECT_FALSE(bytes_from_5bit(Bytes{31, 28, 0}).is_ok());  // 7 leftover bits: a whole value
  EXPECT_FALSE(bytes_from_5bit(Bytes{0}).is_ok());          // 5 leftover bits
  EXPECT_FALSE(bytes_from_5bit(Bytes{31, 32}).is_ok());     // not a 5-bit value
  EXPECT_EQ(bytes_from_5bit(Bytes{}).value(), Bytes{});
}

}  // namespace
}  // namespace mn::ledger
