"""What the end-to-end tests share: a devnet driven through scripts/devnet.sh, RPC calls, and
transactions built and signed here (Ed25519 per RFC 8032 over the canonical encoding of
core/ledger/transaction.h), so a test can send what the metanode CLI never would.

Every test runs in its own scratch directory and port range. It is torn down on success, on
failure, on an exception and on SIGTERM; a devnet left behind by a killed earlier run in the same
scratch directory is stopped before the next run starts. Python 3 standard library only.
"""

import argparse
import hashlib
import http.client
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time
import traceback

NODES = 4
TX_EVIDENCE = "evidence"  # getTx names the type
# What a log record or a metric name mentions when a node saw or reported a double sign.
EQUIVOCATION_WORDS = ("evidence", "equivocat", "double_sign", "double sign")


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


class TestFailure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise TestFailure(message)


def wait_for(what, predicate, timeout, interval=0.2):
    """Polls predicate() until it returns a truthy value, which is returned."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise TestFailure(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(interval)


# --- RPC ------------------------------------------------------------------------------------------


class Response:
    def __init__(self, status, body):
        self.status = status
        self.body = body

    def json(self):
        return json.loads(self.body)

    def __repr__(self):
        return f"HTTP {self.status} {self.body[:300]!r}"


def http_request(port, method, path, body=None, headers=None, timeout=5.0):
    """One request on a fresh connection; raises OSError if the node does not answer."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        all_headers = {"Content-Type": "application/json"} if body is not None else {}
        all_headers.update(headers or {})
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        return Response(response.status, response.read())
    finally:
        connection.close()


# --- transactions ---------------------------------------------------------------------------------

_P = 2**255 - 19
_Q = 2**252 + 27742317777372353535851937790883648493
_D = -121665 * pow(121666, _P - 2, _P) % _P
_SQRT_M1 = pow(2, (_P - 1) // 4, _P)


def _point_add(a, b):
    x1, y1, z1, t1 = a
    x2, y2, z2, t2 = b
    aa = (y1 - x1) * (y2 - x2) % _P
    bb = (y1 + x1) * (y2 + x2) % _P
    cc = 2 * t1 * t2 * _D % _P
    dd = 2 * z1 * z2 % _P
    e, f, g, h = bb - aa, dd - cc, dd + cc, bb + aa
    return (e * f % _P, g * h % _P, f * g % _P, e * h % _P)


def _point_mul(scalar, point):
    result = (0, 1, 1, 0)
    while scalar > 0:
        if scalar & 1:
            result = _point_add(result, point)
        point = _point_add(point, point)
        scalar >>= 1
    return result


def _recover_x(y, sign):
    x2 = (y * y - 1) * pow(_D * y * y + 1, _P - 2, _P)
    x = pow(x2, (_P + 3) // 8, _P)
    if (x * x - x2) % _P != 0:
        x = x * _SQRT_M1 % _P
    if (x & 1) != sign:
        x = _P - x
    return x


_GY = 4 * pow(5, _P - 2, _P) % _P
_GX = _recover_x(_GY, 0)
_G = (_GX, _GY, 1, _GX * _GY % _P)


def _compress(point):
    x, y, z, _ = point
    zinv = pow(z, _P - 2, _P)
    x, y = x * zinv % _P, y * zinv % _P
    return int.to_bytes(y | ((x & 1) << 255), 32, "little")


def _sha512_int(data):
    return int.from_bytes(hashlib.sha512(data).digest(), "little")


def ed25519_sign(seed, message):
    """RFC 8032 Ed25519 signature of message under the 32-byte seed."""
    digest = hashlib.sha512(seed).digest()
    a = int.from_bytes(digest[:32], "little")
    a &= (1 << 254) - 8
    a |= 1 << 254
    public = _compress(_point_mul(a, _G))
    r = _sha512_int(digest[32:] + message) % _Q
    r_point = _compress(_point_mul(r, _G))
    k = _sha512_int(r_point + public + message) % _Q
    return r_point + int.to_bytes((r + k * a) % _Q, 32, "little")


def blake2b_256(data):
    return hashlib.blake2b(data, digest_size=32).digest()


def _varint(value):
    out = bytearray()
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


_TX_SIGNING_TAG, _TX_TAG, _TRANSFER_TAG = 0x0D01, 0x0D02, 0x0D03
TX_TRANSFER = 1


def _header(tag):
    return struct.pack("<HB", tag, 1)


def address_bytes(public_key):
    return hashlib.sha256(public_key).digest()[:20]


def transfer_payload(recipient_public_key, amount):
    return _header(_TRANSFER_TAG) + address_bytes(recipient_public_key) + struct.pack("<Q", amount)


def encode_transaction(sender_key, nonce, fee, payload, signature=None, tx_type=TX_TRANSFER):
    """(hex of the canonical encoding, hash hex); signed with sender_key unless signature given."""
    public = bytes.fromhex(sender_key["public_key"])
    fields = struct.pack("<B", tx_type) + public + struct.pack("<QQ", nonce, fee)
    fields += _varint(len(payload)) + payload
    if signature is None:
        digest = blake2b_256(_header(_TX_SIGNING_TAG) + fields)
        signature = ed25519_sign(bytes.fromhex(sender_key["secret_key"]), digest)
    encoded = _header(_TX_TAG) + fields + signature
    return encoded.hex(), blake2b_256(encoded).hex()


def read_key(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


# --- validator set --------------------------------------------------------------------------------


def proposer(validators, height, round_number):
    """Index (into `validators`, a list of (public key bytes, stake)) of the proposer of
    (height, round): the stake-weighted draw of core/consensus/validator_set.cpp."""
    ordered = sorted(validators)
    encoded = bytearray(_header(0x0C01)) + _varint(len(ordered))
    for key, stake in ordered:
        encoded += key + struct.pack("<Q", stake)
    draw = blake2b_256(blake2b_256(bytes(encoded)) + struct.pack("<QI", height, round_number))
    point = int.from_bytes(draw[:8], "little") % sum(stake for _, stake in ordered)
    for key, stake in ordered:
        if point < stake:
            return validators.index((key, stake))
        point -= stake
    return validators.index(ordered[-1])


# --- devnet ---------------------------------------------------------------------------------------


class Devnet:
    def __init__(self, script, binary, directory, base_port, nodes=NODES):
        self.script = script
        self.binary = binary
        self.dir = directory
        self.base_port = base_port
        self.nodes = nodes

    def run_script(self, *args, check_rc=True):
        env = dict(os.environ, METANODE_BIN=self.binary)
        result = subprocess.run([self.script, *args, "--dir", self.dir], env=env,
                                capture_output=True, text=True, timeout=120)
        if check_rc and result.returncode != 0:
            raise TestFailure(f"devnet.sh {' '.join(args)} exited {result.returncode}:\n"
                              f"{result.stdout}{result.stderr}")
        return result

    def up(self, *extra):
        return self.run_script("up", str(self.nodes), "--base-port", str(self.base_port),
                               "--bin", self.binary, *extra).stdout

    def kill(self, k):
        self.run_script("kill", f"v{k}")

    def restart(self, k):
        self.run_script("restart", f"v{k}")

    def down(self):
        if os.path.exists(os.path.join(self.dir, "devnet.conf")):
            self.run_script("down", check_rc=False)

    def status(self):
        return self.run_script("status").stdout

    def rpc_port(self, k):
        return self.base_port + 2 * k + 1

    def p2p_port(self, k):
        return self.base_port + 2 * k

    def rpc_url(self, k):
        return f"http://127.0.0.1:{self.rpc_port(k)}"

    def key(self, name):
        return read_key(os.path.join(self.dir, "keys", f"{name}.json"))

    def key_path(self, name):
        return os.path.join(self.dir, "keys", f"{name}.json")

    def log_path(self, k):
        return os.path.join(self.dir, f"v{k}", "node.log")

    def log_records(self, k):
        """The JSON lines of node k's log (a line that does not parse is a test failure)."""
        records = []
        with open(self.log_path(k), encoding="utf-8", errors="replace") as f:
            for number, line in enumerate(f, 1):
                line = line.strip()
                if not line:
                    continue
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError:
                    raise TestFailure(f"{self.log_path(k)}:{number} is not JSON: {line[:200]}")
        return records

    def validators(self):
        """[(public key bytes, stake)] in genesis order."""
        with open(os.path.join(self.dir, "genesis.json"), encoding="utf-8") as f:
            genesis = json.load(f)
        return [(bytes.fromhex(v["public_key"]), v["stake"]) for v in genesis["validators"]]

    def node_index_of(self, public_key):
        for k in range(self.nodes):
            if bytes.fromhex(self.key(f"v{k}")["public_key"]) == public_key:
                return k
        raise TestFailure(f"no devnet node has key {public_key.hex()}")

    # RPC ---------------------------------------------------------------------------------------

    def get(self, k, path):
        return http_request(self.rpc_port(k), "GET", path)

    def post(self, k, path, body):
        if not isinstance(body, (bytes, str)):
            body = json.dumps(body)
        return http_request(self.rpc_port(k), "POST", path, body=body)

    def get_json(self, k, path):
        response = self.get(k, path)
        check(response.status == 200, f"v{k} GET {path}: {response}")
        return response.json()

    def head(self, k):
        return self.get_json(k, "/rpc/getHead")

    def try_height(self, k):
        try:
            return self.head(k)["height"]
        except (OSError, TestFailure, ValueError, KeyError):
            return None

    def balance(self, k, address):
        return self.get_json(k, f"/rpc/getBalance/{address}")

    def block(self, k, height):
        return self.get_json(k, f"/rpc/getBlock/{height}")

    def min_fee(self, k, payload_bytes):
        response = self.post(k, "/rpc/estimateFee", {"payload_bytes": payload_bytes})
        check(response.status == 200, f"estimateFee: {response}")
        return int(response.json()["min_fee"])

    def wait_height(self, nodes, height, timeout):
        def reached():
            heights = [self.try_height(k) for k in nodes]
            return all(h is not None and h >= height for h in heights)
        wait_for(f"nodes {list(nodes)} to reach height {height}", reached, timeout)

    def wait_committed(self, k, tx_hash, timeout):
        def committed():
            response = self.get(k, f"/rpc/getTx/{tx_hash}")
            if response.status == 200 and response.json().get("status") == "committed":
                return response.json()
            return None
        return wait_for(f"tx {tx_hash} committed on v{k}", committed, timeout)

    def metrics(self, k):
        response = self.get(k, "/metrics")
        check(response.status == 200, f"/metrics: {response}")
        values = {}
        for line in response.body.decode().splitlines():
            if line and not line.startswith("#"):
                name, _, value = line.partition(" ")
                values[name] = float(value)
        return values

    def check_metrics_page(self, k, work_dir):
        """v`k`'s /metrics passes promtool's lint: help text on every metric, names and units as
        it wants."""
        response = self.get(k, "/metrics")
        check(response.status == 200, f"GET /metrics: {response}")
        page = os.path.join(work_dir, f"metrics_v{k}.txt")
        with open(page, "wb") as f:
            f.write(response.body)
        with open(page, "rb") as f:
            result = subprocess.run(["promtool", "check", "metrics"], stdin=f,
                                    capture_output=True, text=True, check=False)
        check(result.returncode == 0,
              f"promtool check metrics: {result.stdout}{result.stderr} (page in {page})")
        log(f"v{k}'s /metrics passes promtool check metrics")

    # whole-chain checks --------------------------------------------------------------------------

    def check_agreement(self, nodes, up_to):
        """Every node in `nodes` has the same block hash at every height 1..up_to."""
        for height in range(1, up_to + 1):
            hashes = {k: self.block(k, height)["hash"] for k in nodes}
            check(len(set(hashes.values())) == 1,
                  f"nodes disagree at height {height}: {hashes}")

    def check_no_equivocation(self, up_to):
        """Nothing suggests a double sign: no EVIDENCE transaction in blocks 1..up_to (read from
        v0; the callers have checked that every node holds the same blocks), no node logged
        equivocation evidence and every evidence counter a node exports is zero. Returns the
        names of the counters watched."""
        for height in range(1, up_to + 1):
            for tx_id in self.block(0, height)["tx_ids"]:
                tx = self.get_json(0, f"/rpc/getTx/{tx_id}")
                check(tx.get("type") != TX_EVIDENCE, f"evidence committed at height {height}: {tx}")
        watched = set()
        for k in range(self.nodes):
            for record in self.log_records(k):
                text = json.dumps(record).lower()
                check(not any(word in text for word in EQUIVOCATION_WORDS), f"v{k} logged {record}")
            for name, value in self.metrics(k).items():
                if any(word in name for word in EQUIVOCATION_WORDS):
                    watched.add(name)
                    check(value == 0, f"v{k} metric {name} = {value}")
        return sorted(watched)

    def cli(self, *args):
        result = subprocess.run([self.binary, *args], capture_output=True, text=True, timeout=60)
        return result.returncode, result.stdout, result.stderr


def standard_arguments(description, add_arguments=None):
    """The arguments every test takes, plus those add_arguments(parser) declares."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--bin", required=True, help="the metanode binary")
    parser.add_argument("--devnet", required=True, help="scripts/devnet.sh")
    parser.add_argument("--work-dir", required=True, help="scratch directory (emptied first)")
    parser.add_argument("--base-port", type=int, required=True)
    if add_arguments:
        add_arguments(parser)
    return parser.parse_args()


def _stop_stale(work_dir, script, binary):
    devnet_dir = os.path.join(work_dir, "devnet")
    if os.path.exists(os.path.join(devnet_dir, "devnet.conf")):
        subprocess.run([script, "down", "--dir", devnet_dir], capture_output=True,
                       env=dict(os.environ, METANODE_BIN=binary), timeout=120, check=False)


def run(description, body, add_arguments=None):
    """Runs body(devnet, args) against a fresh devnet directory, then tears everything down.
    Exits 0 on success, 1 on failure (printing the reason and each node's log tail).
    add_arguments(parser), if given, declares the test's own command-line arguments."""
    args = standard_arguments(description, add_arguments)
    work_dir = os.path.abspath(args.work_dir)
    _stop_stale(work_dir, args.devnet, args.bin)
    shutil.rmtree(work_dir, ignore_errors=True)
    os.makedirs(work_dir)
    devnet = Devnet(os.path.abspath(args.devnet), os.path.abspath(args.bin),
                    os.path.join(work_dir, "devnet"), args.base_port)

    def on_term(signum, _frame):
        raise SystemExit(f"terminated by signal {signum}")
    signal.signal(signal.SIGTERM, on_term)

    ok = False
    started = time.monotonic()
    try:
        body(devnet, args)
        ok = True
    except TestFailure as failure:
        log(f"FAIL: {failure}")
    except (Exception, SystemExit, KeyboardInterrupt):  # noqa: BLE001 - all end the same way
        log("FAIL: unexpected error or signal")
        traceback.print_exc()
    finally:
        # A second signal must not cut the teardown short and leave nodes running.
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        devnet.down()
        if not ok:
            for k in range(devnet.nodes):
                path = devnet.log_path(k)
                if os.path.exists(path):
                    with open(path, encoding="utf-8", errors="replace") as f:
                        tail = f.readlines()[-15:]
                    print(f"--- last lines of {path}", flush=True)
                    sys.stdout.writelines(tail)
    if ok:
        shutil.rmtree(work_dir, ignore_errors=True)
        log(f"PASS ({time.monotonic() - started:.1f}s)")
        sys.exit(0)
    log(f"work directory kept for inspection: {work_dir}")
    sys.exit(1)


def raw_exchange(port, data, timeout=5.0):
    """Sends raw bytes, then reads until the peer closes or `timeout` passes; returns
    (bytes read, True if the peer closed the connection)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        if data:
            sock.sendall(data)
        received = bytearray()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            sock.settimeout(max(0.05, deadline - time.monotonic()))
            try:
                chunk = sock.recv(65536)
            except socket.timeout:
                return bytes(received), False
            except ConnectionResetError:
                return bytes(received), True
            if not chunk:
                return bytes(received), True
            received += chunk
        return bytes(received), False
