"""A 4-validator devnet started by scripts/devnet.sh takes transfers over RPC, sent both with
`metanode tx transfer` and as raw signed transactions POSTed to /rpc/sendTx at different nodes,
`metanode tx cancel` withdraws a pending one, and every node agrees on the block hash at every height and on the resulting balances and
nonces. The node logs are one JSON object per line."""

import json
import os
import subprocess

import e2e_support as e2e

CLI_AMOUNT = 12_345
RAW_AMOUNTS = [1_000, 2_000, 3_000, 4_000, 5_000]


def parse_status(devnet, text):
    lines = text.strip().splitlines()
    e2e.check(len(lines) == devnet.nodes + 1, f"status table has {len(lines)} lines:\n{text}")
    for k, line in enumerate(lines[1:]):
        fields = line.split()
        e2e.check(fields[0] == f"v{k}" and fields[1].isdigit(), f"v{k} not running:\n{text}")
        e2e.check(fields[2] == devnet.rpc_url(k), f"v{k} RPC URL wrong:\n{text}")
        e2e.check(fields[3] == devnet.key(f"v{k}")["address"], f"v{k} address wrong:\n{text}")


def script_refusals(devnet, work_dir):
    """devnet.sh says clearly what is wrong instead of doing something half-way."""
    cases = [
        (["up", "4", "--base-port", str(devnet.base_port)], 1, "running"),
        (["kill", "v9"], 1, "no node v9"),
        (["restart", "v1"], 1, "is running"),
        (["kill", "node1"], 2, "v0"),
        (["frobnicate"], 2, "unknown command"),
    ]
    for arguments, rc, message in cases:
        result = devnet.run_script(*arguments, check_rc=False)
        e2e.check(result.returncode == rc and message in result.stderr,
                  f"devnet.sh {' '.join(arguments)}: exit {result.returncode}, {result.stderr}")
    result = subprocess.run([devnet.script, "up", "4", "--dir", os.path.join(work_dir, "nobin"),
                             "--bin", os.path.join(work_dir, "no", "metanode")],
                            capture_output=True, text=True, timeout=30, check=False)
    e2e.check(result.returncode == 1 and "scripts/build.sh" in result.stderr,
              f"devnet.sh up without a binary: exit {result.returncode}, {result.stderr}")
    e2e.log("devnet.sh refuses a second up, unknown nodes and a missing binary")


def send_with_cli(devnet, work_dir):
    recipient_path = os.path.join(work_dir, "cli_recipient.json")
    rc, out, err = devnet.cli("keygen", "--out", recipient_path)
    e2e.check(rc == 0, f"keygen exited {rc}: {err}")
    recipient = e2e.read_key(recipient_path)
    rc, out, err = devnet.cli("tx", "transfer", "--rpc", devnet.rpc_url(1), "--key",
                              devnet.key_path("v0"), "--to", recipient["address"], "--amount",
                              str(CLI_AMOUNT), "--wait", "30")
    e2e.check(rc == 0, f"metanode tx transfer exited {rc}:\n{out}{err}")
    result = json.loads(out.strip().splitlines()[0])
    e2e.check(result.get("accepted") is True, f"CLI transfer refused: {result}")
    tx = devnet.get_json(1, f"/rpc/getTx/{result['hash']}")
    e2e.check(tx["status"] == "committed", f"--wait returned before the commit: {tx}")
    e2e.log(f"CLI transfer {result['hash']} committed")
    return recipient, result["hash"]


def cancel_with_cli(devnet, committed_hash):
    """`metanode tx cancel` replaces a pending transaction of its key's account (here one held up
    by a nonce gap) with a self-transfer at its nonce, and refuses what it cannot cancel."""
    sender = devnet.key("v0")
    gap_nonce = devnet.balance(2, sender["address"])["nonce"] + 3
    rc, out, err = devnet.cli("tx", "transfer", "--rpc", devnet.rpc_url(2), "--key",
                              devnet.key_path("v0"), "--to", sender["address"], "--amount", "7",
                              "--nonce", str(gap_nonce))
    e2e.check(rc == 0, f"transfer behind a nonce gap exited {rc}:\n{out}{err}")
    stuck = json.loads(out.strip().splitlines()[0])["hash"]
    e2e.check(devnet.get_json(2, f"/rpc/getTx/{stuck}")["status"] == "pending", "not pending")
    rc, out, err = devnet.cli("tx", "cancel", "--rpc", devnet.rpc_url(2), "--key",
                              devnet.key_path("v0"), "--tx", stuck)
    e2e.check(rc == 0, f"metanode tx cancel exited {rc}:\n{out}{err}")
    cancellation = json.loads(out.strip().splitlines()[0])
    e2e.check(cancellation.get("accepted") is True and cancellation["hash"] != stuck,
              f"cancellation not accepted: {cancellation}")
    replaced = devnet.get(2, f"/rpc/getTx/{stuck}")
    e2e.check(replaced.status == 404, f"the cancelled transaction is still held: {replaced}")
    held = devnet.get_json(2, f"/rpc/getTx/{cancellation['hash']}")
    e2e.check(held["status"] == "pending" and held["nonce"] == gap_nonce and
              held["payload"]["recipient"] == sender["address"] and held["payload"]["amount"] == 0,
              f"the cancellation is not a zero-value self-transfer at nonce {gap_nonce}: {held}")
    refusals = [
        (["--key", devnet.key_path("v0"), "--tx", committed_hash], 1, "already committed"),
        (["--key", devnet.key_path("faucet"), "--tx", cancellation["hash"]], 2, "another key"),
        (["--key", devnet.key_path("v0"), "--tx", cancellation["hash"], "--fee", "5"], 2, "--fee"),
        (["--key", devnet.key_path("v0")], 2, "--tx is required"),
    ]
    for arguments, code, message in refusals:
        rc, out, err = devnet.cli("tx", "cancel", "--rpc", devnet.rpc_url(2), *arguments)
        e2e.check(rc == code and message in err,
                  f"tx cancel {' '.join(arguments)}: exit {rc}, expected {code} and '{message}':"
                  f"\n{out}{err}")
    e2e.log(f"tx cancel replaced {stuck} and refuses what it cannot cancel")


def send_raw(devnet, work_dir):
    """Faucet-funded raw transfers with consecutive nonces, each POSTed to another node."""
    recipient_path = os.path.join(work_dir, "raw_recipient.json")
    rc, _, err = devnet.cli("keygen", "--out", recipient_path)
    e2e.check(rc == 0, f"keygen exited {rc}: {err}")
    recipient = e2e.read_key(recipient_path)
    faucet = devnet.key("faucet")
    start_nonce = devnet.balance(0, faucet["address"])["nonce"]
    payload = e2e.transfer_payload(bytes.fromhex(recipient["public_key"]), RAW_AMOUNTS[0])
    fee = devnet.min_fee(0, len(payload))
    hashes = []
    for i, amount in enumerate(RAW_AMOUNTS):
        payload = e2e.transfer_payload(bytes.fromhex(recipient["public_key"]), amount)
        tx_hex, tx_hash = e2e.encode_transaction(faucet, start_nonce + 1 + i, fee, payload)
        k = i % devnet.nodes
        response = devnet.post(k, "/rpc/sendTx", {"tx": tx_hex})
        e2e.check(response.status == 200, f"sendTx to v{k}: {response}")
        body = response.json()
        e2e.check(body["accepted"] is True and body["hash"] == tx_hash,
                  f"raw transfer {i} to v{k} not accepted as {tx_hash}: {body}")
        hashes.append(tx_hash)
    for i, tx_hash in enumerate(hashes):
        tx = devnet.wait_committed((i + 2) % devnet.nodes, tx_hash, 30)
        e2e.check(tx["nonce"] == start_nonce + 1 + i and tx["fee"] == fee, f"getTx: {tx}")
    e2e.log(f"{len(hashes)} raw transfers committed")
    return recipient, fee, start_nonce


def body(devnet, args):
    parse_status(devnet, devnet.up())
    script_refusals(devnet, args.work_dir)
    faucet = devnet.key("faucet")
    faucet_start = devnet.balance(0, faucet["address"])["balance"]

    cli_recipient, cli_hash = send_with_cli(devnet, args.work_dir)
    cancel_with_cli(devnet, cli_hash)
    raw_recipient, fee, faucet_nonce = send_raw(devnet, args.work_dir)

    # The CLI transfer's block as every node holds it.
    tx = devnet.get_json(2, f"/rpc/getTx/{cli_hash}")
    for k in range(devnet.nodes):
        block = devnet.block(k, tx["height"])
        e2e.check(cli_hash in block["tx_ids"], f"v{k} block {tx['height']} lacks {cli_hash}")

    top = max(devnet.head(k)["height"] for k in range(devnet.nodes))
    devnet.wait_height(range(devnet.nodes), top + 1, 30)
    common = min(devnet.head(k)["height"] for k in range(devnet.nodes))
    devnet.check_agreement(range(devnet.nodes), common)
    e2e.log(f"all nodes agree on every block hash up to height {common}")

    expected = {
        cli_recipient["address"]: (CLI_AMOUNT, 0),
        raw_recipient["address"]: (sum(RAW_AMOUNTS), 0),
        faucet["address"]: (faucet_start - sum(RAW_AMOUNTS) - fee * len(RAW_AMOUNTS),
                            faucet_nonce + len(RAW_AMOUNTS)),
    }
    for address, (balance, nonce) in expected.items():
        for k in range(devnet.nodes):
            got = devnet.balance(k, address)
            e2e.check(got["balance"] == balance and got["nonce"] == nonce,
                      f"v{k} {address}: {got}, expected balance {balance} nonce {nonce}")
    e2e.log("all nodes agree on the balances and nonces")
    devnet.check_metrics_page(0, args.work_dir)

    for k in range(devnet.nodes):
        records = devnet.log_records(k)
        for record in records:
            e2e.check({"ts", "level", "msg"} <= record.keys(), f"v{k} log record {record}")
        committed = [r for r in records if "height" in r and "hash" in r]
        e2e.check(committed, f"v{k} logged no committed block")


if __name__ == "__main__":
    e2e.run("e2e: 4-validator devnet takes transfers and agrees on head and balances", body)
