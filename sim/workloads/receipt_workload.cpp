#include "sim/workloads/receipt_workload.h"

#include "core/rewards/compute_receipt.h"

namespace mn::sim {

ReceiptWorkload::ReceiptWorkload(const ClientWorkloadContext& context)
    : ClientWorkload(context, context.spec.receipts_per_s, "receipts") {}

std::unique_ptr<ClientWorkload> ReceiptWorkload::make(const ClientWorkloadContext& context) {
  return std::make_unique<ReceiptWorkload>(context);
}

void ReceiptWorkload::fill_report(RunReport& report) const {
  report.receipts.submitted = m_submitted;
}

void ReceiptWorkload::submit() {
  const std::size_t accounts = m_wallet.account_count();
  const auto client = static_cast<std::size_t>(m_rng.uniform(accounts));
  auto miner = static_cast<std::size_t>(m_rng.uniform(accounts - 1));
  if (miner >= client) ++miner;
  const auto coordinator = static_cast<std::size_t>(m_rng.uniform(accounts));
  rewards::ComputeReceipt receipt;
  m_rng.fill(receipt.receipt_id);
  receipt.miner = m_wallet.account(miner).public_key;
  receipt.client = m_wallet.account(client).public_key;
  receipt.coordinator = m_wallet.account(coordinator).public_key;
  receipt.compute_units = kMinComputeUnits + m_rng.uniform(kMaxComputeUnits - kMinComputeUnits);
  receipt.payment = kMinPayment + m_rng.uniform(kMaxPayment - kMinPayment);
  receipt.sign(m_wallet.account(miner).secret_key, m_wallet.account(client).secret_key,
               m_sim.crypto());
  const auto validator = static_cast<NodeId>(m_rng.uniform(m_wallet.validator_count()));
  m_wallet.send_new(client,
                    m_wallet.sign(ledger::TxType::kEscrowDeposit, client,
                                  ledger::AmountPayload{receipt.payment}.encode()),
                    validator);
  m_wallet.send_new(client, m_wallet.sign(ledger::TxType::kReceiptClaim, client, receipt.encode()),
                    validator);
  ++m_submitted;
}

}  // namespace mn::sim
