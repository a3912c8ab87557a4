"""Hostile input at a running validator's RPC and P2P ports: malformed JSON, an oversized body
(declared and streamed), unparseable HTTP, a transaction with a bad signature, wrong nonces, an
unknown route, garbage bytes on the P2P port and a TCP peer that never handshakes. Each gets a clear
rejection (a 4xx JSON error, a refusal with its reason, or a dropped connection) and the node keeps
running: it still answers getHead, still commits blocks, and its peers still count it.

The transport's own tamper, replay, wrong-chain and wrong-identity cases are unit tests in
tests/node (secure_channel_test.cpp, peer_manager_test.cpp) and are not repeated here."""

import os
import socket
import time

import e2e_support as e2e

TARGET = 1
MAX_BODY = 1 << 20


def parse_http(raw):
    """(status, headers dict, body bytes) of the first response in raw, or None."""
    head, separator, rest = raw.partition(b"\r\n\r\n")
    if not separator:
        return None
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", len(rest)))
    return status, headers, rest[:length]


def expect_error(response, status, code, what):
    e2e.check(response.status == status, f"{what}: expected HTTP {status}, got {response}")
    error = response.json().get("error", {})
    e2e.check(error.get("code") == code and error.get("message"),
              f"{what}: expected error code {code} with a message, got {response}")
    e2e.log(f"{what}: {status} {code} ({error['message']})")


def expect_raw_error(devnet, request, status, code, what):
    raw, closed = e2e.raw_exchange(devnet.rpc_port(TARGET), request)
    parsed = parse_http(raw)
    e2e.check(parsed is not None, f"{what}: no HTTP response (closed={closed}): {raw[:200]!r}")
    e2e.check(parsed[0] == status, f"{what}: expected HTTP {status}, got {raw[:300]!r}")
    if code:
        e2e.check(b'"' + code.encode() + b'"' in parsed[2], f"{what}: body {parsed[2][:300]!r}")
    e2e.check(closed, f"{what}: the connection stayed open")
    e2e.log(f"{what}: {status} {code or ''}, connection closed")


def rpc_cases(devnet):
    expect_error(devnet.post(TARGET, "/rpc/sendTx", b"{\"tx\": "), 400, "bad_json",
                 "malformed JSON")
    expect_error(devnet.post(TARGET, "/rpc/sendTx", {"tx": 42}), 400, "bad_field",
                 "tx of the wrong type")
    expect_error(devnet.post(TARGET, "/rpc/sendTx", {"tx": "zz"}), 400, "bad_hex", "tx not hex")
    expect_error(devnet.post(TARGET, "/rpc/sendTx", {"tx": "00" * 40}), 400, "bad_transaction",
                 "tx bytes that are no transaction")
    expect_error(devnet.get(TARGET, "/rpc/nope"), 404, "not_found", "unknown route")
    expect_error(devnet.get(TARGET, "/rpc/sendTx"), 405, "method_not_allowed", "GET on sendTx")
    expect_error(devnet.get(TARGET, "/rpc/getBalance/ait1notanaddress"), 400, "bad_address",
                 "bad address")
    expect_error(devnet.get(TARGET, "/rpc/getBlock/99999999"), 404, "not_found",
                 "block beyond the head")

    port = devnet.rpc_port(TARGET)
    expect_raw_error(devnet, b"POST /rpc/sendTx HTTP/1.1\r\nHost: x\r\nContent-Type: "
                     b"application/json\r\nContent-Length: " + str(MAX_BODY + 1).encode() +
                     b"\r\n\r\n", 413, "body_too_large", "declared oversized body")
    streamed_oversized_body(port)
    expect_raw_error(devnet, b"NOT HTTP AT ALL\r\n\r\n", 400, None, "unparseable HTTP")
    expect_raw_error(devnet, b"GET /rpc/getHead HTTP/1.1\r\nHost: x\r\nX-Big: " +
                     b"a" * (20 << 10) + b"\r\n\r\n", 431, "headers_too_large",
                     "oversized headers")


def streamed_oversized_body(port):
    """Chunked, so no declared length: the node must stop reading at its limit."""
    closed = False
    raw = bytearray()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"POST /rpc/sendTx HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n")
        chunk = b"10000\r\n" + b" " * 0x10000 + b"\r\n"
        try:
            for _ in range(2 * MAX_BODY // 0x10000):
                sock.sendall(chunk)
            sock.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            closed = True
        try:
            while True:
                data = sock.recv(65536)
                if not data:
                    closed = True
                    break
                raw += data
        except ConnectionResetError:
            closed = True
        except socket.timeout:
            pass
    parsed = parse_http(bytes(raw))
    if parsed is not None:
        e2e.check(parsed[0] == 413, f"streamed oversized body: {bytes(raw[:300])!r}")
    e2e.check(closed, "streamed oversized body: the connection stayed open")
    e2e.log(f"streamed oversized body: {parsed[0] if parsed else 'no response'}, "
            "connection closed")


def transaction_cases(devnet, work_dir):
    recipient_path = os.path.join(work_dir, "recipient.json")
    rc, _, err = devnet.cli("keygen", "--out", recipient_path)
    e2e.check(rc == 0, f"keygen exited {rc}: {err}")
    recipient = bytes.fromhex(e2e.read_key(recipient_path)["public_key"])
    faucet = devnet.key("faucet")
    nonce = devnet.balance(TARGET, faucet["address"])["nonce"] + 1
    payload = e2e.transfer_payload(recipient, 5)
    fee = devnet.min_fee(TARGET, len(payload))

    def refused(tx_hex, reason_part, what):
        response = devnet.post(TARGET, "/rpc/sendTx", {"tx": tx_hex})
        e2e.check(response.status in (422, 400), f"{what}: {response}")
        body = response.json()
        if response.status == 422:
            e2e.check(body["accepted"] is False and reason_part in body["reason"],
                      f"{what}: expected a refusal naming {reason_part}, got {body}")
            e2e.log(f"{what}: refused, {body['reason']}")
        else:
            e2e.log(f"{what}: 400 {body['error']}")

    good_hex, _ = e2e.encode_transaction(faucet, nonce, fee, payload)
    signature = bytearray(bytes.fromhex(good_hex)[-64:])
    signature[7] ^= 0x01
    bad_hex, _ = e2e.encode_transaction(faucet, nonce, fee, payload, signature=bytes(signature))
    refused(bad_hex, "signature", "bad signature")
    e2e.check(devnet.balance(TARGET, faucet["address"])["nonce"] == nonce - 1,
              "a badly signed transaction moved the nonce")

    low_hex, _ = e2e.encode_transaction(faucet, nonce - 1, fee, payload)
    refused(low_hex, "nonce", "nonce already used")
    far_hex, _ = e2e.encode_transaction(faucet, nonce + 1000, fee, payload)
    refused(far_hex, "nonce", "nonce far ahead")
    cheap_hex, _ = e2e.encode_transaction(faucet, nonce, 0, payload)
    refused(cheap_hex, "fee", "fee below the minimum")

    # The same sender's correctly signed transaction is still taken afterwards.
    response = devnet.post(TARGET, "/rpc/sendTx", {"tx": good_hex})
    e2e.check(response.status == 200 and response.json()["accepted"] is True,
              f"a good transaction after the bad ones: {response}")
    devnet.wait_committed(TARGET, response.json()["hash"], 30)


def p2p_cases(devnet):
    port = devnet.p2p_port(TARGET)
    before = devnet.metrics(TARGET)

    garbage = os.urandom(4096)
    _, closed = e2e.raw_exchange(port, garbage, timeout=8)
    e2e.check(closed, "garbage on the P2P port: the connection stayed open")
    e2e.log("garbage on the P2P port: connection dropped")

    # An oversized length prefix: refused before anything is buffered.
    _, closed = e2e.raw_exchange(port, b"\xff\xff\xff\xff" + b"\x00" * 64, timeout=8)
    e2e.check(closed, "oversized frame length on the P2P port: the connection stayed open")

    started = time.monotonic()
    _, closed = e2e.raw_exchange(port, b"", timeout=12)
    e2e.check(closed, "a silent TCP peer was not dropped within 12 s")
    e2e.log(f"silent TCP peer: dropped after {time.monotonic() - started:.1f}s")

    after = devnet.metrics(TARGET)

    for counter in ("p2p_handshake_failures_total", "p2p_handshake_timeouts_total"):
        e2e.check(after.get(counter, 0) > before.get(counter, 0),
                  f"{counter} did not grow: {before.get(counter)} -> {after.get(counter)}")
    e2e.check(after.get("p2p_peers", 0) == devnet.nodes - 1,
              f"v{TARGET} lost validator peers: p2p_peers = {after.get('p2p_peers')}")


def body(devnet, args):
    devnet.up()
    devnet.wait_height(range(devnet.nodes), 1, 30)
    rpc_cases(devnet)
    transaction_cases(devnet, args.work_dir)
    p2p_cases(devnet)

    height = devnet.head(TARGET)["height"]
    devnet.wait_height([TARGET], height + 2, 30)
    status = devnet.status()
    e2e.check("down" not in status, f"a node died:\n{status}")
    e2e.check(devnet.metrics(TARGET).get("rpc_responses_4xx_total", 0) >= 10,
              "rpc_responses_4xx_total does not count the rejections")
    e2e.log(f"v{TARGET} still commits (height {devnet.head(TARGET)['height']}) and all nodes run")


if __name__ == "__main__":
    e2e.run("e2e: bad RPC and P2P input is rejected and the node keeps running", body)
