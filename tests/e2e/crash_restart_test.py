"""SIGKILL one validator of four: the other three go on committing blocks and transactions. The
killed node restarts from its home (RocksDB), keeps what it had committed, and catches up to the
others' head, agreeing with them on every block hash and on the transfer made while it was down."""

import os

import e2e_support as e2e

VICTIM = 2
AMOUNT = 777


def body(devnet, args):
    devnet.up()
    survivors = [k for k in range(devnet.nodes) if k != VICTIM]
    devnet.wait_height(range(devnet.nodes), 2, 30)

    devnet.kill(VICTIM)
    committed_before_kill = devnet.try_height(survivors[0])
    victim_block = devnet.block(survivors[0], 2)["hash"]
    e2e.log(f"killed v{VICTIM} at about height {committed_before_kill}")

    # The chain goes on without it, and takes a transfer.
    devnet.wait_height(survivors, committed_before_kill + 3, 30)
    recipient_path = os.path.join(args.work_dir, "recipient.json")
    rc, _, err = devnet.cli("keygen", "--out", recipient_path)
    e2e.check(rc == 0, f"keygen exited {rc}: {err}")
    recipient = e2e.read_key(recipient_path)
    faucet = devnet.key("faucet")
    nonce = devnet.balance(0, faucet["address"])["nonce"] + 1
    payload = e2e.transfer_payload(bytes.fromhex(recipient["public_key"]), AMOUNT)
    tx_hex, tx_hash = e2e.encode_transaction(faucet, nonce, devnet.min_fee(0, len(payload)),
                                             payload)
    response = devnet.post(survivors[1], "/rpc/sendTx", {"tx": tx_hex})
    e2e.check(response.status == 200 and response.json()["accepted"] is True,
              f"sendTx with v{VICTIM} down: {response}")
    tx = devnet.wait_committed(survivors[0], tx_hash, 30)
    e2e.log(f"3 validators committed up to height {devnet.try_height(survivors[0])}, "
            f"the transfer at {tx['height']}")

    devnet.restart(VICTIM)
    target = max(devnet.head(k)["height"] for k in survivors)
    devnet.wait_height([VICTIM], target, 60)
    e2e.log(f"v{VICTIM} restarted and caught up to height {target}")
    # Catching up means keeping up: it follows the next blocks too.
    devnet.wait_height(range(devnet.nodes), target + 2, 30)

    common = min(devnet.head(k)["height"] for k in range(devnet.nodes))
    devnet.check_agreement(range(devnet.nodes), common)
    e2e.check(devnet.block(VICTIM, 2)["hash"] == victim_block, f"v{VICTIM} lost block 2")
    got = devnet.balance(VICTIM, recipient["address"])
    e2e.check(got["balance"] == AMOUNT, f"v{VICTIM} balance of the recipient: {got}")
    e2e.check(devnet.get_json(VICTIM, f"/rpc/getTx/{tx_hash}")["status"] == "committed",
              f"v{VICTIM} does not know the transfer made while it was down")
    e2e.log(f"all nodes agree on every block up to height {common}")


if __name__ == "__main__":
    e2e.run("e2e: a SIGKILLed validator leaves the chain going and catches up after restart", body)
