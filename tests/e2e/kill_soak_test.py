"""SIGKILL soak: a 4-validator devnet under a steady load of signed transfers, and --kills times a
random validator is SIGKILLed at a random moment, left down for a random while and restarted
from its home. Afterwards, with no repair of any kind:
- every node holds the same block at every height;
- every transfer a node acknowledged (sendTx accepted) is committed, on every node, at the
  height first reported, exactly once. A client that sees no commit in time resends the same
  transaction, as a wallet would; the only refusals allowed are "full" and, for a transaction
  sent before, "duplicate" and "nonce_too_low";
- every node agrees on every sender's nonce and every recipient's balance, and the balances are
  the sums of the committed transfers;
- nothing suggests a double sign (no evidence committed, logged or counted).
The moments, victims and downtimes come from --seed, printed first, so a failure replays with the
same schedule (process timing still varies)."""

import os
import random
import threading
import time

import e2e_support as e2e

SENDERS = 12
RECIPIENTS = 4
GENESIS_BALANCE = 10**15
BLOCK_INTERVAL_MS = 500
# A kill comes this long (uniform, seconds) after the previous restart; the victim stays down for
# a time drawn from DOWNTIME. With one block every 0.5 s this hits every phase of a height.
GAP = (0.2, 2.5)
DOWNTIME = (0.0, 1.5)
RESEND_AFTER_S = 6.0
DRAIN_TIMEOUT_S = 120
# What a node may answer to a transaction it already has or has committed.
RESEND_REFUSALS = ("duplicate", "nonce_too_low")
# Backpressure, which a client meets by trying again later.
LOAD_REFUSALS = ("full",)


class Sender:
    def __init__(self, key):
        self.key = key
        self.nonce = 0  # of the last committed transfer
        self.pending = None  # the Transfer in flight


class Transfer:
    def __init__(self, sender, nonce, recipient, amount, tx_hex, tx_hash):
        self.sender = sender
        self.nonce = nonce
        self.recipient = recipient
        self.amount = amount
        self.tx_hex = tx_hex
        self.hash = tx_hash
        self.attempts = 0
        self.sent_at = None  # of the last send a node answered
        self.acked = False
        self.height = None


class Load:
    """One transfer in flight per sender, each to a random node; polls until a node reports the
    commit, resending the same transaction to another node when none does in time."""

    def __init__(self, devnet, senders, recipients, fee, rng):
        self.devnet = devnet
        self.senders = senders
        self.recipients = recipients
        self.fee = fee
        self.rng = rng
        self.acked = {}  # hash -> Transfer
        self.committed = []
        self.refusals = {}
        self.stopping = False
        self.error = None
        self.thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self.thread.start()

    def drain(self):
        """Stops starting transfers and waits until every one in flight is committed."""
        self.stopping = True
        self.thread.join(DRAIN_TIMEOUT_S)
        if self.error:
            raise self.error
        e2e.check(not self.thread.is_alive(),
                  f"transfers still uncommitted {DRAIN_TIMEOUT_S}s after the last kill: "
                  f"{[s.pending.hash for s in self.senders if s.pending]}")

    def _run(self):
        try:
            while not self.stopping or any(s.pending for s in self.senders):
                for sender in self.senders:
                    self._step(sender)
                time.sleep(0.02)
        except Exception as error:  # noqa: BLE001 - reported by drain() on the main thread
            self.error = error

    def _step(self, sender):
        if sender.pending is None:
            if self.stopping:
                return
            recipient = self.rng.choice(self.recipients)
            amount = self.rng.randint(1, 1000)
            payload = e2e.transfer_payload(bytes.fromhex(recipient["public_key"]), amount)
            tx_hex, tx_hash = e2e.encode_transaction(sender.key, sender.nonce + 1, self.fee,
                                                     payload)
            sender.pending = Transfer(sender, sender.nonce + 1, recipient["address"], amount,
                                      tx_hex, tx_hash)
        transfer = sender.pending
        if transfer.sent_at is None or time.monotonic() - transfer.sent_at > RESEND_AFTER_S:
            self._send(transfer)
        else:
            self._poll(sender, transfer)

    def _send(self, transfer):
        k = self.rng.randrange(self.devnet.nodes)
        sent_before = transfer.attempts > 0
        transfer.attempts += 1
        try:
            response = self.devnet.post(k, "/rpc/sendTx", {"tx": transfer.tx_hex})
        except OSError:
            return  # v{k} is down or was killed mid-request: the next step tries another node
        e2e.check(response.status in (200, 422), f"sendTx {transfer.hash} to v{k}: {response}")
        transfer.sent_at = time.monotonic()
        body = response.json()
        if body["accepted"]:
            transfer.acked = True
            self.acked[transfer.hash] = transfer
            return
        reason = body["reason"]
        self.refusals[reason] = self.refusals.get(reason, 0) + 1
        e2e.check(reason in LOAD_REFUSALS or (sent_before and reason in RESEND_REFUSALS),
                  f"v{k} refused {transfer.hash} (attempt {transfer.attempts}): {body}")

    def _poll(self, sender, transfer):
        k = self.rng.randrange(self.devnet.nodes)
        try:
            response = self.devnet.get(k, f"/rpc/getTx/{transfer.hash}")
        except OSError:
            return
        if response.status != 200 or response.json().get("status") != "committed":
            return
        transfer.height = response.json()["height"]
        self.committed.append(transfer)
        sender.nonce = transfer.nonce
        sender.pending = None


def kill_and_restart(devnet, rng, number, stats):
    time.sleep(rng.uniform(*GAP))
    victim = rng.randrange(devnet.nodes)
    downtime = rng.uniform(*DOWNTIME)
    height = devnet.try_height(victim)
    devnet.kill(victim)
    time.sleep(downtime)
    started = time.monotonic()
    devnet.restart(victim)  # fails the test unless the node answers getHead again
    stats.append(time.monotonic() - started)
    e2e.log(f"kill {number}: v{victim} at height {height}, down {downtime:.2f}s, "
            f"serving again {stats[-1]:.2f}s after restart")


def check_transfers(devnet, load, common):
    """Every acknowledged transfer is committed on every node at the height first seen, once."""
    lost = set(load.acked) - {t.hash for t in load.committed}
    e2e.check(not lost, f"acknowledged but never committed: {sorted(lost)}")
    in_blocks = {}
    for height in range(1, common + 1):
        for tx_id in devnet.block(0, height)["tx_ids"]:
            e2e.check(tx_id not in in_blocks,
                      f"{tx_id} committed twice: at {in_blocks.get(tx_id)} and {height}")
            in_blocks[tx_id] = height
    for transfer in load.committed:
        e2e.check(in_blocks.get(transfer.hash) == transfer.height,
                  f"{transfer.hash} reported at height {transfer.height}, "
                  f"in the blocks at {in_blocks.get(transfer.hash)}")
        for k in range(devnet.nodes):
            tx = devnet.get_json(k, f"/rpc/getTx/{transfer.hash}")
            e2e.check(tx["status"] == "committed" and tx["height"] == transfer.height,
                      f"v{k} getTx {transfer.hash}: {tx}, expected committed at {transfer.height}")


def check_accounts(devnet, load):
    expected = {}
    for transfer in load.committed:
        expected[transfer.recipient] = expected.get(transfer.recipient, 0) + transfer.amount
    for k in range(devnet.nodes):
        for sender in load.senders:
            got = devnet.balance(k, sender.key["address"])["nonce"]
            e2e.check(got == sender.nonce, f"v{k} nonce of {sender.key['address']}: {got}, "
                      f"{sender.nonce} transfers committed")
        for address in (recipient["address"] for recipient in load.recipients):
            got = devnet.balance(k, address)["balance"]
            e2e.check(got == expected.get(address, 0),
                      f"v{k} balance of {address}: {got}, expected {expected.get(address, 0)}")


def make_keys(devnet, work_dir, prefix, count):
    keys = []
    for i in range(count):
        path = os.path.join(work_dir, f"{prefix}{i}.json")
        rc, _, err = devnet.cli("keygen", "--out", path)
        e2e.check(rc == 0, f"keygen exited {rc}: {err}")
        keys.append((path, e2e.read_key(path)))
    return keys


def body(devnet, args):
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    e2e.log(f"seed {seed} ({args.kills} kills; replay with --seed {seed})")
    kill_rng, load_rng = random.Random(seed), random.Random(seed ^ 0x5EED)

    senders = make_keys(devnet, args.work_dir, "sender", SENDERS)
    recipients = [key for _, key in make_keys(devnet, args.work_dir, "recipient", RECIPIENTS)]
    funding = [arg for path, _ in senders for arg in ("--account", f"{path}={GENESIS_BALANCE}")]
    devnet.up("--block-interval-ms", str(BLOCK_INTERVAL_MS), *funding)
    devnet.wait_height(range(devnet.nodes), 2, 30)

    fee = devnet.min_fee(0, len(e2e.transfer_payload(bytes(32), 1)))
    load = Load(devnet, [Sender(key) for _, key in senders], recipients, fee, load_rng)
    load.start()
    started = time.monotonic()
    restarts = []
    for number in range(1, args.kills + 1):
        kill_and_restart(devnet, kill_rng, number, restarts)
        e2e.check(load.error is None, f"load failed: {load.error}")
    load.drain()
    e2e.log(f"{args.kills} kills in {time.monotonic() - started:.0f}s; "
            f"{len(load.committed)} transfers committed; refusals of resends: {load.refusals}; "
            f"slowest restart {max(restarts, default=0):.2f}s")

    top = max(devnet.head(k)["height"] for k in range(devnet.nodes))
    devnet.wait_height(range(devnet.nodes), top + 1, 60)
    common = min(devnet.head(k)["height"] for k in range(devnet.nodes))
    devnet.check_agreement(range(devnet.nodes), common)
    check_transfers(devnet, load, common)
    check_accounts(devnet, load)
    watched = devnet.check_no_equivocation(common)
    e2e.log(f"all nodes agree on every block up to height {common}, on every committed transfer "
            f"and on every balance; no evidence (counters: {', '.join(watched) or 'none'})")


def add_arguments(parser):
    parser.add_argument("--kills", type=int, required=True, help="how many SIGKILLs")
    parser.add_argument("--seed", type=int, help="the schedule's seed (default: a random one)")


if __name__ == "__main__":
    e2e.run("e2e: SIGKILL soak of a loaded 4-validator devnet", body, add_arguments)
