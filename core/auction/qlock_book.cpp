#include "core/auction/qlock_book.h"

#include <limits>
#include <utility>

#include "core/auction/qlock_commitment.h"
#include "core/runtime/assert.h"

namespace mn::auction {

QLockBook::QLockBook(QLockParams params) : m_params(std::move(params)) {
  MN_ASSERT(m_params.valid());
}

QLockRefusal QLockBook::phase_refusal(std::uint64_t window, std::uint64_t height,
                                      WindowPhase want) const {
  const WindowPhase now = m_params.schedule.phase(window, height);
  if (now == want) return QLockRefusal::kNone;
  return now < want ? QLockRefusal::kTooEarly : QLockRefusal::kTooLate;
}

QLockRefusal QLockBook::check_commit(std::uint64_t window, const runtime::Hash32& commitment,
                                     std::uint64_t bond, std::uint64_t height) const {
  if (QLockRefusal why = phase_refusal(window, height, WindowPhase::kCommit);
      why != QLockRefusal::kNone)
    return why;
  if (bond < m_params.min_bond) return QLockRefusal::kBondTooLow;
  const auto state = m_windows.find(window);
  if (state == m_windows.end()) return QLockRefusal::kNone;
  if (state->second.commits.contains(commitment)) return QLockRefusal::kDuplicateCommit;
  if (state->second.commits.size() >= m_params.max_commits_per_window ||
      bond > std::numeric_limits<std::uint64_t>::max() - state->second.total_bonded)
    return QLockRefusal::kWindowFull;
  return QLockRefusal::kNone;
}

QLockRefusal QLockBook::commit(const runtime::Hash32& sender, std::uint64_t window,
                               const runtime::Hash32& commitment, std::uint64_t bond,
                               std::uint64_t height) {
  if (QLockRefusal why = check_commit(window, commitment, bond, height); why != QLockRefusal::kNone)
    return why;
  Window& state = m_windows[window];
  state.commits.emplace(commitment, Commit{sender, bond, height, false});
  state.total_bonded += bond;
  return QLockRefusal::kNone;
}

bool QLockBook::is_replay(const runtime::Hash32& sender, std::uint64_t window,
                          runtime::ByteView tx_core, runtime::ByteView salt) const {
  const auto claimed = m_windows.find(window);
  const auto committed_by_sender = [&sender](const Window& state, const runtime::Hash32& c) {
    const auto it = state.commits.find(c);
    return it != state.commits.end() && it->second.sender == sender;
  };
  // One hash per other live window: the book holds only windows not yet settled, a handful. The
  // preimage recomputed for window `other` may sit in `other` (revealed in the wrong window) or
  // in the claimed window (a commitment naming `other` posted in this one).
  for (const auto& [other, state] : m_windows) {
    if (other == window) continue;
    const runtime::Hash32 c = qlock_commitment(m_params.chain_id, other, sender, tx_core, salt);
    if (committed_by_sender(state, c)) return true;
    if (claimed != m_windows.end() && committed_by_sender(claimed->second, c)) return true;
  }
  return false;
}

QLockRefusal QLockBook::find_revealed(const runtime::Hash32& sender, std::uint64_t window,
                                      runtime::ByteView tx_core, runtime::ByteView salt,
                                      std::uint64_t height, runtime::Hash32& commitment) const {
  if (salt.size() < kMinSaltBytes) return QLockRefusal::kSaltTooShort;
  if (tx_core.size() > m_params.max_tx_core_bytes) return QLockRefusal::kTxCoreTooLarge;
  if (QLockRefusal why = phase_refusal(window, height, WindowPhase::kReveal);
      why != QLockRefusal::kNone)
    return why;
  commitment = qlock_commitment(m_params.chain_id, window, sender, tx_core, salt);
  const auto state = m_windows.find(window);
  if (state != m_windows.end()) {
    const auto it = state->second.commits.find(commitment);
    if (it != state->second.commits.end() && it->second.sender == sender) {
      return it->second.revealed ? QLockRefusal::kDuplicateReveal : QLockRefusal::kNone;
    }
  }
  if (is_replay(sender, window, tx_core, salt)) return QLockRefusal::kReplayOtherWindow;
  return QLockRefusal::kUnknownCommitment;
}

QLockRefusal QLockBook::check_reveal(const runtime::Hash32& sender, std::uint64_t window,
                                     runtime::ByteView tx_core, runtime::ByteView salt,
                                     std::uint64_t height) const {
  runtime::Hash32 commitment{};
  return find_revealed(sender, window, tx_core, salt, height, commitment);
}

QLockRefusal QLockBook::reveal(const runtime::Hash32& sender, std::uint64_t window,
                               runtime::ByteView tx_core, runtime::ByteView salt,
                               std::uint64_t height) {
  runtime::Hash32 c{};
  if (QLockRefusal why = find_revealed(sender, window, tx_core, salt, height, c);
      why != QLockRefusal::kNone)
    return why;
  Window& state = m_windows.at(window);
  state.commits.at(c).revealed = true;
  state.reveals.push_back(
      QLockReveal{sender, c, runtime::Bytes(tx_core.begin(), tx_core.end()), height});
  return QLockRefusal::kNone;
}

QLockSettlement QLockBook::settle(std::uint64_t window, std::uint64_t height) {
  QLockSettlement out;
  out.window = window;
  if (m_params.schedule.phase(window, height) != WindowPhase::kClosed) {
    out.refusal = QLockRefusal::kTooEarly;
    return out;
  }
  const auto state = m_windows.find(window);
  if (state == m_windows.end()) return out;
  for (const auto& [commitment, commit] : state->second.commits) {
    const BondRefund move{commit.sender, commitment, commit.bond};
    if (commit.revealed) {
      out.refunds.push_back(move);
      out.refunded += commit.bond;
    } else {
      out.forfeits.push_back(move);
      out.forfeited += commit.bond;
    }
  }
  out.total_bonded = state->second.total_bonded;
  MN_ASSERT(out.refunded + out.forfeited == out.total_bonded);
  m_windows.erase(state);
  return out;
}

std::vector<QLockReveal> QLockBook::reveals(std::uint64_t window) const {
  const auto state = m_windows.find(window);
  return state == m_windows.end() ? std::vector<QLockReveal>{} : state->second.reveals;
}

std::size_t QLockBook::commit_count(std::uint64_t window) const {
  const auto state = m_windows.find(window);
  return state == m_windows.end() ? 0 : state->second.commits.size();
}

std::uint64_t QLockBook::total_bonded(std::uint64_t window) const {
  const auto state = m_windows.find(window);
  return state == m_windows.end() ? 0 : state->second.total_bonded;
}

runtime::Uint128 QLockBook::total_bonded() const {
  runtime::Uint128 total = 0;
  for (const auto& [window, state] : m_windows) total += state.total_bonded;
  return total;
}

void QLockBook::digest(codec::Writer& w) const {
  w.write_count(m_windows.size());
  for (const auto& [window, state] : m_windows) {
    w.write_u64(window);
    w.write_count(state.commits.size());
    for (const auto& [commitment, commit] : state.commits) {
      w.write_fixed(commitment);
      w.write_fixed(commit.sender);
      w.write_u64(commit.bond);
      w.write_u64(commit.height);
      w.write_bool(commit.revealed);
    }
    w.write_count(state.reveals.size());
    for (const QLockReveal& reveal : state.reveals) {
      w.write_fixed(reveal.commitment);
      w.write_bytes(reveal.tx_core);
      w.write_u64(reveal.height);
    }
  }
}

}  // namespace mn::auction
