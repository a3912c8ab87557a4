// QLockBook: the state of the open QLock commit-reveal windows (SPEC 2.4), as a ledger module
// keeps it: per window, the commits (commitment -> sender, bond, height) and the reveals.
//
// Rules (heights from the caller's block, phases from QLockParams::schedule):
// - commit(sender, w, c, bond, h): only in w's commit phase (kTooEarly / kTooLate), bond >=
//   min_bond (kBondTooLow), c new in w (kDuplicateCommit), at most max_commits_per_window and a
//   bond total that fits in u64 (kWindowFull).
// - reveal(sender, w, tx_core, salt, h): salt >= kMinSaltBytes (kSaltTooShort), tx_core within
//   max_tx_core_bytes (kTxCoreTooLarge), only in w's reveal phase (kTooEarly / kTooLate). The
//   book recomputes c = qlock_commitment(chain_id, w, sender, tx_core, salt); it must be a commit
//   of this sender in w, not yet revealed (kDuplicateReveal). Otherwise, if the same preimage
//   recomputed with another window w' the book holds matches a commit of this sender in w' or in
//   w, the reveal is a replay (kReplayOtherWindow); else kUnknownCommitment (any mismatch).
// - settle(w, h): once w is closed, returns every revealed commit's bond to its sender and
//   forfeits the bond of every commit never revealed (the last-revealer defence: withholding a
//   reveal after seeing the others costs the bond), then forgets w. Every unit is accounted for.
// Deterministic (ordered containers only); no I/O; not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

#include "core/auction/qlock_params.h"
#include "core/auction/qlock_refusal.h"
#include "core/auction/qlock_settlement.h"
#include "core/codec/writer.h"
#include "core/runtime/types.h"

namespace mn::auction {

// One accepted reveal, in the order the book accepted them.
struct QLockReveal {
  runtime::Hash32 sender{};
  runtime::Hash32 commitment{};
  runtime::Bytes tx_core;
  std::uint64_t height = 0;

  bool operator==(const QLockReveal&) const = default;
};

class QLockBook {
 public:
  // REQUIRES: params.valid().
  explicit QLockBook(QLockParams params);

  [[nodiscard]] QLockRefusal commit(const runtime::Hash32& sender, std::uint64_t window,
                                    const runtime::Hash32& commitment, std::uint64_t bond,
                                    std::uint64_t height);
  [[nodiscard]] QLockRefusal reveal(const runtime::Hash32& sender, std::uint64_t window,
                                    runtime::ByteView tx_core, runtime::ByteView salt,
                                    std::uint64_t height);
  // What commit() and reveal() would answer, without changing anything: a caller that must not
  // touch its state on a refusal asks first.
  QLockRefusal check_commit(std::uint64_t window, const runtime::Hash32& commitment,
                            std::uint64_t bond, std::uint64_t height) const;
  QLockRefusal check_reveal(const runtime::Hash32& sender, std::uint64_t window,
                            runtime::ByteView tx_core, runtime::ByteView salt,
                            std::uint64_t height) const;
  // kTooEarly (and nothing moves) unless `window` is closed at `height`. A window the book does
  // not hold (never committed to, or already settled) settles to nothing.
  QLockSettlement settle(std::uint64_t window, std::uint64_t height);

  // The accepted reveals of `window` in acceptance order (empty for an unknown window).
  std::vector<QLockReveal> reveals(std::uint64_t window) const;
  std::size_t commit_count(std::uint64_t window) const;
  std::size_t window_count() const { return m_windows.size(); }
  // The bonds `window` holds (0 for an unknown window), and those of every window.
  std::uint64_t total_bonded(std::uint64_t window) const;
  runtime::Uint128 total_bonded() const;
  // Writes every window, its commits (commitment order) and its reveals (acceptance order), for a
  // ledger's state digest.
  void digest(codec::Writer& w) const;
  const QLockParams& params() const { return m_params; }

  bool operator==(const QLockBook&) const = default;

 private:
  struct Commit {
    runtime::Hash32 sender{};
    std::uint64_t bond = 0;
    std::uint64_t height = 0;
    bool revealed = false;

    bool operator==(const Commit&) const = default;
  };
  struct Window {
    std::map<runtime::Hash32, Commit> commits;  // by commitment
    std::vector<QLockReveal> reveals;
    std::uint64_t total_bonded = 0;

    bool operator==(const Window&) const = default;
  };

  // The commitment a reveal opens, or the refusal.
  QLockRefusal find_revealed(const runtime::Hash32& sender, std::uint64_t window,
                             runtime::ByteView tx_core, runtime::ByteView salt,
                             std::uint64_t height, runtime::Hash32& commitment) const;
  QLockRefusal phase_refusal(std::uint64_t window, std::uint64_t height, WindowPhase want) const;
  bool is_replay(const runtime::Hash32& sender, std::uint64_t window, runtime::ByteView tx_core,
                 runtime::ByteView salt) const;

  QLockParams m_params;
  std::map<std::uint64_t, Window> m_windows;  // windows with commits, not yet settled
};

}  // namespace mn::auction
