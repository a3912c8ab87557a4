// core/verkle costs against the SPEC §4 auction targets: a 256-slot commitment (< 5 ms), a
// one-slot update (< 50 µs), multiproof proving for 1/8/16 openings, verification (< 5 ms) and
// proof sizes (counters), a Verkle tree insert, prove and verify for a sealed bundle of 8 buckets
// in a 100-bucket tree, and the point addition that motivated libdecaf (libsodium adds encoded
// points only).
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <sodium.h>

#include "core/verkle/msm.h"
#include "core/verkle/multi_proof.h"
#include "core/verkle/verkle_tree.h"

namespace {

using mn::verkle::Crs;
using mn::verkle::Generators;
using mn::verkle::Point;
using mn::verkle::Scalar;

const std::shared_ptr<const Crs>& crs() {
  static const std::shared_ptr<const Crs> shared = Crs::create();
  return shared;
}

std::array<std::uint8_t, 64> wide(const std::string& label, std::uint64_t index) {
  const std::string input = label + "/" + std::to_string(index);
  std::array<std::uint8_t, 64> out{};
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const std::uint8_t*>(input.data()),
                     input.size(), nullptr, 0);
  return out;
}

std::vector<Scalar> vector_of(const std::string& label) {
  std::vector<Scalar> out;
  for (std::size_t i = 0; i < Generators::kWidth; ++i)
    out.push_back(Scalar::from_wide(wide(label, i)));
  return out;
}

mn::runtime::Hash32 hash32(const std::string& label, std::uint64_t index) {
  const auto w = wide(label, index);
  mn::runtime::Hash32 out{};
  std::copy_n(w.begin(), out.size(), out.begin());
  return out;
}

void BM_CrsCreate(benchmark::State& state) {
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark idiom
    benchmark::DoNotOptimize(Crs::create());
  }
}

void BM_Commit256(benchmark::State& state) {
  const std::vector<Scalar> values = vector_of("commit");
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark idiom
    benchmark::DoNotOptimize(crs()->generators().commit(values));
  }
}

void BM_Commit256Naive(benchmark::State& state) {
  const std::vector<Scalar> values = vector_of("commit");
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark idiom
    benchmark::DoNotOptimize(mn::verkle::msm_naive(crs()->generators().g(), values));
  }
}

void BM_Commit256Libsodium(benchmark::State& state) {
  const std::vector<Scalar> values = vector_of("commit");
  std::vector<Point::Encoding> points;
  for (const Point& g : crs()->generators().g()) points.push_back(g.encode());
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark idiom
    Point::Encoding sum{};
    for (std::size_t i = 0; i < points.size(); ++i) {
      Point::Encoding term{};
      if (crypto_scalarmult_ristretto255(term.data(), values[i].bytes().data(), points[i].data()) ==
          0) {
        crypto_core_ristretto255_add(sum.data(), sum.data(), term.data());
      }
    }
    benchmark::DoNotOptimize(sum);
  }
}

void BM_UpdateOneSlot(benchmark::State& state) {
  const std::vector<Scalar> values = vector_of("update");
  Point commitment = crs()->generators().commit(values);
  std::size_t k = 0;
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark idiom
    const std::size_t slot = k++ % Generators::kWidth;
    commitment += crs()->generators().mul_g(slot, values[slot]);
    benchmark::DoNotOptimize(commitment);
  }
}

void BM_PointAddDecaf(benchmark::State& state) {
  Point p = Point::from_hash(wide("add", 0));
  const Point q = Point::from_hash(wide("add", 1));
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark idiom
    p += q;
    benchmark::DoNotOptimize(p);
  }
}

void BM_PointAddLibsodium(benchmark::State& state) {
  Point::Encoding p = Point::from_hash(wide("add", 0)).encode();
  const Point::Encoding q = Point::from_hash(wide("add", 1)).encode();
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark idiom
    crypto_core_ristretto255_add(p.data(), p.data(), q.data());
    benchmark::DoNotOptimize(p);
  }
}

struct MultiProofInput {
  std::vector<std::vector<Scalar>> vectors;
  std::vector<mn::verkle::ProverQuery> prover;
  std::vector<mn::verkle::VerifierQuery> verifier;
};

// `openings` openings of distinct commitments at distinct points.
std::unique_ptr<MultiProofInput> multiproof_input(std::size_t openings) {
  auto input = std::make_unique<MultiProofInput>();
  for (std::size_t i = 0; i < openings; ++i)
    input->vectors.push_back(vector_of("mp" + std::to_string(i)));
  for (std::size_t i = 0; i < openings; ++i) {
    const Point c = crs()->generators().commit(input->vectors[i]);
    const auto z = static_cast<std::uint8_t>(31 * i + 7);
    input->prover.push_back({c, input->vectors[i], z});
    input->verifier.push_back({c, z, input->vectors[i][z]});
  }
  return input;
}

void BM_MultiProofProve(benchmark::State& state) {
  const auto input = multiproof_input(static_cast<std::size_t>(state.range(0)));
  std::size_t bytes = 0;
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark idiom
    mn::verkle::Transcript transcript("bench");
    auto proof = mn::verkle::MultiProof::prove(*crs(), transcript, input->prover);
    bytes = proof->encode().size();
    benchmark::DoNotOptimize(proof);
  }
  state.counters["proof_bytes"] = static_cast<double>(bytes);
}

void BM_MultiProofVerify(benchmark::State& state) {
  const auto input = multiproof_input(static_cast<std::size_t>(state.range(0)));
  mn::verkle::Transcript prover_transcript("bench");
  const auto proof = mn::verkle::MultiProof::prove(*crs(), prover_transcript, input->prover);
  bool ok = true;
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark idiom
    mn::verkle::Transcript transcript("bench");
    ok = ok && proof->verify(*crs(), transcript, input->verifier);
  }
  if (!ok) state.SkipWithError("proof did not verify");
  state.counters["proof_bytes"] = static_cast<double>(proof->encode().size());
}

constexpr std::uint64_t kBuckets = 100;
constexpr std::uint64_t kBundleBuckets = 8;

mn::verkle::VerkleTree bucket_tree() {
  mn::verkle::VerkleTree tree(crs());
  for (std::uint64_t i = 0; i < kBuckets; ++i) tree.insert(hash32("bucket", i), hash32("leaf", i));
  return tree;
}

std::vector<mn::verkle::Key> bundle_keys() {
  std::vector<mn::verkle::Key> keys;
  for (std::uint64_t i = 0; i < kBundleBuckets; ++i) keys.push_back(hash32("bucket", 3 * i));
  return keys;
}

void BM_TreeUpdateLeaf(benchmark::State& state) {
  mn::verkle::VerkleTree tree = bucket_tree();
  std::uint64_t k = 0;
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark idiom
    tree.insert(hash32("bucket", k % kBuckets), hash32("new leaf", k));
    ++k;
  }
}

void BM_TreeProveBundle(benchmark::State& state) {
  const mn::verkle::VerkleTree tree = bucket_tree();
  const std::vector<mn::verkle::Key> keys = bundle_keys();
  std::size_t bytes = 0;
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark idiom
    auto proof = tree.prove(keys);
    bytes = proof->encoded_size();
    benchmark::DoNotOptimize(proof);
  }
  state.counters["proof_bytes"] = static_cast<double>(bytes);
  state.counters["with_values_bytes"] = static_cast<double>(bytes + 32 * kBundleBuckets);
}

void BM_TreeVerifyBundle(benchmark::State& state) {
  const mn::verkle::VerkleTree tree = bucket_tree();
  const std::vector<mn::verkle::Key> keys = bundle_keys();
  const auto proof = tree.prove(keys);
  std::vector<mn::verkle::KeyValue> entries;
  entries.reserve(keys.size());
  for (const auto& key : keys) entries.push_back({key, *tree.get(key)});
  bool ok = true;
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark idiom
    ok = ok && proof->verify(*crs(), tree.root(), entries);
  }
  if (!ok) state.SkipWithError("proof did not verify");
  state.counters["proof_bytes"] = static_cast<double>(proof->encoded_size());
}

}  // namespace

BENCHMARK(BM_CrsCreate)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Commit256)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Commit256Naive)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Commit256Libsodium)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_UpdateOneSlot)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_PointAddDecaf);
BENCHMARK(BM_PointAddLibsodium);
BENCHMARK(BM_MultiProofProve)->Arg(1)->Arg(8)->Arg(16)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MultiProofVerify)->Arg(1)->Arg(8)->Arg(16)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TreeUpdateLeaf)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_TreeProveBundle)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TreeVerifyBundle)->Unit(benchmark::kMillisecond);
