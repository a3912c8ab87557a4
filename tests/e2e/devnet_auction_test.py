"""The auction on a 4-validator devnet, driven by `metanode auction` as a user would: a transfer is
committed through one node and revealed through another in its window's phases; the window's seal
names it as the winner on every node; a reveal after the reveal phase is refused with its reason;
the revealed commit's bond comes back and the unrevealed one's is forfeited."""

import hashlib
import json
import os

import e2e_support as e2e

COMMIT, REVEAL, SEAL = 6, 6, 2
BOND = 5_000
AMOUNT = 700
GAS = 21_000  # the CLI's default gas for a transfer core


def height(devnet, k=0):
    return devnet.head(k)["height"]


def wait_next_height(devnet, target, timeout=60):
    """Waits until the next block is at least `target` (the head is target - 1)."""
    devnet.wait_height(range(devnet.nodes), target - 1, timeout)


def cli_json(devnet, *args):
    rc, out, err = devnet.cli(*args)
    lines = out.strip().splitlines()
    return rc, (json.loads(lines[0]) if lines else {}), err


def commit(devnet, k, key, window, to, reveal_file):
    rc, result, err = cli_json(devnet, "auction", "commit", "--rpc", devnet.rpc_url(k), "--key",
                               key, "--window", str(window), "--to", to,
                               "--amount", str(AMOUNT), "--bond", str(BOND), "--reveal-out",
                               reveal_file, "--wait", "30")
    e2e.check(rc == 0 and result.get("accepted"), f"commit by {key} exited {rc}: {result} {err}")
    return result


def fee_of(devnet, tx_hash):
    return devnet.get_json(0, f"/rpc/getTx/{tx_hash}")["fee"]


def balance(devnet, key_path):
    return devnet.balance(0, e2e.read_key(key_path)["address"])["balance"]


def txid(sender_public_key, reveal_file):
    with open(reveal_file, encoding="utf-8") as f:
        core = bytes.fromhex(json.load(f)["tx_core"])
    return hashlib.blake2b(b"metanode/qlock/v1/txid" + sender_public_key + core,
                           digest_size=32).hexdigest()


def check_auction_metrics(devnet, window, work_dir):
    """Every node's /metrics shows the window's two commits, one reveal and seal, with nothing left
    open; v2, which refused the late reveal, counts the refusal; the page passes promtool."""
    for k in range(devnet.nodes):
        m = devnet.metrics(k)
        e2e.check(m.get("auction_commits_committed_total") == 2 and
                  m.get("auction_reveals_committed_total") == 1 and
                  m.get("auction_windows_sealed_total") == 1 and
                  m.get("auction_last_sealed_window") == window and
                  m.get("auction_last_seal_winners") == 1 and
                  m.get("auction_open_windows") == 0 and m.get("auction_bonds_held") == 0,
                  f"v{k} auction metrics: { {n: v for n, v in m.items() if 'auction' in n} }")
    refused = devnet.metrics(2).get("chain_transactions_refused_total", 0)
    e2e.check(refused >= 1, f"v2 refused the late reveal, yet counts {refused} refusals")
    e2e.log("every node's auction metrics show the window: 2 commits, 1 reveal, 1 seal")
    devnet.check_metrics_page(2, work_dir)


def body(devnet, args):
    work = os.path.abspath(args.work_dir)
    # Bidders that are not validators, so no block reward moves their balances.
    late_key = os.path.join(work, "late_bidder.json")
    rc, _, err = devnet.cli("keygen", "--out", late_key)
    e2e.check(rc == 0, f"keygen exited {rc}: {err}")
    devnet.up("--auction-window", f"{COMMIT}:{REVEAL}:{SEAL}", "--account",
              f"{late_key}=1000000000")
    recipient = devnet.key("v3")["address"]
    window = height(devnet) // COMMIT + 1
    w = devnet.get_json(0, f"/rpc/auction/window/{window}")
    e2e.check(w["phase"] == "not_open" and w["commit_start"] == COMMIT * window + 1, f"{w}")
    wait_next_height(devnet, w["commit_start"])

    on_time, late = os.path.join(work, "on_time.json"), os.path.join(work, "late.json")
    bidders = {"on_time": devnet.key_path("faucet"), "late": late_key}
    before = {name: balance(devnet, path) for name, path in bidders.items()}
    commits = [commit(devnet, 0, bidders["on_time"], window, recipient, on_time),
               commit(devnet, 2, bidders["late"], window, recipient, late)]
    committed = [c["height"] for c in commits]
    e2e.check(all(w["commit_start"] <= h < w["reveal_start"] for h in committed),
              f"commits at {committed}, commit phase {w['commit_start']}..{w['reveal_start'] - 1}")
    e2e.log(f"window {window}: two commits at heights {committed}")

    wait_next_height(devnet, w["reveal_start"])
    rc, result, err = cli_json(devnet, "auction", "reveal", "--rpc", devnet.rpc_url(1), "--key",
                               devnet.key_path("faucet"), "--from", on_time, "--wait", "30")
    e2e.check(rc == 0 and w["reveal_start"] <= result.get("height", 0) < w["seal_start"],
              f"reveal through v1 exited {rc}: {result} {err}")
    e2e.log(f"revealed through v1 at height {result['height']}")
    reveal_fee = fee_of(devnet, result["hash"])

    wait_next_height(devnet, w["seal_start"])
    rc, result, err = cli_json(devnet, "auction", "reveal", "--rpc", devnet.rpc_url(2), "--key",
                               late_key, "--from", late)
    e2e.check(rc == 1 and result.get("accepted") is False and
              result.get("reason") == "auction_too_late",
              f"a reveal after the reveal phase: exit {rc}, {result} {err}")
    e2e.log("a late reveal is refused: auction_too_late")

    devnet.wait_height(range(devnet.nodes), w["close_height"], 60)
    faucet_key = bytes.fromhex(devnet.key("faucet")["public_key"])
    seals = [devnet.get_json(k, f"/rpc/auction/window/{window}")["seal"]
             for k in range(devnet.nodes)]
    e2e.check(all(s == seals[0] for s in seals), f"nodes disagree on the seal: {seals}")
    e2e.check(seals[0]["winners"] == [txid(faucet_key, on_time)], f"winners: {seals[0]}")
    # The winner ran (the CLI's default core: fee rate 1, no tip, so no auto-bid).
    e2e.check(seals[0]["skipped"] == [] and seals[0]["auto_bid"] == 0, f"seal: {seals[0]}")
    e2e.log(f"every node has the seal: mx_root {seals[0]['mx_root'][:16]}…, one winner, executed")
    devnet.check_agreement(range(devnet.nodes), w["close_height"])

    rc, result, err = cli_json(devnet, "auction", "verify", "--rpc", devnet.rpc_url(3),
                               "--window", str(window))
    e2e.check(rc == 0 and result.get("verified") is True and result.get("winners") == 1 and
              result.get("height") == w["seal_start"], f"verify exited {rc}: {result} {err}")
    e2e.log(f"the client verified the bundle of block {result['height']}: "
            f"{result['proof_bytes']} proof bytes")
    rc, _, err = cli_json(devnet, "auction", "verify", "--rpc", devnet.rpc_url(3), "--window",
                          str(window), "--mx-root", "00" * 32)
    e2e.check(rc == 1 and "does not verify" in err, f"verify against a wrong root: {rc} {err}")

    check_auction_metrics(devnet, window, args.work_dir)

    # The revealed commit's bond came back and its transfer ran, paying fee rate × gas; the
    # unrevealed one's bond was forfeited.
    spent_on_time = fee_of(devnet, commits[0]["hash"]) + reveal_fee + AMOUNT + 1 * GAS
    after = {name: balance(devnet, path) for name, path in bidders.items()}
    e2e.check(after["on_time"] == before["on_time"] - spent_on_time,
              f"on-time bidder: {before['on_time']} -> {after['on_time']}, fees {spent_on_time}")
    spent_late = fee_of(devnet, commits[1]["hash"]) + BOND
    e2e.check(after["late"] == before["late"] - spent_late,
              f"late bidder: {before['late']} -> {after['late']}, bond and fee {spent_late}")
    e2e.log("the revealed bond came back and its transfer ran; the unrevealed one was forfeited")


if __name__ == "__main__":
    e2e.run("e2e: the auction on a devnet", body)
